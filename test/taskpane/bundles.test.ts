/**
 * HyperFormula is GPL-3.0 and a development dependency: it may be bundled into the workbook preview
 * (preview-dist/) only, never into the add-in (dist/functions.js, dist/taskpane.js) or the Node library
 * (dist/node). Runs on the builds `npm test` makes before jest.
 */
import fs from "fs";
import path from "path";

const root = path.resolve(__dirname, "../..");
const dist = process.env.MARGIN_DESK_DIST ?? path.join(root, "dist");

/** Strings found in HyperFormula's code and nowhere else in this project's shipped code. */
const MARKERS = ["ArraySizePredictor", "registerFunctionPlugin", "licenseKeyValidityState", "Handsoncode"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(js|cjs|mjs)$/.test(e.name) ? [p] : [];
  });
}

function need(p: string): string {
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run npm run build and npm run build:preview first (npm test does)`);
  return p;
}

test("the preview bundle holds HyperFormula (so the markers below are the right ones)", () => {
  const code = fs.readFileSync(need(path.join(root, "preview-dist", "preview.js")), "utf8");
  for (const m of MARKERS) expect({ marker: m, found: code.includes(m) }).toEqual({ marker: m, found: true });
});

test("the add-in bundles and the Node library hold no HyperFormula code", () => {
  const shipped = [need(path.join(dist, "functions.js")), need(path.join(dist, "taskpane.js")), ...files(need(path.join(dist, "node")))];
  expect(shipped.length).toBeGreaterThan(2);
  for (const f of shipped) {
    const code = fs.readFileSync(f, "utf8");
    const imports = /require\(["']hyperformula["']\)|from ["']hyperformula["']|node_modules[\\/]hyperformula/.test(code);
    const found = MARKERS.filter((m) => code.includes(m)).concat(imports ? ["an import of hyperformula"] : []);
    expect({ file: path.relative(root, f), found }).toEqual({ file: path.relative(root, f), found: [] });
  }
});
