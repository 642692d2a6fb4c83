/**
 * Offline structural checks of manifest.xml (office-addin-manifest validate needs a web service that
 * these machines cannot reach): schema order, resources, https URLs, namespace, metadata URL, icons.
 */
import fs from "fs";
import path from "path";
import { DOMParser, type Element as XElement } from "@xmldom/xmldom";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest } = require("../../webpack.config.js");

const ROOT = path.join(__dirname, "..", "..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "text/xml");
const root = doc.documentElement as unknown as XElement;

const children = (e: XElement): XElement[] => Array.from(e.childNodes as unknown as ArrayLike<XElement>).filter((n) => n.nodeType === 1);
const all = (name: string): XElement[] => Array.from(doc.getElementsByTagName(name) as unknown as ArrayLike<XElement>);
const child = (e: XElement, name: string): XElement | undefined => children(e).find((c) => c.localName === name);

test("OfficeApp is a TaskPaneApp whose elements follow the schema's order", () => {
  expect(root.localName).toBe("OfficeApp");
  expect(root.getAttribute("xsi:type")).toBe("TaskPaneApp");
  const order = ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
    "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
  const names = children(root).map((c) => c.localName ?? "");
  const positions = names.map((n) => order.indexOf(n));
  expect(positions).not.toContain(-1);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "Hosts", "DefaultSettings", "Permissions"]) {
    expect(names).toContain(required);
  }
  expect(child(root, "Id")!.textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(child(root, "Version")!.textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
});

test("Workbook host, ReadWriteDocument, shared runtime with a long lifetime", () => {
  expect(all("Host").some((h) => h.getAttribute("Name") === "Workbook")).toBe(true);
  expect(child(root, "Permissions")!.textContent).toBe("ReadWriteDocument");
  expect(all("Set").some((s) => s.getAttribute("Name") === "SharedRuntime" && s.getAttribute("MinVersion") === "1.1")).toBe(true);
  const runtime = all("Runtime");
  expect(runtime).toHaveLength(1);
  expect(runtime[0].getAttribute("lifetime")).toBe("long");
});

test("every resid resolves to a defined resource, and resource ids are unique", () => {
  const defined = [...all("bt:Image"), ...all("bt:Url"), ...all("bt:String")]
    .filter((e) => e.getAttribute("id"))
    .map((e) => e.getAttribute("id"));
  expect(new Set(defined).size).toBe(defined.length);
  const used = all("*").map((e) => e.getAttribute("resid")).filter((r): r is string => !!r);
  expect(used.length).toBeGreaterThan(10);
  for (const r of used) expect({ resid: r, defined: defined.includes(r) }).toEqual({ resid: r, defined: true });
});

test("every URL is https", () => {
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:[^"]*)"/g), ...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
});

test("the CustomFunctions extension point has the MARGIN namespace and the generated functions.json", () => {
  const ext = all("ExtensionPoint").find((e) => e.getAttribute("xsi:type") === "CustomFunctions")!;
  expect(ext).toBeDefined();
  const resid = (name: string) => child(ext, name)!.getAttribute("resid") ?? child(child(ext, name)!, "SourceLocation")!.getAttribute("resid");
  const value = (id: string | null) => [...all("bt:Url"), ...all("bt:String")].find((e) => e.getAttribute("id") === id)!.getAttribute("DefaultValue");
  expect(value(resid("Namespace"))).toBe("MARGIN");
  expect(value(resid("Metadata"))).toMatch(/\/functions\.json$/);
  expect(value(resid("Script"))).toMatch(/\/functions\.js$/);
  expect(value(resid("Page"))).toMatch(/\/taskpane\.html$/);
});

test("a ribbon button opens the pane, with 16/32/80 px icons; icon files exist at 16/32/64/80 px", () => {
  const button = all("Control").find((c) => c.getAttribute("xsi:type") === "Button")!;
  expect(button).toBeDefined();
  expect(child(button, "Action")!.getAttribute("xsi:type")).toBe("ShowTaskpane");
  expect(all("bt:Image").map((i) => i.getAttribute("id"))).toEqual(expect.arrayContaining(["Icon.16x16", "Icon.32x32", "Icon.64x64", "Icon.80x80"]));
  for (const size of [16, 32, 64, 80]) {
    const png = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
    expect(png.readUInt32BE(16)).toBe(size); // IHDR width
    expect(png.readUInt32BE(20)).toBe(size); // IHDR height
  }
});

test("the production build rewrites every localhost URL to the configured base URL", () => {
  const out: string = rewriteManifest(xml, "https://addin.example.com/margin-desk/");
  expect(out).not.toMatch(/localhost/);
  expect(out).toContain('DefaultValue="https://addin.example.com/margin-desk/functions.json"');
  expect(out).toContain("<AppDomain>https://addin.example.com</AppDomain>");
});
