/**
 * What the pane writes, as pure data: the rows of the Positions table, the scenario-grid sheet and the
 * margin-summary sheet. No DOM and no Excel here, so every layout is unit-tested in Node; the Excel glue
 * (actions.ts) turns these plans into one Excel.run batch each.
 */
import { valueError } from "../src/errors";
import { asNumber, isBlank } from "../src/instruments/cells";
import { parseDelimited } from "../src/instruments/csv";
import {
  ASSET_CLASSES,
  INSTRUMENT_TYPES,
  POSITION_COLUMNS,
  type Position,
  SETTLE_CURRENCIES,
  parsePosition,
  parsePositions,
} from "../src/instruments/positions";
import { isBlankRow, normaliseName, readTable } from "../src/instruments/table";

// ---------------------------------------------------------------------------------------------
// Addresses

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1-style address of a 0-based cell or block; `abs` adds $ signs. */
export function address(row: number, col: number, rows = 1, cols = 1, abs = false): string {
  const d = abs ? "$" : "";
  const one = (r: number, c: number) => `${d}${columnLetter(c)}${d}${r + 1}`;
  return rows === 1 && cols === 1 ? one(row, col) : `${one(row, col)}:${one(row + rows - 1, col + cols - 1)}`;
}

/** A sheet name as it appears in a reference: quoted when it has anything but letters, digits, _ and . */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A fill of one value, rows × cols. */
export function fill<T>(rows: number, cols: number, v: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(cols).fill(v));
}

// ---------------------------------------------------------------------------------------------
// The Positions table

export const POSITIONS_TABLE = "Positions";
export const POSITIONS_SHEET = "Positions";
export const POSITION_HEADERS: readonly string[] = POSITION_COLUMNS.map((c) => c.name);

/** Data-validation lists of the Positions table, by column. */
export const POSITION_LISTS: Readonly<Record<string, readonly string[]>> = {
  Type: INSTRUMENT_TYPES,
  Class: ASSET_CLASSES,
  Settle: SETTLE_CURRENCIES,
};

/** Number formats of the Positions table's columns (others stay General). */
export const POSITION_FORMATS: Readonly<Record<string, string>> = {
  Expiry: "yyyy-mm-dd",
  IV: "0.0%",
};

export type CellValue = string | number | boolean;

/**
 * Text as a cell value Excel keeps as text. Excel reads a string written to `values` as if typed:
 * "=…", "+…", "-…" become formulas, "0700" the number 700, "1E5" 100000, "TRUE" a boolean, "Mar-24"
 * and "3/20" dates. A leading apostrophe (Excel's text prefix, not part of the value) keeps the text:
 * a broker's symbol "-ES" or a Hong Kong ticker "0700" lands as typed, and a pasted "=HYPERLINK(…)"
 * stays inert text instead of becoming a formula.
 */
export function textCell(text: string): string {
  if (text === "") return text;
  // Anything not starting with a letter (digits, = + - @ # ( $ . '), the booleans, and month-day look-alikes.
  const misread =
    !/^[A-Za-z_]/.test(text) || /^(true|false)$/i.test(text) || /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s./-]+\d/i.test(text);
  return misread ? `'${text}` : text;
}

/**
 * Which form fields apply to which instrument type (SPEC §1). The others are disabled in the form and
 * never written, so a strike left over from the option typed before does not land on a stock row.
 */
export const FIELDS_FOR_TYPE: Readonly<Record<string, readonly string[]>> = {
  STOCK: ["Symbol", "Underlying", "Quantity", "Price", "Multiplier", "Class", "Leverage"],
  CALL: ["Symbol", "Underlying", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Class", "Leverage", "Settle"],
  PUT: ["Symbol", "Underlying", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Class", "Leverage", "Settle"],
  FUTURE: ["Symbol", "Underlying", "Quantity", "Expiry", "Price", "UnderlyingPrice", "Multiplier", "Class", "Settle"],
  PERP: ["Symbol", "Underlying", "Quantity", "Price", "UnderlyingPrice", "Multiplier", "Settle"],
  SPOT: ["Symbol", "Underlying", "Quantity", "Price", "Settle"],
};

/** Whether a form field applies to the type chosen (Type itself always does; an unknown type keeps every field). */
export function fieldApplies(type: string, field: string): boolean {
  if (field === "Type") return true;
  const list = FIELDS_FOR_TYPE[type.trim().toUpperCase()];
  return list === undefined || list.includes(field);
}

/**
 * One table row in SPEC §1 column order: the cells as entered, normalised by what the core parsed
 * (type and class spelled canonically, numbers as numbers, the expiry as a date serial). A cell left
 * blank stays blank, so defaults (multiplier 100, class EQUITY …) stay defaults in the sheet.
 */
export function tableRow(cells: Record<string, unknown>, p: Position): CellValue[] {
  const given = (name: string) => !isBlank(cells[name]);
  const value: Record<string, CellValue | undefined> = {
    Symbol: textCell(p.symbol),
    Underlying: textCell(p.underlying),
    Type: p.type,
    Quantity: p.quantity,
    Strike: p.strike,
    Expiry: p.expiry,
    Price: p.price,
    UnderlyingPrice: p.underlyingPrice,
    IV: p.iv,
    Multiplier: p.multiplier,
    Class: p.assetClass,
    Leverage: p.leverage,
    Settle: p.settle,
  };
  return POSITION_HEADERS.map((h) => (given(h) ? (value[h] ?? "") : ""));
}

/** Where a core message points: "row 3, Strike: …" → { row: 3, field: "Strike", problem: "…" }. */
export function locateProblem(message: string): { row?: number; field?: string; problem: string } {
  const m = /^row (\d+), ([A-Za-z]+): (.*)$/s.exec(message);
  if (m) return { row: Number(m[1]), field: m[2], problem: m[3] };
  return { problem: message };
}

export class InputProblem extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly row?: number,
  ) {
    super(message);
    this.name = "InputProblem";
  }
}

function problemFrom(e: unknown, describeRow: (row: number) => string): InputProblem {
  const message = e instanceof Error ? e.message : String(e);
  const where = locateProblem(message);
  if (where.row !== undefined && where.field !== undefined) {
    return new InputProblem(`${describeRow(where.row)}, ${where.field}: ${where.problem}`, where.field, where.row);
  }
  return new InputProblem(message);
}

/**
 * The form's fields (text as typed, by column name) → one validated table row. Fields that do not apply
 * to the chosen type (FIELDS_FOR_TYPE) are left out, whatever they still hold.
 */
export function rowFromForm(fields: Record<string, string>): CellValue[] {
  const cells: Record<string, unknown> = {};
  const type = fields.Type ?? "";
  for (const h of POSITION_HEADERS) cells[h] = isBlank(fields[h]) || !fieldApplies(type, h) ? null : fields[h].trim();
  try {
    return tableRow(cells, parsePosition(cells, 1));
  } catch (e) {
    const where = locateProblem(e instanceof Error ? e.message : String(e));
    throw new InputProblem(where.field ? `${where.field}: ${where.problem}` : where.problem, where.field);
  }
}

/** At most this many row problems are listed at once. */
const MAX_LISTED_PROBLEMS = 5;

export interface PastedRows {
  rows: CellValue[][];
  /** Header cells that name no positions column (a broker's Description, Market Value …), left out. */
  ignored: string[];
}

/**
 * Pasted CSV or tab-separated rows (with or without a header row, columns in any order when there is
 * one) → validated table rows. Rows are counted as pasted, header included, blank lines left out.
 * A header's columns that are not positions columns (a statement's Description, P&L …) are left out and
 * listed. Every row is checked before anything is written; every bad row is named (up to five), not
 * only the first.
 */
export function importFromPaste(text: string): PastedRows {
  let grid: unknown[][] = parseDelimited(text);
  if (grid.length === 0) throw new InputProblem("Nothing to import: paste rows copied from a statement or a sheet (CSV or tab-separated).");
  const lookup = new Set(POSITION_COLUMNS.flatMap((c) => [c.name, ...(c.aliases ?? [])]).map(normaliseName));
  const known = (c: unknown) => typeof c === "string" && lookup.has(normaliseName(c));
  const head = grid[0];
  let ignored: string[] = [];
  if (head.some(known) && head.every((c) => c === null || typeof c === "string")) {
    const keep = head.map((c) => c === null || known(c));
    ignored = head.filter((c, j) => !keep[j]).map(String);
    grid = grid.map((r) => r.filter((_, j) => keep[j] === true)).filter((r) => !isBlankRow(r));
  }
  const describe = (row: number) => `Pasted row ${row}`;
  const note = ignored.length ? ` (Columns left out: ${ignored.join(", ")}.)` : "";
  let positions: Position[];
  try {
    positions = parsePositions(grid, "pasted rows");
  } catch (e) {
    const first = problemFrom(e, describe);
    if (first.row === undefined) throw new InputProblem(`${first.message}${note}`, first.field);
    // Name every bad row, not only the first, so one paste-and-fix round is enough.
    const problems: InputProblem[] = [];
    for (const r of readTable(grid, POSITION_COLUMNS, "pasted rows").rows) {
      try {
        parsePosition(r.cells, r.row);
      } catch (err) {
        problems.push(problemFrom(err, describe));
      }
    }
    if (problems.length <= 1) throw new InputProblem(`${first.message}${note}`, first.field, first.row);
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.message);
    const more = problems.length > MAX_LISTED_PROBLEMS ? [`… and ${problems.length - MAX_LISTED_PROBLEMS} more.`] : [];
    throw new InputProblem(
      [`${problems.length} pasted rows need fixing; nothing was imported.${note}`, ...listed, ...more].join("\n"),
      problems[0].field,
      problems[0].row,
    );
  }
  const table = readTable(grid, POSITION_COLUMNS, "pasted rows");
  return { rows: table.rows.map((r, i) => tableRow(r.cells, positions[i])), ignored };
}

/** Pasted rows → validated table rows (see importFromPaste). */
export function rowsFromPaste(text: string): CellValue[][] {
  return importFromPaste(text).rows;
}

// ---------------------------------------------------------------------------------------------
// Scenario grid

/** Price moves from, to, step (fractions), ascending, 0 included when in range; at most 201. */
export function priceMoves(fromText: string, toText: string, stepText: string): number[] {
  const from = asNumber(fromText, "From");
  const to = asNumber(toText, "To");
  const step = asNumber(stepText, "Step");
  if (!(step > 0)) throw new InputProblem("Step: the step must be greater than zero", "Step");
  if (!(from < to)) throw new InputProblem("To: the last price move must be above the first", "To");
  if (from <= -1) throw new InputProblem("From: a price cannot fall by 100 % or more (write -15% or -0.15 for a 15 % fall)", "From");
  if (step >= 1) throw new InputProblem(`Step: ${stepText.trim()} would step the price by ${Number((step * 100).toFixed(4))} %; write 3% or 0.03 for 3 % steps`, "Step");
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > 201) throw new InputProblem(`Step: ${count} price moves is too many (at most 201); use a larger step`, "Step");
  const moves = Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(10)));
  if (moves[moves.length - 1] < to - 1e-9) moves.push(Number(to.toFixed(10)));
  return moves;
}

/** Vol moves as typed: "-0.05, 0, 0.05" or "-5%, 0%, 5%" (absolute vol points). */
export function volMoves(text: string): number[] {
  const parts = text.split(/[,;\s]+/).filter((p) => p.trim() !== "");
  if (parts.length === 0) return [0];
  if (parts.length > 21) throw new InputProblem("Vol moves: at most 21 vol moves", "VolMoves");
  return parts.map((p) => {
    let v: number;
    try {
      v = asNumber(p, "Vol moves");
    } catch {
      throw new InputProblem(`Vol moves: '${p}' is not a number (write -0.05 or -5%)`, "VolMoves");
    }
    // A vol move is in vol points as a fraction: 5 would be 500 points, almost surely meant as 5 %.
    if (Math.abs(v) >= 1) throw new InputProblem(`Vol moves: ${p} would move implied vol by ${Number((v * 100).toFixed(4))} points; write 5% or 0.05 for 5 vol points`, "VolMoves");
    return v;
  });
}

export interface Block {
  /** 0-based top-left cell. */
  row: number;
  col: number;
  /** Formulas or constants, row by row. */
  formulas: CellValue[][];
  numberFormat?: string;
  style?: "title" | "note" | "axis" | "header" | "label" | "input" | "money" | "result";
}

export interface SheetPlan {
  sheetName: string;
  blocks: Block[];
  /** Rows × columns the plan covers from A1, for the emptiness check. */
  rows: number;
  cols: number;
}

export interface ScenarioPlan extends SheetPlan {
  /** 0-based top-left of the P&L grid and its size. */
  grid: { row: number; col: number; rows: number; cols: number };
  priceAxis: { row: number; col: number; rows: number };
  volAxis: { row: number; col: number; cols: number };
  formula: string;
  worstCell: { row: number; col: number };
  chart: { title: string; seriesNames: string[]; anchorRow: number; anchorCol: number };
}

export const MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00";
export const CURRENCY_FORMAT = "$#,##0.00";
export const PERCENT_FORMAT = "0.00%";
export const MOVE_FORMAT = "0.0%";

/** A structured reference to a whole table, header row included. */
export const wholeTable = (table: string): string => `${table}[#All]`;

const percentLabel = (x: number): string => `${x > 0 ? "+" : ""}${Number((x * 100).toFixed(4))}%`;

/**
 * The scenario sheet: title, price moves down column A, vol moves along a row, one spilled
 * =MARGIN.PMSCENARIO over them (so editing a move recalculates), and the worst P&L.
 */
export function scenarioPlan(opts: { sheetName: string; table: string; priceMoves: number[]; volMoves: number[]; paramsName?: string }): ScenarioPlan {
  const { sheetName, table, priceMoves: pm, volMoves: vm } = opts;
  const gridRow = 6;
  const gridCol = 1;
  const priceAxis = { row: gridRow, col: 0, rows: pm.length };
  const volAxis = { row: gridRow - 1, col: gridCol, cols: vm.length };
  const args = [
    wholeTable(table),
    address(priceAxis.row, 0, pm.length, 1, true),
    address(volAxis.row, gridCol, 1, vm.length, true),
    ...(opts.paramsName ? [opts.paramsName] : []),
  ];
  const formula = `=MARGIN.PMSCENARIO(${args.join(",")})`;
  const gridAddress = address(gridRow, gridCol, pm.length, vm.length, true);
  const blocks: Block[] = [
    { row: 0, col: 0, formulas: [[`Scenario P&L: ${table}`]], style: "title" },
    {
      row: 1,
      col: 0,
      formulas: [[`Live: ${address(gridRow, gridCol)} holds ${formula.slice(1)}. Edit a move in column A or row ${volAxis.row + 1} and the grid recalculates. P&L > 0 is a gain.`]],
      style: "note",
    },
    { row: 2, col: 0, formulas: [["Worst P&L", `=MIN(${gridAddress})`]], style: "result", numberFormat: MONEY_FORMAT },
    { row: 3, col: 0, formulas: [["", "The worst cell has a bold border."]], style: "note" },
    { row: 4, col: gridCol, formulas: [["Vol move →"]], style: "axis" },
    { row: volAxis.row, col: 0, formulas: [["Price move ↓"]], style: "axis" },
    { row: volAxis.row, col: gridCol, formulas: [vm], numberFormat: MOVE_FORMAT, style: "header" },
    { row: priceAxis.row, col: 0, formulas: pm.map((m) => [m]), numberFormat: MOVE_FORMAT, style: "header" },
    { row: gridRow, col: gridCol, formulas: [[formula]], style: "money" },
  ];
  return {
    sheetName,
    blocks,
    rows: gridRow + pm.length,
    cols: gridCol + vm.length,
    grid: { row: gridRow, col: gridCol, rows: pm.length, cols: vm.length },
    priceAxis,
    volAxis,
    formula,
    worstCell: { row: 2, col: 1 },
    chart: {
      title: `P&L by price move: ${table}`,
      seriesNames: vm.map((v) => `Vol ${percentLabel(v)}`),
      anchorRow: gridRow - 2,
      anchorCol: gridCol + vm.length + 1,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Margin summary

/** The optional table arguments of the crypto account functions after `assets`, in order (functions/crypto.ts). */
export const CRYPTO_TABLE_ARGUMENTS = ["params", "mr9Tiers", "mr7Brackets", "discountTiers", "borrowRates"] as const;

export type MarginBasis = "regtMaintenance" | "portfolio" | "cryptoMmr";

export const BASIS_LABELS: Readonly<Record<MarginBasis, string>> = {
  regtMaintenance: "Reg T maintenance",
  portfolio: "Portfolio margin",
  cryptoMmr: "Crypto MMR",
};

export interface SummaryPlan extends SheetPlan {
  /** Every formula cell written, with its label, so tests and the pane can report them. */
  formulaCells: { label: string; row: number; col: number; formula: string; kind: "money" | "percent" | "status" }[];
}

/** Whether a positions row is a crypto row (SPEC §1: it has a settlement currency, or is a perp/spot). */
export function isCryptoRow(cells: Record<string, unknown>): boolean {
  if (!isBlank(cells.Settle)) return true;
  const t = typeof cells.Type === "string" ? cells.Type.trim().toUpperCase() : "";
  return t === "PERP" || t === "SWAP" || t === "SPOT";
}

/** Which kinds of rows a positions range holds (header row first, as read from the table). */
export function bookKinds(values: unknown[][]): { securities: boolean; crypto: boolean } {
  const table = readTable(values, POSITION_COLUMNS, "positions");
  let securities = false;
  let crypto = false;
  for (const r of table.rows) {
    if (isCryptoRow(r.cells)) crypto = true;
    else securities = true;
  }
  return { securities, crypto };
}

/**
 * The margin summary: inputs (equity and status thresholds), Reg T initial and maintenance and PM
 * for securities rows, crypto MMR / IMR / margin ratio for crypto rows, then the margin level and
 * status on the chosen basis. Every result is a live formula over the positions table.
 */
export function summaryPlan(opts: {
  sheetName: string;
  table: string;
  equity: number;
  securities: boolean;
  crypto: boolean;
  basis: MarginBasis;
  /** Named ranges to pass, by argument name, per function family (from the Parameters sheet). */
  params: { regt?: Record<string, string>; pm?: Record<string, string>; crypto?: Record<string, string> };
}): SummaryPlan {
  const { table } = opts;
  if (!opts.securities && !opts.crypto) throw valueError(`${table}: the table has no positions`);
  const positions = wholeTable(table);
  const blocks: Block[] = [];
  const formulaCells: SummaryPlan["formulaCells"] = [];
  let row = 0;
  blocks.push({ row: row++, col: 0, formulas: [[`Margin summary: ${table}`]], style: "title" });
  blocks.push({
    row: row++,
    col: 0,
    formulas: [[`Live formulas over ${positions}: edit the positions, the inputs below or the Parameters sheet and this report recalculates.`]],
    style: "note",
  });
  row++;
  blocks.push({ row: row++, col: 0, formulas: [["Inputs", ""]], style: "header" });
  const equityRow = row;
  blocks.push({ row: row++, col: 0, formulas: [["Account equity", opts.equity]], style: "input", numberFormat: CURRENCY_FORMAT });
  const warnRow = row;
  blocks.push({ row: row++, col: 0, formulas: [["Warning level", 1.5]], style: "input", numberFormat: PERCENT_FORMAT });
  const callRow = row;
  blocks.push({ row: row++, col: 0, formulas: [["Margin call level", 1]], style: "input", numberFormat: PERCENT_FORMAT });
  const stopRow = row;
  blocks.push({ row: row++, col: 0, formulas: [["Stop-out level", 0.3]], style: "input", numberFormat: PERCENT_FORMAT });
  row++;
  blocks.push({ row: row++, col: 0, formulas: [["Requirement", "Value"]], style: "header" });

  const add = (label: string, formula: string, kind: "money" | "percent" | "status"): number => {
    const r = row++;
    blocks.push({
      row: r,
      col: 0,
      formulas: [[label, formula]],
      style: "result",
      numberFormat: kind === "money" ? CURRENCY_FORMAT : kind === "percent" ? PERCENT_FORMAT : undefined,
    });
    formulaCells.push({ label, row: r, col: 1, formula, kind });
    return r;
  };
  /** Trailing optional arguments by name, in signature order; blanks kept between, trailing blanks dropped. */
  const trailing = (order: readonly string[], given: Record<string, string> = {}) => {
    const list = order.map((a) => given[a] ?? "");
    while (list.length && list[list.length - 1] === "") list.pop();
    return list.map((x) => `,${x}`).join("");
  };
  const ref = (r: number) => address(r, 1);

  const basisRow: Partial<Record<MarginBasis, number>> = {};
  if (opts.securities) {
    const init = add("Reg T initial", `=MARGIN.REGTMARGIN(${positions},"initial"${trailing(["params"], opts.params.regt)})`, "money");
    basisRow.regtMaintenance = add("Reg T maintenance", `=MARGIN.REGTMARGIN(${positions},"maintenance"${trailing(["params"], opts.params.regt)})`, "money");
    basisRow.portfolio = add("Portfolio margin (PM)", `=MARGIN.PMMARGIN(${positions}${trailing(["params"], opts.params.pm)})`, "money");
    add("Capital released by PM", `=${ref(init)}-${ref(basisRow.portfolio)}`, "money");
  }
  if (opts.crypto) {
    row++;
    blocks.push({ row: row++, col: 0, formulas: [["Crypto assets (Currency, Balance)", ""]], style: "header" });
    const assetsRow = row;
    blocks.push({ row: row++, col: 0, formulas: [["Currency", "Balance"]], style: "label" });
    blocks.push({ row: row++, col: 0, formulas: [["USDT", `=${ref(equityRow)}`]], style: "input", numberFormat: CURRENCY_FORMAT });
    const assets = address(assetsRow, 0, 2, 2, true);
    const args = `${positions},${assets}${trailing(CRYPTO_TABLE_ARGUMENTS, opts.params.crypto)}`;
    basisRow.cryptoMmr = add("Crypto MMR", `=MARGIN.PMMMR(${args})`, "money");
    add("Crypto IMR", `=MARGIN.PMIMR(${args})`, "money");
    add("Crypto margin ratio", `=MARGIN.PMMARGINRATIO(${args})`, "percent");
  }
  const basis = basisRow[opts.basis] !== undefined ? opts.basis : opts.securities ? "regtMaintenance" : "cryptoMmr";
  row++;
  blocks.push({ row: row++, col: 0, formulas: [["Account health", ""]], style: "header" });
  let used: number;
  if (opts.securities && opts.crypto && basis !== "cryptoMmr") {
    // One account, one equity: the securities requirement and the crypto MMR both draw on it, so a
    // securities basis is measured together with the crypto MMR (Crypto MMR chosen alone stays alone).
    used = add(
      `Used margin (${BASIS_LABELS[basis]} + crypto MMR)`,
      `=${ref(basisRow[basis] as number)}+${ref(basisRow.cryptoMmr as number)}`,
      "money",
    );
  } else {
    used = add(`Used margin (${BASIS_LABELS[basis]})`, `=${ref(basisRow[basis] as number)}`, "money");
  }
  const level = add("Margin level", `=MARGIN.MARGINLEVEL(${ref(equityRow)},${ref(used)})`, "percent");
  add("Status", `=MARGIN.MARGINSTATUS(${ref(level)},${ref(warnRow)},${ref(callRow)},${ref(stopRow)})`, "status");
  return { sheetName: opts.sheetName, blocks, rows: row, cols: 2, formulaCells };
}
