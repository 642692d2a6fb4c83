/**
 * The Excel glue: each pane action is one Excel.run. It reads what it needs and checks every cell it
 * is about to write; if any is not empty it asks (naming the ranges and what overwriting does) and
 * writes nothing unless the user agrees; then it queues every write and syncs once (the scenario chart's
 * series once more). If a write sync fails, what Excel applied before the failure is undone (sheets it
 * created deleted, target cells restored, names given back their old reference, tables it added
 * removed), so the workbook is left as it was.
 *
 * Every Excel member used here is in ExcelApi 1.8 or earlier (requirements.ts checks the host at run
 * time; test/taskpane/requirements.test.ts checks this file against the Office.js declarations).
 *
 * This file talks only to the `Excel` global (Office.js in Excel, the HyperFormula shim in the preview).
 */
import { normaliseName } from "../src/instruments/table";
import { POSITION_COLUMNS } from "../src/instruments/positions";
import { namedArguments, parameterSheetLayout } from "../src/parameterSheet";
import {
  type Block,
  type CellValue,
  InputProblem,
  type MarginBasis,
  MONEY_FORMAT,
  POSITION_FORMATS,
  POSITION_HEADERS,
  POSITION_LISTS,
  POSITIONS_SHEET,
  POSITIONS_TABLE,
  address,
  bookKinds,
  columnLetter,
  fill,
  scenarioPlan,
  sheetRef,
  summaryPlan,
} from "./layout";

/** Asks the user whether to overwrite these (non-empty) ranges; resolves true to go ahead. */
export type Confirm = (question: string, ranges: string[]) => Promise<boolean>;

export interface Outcome {
  /** False when the user declined and nothing was written. */
  written: boolean;
  message: string;
  /** Where the result landed, e.g. "Scenario!A1". */
  where?: string;
}

const cancelled = (what: string): Outcome => ({ written: false, message: `Nothing was written: ${what} was left as it was.` });

/** What to undo if the write batch fails part-way. */
interface UndoLog {
  createdSheets: string[];
  restore: { sheet: string; address: string; formulas: unknown[][] }[];
  createdTables: string[];
  /** Rows appended to a table: rows from index `from` on are removed. */
  addedRows: { table: string; from: number }[];
  /** Names (re)defined, with the formula and comment they had before (formula undefined: did not exist). */
  names: { name: string; formula?: string; comment?: string }[];
}

const newUndo = (): UndoLog => ({ createdSheets: [], restore: [], createdTables: [], addedRows: [], names: [] });

async function rollback(undo: UndoLog): Promise<boolean> {
  try {
    await Excel.run(async (ctx) => {
      const tables = [...undo.createdTables, ...undo.addedRows.map((a) => a.table)].map((t) => ctx.workbook.tables.getItemOrNullObject(t));
      const names = undo.names.map((n) => ({ item: ctx.workbook.names.getItemOrNullObject(n.name), ...n }));
      const sheets = undo.createdSheets.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
      const rowCounts = undo.addedRows.map((a) => {
        const t = ctx.workbook.tables.getItemOrNullObject(a.table);
        const rows = t.rows;
        rows.load("count");
        return { t, rows, from: a.from };
      });
      await ctx.sync();
      for (const { t, rows, from } of rowCounts) {
        if (!t.isNullObject) for (let i = rows.count - 1; i >= from; i--) rows.getItemAt(i).delete();
      }
      tables.slice(0, undo.createdTables.length).forEach((t) => {
        if (!t.isNullObject) t.convertToRange();
      });
      for (const n of names) {
        // A name that existed gets its old reference back; one the action added goes.
        if (n.formula === undefined) {
          if (!n.item.isNullObject) n.item.delete();
        } else if (n.item.isNullObject) ctx.workbook.names.add(n.name, n.formula, n.comment);
        else {
          n.item.formula = n.formula;
          if (n.comment !== undefined) n.item.comment = n.comment;
        }
      }
      const created = new Set(undo.createdSheets.map((s) => s.toLowerCase()));
      for (const r of undo.restore) {
        if (!created.has(r.sheet.toLowerCase())) ctx.workbook.worksheets.getItem(r.sheet).getRange(r.address).formulas = r.formulas as string[][];
      }
      sheets.forEach((s) => {
        if (!s.isNullObject) s.delete();
      });
      await ctx.sync();
    });
    return true;
  } catch {
    return false;
  }
}

/** Runs the write phase; on failure undoes what it can and rethrows with a note. */
async function commit(ctx: Excel.RequestContext, undo: UndoLog): Promise<void> {
  try {
    await ctx.sync();
  } catch (e) {
    const restored = await rollback(undo);
    const note = restored ? "The workbook was left as it was." : "Some changes may remain: check the sheet (Ctrl+Z may undo them).";
    const err = e as { code?: string; message?: string };
    throw Object.assign(new Error(err.message ?? String(e)), { code: err.code, note });
  }
}

const isEmpty = (v: unknown) => v === "" || v === null || v === undefined;

interface Target {
  sheet: string;
  range: Excel.Range;
}

/** Loads the targets: their contents (kept for a rollback) and whether each holds anything. */
async function contents(ctx: Excel.RequestContext, targets: Target[]): Promise<{ sheet: string; address: string; formulas: unknown[][]; busy: boolean }[]> {
  for (const t of targets) t.range.load(["address", "values", "formulas"]);
  await ctx.sync();
  return targets.map((t) => ({
    sheet: t.sheet,
    address: t.range.address,
    formulas: t.range.formulas,
    busy: t.range.values.some((r) => r.some((v) => !isEmpty(v))) || t.range.formulas.some((r) => r.some((v) => !isEmpty(v))),
  }));
}

/**
 * The check-and-ask step: true to go ahead (nothing in the way, or the user agreed). `consequence` says
 * what overwriting does, after the sentence naming the ranges. Every target is kept for the rollback,
 * empty ones too, so a failed write leaves no half-written block behind.
 */
async function clearToWrite(ctx: Excel.RequestContext, targets: Target[], confirm: Confirm, undo: UndoLog, consequence: string): Promise<boolean> {
  const all = await contents(ctx, targets);
  const busy = all.filter((t) => t.busy);
  if (busy.length > 0) {
    const ranges = busy.map((b) => b.address);
    const ok = await confirm(`${ranges.join(", ")} ${ranges.length === 1 ? "is" : "are"} not empty. ${consequence}`, ranges);
    if (!ok) return false;
  }
  undo.restore.push(...all.map(({ sheet, address, formulas }) => ({ sheet, address, formulas })));
  return true;
}

function uniqueSheetName(existing: string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} ${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

const STYLE = {
  title: { bold: true, size: 14, color: "#0F6CBD" },
  header: { bold: true, fill: "#DCE6F2" },
  axis: { bold: true, italic: true, color: "#444444" },
  note: { italic: true, color: "#616161" },
  input: { fill: "#FFF4CE" },
  label: { bold: true },
  result: {},
  money: {},
} as const;

/** Queues a sheet plan's writes: values/formulas, number formats and styles. */
function writeBlocks(sheet: Excel.Worksheet, blocks: Block[]): void {
  for (const b of blocks) {
    const rows = b.formulas.length;
    const cols = b.formulas[0].length;
    const range = sheet.getRange(address(b.row, b.col, rows, cols));
    range.formulas = b.formulas as string[][];
    if (b.numberFormat) {
      // Labels in the first column of a label/value block keep General.
      const labelled = cols === 2 && (b.style === "input" || b.style === "result");
      range.numberFormat = b.formulas.map((r) => r.map((_, j) => (labelled && j === 0 ? "General" : b.numberFormat))) as string[][];
    }
    const s = b.style ? (STYLE[b.style] as { bold?: boolean; italic?: boolean; size?: number; color?: string; fill?: string }) : {};
    const styled = b.style === "input" ? range.getCell(0, cols - 1) : range;
    if (s.bold) styled.format.font.bold = true;
    if (s.italic) styled.format.font.italic = true;
    if (s.size) styled.format.font.size = s.size;
    if (s.color) styled.format.font.color = s.color;
    if (s.fill) styled.format.fill.color = s.fill;
  }
}

// ---------------------------------------------------------------------------------------------
// Positions

/** Maps the table's header cells to SPEC §1 column names (undefined for other columns). */
function canonicalHeaders(headers: unknown[]): (string | undefined)[] {
  const lookup = new Map<string, string>();
  for (const c of POSITION_COLUMNS) for (const n of [c.name, ...(c.aliases ?? [])]) lookup.set(normaliseName(n), c.name);
  return headers.map((h) => (typeof h === "string" ? lookup.get(normaliseName(h)) : undefined));
}

/** Lists and number formats on the table's columns; `dataRows` is the table's data row count. */
function formatPositionColumns(table: Excel.Table, headers: (string | undefined)[], dataRows: number): void {
  headers.forEach((h) => {
    if (!h) return;
    const body = table.columns.getItemAt(headers.indexOf(h)).getDataBodyRange();
    const list = POSITION_LISTS[h];
    if (list) {
      body.dataValidation.clear();
      body.dataValidation.rule = { list: { inCellDropDown: true, source: list.join(",") } };
      body.dataValidation.errorAlert = {
        showAlert: true,
        style: "Warning",
        title: `${h} value`,
        message: `Use one of ${list.join(", ")}.`,
      };
    }
    const format = POSITION_FORMATS[h];
    if (format) body.numberFormat = fill(dataRows, 1, format);
  });
}

/**
 * Appends validated rows to the Positions table, creating the sheet and table (SPEC §1 headers,
 * data-validation lists on Type, Class and Settle) when absent.
 */
export async function appendPositions(rows: CellValue[][], confirm: Confirm): Promise<Outcome> {
  if (rows.length === 0) throw new InputProblem("There are no rows to add.");
  return Excel.run(async (ctx) => {
    const undo = newUndo();
    const existing = ctx.workbook.tables.getItemOrNullObject(POSITIONS_TABLE);
    const sheet0 = ctx.workbook.worksheets.getItemOrNullObject(POSITIONS_SHEET);
    await ctx.sync();
    let where: string;
    if (existing.isNullObject) {
      const createSheet = sheet0.isNullObject;
      const sheet = createSheet ? ctx.workbook.worksheets.add(POSITIONS_SHEET) : sheet0;
      const block = address(0, 0, rows.length + 1, POSITION_HEADERS.length);
      const consequence = `Overwrite it with the new ${POSITIONS_TABLE} table (header and ${rows.length} row${rows.length === 1 ? "" : "s"})?`;
      if (!createSheet && !(await clearToWrite(ctx, [{ sheet: POSITIONS_SHEET, range: sheet.getRange(block) }], confirm, undo, consequence))) {
        return cancelled(`sheet ${POSITIONS_SHEET}`);
      }
      if (createSheet) undo.createdSheets.push(POSITIONS_SHEET);
      const range = sheet.getRange(block);
      range.values = [[...POSITION_HEADERS], ...rows] as CellValue[][];
      const table = ctx.workbook.tables.add(`${sheetRef(POSITIONS_SHEET)}!${block}`, true);
      table.name = POSITIONS_TABLE;
      undo.createdTables.push(POSITIONS_TABLE);
      formatPositionColumns(table, [...POSITION_HEADERS], rows.length);
      range.format.autofitColumns();
      sheet.activate();
      where = `new table ${POSITIONS_TABLE} at ${POSITIONS_SHEET}!${block}`;
    } else {
      const header = existing.getHeaderRowRange();
      header.load("values");
      existing.worksheet.load("name");
      await ctx.sync();
      const headers = canonicalHeaders(header.values[0]);
      const missing = ["Underlying", "Type", "Quantity", "Price"].filter((h) => !headers.includes(h));
      if (missing.length) throw new InputProblem(`Table ${POSITIONS_TABLE} has no ${missing.join(", ")} column; add the column or rename the table.`);
      const ordered = rows.map((r) => headers.map((h) => (h ? r[POSITION_HEADERS.indexOf(h)] : "")));
      const count = existing.rows;
      count.load("count");
      await ctx.sync();
      // TableRowCollection.add inserts (shifting the cells below down), so nothing is overwritten.
      existing.rows.add(undefined, ordered);
      undo.addedRows.push({ table: POSITIONS_TABLE, from: count.count });
      formatPositionColumns(existing, headers, count.count + rows.length);
      where = `table ${POSITIONS_TABLE} on sheet ${existing.worksheet.name}`;
    }
    await commit(ctx, undo);
    const n = rows.length;
    return { written: true, message: `Added ${n} position${n === 1 ? "" : "s"} to ${where}.`, where };
  });
}

// ---------------------------------------------------------------------------------------------
// Workbook look-ups for the pane's pickers

export async function listTables(): Promise<string[]> {
  return Excel.run(async (ctx) => {
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    await ctx.sync();
    return tables.items.map((t) => t.name);
  });
}

async function existingNames(ctx: Excel.RequestContext): Promise<Set<string>> {
  const names = ctx.workbook.names;
  names.load("items/name");
  await ctx.sync();
  return new Set(names.items.map((n) => n.name.toUpperCase()));
}


async function requireTable(ctx: Excel.RequestContext, name: string): Promise<Excel.Table> {
  const table = ctx.workbook.tables.getItemOrNullObject(name);
  await ctx.sync();
  if (table.isNullObject) throw new InputProblem(`There is no table named ${name}. Add positions first (Positions section), or pick another table.`);
  return table;
}

async function sheetNames(ctx: Excel.RequestContext): Promise<string[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  return sheets.items.map((s) => s.name);
}

// ---------------------------------------------------------------------------------------------
// Scenario grid

export async function writeScenarioGrid(opts: { table: string; priceMoves: number[]; volMoves: number[] }): Promise<Outcome> {
  return Excel.run(async (ctx) => {
    const undo = newUndo();
    await requireTable(ctx, opts.table);
    const names = await existingNames(ctx);
    const sheetName = uniqueSheetName(await sheetNames(ctx), "Scenario");
    const plan = scenarioPlan({ ...opts, sheetName, paramsName: namedArguments("PMSCENARIO", names).params });

    const sheet = ctx.workbook.worksheets.add(sheetName);
    undo.createdSheets.push(sheetName);
    writeBlocks(sheet, plan.blocks);
    const g = plan.grid;
    const grid = sheet.getRange(address(g.row, g.col, g.rows, g.cols));
    grid.numberFormat = fill(g.rows, g.cols, MONEY_FORMAT);

    const scale = grid.conditionalFormats.add("ColorScale");
    scale.colorScale.criteria = {
      minimum: { formula: null as unknown as string, type: "LowestValue", color: "#F8696B" },
      midpoint: { formula: "0", type: "Number", color: "#FFFFFF" },
      maximum: { formula: null as unknown as string, type: "HighestValue", color: "#63BE7B" },
    };
    const worst = grid.conditionalFormats.add("TopBottom");
    worst.topBottom.rule = { rank: 1, type: "BottomItems" };
    worst.topBottom.format.font.bold = true;
    for (const side of [worst.topBottom.format.borders.top, worst.topBottom.format.borders.bottom, worst.topBottom.format.borders.left, worst.topBottom.format.borders.right]) {
      side.style = "Continuous";
      side.color = "#000000";
    }

    const chart = sheet.charts.add("Line", grid, "Columns");
    chart.name = "ScenarioPnL";
    chart.title.text = plan.chart.title;
    chart.axes.categoryAxis.title.text = "Price move";
    chart.axes.valueAxis.title.text = "P&L";
    chart.legend.position = "Bottom";
    chart.setPosition(address(plan.chart.anchorRow, plan.chart.anchorCol), address(plan.chart.anchorRow + 16, plan.chart.anchorCol + 7));
    sheet.getRange("A:A").format.columnWidth = 90;
    sheet.activate();
    await commit(ctx, undo);

    // The series: in Excel the grid is still calculating when the chart is made (custom functions run
    // after the batch), so how many series Excel inferred from it is not known in advance. Read them,
    // then point one series per vol move at its grid column, adding or removing series as needed.
    const series = chart.series;
    series.load("items/name");
    await commit(ctx, undo);
    const inferred = series.items.length;
    const prices = sheet.getRange(address(plan.priceAxis.row, plan.priceAxis.col, plan.priceAxis.rows, 1));
    plan.chart.seriesNames.forEach((name, i) => {
      const s = i < inferred ? series.getItemAt(i) : series.add(name);
      s.name = name;
      s.setValues(sheet.getRange(address(g.row, g.col + i, g.rows, 1)));
      s.setXAxisValues(prices);
    });
    for (let i = inferred - 1; i >= plan.chart.seriesNames.length; i--) series.getItemAt(i).delete();
    await commit(ctx, undo);
    return {
      written: true,
      message: `Wrote ${g.rows} × ${g.cols} scenario grid on sheet ${sheetName}: live ${plan.formula}`,
      where: `${sheetName}!${address(g.row, g.col)}`,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Parameters sheet

export const PARAMETERS_SHEET = "Parameters";

export async function writeParameters(confirm: Confirm): Promise<Outcome> {
  const layout = parameterSheetLayout();
  return Excel.run(async (ctx) => {
    const undo = newUndo();
    const existing = ctx.workbook.worksheets.getItemOrNullObject(PARAMETERS_SHEET);
    const names = ctx.workbook.names;
    names.load("items/name,items/formula,items/comment");
    await ctx.sync();
    const createSheet = existing.isNullObject;
    const sheet = createSheet ? ctx.workbook.worksheets.add(PARAMETERS_SHEET) : existing;
    const block = address(0, 0, layout.cells.length, layout.width);
    const consequence = "Overwrite it with the default parameter tables? Every value edited there goes back to its default.";
    if (!createSheet && !(await clearToWrite(ctx, [{ sheet: PARAMETERS_SHEET, range: sheet.getRange(block) }], confirm, undo, consequence))) {
      return cancelled(`sheet ${PARAMETERS_SHEET}`);
    }
    if (createSheet) undo.createdSheets.push(PARAMETERS_SHEET);
    sheet.getRange(block).values = layout.cells as CellValue[][];
    const titles = layout.titleRows.map((r) => sheet.getRange(address(r, 0)));
    titles.forEach((t, i) => {
      t.format.font.bold = true;
      if (i === 0) {
        t.format.font.size = 14;
        t.format.font.color = "#0F6CBD";
      }
    });
    sheet.getRange(address(1, 0)).format.font.italic = true;
    for (const r of layout.headerRows) {
      const h = sheet.getRange(address(r, 0, 1, layout.width));
      h.format.font.bold = true;
      h.format.fill.color = "#DCE6F2";
    }
    const byName = new Map(names.items.map((n) => [n.name.toUpperCase(), n]));
    for (const n of layout.names) {
      const old = byName.get(n.name.toUpperCase());
      const ref = `=${sheetRef(PARAMETERS_SHEET)}!${address(n.firstRow, n.firstColumn, n.lastRow - n.firstRow + 1, n.lastColumn - n.firstColumn + 1, true)}`;
      if (old) {
        // Redefined in place (not deleted and added), so formulas using the name never see it missing.
        undo.names.push({ name: n.name, formula: old.formula, comment: old.comment });
        old.formula = ref;
        old.comment = n.comment;
      } else {
        undo.names.push({ name: n.name });
        ctx.workbook.names.add(n.name, ref, n.comment);
      }
      sheet.getRange(address(n.firstRow + 1, 1, n.lastRow - n.firstRow, 1)).format.fill.color = "#FFF4CE";
    }
    sheet.getRange("A:A").format.columnWidth = 140;
    sheet.getRange("B:B").format.columnWidth = 90;
    sheet.activate();
    await commit(ctx, undo);
    const list = layout.names.map((n) => n.name);
    return {
      written: true,
      message: list.length
        ? `Wrote sheet ${PARAMETERS_SHEET} with named ranges ${list.join(", ")}; formulas written by the pane from now on pass them as params.`
        : `Wrote sheet ${PARAMETERS_SHEET}; no rule set publishes a parameter table in this version.`,
      where: `${PARAMETERS_SHEET}!A1`,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Margin summary

export const SUMMARY_SHEET = "Margin Summary";

export async function writeSummary(opts: { table: string; equity: number; basis: MarginBasis }, confirm: Confirm): Promise<Outcome> {
  return Excel.run(async (ctx) => {
    const undo = newUndo();
    const table = await requireTable(ctx, opts.table);
    const body = table.getRange();
    body.load("values");
    const names = await existingNames(ctx);
    const kinds = bookKinds(body.values);
    if (!kinds.securities && !kinds.crypto) throw new InputProblem(`Table ${opts.table} has no positions yet.`);
    const plan = summaryPlan({
      sheetName: SUMMARY_SHEET,
      table: opts.table,
      equity: opts.equity,
      basis: opts.basis,
      ...kinds,
      params: {
        regt: namedArguments("REGTMARGIN", names),
        pm: namedArguments("PMMARGIN", names),
        crypto: namedArguments("PMMMR", names),
      },
    });
    const existing = ctx.workbook.worksheets.getItemOrNullObject(SUMMARY_SHEET);
    await ctx.sync();
    const createSheet = existing.isNullObject;
    const sheet = createSheet ? ctx.workbook.worksheets.add(SUMMARY_SHEET) : existing;
    if (!createSheet) {
      // A summary written before may be longer (a book that had crypto rows then): its rows below the
      // new plan would stay as stale figures, so the whole old report in columns A:B is replaced.
      const old = sheet.getRange(`A:${columnLetter(plan.cols - 1)}`).getUsedRangeOrNullObject();
      old.load(["rowIndex", "rowCount"]);
      await ctx.sync();
      const rows = old.isNullObject ? plan.rows : Math.max(plan.rows, old.rowIndex + old.rowCount);
      const area = address(0, 0, rows, plan.cols);
      const consequence = "Overwrite it with the new margin summary? The old report in these cells is cleared first.";
      if (!(await clearToWrite(ctx, [{ sheet: SUMMARY_SHEET, range: sheet.getRange(area) }], confirm, undo, consequence))) {
        return cancelled(`sheet ${SUMMARY_SHEET}`);
      }
      sheet.getRange(area).clear();
    }
    if (createSheet) undo.createdSheets.push(SUMMARY_SHEET);
    writeBlocks(sheet, plan.blocks);
    sheet.getRange("A:A").format.columnWidth = 250; // fits "Used margin (Portfolio margin + crypto MMR)"
    sheet.getRange("B:B").format.columnWidth = 110;
    sheet.activate();
    await commit(ctx, undo);
    return {
      written: true,
      message: `Wrote the margin summary for ${opts.table} on sheet ${SUMMARY_SHEET} (${plan.formulaCells.length} live formulas).`,
      where: `${SUMMARY_SHEET}!A1`,
    };
  });
}
