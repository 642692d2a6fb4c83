/**
 * The workbook preview page: a HyperFormula workbook with every MARGIN function, the Excel API shim
 * installed as the `Excel` global, the example workbook, the grid view, and the real task pane beside
 * it. Query parameters: `workbook=blank` starts empty (one sheet); `pane=320` sets the pane width.
 *
 * `window.marginPreview` exposes the workbook to the browser tests (read-only views plus a failure hook).
 */
import { Workbook, colIndex, parseRect, splitAddress } from "./workbook";
import { type Hooks, createExcel } from "./excelShim";
import { mountWorkbookView } from "./render";
import { buildExample } from "./example";
import { PREVIEW_CSS } from "./styles";
import { mountPane } from "../taskpane/app";
import { REQUIRED_EXCEL_API } from "../taskpane/requirements";
import { formatValue } from "./render";

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

/** "1.10" > "1.8": requirement-set versions compare part by part. */
function versionAtMost(v: string, max: string): boolean {
  const a = v.split(".").map(Number);
  const b = max.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return true;
}

/**
 * Office.context.requirements as the pane asks it. The preview claims the ExcelApi version the pane
 * needs (its shim implements what the pane calls); `?excelapi=1.7` plays an older Excel.
 */
function installRequirements(excelApi: string): void {
  const g = globalThis as unknown as { Office?: unknown };
  if (g.Office !== undefined) return;
  g.Office = {
    context: {
      requirements: { isSetSupported: (name: string, version = "1.1") => name === "ExcelApi" && versionAtMost(version, excelApi) },
    },
  };
}

function testApi(wb: Workbook, hooks: Hooks) {
  const at = (sheetName: string, a1: string) => {
    const s = wb.requireSheet(sheetName);
    const m = /^([A-Z]+)(\d+)$/.exec(a1.toUpperCase());
    if (!m) throw new Error(`bad cell ${a1}`);
    return { s, row: Number(m[2]) - 1, col: colIndex(m[1]) };
  };
  const rectOf = (r: { row: number; col: number; rows: number; cols: number }) => ({ ...r });
  return {
    functionIds: () => [...wb.plugin.ids],
    sheets: () => wb.sheets.map((s) => s.name),
    activeSheet: () => wb.activeSheet,
    cell(sheetName: string, a1: string) {
      const { s, row, col } = at(sheetName, a1);
      const f = wb.format(s, row, col);
      const value = wb.value(s, row, col);
      return { value, formula: wb.formula(s, row, col), format: { ...f }, text: formatValue(value, f.numberFormat).text, error: wb.errorMessage(s, row, col) };
    },
    values(sheetName: string, address: string) {
      const s = wb.requireSheet(sheetName);
      const r = parseRect(address);
      return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => wb.value(s, r.row + i, r.col + j)));
    },
    setCell(sheetName: string, a1: string, content: string | number | null) {
      const { s, row, col } = at(sheetName, a1);
      wb.setContents(s, row, col, [[content]]);
      wb.changed();
    },
    tables: () => wb.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, rect: rectOf(t.rect), headers: wb.tableHeaders(t) })),
    names: () => wb.listNames().map((n) => ({ ...n })),
    validations: (sheetName: string) => wb.requireSheet(sheetName).validations.map((v) => JSON.parse(JSON.stringify(v))),
    conditionalFormats: (sheetName: string) => wb.requireSheet(sheetName).conditionalFormats.map((c) => JSON.parse(JSON.stringify(c))),
    charts: (sheetName: string) =>
      wb.requireSheet(sheetName).charts.map((c) => ({
        name: c.name,
        type: c.type,
        title: c.title,
        categoryTitle: c.categoryTitle,
        valueTitle: c.valueTitle,
        legend: c.legend,
        position: c.position,
        series: c.series.map((x) => ({
          name: x.name,
          values: rectOf(x.values.rect),
          x: x.x ? rectOf(x.x.rect) : undefined,
        })),
      })),
    /** The next write batch fails after `n` write commands (to test that the pane leaves the sheet as it was). */
    failAfterWrites(n: number) {
      hooks.failAfterWrites = n;
    },
    /** The next chart infers `n` series from its source (as Excel may from a grid still calculating). */
    chartSeries(n: number) {
      hooks.chartSeries = n;
    },
    split: splitAddress,
  };
}

async function start(): Promise<void> {
  const css = new CSSStyleSheet();
  css.replaceSync(PREVIEW_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];
  const params = new URLSearchParams(location.search);
  const width = Math.min(500, Math.max(300, Number(params.get("pane") ?? 360) || 360));
  byId("pane").style.width = `${width}px`;

  const wb = new Workbook();
  const hooks: Hooks = {};
  (globalThis as unknown as { Excel: unknown }).Excel = createExcel(wb, hooks);
  const view = mountWorkbookView(wb, {
    tabs: byId("tabs"),
    grid: byId("grid"),
    charts: byId("charts"),
    cellName: byId("cell-name"),
    formula: byId<HTMLInputElement>("formula-input"),
  });
  if (params.get("workbook") === "blank") wb.addSheet("Sheet1");
  else await buildExample();
  view.render();
  (globalThis as unknown as { marginPreview: unknown }).marginPreview = testApi(wb, hooks);
  installRequirements(params.get("excelapi") ?? REQUIRED_EXCEL_API);
  mountPane(byId("app"));
  document.body.setAttribute("data-preview-ready", "true");
}

start().catch((e) => {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = `The preview could not start: ${e instanceof Error ? e.message : String(e)}`;
  document.body.prepend(p);
});
