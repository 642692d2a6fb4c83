/**
 * The preview's workbook: cells and formulas in HyperFormula (GPL-3.0, development only: this code is
 * never part of the add-in bundles), plus what HyperFormula does not model and the pane writes —
 * number formats, fonts and fills, column widths, Excel tables with structured references, defined
 * names, data validation, conditional formats and charts (recorded as objects).
 *
 * Structured references (`Positions[#All]`) are stored in HyperFormula as hidden named expressions
 * (`__T_Positions_All`) that follow the table as it grows; formulas read back show Excel's text.
 */
import { columnLetter } from "../taskpane/layout";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { MarginPlugin, installMarginFunctions } from "./marginPlugin";

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  fill?: string;
  align?: string;
}

export interface TableModel {
  name: string;
  sheet: SheetModel;
  /** The whole table, header row included. */
  rect: Rect;
  style: string;
}

export interface ValidationModel {
  rect: Rect;
  rule: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
}

export interface ConditionalFormatModel {
  id: number;
  rect: Rect;
  type: string;
  colorScale?: { criteria?: Record<string, { type?: string; formula?: string | null; color?: string } | undefined> };
  topBottom?: { rule?: { rank: number; type: string }; format: ConditionalStyle };
  custom?: { rule?: { formula?: string }; format: ConditionalStyle };
}

export interface ConditionalStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  borders: Record<string, { style?: string; color?: string }>;
}

export interface SeriesModel {
  name: string;
  values: { sheet: SheetModel; rect: Rect };
  x?: { sheet: SheetModel; rect: Rect };
}

export interface ChartModel {
  id: number;
  name: string;
  type: string;
  sheet: SheetModel;
  source: Rect;
  seriesBy: string;
  title: string;
  categoryTitle: string;
  valueTitle: string;
  legend: string;
  series: SeriesModel[];
  position?: { from: string; to?: string };
}

export interface SheetModel {
  name: string;
  formats: Map<string, CellFormat>;
  columnWidths: Map<number, number>;
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
  charts: ChartModel[];
}

export interface NameModel {
  name: string;
  formula: string;
  comment: string;
}

export class WorkbookError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

export const key = (row: number, col: number): string => `${row},${col}`;

// ---------------------------------------------------------------------------------------------
// Addresses

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Column letters of a 0-based column index (the pane's own helper: one implementation). */
export const colLetters = columnLetter;

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** "A1", "$A$1:$B$2", "A:A", "3:3" → a rectangle. */
export function parseRect(a1: string): Rect {
  const s = a1.replace(/\$/g, "").toUpperCase().trim();
  const parts = s.split(":");
  if (parts.length > 2) throw new WorkbookError("InvalidArgument", `'${a1}' is not a valid range address`);
  const cols = /^([A-Z]{1,3})$/;
  const rows = /^(\d+)$/;
  const cell = /^([A-Z]{1,3})(\d+)$/;
  if (parts.length === 2 && cols.test(parts[0]) && cols.test(parts[1])) {
    const c0 = colIndex(parts[0]);
    const c1 = colIndex(parts[1]);
    return { row: 0, col: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 };
  }
  if (parts.length === 2 && rows.test(parts[0]) && rows.test(parts[1])) {
    const r0 = Number(parts[0]) - 1;
    const r1 = Number(parts[1]) - 1;
    return { row: Math.min(r0, r1), col: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLS };
  }
  const ms = parts.map((p) => cell.exec(p));
  if (ms.some((m) => !m)) throw new WorkbookError("InvalidArgument", `'${a1}' is not a valid range address`);
  const [a, b] = [ms[0] as RegExpExecArray, (ms[1] ?? ms[0]) as RegExpExecArray];
  const r0 = Number(a[2]) - 1;
  const r1 = Number(b[2]) - 1;
  const c0 = colIndex(a[1]);
  const c1 = colIndex(b[1]);
  if (r0 < 0 || r1 < 0) throw new WorkbookError("InvalidArgument", `'${a1}' is not a valid range address`);
  return { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}

export function rectAddress(r: Rect, abs = false): string {
  const d = abs ? "$" : "";
  const one = (row: number, col: number) => `${d}${colLetters(col)}${d}${row + 1}`;
  if (r.rows === MAX_ROWS) return `${d}${colLetters(r.col)}:${d}${colLetters(r.col + r.cols - 1)}`;
  if (r.cols === MAX_COLS) return `${d}${r.row + 1}:${d}${r.row + r.rows}`;
  return r.rows === 1 && r.cols === 1 ? one(r.row, r.col) : `${one(r.row, r.col)}:${one(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet!A1:B2" or "'My sheet'!A1" → sheet name and address. */
export function splitAddress(full: string): { sheet?: string; address: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(full.trim().replace(/^=/, ""));
  if (!m) return { address: full.trim() };
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3] };
}

/**
 * Why Excel would refuse a defined name or table name, or undefined if it is valid: 1–255 characters;
 * a letter, _ or \\ first, then letters, digits, _, . or \\; not a cell reference (A1 … XFD1048576) and
 * not an R1C1 reference (R, C, R1, C1, RC, R1C1 …).
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 255) return "a name has 1 to 255 characters";
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return "a name starts with a letter, _ or \\ and holds only letters, digits, _, . and \\";
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && colIndex(a1[1]) < MAX_COLS && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROWS) return "it reads as a cell reference";
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return "it reads as an R1C1 reference";
  return undefined;
}

export const intersects = (a: Rect, b: Rect): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export const contains = (r: Rect, row: number, col: number): boolean => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

// ---------------------------------------------------------------------------------------------

export type CellInput = string | number | boolean | null;


export type Listener = () => void;

export class Workbook {
  readonly hf: HyperFormula;
  readonly plugin: MarginPlugin;
  private readonly sheetList: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  private readonly names = new Map<string, NameModel>();
  private readonly listeners: Listener[] = [];
  activeSheet = "";
  private nextId = 1;

  constructor() {
    this.plugin = installMarginFunctions();
    this.hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: 100000, maxColumns: 1000 });
  }

  // ---- events
  onChange(l: Listener): void {
    this.listeners.push(l);
  }

  /** Called after every batch of changes: re-lays out spills whose size changed, then tells listeners. */
  changed(): void {
    this.relayoutSpills();
    this.respill();
    for (const l of this.listeners) l();
  }

  /**
   * Excel spills an array again as soon as what blocked it is cleared; HyperFormula keeps #SPILL! until
   * the formula is entered again, so blocked anchors are re-entered after every batch.
   */
  private respill(): void {
    for (const s of this.sheetList) {
      const id = this.sheetId(s);
      this.hf.getSheetFormulas(id).forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f !== "string") return;
          const v = this.hf.getCellValue({ sheet: id, row: r, col: c });
          if (v instanceof DetailedCellError && v.type === "SPILL") this.hf.setCellContents({ sheet: id, row: r, col: c }, [[f]]);
        }),
      );
    }
  }

  /** Spilled MARGIN results whose size differs from what HyperFormula predicted are re-entered. */
  private relayoutSpills(): void {
    for (let pass = 0; pass < 3; pass++) {
      const cells = this.plugin.takeRelayout();
      if (cells.length === 0) return;
      for (const a of cells) {
        const f = this.hf.getCellFormula(a);
        if (f !== undefined) this.hf.setCellContents(a, [[f]]);
      }
    }
  }

  // ---- sheets
  get sheets(): readonly SheetModel[] {
    return this.sheetList;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheetList.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheet(name);
    if (!s) throw new WorkbookError("ItemNotFound", `The requested resource doesn't exist (worksheet '${name}').`);
    return s;
  }

  sheetId(s: SheetModel): number {
    const id = this.hf.getSheetId(s.name);
    if (id === undefined) throw new WorkbookError("ItemNotFound", `Worksheet '${s.name}' no longer exists.`);
    return id;
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) {
      let i = 1;
      while (this.sheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (n.length === 0 || n.length > 31 || /[[\]:*?/\\]/.test(n) || /^'|'$/.test(n) || n.toLowerCase() === "history") {
      throw new WorkbookError("InvalidArgument", `'${n}' is not a valid sheet name (1–31 characters, none of [ ] : * ? / \\, no ' first or last, not History).`);
    }
    if (this.sheet(n)) throw new WorkbookError("ItemAlreadyExists", `A sheet named '${n}' already exists.`);
    this.hf.addSheet(n);
    const s: SheetModel = { name: n, formats: new Map(), columnWidths: new Map(), validations: [], conditionalFormats: [], charts: [] };
    this.sheetList.push(s);
    if (!this.activeSheet) this.activeSheet = n;
    return s;
  }

  deleteSheet(s: SheetModel): void {
    if (this.sheetList.length === 1) throw new WorkbookError("InvalidOperation", "A workbook must keep at least one sheet.");
    for (const t of this.tables.filter((t) => t.sheet === s)) this.removeTable(t);
    this.hf.removeSheet(this.sheetId(s));
    this.sheetList.splice(this.sheetList.indexOf(s), 1);
    if (this.activeSheet.toLowerCase() === s.name.toLowerCase()) this.activeSheet = this.sheetList[0].name;
  }

  // ---- cells
  private addr(s: SheetModel, row: number, col: number) {
    return { sheet: this.sheetId(s), row, col };
  }

  /** Excel's `values` of a cell: number, text, boolean, "" for empty, "#CODE!" for errors. */
  value(s: SheetModel, row: number, col: number): string | number | boolean {
    const v = this.hf.getCellValue(this.addr(s, row, col));
    if (v === null || v === undefined) return "";
    if (v instanceof DetailedCellError) return v.value;
    return v as string | number | boolean;
  }

  /** The error message behind an error value, if any. */
  errorMessage(s: SheetModel, row: number, col: number): string | undefined {
    const v = this.hf.getCellValue(this.addr(s, row, col));
    return v instanceof DetailedCellError ? v.message : undefined;
  }

  /** Excel's `formulas` of a cell: the formula text, else the constant ("" when empty). */
  formula(s: SheetModel, row: number, col: number): string | number | boolean {
    const a = this.addr(s, row, col);
    const f = this.hf.getCellFormula(a);
    if (f !== undefined) return this.toExcelFormula(f);
    if (this.hf.isCellPartOfArray(a)) return this.value(s, row, col);
    const v = this.hf.getCellSerialized(a);
    if (v === null || v === undefined) return "";
    return v as string | number | boolean;
  }

  /** Writes a block of formulas or constants. */
  setContents(s: SheetModel, row: number, col: number, data: CellInput[][]): void {
    const id = this.sheetId(s);
    const converted = data.map((r) =>
      r.map((v) => {
        if (v === "" || v === null || v === undefined) return null;
        if (typeof v === "string" && v.startsWith("=")) return this.toHfFormula(v);
        return v;
      }),
    );
    try {
      this.hf.setCellContents({ sheet: id, row, col }, converted);
    } catch (e) {
      throw new WorkbookError("InvalidArgument", e instanceof Error ? e.message : String(e));
    }
  }

  /** Moves cells down by n rows within columns [col, col+cols), from `row` on (Excel's table-row insert). */
  shiftDown(s: SheetModel, row: number, col: number, cols: number, n: number): void {
    const id = this.sheetId(s);
    const height = this.hf.getSheetDimensions(id).height;
    if (height <= row) return;
    this.hf.moveCells({ start: { sheet: id, row, col }, end: { sheet: id, row: height - 1, col: col + cols - 1 } }, { sheet: id, row: row + n, col });
    const moved = new Map<string, CellFormat>();
    for (const [k, f] of s.formats) {
      const [r, c] = k.split(",").map(Number);
      if (r >= row && c >= col && c < col + cols) moved.set(key(r + n, c), f);
      else moved.set(k, f);
    }
    s.formats.clear();
    for (const [k, f] of moved) s.formats.set(k, f);
  }

  usedRect(s: SheetModel): Rect | undefined {
    const d = this.hf.getSheetDimensions(this.sheetId(s));
    let maxR = d.height - 1;
    let maxC = d.width - 1;
    for (const k of s.formats.keys()) {
      const [r, c] = k.split(",").map(Number);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
    if (maxR < 0 || maxC < 0) return undefined;
    return { row: 0, col: 0, rows: maxR + 1, cols: maxC + 1 };
  }

  format(s: SheetModel, row: number, col: number): CellFormat {
    return s.formats.get(key(row, col)) ?? {};
  }

  setFormat(s: SheetModel, rect: Rect, patch: CellFormat): void {
    const rows = Math.min(rect.rows, 2000);
    const cols = Math.min(rect.cols, 200);
    for (let r = rect.row; r < rect.row + rows; r++) {
      for (let c = rect.col; c < rect.col + cols; c++) {
        const k = key(r, c);
        s.formats.set(k, { ...s.formats.get(k), ...patch });
      }
    }
  }

  // ---- formulas and structured references
  private tableNameKey(table: string, part: string): string {
    return `__T_${table}_${part}`;
  }

  /** Excel formula text → HyperFormula's (structured references become hidden names). */
  toHfFormula(f: string): string {
    return f
      .split(/("(?:[^"]|"")*")/)
      .map((piece, i) => {
        if (i % 2 === 1) return piece;
        return piece.replace(/([A-Za-z_][A-Za-z0-9_]*)\[(?:#(All|Data|Headers)|([^[\]]*))\]/gi, (whole, name: string, special?: string, column?: string) => {
          const t = this.table(name);
          if (!t) return whole;
          let part: string;
          if (special) part = special[0].toUpperCase() + special.slice(1).toLowerCase();
          else if (!column) part = "Data";
          else {
            const headers = this.tableHeaders(t);
            const j = headers.findIndex((h) => h.toLowerCase() === column.trim().toLowerCase());
            if (j < 0) return "#REF!";
            part = `C${j}`;
          }
          this.ensureTableName(t, part);
          return this.tableNameKey(t.name, part);
        });
      })
      .join("");
  }

  /** HyperFormula's text → Excel's (hidden table names back to structured references). */
  toExcelFormula(f: string): string {
    return f.replace(/__T_([A-Za-z0-9_]+?)_(All|Data|Headers|C\d+)\b/g, (whole, name: string, part: string) => {
      const t = this.table(name);
      if (!t) return whole;
      if (part.startsWith("C")) return `${t.name}[${this.tableHeaders(t)[Number(part.slice(1))] ?? ""}]`;
      return part === "Data" ? `${t.name}[#Data]` : `${t.name}[#${part}]`;
    });
  }

  private tablePartRect(t: TableModel, part: string): Rect {
    const r = t.rect;
    if (part === "All") return r;
    if (part === "Headers") return { ...r, rows: 1 };
    const data = { ...r, row: r.row + 1, rows: Math.max(1, r.rows - 1) };
    if (part === "Data") return data;
    return { ...data, col: r.col + Number(part.slice(1)), cols: 1 };
  }

  private ensureTableName(t: TableModel, part: string): void {
    const name = this.tableNameKey(t.name, part);
    const expr = `=${quoteSheet(t.sheet.name)}!${rectAddress(this.tablePartRect(t, part), true)}`;
    if (this.hf.getNamedExpression(name)) this.hf.changeNamedExpression(name, expr);
    else this.hf.addNamedExpression(name, expr);
  }

  private refreshTableNames(t: TableModel): void {
    for (const n of this.hf.listNamedExpressions()) {
      const m = /^__T_(.+)_(All|Data|Headers|C\d+)$/.exec(n);
      if (m && m[1].toLowerCase() === t.name.toLowerCase()) this.ensureTableName(t, m[2]);
    }
  }

  // ---- tables
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  tableHeaders(t: TableModel): string[] {
    return Array.from({ length: t.rect.cols }, (_, j) => String(this.value(t.sheet, t.rect.row, t.rect.col + j)));
  }

  addTable(s: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    if (!hasHeaders) throw new WorkbookError("NotImplemented", "The preview creates tables from ranges with a header row only.");
    if (rect.rows < 2) throw new WorkbookError("InvalidArgument", "A table needs a header row and at least one data row in the preview.");
    if (this.tables.some((t) => t.sheet === s && intersects(t.rect, rect))) {
      throw new WorkbookError("InvalidOperation", "A table can't overlap another table.");
    }
    let i = 1;
    while (this.table(`Table${i}`) || this.names.has(`TABLE${i}`)) i++;
    // Empty header cells get ColumnN names, as Excel does.
    const headers: CellInput[] = [];
    for (let j = 0; j < rect.cols; j++) {
      const v = this.value(s, rect.row, rect.col + j);
      headers.push(v === "" ? `Column${j + 1}` : String(v));
    }
    this.setContents(s, rect.row, rect.col, [headers]);
    const t: TableModel = { name: `Table${i}`, sheet: s, rect: { ...rect }, style: "TableStyleMedium2" };
    this.tables.push(t);
    return t;
  }

  renameTable(t: TableModel, name: string): void {
    const problem = nameProblem(name);
    if (problem) throw new WorkbookError("InvalidArgument", `'${name}' is not a valid table name: ${problem}.`);
    const other = this.table(name);
    if ((other && other !== t) || this.names.has(name.toUpperCase())) {
      throw new WorkbookError("ItemAlreadyExists", `A table or name called '${name}' already exists.`);
    }
    const prefix = `__t_${t.name.toLowerCase()}_`;
    const oldParts = this.hf.listNamedExpressions().filter((n) => n.toLowerCase().startsWith(prefix));
    const users = this.cellsUsing(oldParts);
    t.name = name;
    for (const old of oldParts) {
      const part = old.slice(prefix.length);
      this.ensureTableName(t, part);
    }
    for (const c of users) {
      let f = c.hf;
      for (const old of oldParts) f = f.split(old).join(this.tableNameKey(name, old.slice(prefix.length)));
      this.hf.setCellContents(c.address, [[f]]);
    }
    for (const old of oldParts) this.hf.removeNamedExpression(old);
  }

  private cellsUsing(names: string[]): { address: { sheet: number; row: number; col: number }; hf: string }[] {
    if (names.length === 0) return [];
    const out: { address: { sheet: number; row: number; col: number }; hf: string }[] = [];
    for (const s of this.sheetList) {
      const id = this.sheetId(s);
      const formulas = this.hf.getSheetFormulas(id);
      formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f === "string" && names.some((n) => f.includes(n))) out.push({ address: { sheet: id, row: r, col: c }, hf: f });
        }),
      );
    }
    return out;
  }

  /** Appends rows of values to a table, inserting (shifting the cells below down) when they are not empty. */
  addTableRows(t: TableModel, values: CellInput[][]): void {
    const n = values.length;
    const at = t.rect.row + t.rect.rows;
    if (values.some((r) => r.length !== t.rect.cols)) {
      throw new WorkbookError("InvalidArgument", `The rows must have ${t.rect.cols} values, one per table column.`);
    }
    const below: Rect = { row: at, col: t.rect.col, rows: n, cols: t.rect.cols };
    let busy = false;
    for (let r = below.row; r < below.row + n && !busy; r++) {
      for (let c = below.col; c < below.col + below.cols; c++) if (this.formula(t.sheet, r, c) !== "") busy = true;
    }
    if (busy) {
      // Excel shifts the cells below within the table's columns; it refuses to cut through another table.
      const below = { row: at, col: t.rect.col, rows: MAX_ROWS - at, cols: t.rect.cols };
      const moved = this.tables.filter((x) => x !== t && x.sheet === t.sheet && intersects(x.rect, below));
      const cut = moved.find((x) => x.rect.col < t.rect.col || x.rect.col + x.rect.cols > t.rect.col + t.rect.cols);
      if (cut) throw new WorkbookError("InsertDeleteConflict", `Adding rows to table ${t.name} would shift part of table ${cut.name}.`);
      this.shiftDown(t.sheet, at, t.rect.col, t.rect.cols, n);
      for (const x of moved) {
        x.rect.row += n;
        this.refreshTableNames(x);
      }
    }
    this.setContents(t.sheet, at, t.rect.col, values);
    // Column formats and validation extend with the table, as in Excel.
    for (let j = 0; j < t.rect.cols; j++) {
      const f = this.format(t.sheet, at - 1, t.rect.col + j);
      if (Object.keys(f).length) this.setFormat(t.sheet, { row: at, col: t.rect.col + j, rows: n, cols: 1 }, f);
    }
    for (const v of t.sheet.validations) {
      if (v.rect.row + v.rect.rows === at && v.rect.col >= t.rect.col && v.rect.col < t.rect.col + t.rect.cols) v.rect.rows += n;
    }
    t.rect.rows += n;
    this.refreshTableNames(t);
  }

  deleteTableRow(t: TableModel, index: number): void {
    const r = t.rect.row + 1 + index;
    if (index < 0 || r >= t.rect.row + t.rect.rows) throw new WorkbookError("ItemNotFound", `The table has no row ${index}.`);
    const id = this.sheetId(t.sheet);
    const height = this.hf.getSheetDimensions(id).height;
    this.setContents(t.sheet, r, t.rect.col, [new Array<CellInput>(t.rect.cols).fill(null)]);
    if (height > r + 1) {
      this.hf.moveCells({ start: { sheet: id, row: r + 1, col: t.rect.col }, end: { sheet: id, row: height - 1, col: t.rect.col + t.rect.cols - 1 } }, { sheet: id, row: r, col: t.rect.col });
    }
    t.rect.rows -= 1;
    for (const v of t.sheet.validations) {
      if (v.rect.row > t.rect.row && v.rect.row + v.rect.rows > r && v.rect.col >= t.rect.col && v.rect.col < t.rect.col + t.rect.cols) {
        v.rect.rows = Math.max(1, v.rect.rows - 1);
      }
    }
    this.refreshTableNames(t);
  }

  removeTable(t: TableModel): void {
    const parts = this.hf.listNamedExpressions().filter((n) => n.toLowerCase().startsWith(`__t_${t.name.toLowerCase()}_`));
    // Formulas that used the table keep working on its former address.
    for (const c of this.cellsUsing(parts)) {
      let f = c.hf;
      for (const n of parts) {
        const expr = this.hf.getNamedExpressionFormula(n) ?? "=#REF!";
        f = f.split(n).join(expr.slice(1));
      }
      this.hf.setCellContents(c.address, [[f]]);
    }
    for (const n of parts) this.hf.removeNamedExpression(n);
    this.tables.splice(this.tables.indexOf(t), 1);
  }

  // ---- names
  listNames(): NameModel[] {
    return [...this.names.values()];
  }

  getName(name: string): NameModel | undefined {
    return this.names.get(name.toUpperCase());
  }

  addName(name: string, formula: string, comment = ""): NameModel {
    const problem = name.startsWith("__") ? "names starting with __ are the preview's own" : nameProblem(name);
    if (problem) throw new WorkbookError("InvalidArgument", `'${name}' is not a valid name: ${problem}.`);
    if (comment.length > 255) throw new WorkbookError("InvalidArgument", `The comment of name '${name}' is longer than Excel's 255 characters.`);
    if (this.names.has(name.toUpperCase()) || this.table(name)) throw new WorkbookError("ItemAlreadyExists", `The name '${name}' already exists.`);
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    try {
      this.hf.addNamedExpression(name, this.toHfFormula(f));
    } catch (e) {
      throw new WorkbookError("InvalidArgument", `The name '${name}' cannot refer to ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const n = { name, formula: f, comment };
    this.names.set(name.toUpperCase(), n);
    return n;
  }

  /** Redefines a name in place (NamedItem.formula / comment); formulas using it recalculate. */
  changeName(name: string, formula?: string, comment?: string): void {
    const n = this.names.get(name.toUpperCase());
    if (!n) throw new WorkbookError("ItemNotFound", `The name '${name}' doesn't exist.`);
    if (comment !== undefined) {
      if (comment.length > 255) throw new WorkbookError("InvalidArgument", `The comment of name '${name}' is longer than Excel's 255 characters.`);
      n.comment = comment;
    }
    if (formula !== undefined) {
      const f = formula.startsWith("=") ? formula : `=${formula}`;
      try {
        this.hf.changeNamedExpression(n.name, this.toHfFormula(f));
      } catch (e) {
        throw new WorkbookError("InvalidArgument", `The name '${name}' cannot refer to ${f}: ${e instanceof Error ? e.message : String(e)}`);
      }
      n.formula = f;
    }
  }

  deleteName(name: string): void {
    const n = this.names.get(name.toUpperCase());
    if (!n) throw new WorkbookError("ItemNotFound", `The name '${name}' doesn't exist.`);
    this.hf.removeNamedExpression(n.name);
    this.names.delete(name.toUpperCase());
  }

  newId(): number {
    return this.nextId++;
  }
}
