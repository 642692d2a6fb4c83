/**
 * Browser-test harness: Debian's Chromium (/usr/bin/chromium, never a browser download) driven by
 * playwright-core, the built preview (preview-dist/) served by a loopback static server, and helpers
 * that act as a user on the pane (Fluent components: the inner inputs are in open shadow roots, which
 * Playwright's CSS selectors pierce).
 */
import fs from "fs";
import path from "path";
import { type Browser, type Page, chromium } from "playwright-core";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveStatic } = require("../../preview/server.js") as {
  serveStatic(root: string, port?: number): Promise<{ url: string; close(): Promise<void> }>;
};

export const ROOT = path.resolve(__dirname, "../..");
export const PREVIEW = path.join(ROOT, "preview-dist");
export const ARTIFACTS = path.join(ROOT, "test-artifacts", "browser");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Harness {
  browser: Browser;
  url: string;
  /** Requests to anything but the preview server, and console errors, seen by any page. */
  external: string[];
  consoleErrors: string[];
  open(query?: string, width?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(PREVIEW, "index.html")) || !fs.existsSync(path.join(PREVIEW, "preview.js"))) {
    throw new Error("preview-dist/ is missing: run `npm run build:preview` (npm test does) before the browser tests");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serveStatic(PREVIEW);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const external: string[] = [];
  const consoleErrors: string[] = [];
  return {
    browser,
    url: server.url,
    external,
    consoleErrors,
    async open(query = "", width = 1400) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(10_000);
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) external.push(r.url());
      });
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
      await page.goto(`${server.url}index.html${query}`);
      await page.waitForSelector("body[data-preview-ready]", { timeout: 20000 });
      await page.waitForSelector("#app[data-ready]", { timeout: 20000 });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * One harness per test file: started before the file's tests, every page a test opened closed after
 * it, browser and server stopped at the end. The returned harness is usable inside tests.
 */
export function useHarness(): Harness {
  let started: Harness | undefined;
  const pages: Page[] = [];
  const need = (): Harness => {
    if (!started) throw new Error("the browser harness is not started (use it inside a test)");
    return started;
  };
  beforeAll(async () => {
    started = await startHarness();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get browser() {
      return need().browser;
    },
    get url() {
      return need().url;
    },
    get external() {
      return need().external;
    },
    get consoleErrors() {
      return need().consoleErrors;
    },
    async open(query?: string, width?: number) {
      const page = await need().open(query, width);
      pages.push(page);
      return page;
    },
    close: () => need().close(),
  };
}

// ---- acting as a user ----------------------------------------------------------------------

/** Types into a Fluent text field (its inner input). */
export async function type(page: Page, id: string, text: string): Promise<void> {
  await page.fill(`#${id} input`, text);
}

/** Picks an option of a Fluent select by clicking it open and clicking the option. */
export async function choose(page: Page, id: string, value: string): Promise<void> {
  await page.click(`#${id}`);
  await page.click(`#${id} fluent-option[value="${value}"]`);
  await page.waitForFunction(([i, v]) => (document.getElementById(i) as unknown as { value: string }).value === v, [id, value]);
}

/** Opens a pane section (accordion item) if it is closed. */
export async function openSection(page: Page, id: string): Promise<void> {
  const expanded = await page.getAttribute(`#${id}`, "expanded");
  if (expanded === null) await page.click(`#${id} button[part="button"]`);
  await page.waitForSelector(`#${id}[expanded]`);
}

/** Waits for the section's outcome message (not "Working…") and returns its class and text. */
export async function outcome(page: Page, section: string): Promise<{ kind: string; text: string }> {
  const sel = `#${section}-message p`;
  await page.waitForFunction((s) => {
    const p = document.querySelector(s);
    return p !== null && p.textContent !== "Working…";
  }, sel);
  return page.$eval(sel, (p) => ({ kind: p.className, text: p.textContent ?? "" }));
}

/** Pastes rows into the import box and clicks Import; returns the section's outcome message. */
export async function paste(page: Page, text: string): Promise<{ kind: string; text: string }> {
  await page.fill("#paste-rows textarea", text);
  await page.click("#import-rows");
  return outcome(page, "sec-import");
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The preview's test API (window.marginPreview), called in the page. */
export function wb<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([f, a]) => {
      const api = (window as unknown as { marginPreview: Record<string, (...x: unknown[]) => unknown> }).marginPreview;
      return api[f as string](...(a as unknown[])) as never;
    },
    [fn, args] as const,
  ) as Promise<T>;
}

export interface CellInfo {
  value: string | number | boolean;
  formula: string | number | boolean;
  format: { numberFormat?: string; bold?: boolean; fill?: string };
  text: string;
  error?: string;
}

export const cell = (page: Page, sheet: string, a1: string) => wb<CellInfo>(page, "cell", sheet, a1);
