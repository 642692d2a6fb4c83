/**
 * The part of the Excel JavaScript API the task pane uses, implemented over the preview Workbook.
 * It keeps Office.js's batch semantics so pane code that works here works in Excel:
 * - calls on proxy objects are queued and run, in order, at `context.sync()`;
 * - a property can be read only after `load()` and `sync()` (else PropertyNotLoaded, as in Excel);
 * - a failing command rejects `sync()` with an error carrying Excel's code (ItemNotFound,
 *   InvalidArgument …); the commands before it stay applied, as in Excel;
 * - `getItemOrNullObject` gives objects whose `isNullObject` is set by the sync.
 * Charts, conditional formats and data validation are recorded as objects on the workbook.
 */
import {
  type ChartModel,
  type ConditionalFormatModel,
  type SeriesModel,
  type ConditionalStyle,
  type Rect,
  type SheetModel,
  type TableModel,
  Workbook,
  WorkbookError,
  intersects,
  parseRect,
  quoteSheet,
  rectAddress,
  splitAddress,
  MAX_COLS,
  MAX_ROWS,
  type CellInput,
} from "./workbook";
import { formatValue } from "./render";

export class ShimError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

function shimError(e: unknown): ShimError {
  if (e instanceof ShimError) return e;
  if (e instanceof WorkbookError) return new ShimError(e.code, e.message);
  return new ShimError("GeneralException", e instanceof Error ? e.message : String(e));
}

export interface Hooks {
  /** Test hook: the next sync fails (GeneralException) after this many write commands. */
  failAfterWrites?: number;
  /**
   * Test hook: the next chart made by charts.add infers this many series from its source instead of one
   * per column (or row). In Excel a chart over a grid that custom functions have not filled yet (they
   * run after the batch) may infer other series than the finished grid would give; pane code must not
   * rely on the inference.
   */
  chartSeries?: number;
}

type Op = { write: boolean; run: () => void };

class Lazy<T> {
  private value?: T;
  private done = false;
  constructor(private readonly make: () => T) {}
  get(): T {
    if (!this.done) {
      this.value = this.make();
      this.done = true;
    }
    return this.value as T;
  }
}

export class RequestContext {
  private ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  constructor(
    readonly wb: Workbook,
    readonly hooks: Hooks,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  queue(write: boolean, run: () => void): void {
    this.ops.push({ write, run });
  }

  get pending(): number {
    return this.ops.length;
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    await Promise.resolve();
    let writes = 0;
    try {
      for (const op of ops) {
        if (op.write) {
          if (this.hooks.failAfterWrites !== undefined && writes >= this.hooks.failAfterWrites) {
            this.hooks.failAfterWrites = undefined;
            throw new ShimError("GeneralException", "An internal error has occurred (failure injected by the preview's test hook).");
          }
          writes++;
        }
        op.run();
      }
    } catch (e) {
      throw shimError(e);
    } finally {
      if (writes > 0) this.wb.changed();
    }
  }
}

type Props = string | string[] | { select?: string | string[] } | undefined;

function propList(props: Props): string[] {
  if (props === undefined) return [];
  if (typeof props === "string") return props.split(",").map((p) => p.trim()).filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => propList(p));
  return propList(props.select);
}

/** Base of every proxy: loaded properties, load(), and the PropertyNotLoaded check. */
abstract class ClientObject {
  protected loaded: Record<string, unknown> = {};
  constructor(readonly context: RequestContext) {}
  protected abstract read(prop: string): unknown;
  protected defaultProps(): string[] {
    return [];
  }
  protected got<T>(prop: string): T {
    if (!(prop in this.loaded)) {
      throw new ShimError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded[prop] as T;
  }
  load(props?: Props): this {
    const list = propList(props);
    const names = list.length ? list : this.defaultProps();
    this.context.queue(false, () => {
      for (const p of names) this.loaded[p.startsWith("items/") ? "items" : p] = this.read(p);
    });
    return this;
  }
  protected write(run: () => void): void {
    this.context.queue(true, run);
  }
  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

/** An object from getItemOrNullObject: isNullObject is known after the sync. */
abstract class NullableObject<T> extends ClientObject {
  protected target: Lazy<T>;
  constructor(
    context: RequestContext,
    find: () => T | undefined,
    what: string,
    nullable: boolean,
  ) {
    super(context);
    this.target = new Lazy(() => {
      const t = find();
      if (t === undefined) throw new ShimError("ItemNotFound", `The requested resource doesn't exist (${what}).`);
      return t;
    });
    if (nullable) {
      context.queue(false, () => {
        const exists = find() !== undefined;
        this.loaded.isNullObject = !exists;
        if (exists) this.target.get();
      });
    } else this.loaded.isNullObject = false;
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, worksheets

class WorkbookProxy {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  constructor(readonly context: RequestContext) {
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context);
    this.names = new NamedItemCollection(context);
  }
}

abstract class Collection<T> extends ClientObject {
  protected abstract list(): T[];
  protected abstract wrap(t: T): ClientObject;
  protected read(prop: string): unknown {
    if (prop === "count") return this.list().length;
    if (prop === "items" || prop.startsWith("items/")) {
      const sub = prop.startsWith("items/") ? prop.slice(6) : undefined;
      const items = this.list().map((t) => {
        const w = this.wrap(t) as unknown as { loaded: Record<string, unknown>; read(p: string): unknown; defaultProps(): string[] };
        for (const p of sub ? [sub] : w.defaultProps()) w.loaded[p] = w.read(p);
        return w;
      });
      // Several items/… loads merge into the same item objects.
      const prev = this.loaded.items as { loaded: Record<string, unknown> }[] | undefined;
      if (prev && prev.length === items.length) {
        prev.forEach((p, i) => Object.assign(p.loaded, items[i].loaded));
        return prev;
      }
      return items;
    }
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get items(): ClientObject[] {
    return this.got("items");
  }
  get count(): number {
    return this.got("count");
  }
}

class WorksheetCollection extends Collection<SheetModel> {
  protected list() {
    return [...this.context.wb.sheets];
  }
  protected wrap(s: SheetModel) {
    return new Worksheet(this.context, () => s, false);
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.context, () => this.context.wb.sheet(name), false, name);
  }
  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this.context, () => this.context.wb.sheet(name), true, name);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => this.context.wb.sheet(this.context.wb.activeSheet), false);
  }
  add(name?: string): Worksheet {
    let created: SheetModel | undefined;
    this.context.queue(true, () => {
      created = this.context.wb.addSheet(name);
    });
    return new Worksheet(this.context, () => created, false, name);
  }
}

export class Worksheet extends NullableObject<SheetModel> {
  readonly charts: ChartCollection;
  constructor(context: RequestContext, find: () => SheetModel | undefined, nullable: boolean, label?: string) {
    super(context, find, `worksheet ${label ?? ""}`.trim(), nullable);
    this.charts = new ChartCollection(context, () => this.target.get());
  }
  model(): SheetModel {
    return this.target.get();
  }
  protected override defaultProps() {
    return ["name", "position"];
  }
  protected read(prop: string): unknown {
    const s = this.target.get();
    if (prop === "name") return s.name;
    if (prop === "position") return this.context.wb.sheets.indexOf(s);
    if (prop === "visibility") return "Visible";
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get name(): string {
    return this.got("name");
  }
  get position(): number {
    return this.got("position");
  }
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const s = this.target.get();
      if (!address) return { sheet: s, rect: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const split = splitAddress(address);
      const sheet = split.sheet ? this.context.wb.requireSheet(split.sheet) : s;
      return { sheet, rect: parseRect(split.address) };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return new Range(this.context, () => ({ sheet: this.target.get(), rect: { row, col, rows, cols } }));
  }
  getUsedRangeOrNullObject(): Range {
    return new Range(
      this.context,
      () => {
        const s = this.target.get();
        const r = this.context.wb.usedRect(s);
        return r ? { sheet: s, rect: r } : undefined;
      },
      true,
    );
  }
  getUsedRange(): Range {
    return new Range(this.context, () => {
      const s = this.target.get();
      return { sheet: s, rect: this.context.wb.usedRect(s) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }
  activate(): void {
    this.write(() => {
      this.context.wb.activeSheet = this.target.get().name;
    });
  }
  delete(): void {
    this.write(() => this.context.wb.deleteSheet(this.target.get()));
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function checkShape(data: unknown, rect: Rect, what: string): unknown[][] {
  if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
    throw new ShimError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (${what} must be a 2-D array).`);
  }
  const rows = data as unknown[][];
  if (rect.rows === MAX_ROWS || rect.cols === MAX_COLS) {
    throw new ShimError("InvalidArgument", `The preview does not write ${what} to whole rows or columns.`);
  }
  if (rows.length !== rect.rows || rows.some((r) => r.length !== rect.cols)) {
    throw new ShimError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows.length}×${rows[0]?.length ?? 0} for ${rect.rows}×${rect.cols}).`,
    );
  }
  return rows;
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/**
 * One cell of a 2-D array written to `values` / `formulas`, read as Excel reads it (as if typed):
 * - null (or undefined) leaves the cell unchanged ("null input in a 2-D array", Office docs); "" clears it;
 * - text starting with "=" is a formula, and so is text starting with "+" or "-" that is not a number
 *   (Range.values docs: "If the value starts with a plus, minus, or equal sign, Excel interprets this
 *   value as a formula"); a formula Excel cannot parse rejects the batch (InvalidArgument), as in Excel;
 * - a leading apostrophe keeps text as text (HyperFormula strips it as Excel does); numeric text
 *   becomes a number (HyperFormula parses it).
 */
function cellInput(wb: Workbook, v: unknown): CellInput | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new ShimError("InvalidArgument", "A cell value must be a finite number.");
    return v;
  }
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") throw new ShimError("InvalidArgument", "A cell value must be a number, text or a boolean.");
  if (v.startsWith("'")) return v;
  const formula = v.startsWith("=") ? v : /^[+-]/.test(v) && !PLAIN_NUMBER.test(v.trim()) ? `=${v}` : undefined;
  if (formula === undefined) return v;
  if (!wb.hf.validateFormula(wb.toHfFormula(formula))) {
    throw new ShimError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (Excel cannot read '${v}' as a formula).`);
  }
  return formula;
}

/** Writes a checked 2-D array; null cells are left as they are. */
function writeCells(wb: Workbook, sheet: SheetModel, rect: Rect, rows: unknown[][]): void {
  const cells = rows.map((r) => r.map((v) => cellInput(wb, v)));
  if (cells.every((r) => r.every((v) => v !== undefined))) {
    wb.setContents(sheet, rect.row, rect.col, cells as CellInput[][]);
    return;
  }
  wb.hf.batch(() =>
    cells.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v !== undefined) wb.setContents(sheet, rect.row + i, rect.col + j, [[v]]);
      }),
    ),
  );
}

const READ_LIMIT = 20000;

export class Range extends NullableObject<RangeTarget> {
  readonly format: RangeFormat;
  readonly dataValidation: DataValidation;
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(context: RequestContext, find: () => RangeTarget | undefined, nullable = false) {
    super(context, find, "range", nullable);
    this.format = new RangeFormat(context, () => this.target.get());
    this.dataValidation = new DataValidation(context, () => this.target.get());
    this.conditionalFormats = new ConditionalFormatCollection(context, () => this.target.get());
  }
  model(): RangeTarget {
    return this.target.get();
  }
  protected override defaultProps() {
    return ["address", "values", "formulas", "numberFormat", "rowCount", "columnCount", "rowIndex", "columnIndex"];
  }
  private grid<T>(f: (s: SheetModel, r: number, c: number) => T): T[][] {
    const { sheet, rect } = this.target.get();
    if (rect.rows * rect.cols > READ_LIMIT) throw new ShimError("RangeExceedsLimit", "The range is too large to read in one request.");
    return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => f(sheet, rect.row + i, rect.col + j)));
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.target.get();
    const wb = this.context.wb;
    switch (prop) {
      case "address":
        return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
      case "addressLocal":
        return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
      case "values":
        return this.grid((s, r, c) => wb.value(s, r, c));
      case "formulas":
        return this.grid((s, r, c) => wb.formula(s, r, c));
      case "numberFormat":
        return this.grid((s, r, c) => wb.format(s, r, c).numberFormat ?? "General");
      case "text":
        return this.grid((s, r, c) => String(wb.value(s, r, c)));
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "cellCount":
        return rect.rows * rect.cols;
      default:
        throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
    }
  }
  get address(): string {
    return this.got("address");
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set values(v: unknown[][]) {
    this.write(() => {
      const { sheet, rect } = this.target.get();
      writeCells(this.context.wb, sheet, rect, checkShape(v, rect, "values"));
    });
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  set formulas(v: unknown[][]) {
    this.values = v;
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.write(() => {
      const { sheet, rect } = this.target.get();
      const rows = checkShape(v, rect, "numberFormat");
      rows.forEach((r, i) =>
        r.forEach((f, j) => {
          if (f === null || f === undefined) return; // null leaves the cell's format as it is
          if (typeof f !== "string") throw new ShimError("InvalidArgument", "A number format must be text.");
          this.context.wb.setFormat(sheet, { row: rect.row + i, col: rect.col + j, rows: 1, cols: 1 }, { numberFormat: f });
        }),
      );
    });
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get text(): string[][] {
    return this.got("text");
  }
  private sheetProxy?: Worksheet;
  /** A navigation property: the same proxy every time, as in Office.js. */
  get worksheet(): Worksheet {
    this.sheetProxy ??= new Worksheet(this.context, () => this.target.get().sheet, false);
    return this.sheetProxy;
  }
  private derived(f: (t: RangeTarget) => Rect): Range {
    return new Range(this.context, () => {
      const t = this.target.get();
      const rect = f(t);
      if (rect.row < 0 || rect.col < 0 || rect.rows < 1 || rect.cols < 1) throw new ShimError("InvalidArgument", "The range would fall outside the sheet.");
      return { sheet: t.sheet, rect };
    });
  }
  getCell(row: number, col: number): Range {
    return this.derived(({ rect }) => ({ row: rect.row + row, col: rect.col + col, rows: 1, cols: 1 }));
  }
  getRow(i: number): Range {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + i, rows: 1 }));
  }
  getColumn(i: number): Range {
    return this.derived(({ rect }) => ({ ...rect, col: rect.col + i, cols: 1 }));
  }
  getRowsBelow(n = 1): Range {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + rect.rows, rows: n }));
  }
  getRowsAbove(n = 1): Range {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row - n, rows: n }));
  }
  getColumnsAfter(n = 1): Range {
    return this.derived(({ rect }) => ({ ...rect, col: rect.col + rect.cols, cols: n }));
  }
  getOffsetRange(dr: number, dc: number): Range {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + dr, col: rect.col + dc }));
  }
  getResizedRange(dr: number, dc: number): Range {
    return this.derived(({ rect }) => ({ ...rect, rows: rect.rows + dr, cols: rect.cols + dc }));
  }
  /** The used part of this range (cells with contents or formats), or a null object. */
  getUsedRangeOrNullObject(): Range {
    return new Range(
      this.context,
      () => {
        const { sheet, rect } = this.target.get();
        const used = this.context.wb.usedRect(sheet);
        if (!used) return undefined;
        const row = Math.max(rect.row, used.row);
        const col = Math.max(rect.col, used.col);
        const rows = Math.min(rect.row + rect.rows, used.row + used.rows) - row;
        const cols = Math.min(rect.col + rect.cols, used.col + used.cols) - col;
        return rows > 0 && cols > 0 ? { sheet, rect: { row, col, rows, cols } } : undefined;
      },
      true,
    );
  }
  getLastRow(): Range {
    return this.derived(({ rect }) => ({ ...rect, row: rect.row + rect.rows - 1, rows: 1 }));
  }
  clear(): void {
    this.write(() => {
      const { sheet, rect } = this.target.get();
      const used = this.context.wb.usedRect(sheet);
      if (!used) return;
      const rows = Math.min(rect.rows, used.rows - rect.row);
      const cols = Math.min(rect.cols, used.cols - rect.col);
      if (rows > 0 && cols > 0) this.context.wb.setContents(sheet, rect.row, rect.col, Array.from({ length: rows }, () => new Array<CellInput>(cols).fill(null)));
      for (const k of [...sheet.formats.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) sheet.formats.delete(k);
      }
    });
  }
  select(): void {
    this.write(() => {
      this.context.wb.activeSheet = this.target.get().sheet.name;
    });
  }
}

class FormatPart {
  constructor(
    private readonly owner: ClientObject & { context: RequestContext },
    private readonly apply: (patch: Record<string, unknown>) => void,
    private readonly fields: Record<string, string>,
  ) {
    for (const [prop, field] of Object.entries(fields)) {
      Object.defineProperty(this, prop, {
        set: (v: unknown) => owner.context.queue(true, () => apply({ [field]: v })),
        get: () => {
          throw new ShimError("PropertyNotLoaded", `The preview does not read format property '${prop}'.`);
        },
        enumerable: true,
      });
    }
  }
  clear(): void {
    this.owner.context.queue(true, () => this.apply(Object.fromEntries(Object.values(this.fields).map((f) => [f, undefined]))));
  }
}

class RangeFormat extends ClientObject {
  readonly font: FormatPart;
  readonly fill: FormatPart;
  constructor(
    context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(context);
    const apply = (patch: Record<string, unknown>) => {
      const { sheet, rect } = this.range();
      this.context.wb.setFormat(sheet, rect, patch);
    };
    this.font = new FormatPart(this, apply, { bold: "bold", italic: "italic", color: "color", size: "size", name: "fontName" });
    this.fill = new FormatPart(this, apply, { color: "fill" });
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.range();
    if (prop === "columnWidth") return sheet.columnWidths.get(rect.col) ?? 64;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  set columnWidth(w: number) {
    this.write(() => {
      const { sheet, rect } = this.range();
      for (let c = rect.col; c < rect.col + Math.min(rect.cols, 200); c++) sheet.columnWidths.set(c, w);
    });
  }
  get columnWidth(): number {
    return this.got("columnWidth");
  }
  set horizontalAlignment(v: string) {
    this.write(() => {
      const { sheet, rect } = this.range();
      this.context.wb.setFormat(sheet, rect, { align: v });
    });
  }
  set wrapText(_v: boolean) {
    this.write(() => undefined);
  }
  autofitColumns(): void {
    this.write(() => {
      const { sheet, rect } = this.range();
      const wb = this.context.wb;
      for (let c = rect.col; c < rect.col + Math.min(rect.cols, 200); c++) {
        let longest = 0;
        // Excel fits the text shown (a date serial shows as 2027-06-18, not 46556).
        for (let r = rect.row; r < rect.row + Math.min(rect.rows, 500); r++) {
          longest = Math.max(longest, formatValue(wb.value(sheet, r, c), wb.format(sheet, r, c).numberFormat).text.length);
        }
        sheet.columnWidths.set(c, Math.min(300, Math.max(40, longest * 7 + 10)));
      }
    });
  }
  autofitRows(): void {
    this.write(() => undefined);
  }
}

class DataValidation extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(context);
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.range();
    const v = sheet.validations.find((x) => intersects(x.rect, rect));
    if (prop === "rule") return v?.rule ?? {};
    if (prop === "errorAlert") return v?.errorAlert ?? {};
    if (prop === "type") return v ? Object.keys(v.rule)[0] : "None";
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get rule(): Record<string, unknown> {
    return this.got("rule");
  }
  set rule(rule: Record<string, unknown>) {
    this.write(() => {
      const { sheet, rect } = this.range();
      const list = rule.list as { source?: unknown } | undefined;
      if (list && (typeof list.source !== "string" || list.source.length === 0)) throw new ShimError("InvalidArgument", "A list validation needs a source.");
      // Excel keeps a typed-in list to 255 characters.
      if (list && typeof list.source === "string" && !list.source.startsWith("=") && list.source.length > 255) {
        throw new ShimError("InvalidArgument", "A data-validation list typed as text is limited to 255 characters.");
      }
      if (sheet.validations.some((x) => intersects(x.rect, rect))) {
        throw new ShimError("InvalidOperation", "The range already has data validation: clear it first (dataValidation.clear()).");
      }
      sheet.validations.push({ rect: { ...rect }, rule: JSON.parse(JSON.stringify(rule)) });
    });
  }
  set errorAlert(alert: Record<string, unknown>) {
    this.write(() => {
      const { sheet, rect } = this.range();
      // Excel's limits on the error alert: a title of 32 characters, a message of 255.
      if (typeof alert.title === "string" && alert.title.length > 32) throw new ShimError("InvalidArgument", "A data-validation alert title is limited to 32 characters.");
      if (typeof alert.message === "string" && alert.message.length > 255) throw new ShimError("InvalidArgument", "A data-validation alert message is limited to 255 characters.");
      if (alert.style !== undefined && !["Stop", "Warning", "Information"].includes(String(alert.style))) throw new ShimError("InvalidArgument", "Invalid alert style.");
      for (const v of sheet.validations) if (intersects(v.rect, rect)) v.errorAlert = { ...alert };
    });
  }
  clear(): void {
    this.write(() => {
      const { sheet, rect } = this.range();
      sheet.validations = sheet.validations.filter((x) => !intersects(x.rect, rect));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

function conditionalStyle(): ConditionalStyle {
  return { borders: {} };
}

class ConditionalFormatCollection extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(context);
  }
  protected read(prop: string): unknown {
    if (prop === "count") {
      const { sheet, rect } = this.range();
      return sheet.conditionalFormats.filter((c) => intersects(c.rect, rect)).length;
    }
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get count(): number {
    return this.got("count");
  }
  add(type: string): ConditionalFormat {
    let model: ConditionalFormatModel | undefined;
    this.context.queue(true, () => {
      const { sheet, rect } = this.range();
      if (!["ColorScale", "TopBottom", "Custom"].includes(type)) throw new ShimError("NotImplemented", `The preview does not implement conditional format type ${type}.`);
      model = { id: this.context.wb.newId(), rect: { ...rect }, type };
      if (type === "ColorScale") model.colorScale = {};
      if (type === "TopBottom") model.topBottom = { format: conditionalStyle() };
      if (type === "Custom") model.custom = { format: conditionalStyle() };
      sheet.conditionalFormats.push(model);
    });
    return new ConditionalFormat(this.context, () => model);
  }
  clearAll(): void {
    this.context.queue(true, () => {
      const { sheet, rect } = this.range();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !intersects(c.rect, rect));
    });
  }
}

function styleProxy(context: RequestContext, style: () => ConditionalStyle) {
  const set = (f: (s: ConditionalStyle) => void) => context.queue(true, () => f(style()));
  const side = (name: string) => ({
    set style(v: string) {
      set((s) => (s.borders[name] = { ...s.borders[name], style: v }));
    },
    set color(v: string) {
      set((s) => (s.borders[name] = { ...s.borders[name], color: v }));
    },
  });
  return {
    font: {
      set bold(v: boolean) {
        set((s) => (s.bold = v));
      },
      set italic(v: boolean) {
        set((s) => (s.italic = v));
      },
      set color(v: string) {
        set((s) => (s.color = v));
      },
    },
    fill: {
      set color(v: string) {
        set((s) => (s.fill = v));
      },
    },
    borders: {
      top: side("top"),
      bottom: side("bottom"),
      left: side("left"),
      right: side("right"),
      getItem(name: string) {
        return side(name.replace(/^Edge/, "").toLowerCase());
      },
    },
  };
}

class ConditionalFormat extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly model: () => ConditionalFormatModel | undefined,
  ) {
    super(context);
  }
  private m(): ConditionalFormatModel {
    const m = this.model();
    if (!m) throw new ShimError("ItemNotFound", "The conditional format was not created.");
    return m;
  }
  protected read(prop: string): unknown {
    if (prop === "type") return this.m().type;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get colorScale() {
    const ctx = this.context;
    const m = () => this.m();
    return {
      set criteria(c: Record<string, { type?: string; formula?: string | null; color?: string } | undefined>) {
        ctx.queue(true, () => {
          const model = m();
          if (!model.colorScale) throw new ShimError("InvalidOperation", "This conditional format is not a colour scale.");
          if (!c.minimum || !c.maximum) throw new ShimError("InvalidArgument", "A colour scale needs a minimum and a maximum.");
          model.colorScale.criteria = JSON.parse(JSON.stringify(c));
        });
      },
    };
  }
  get topBottom() {
    const ctx = this.context;
    const m = () => this.m();
    return {
      set rule(r: { rank: number; type: string }) {
        ctx.queue(true, () => {
          const model = m();
          if (!model.topBottom) throw new ShimError("InvalidOperation", "This conditional format is not a top/bottom rule.");
          if (!(r.rank >= 1) || !["TopItems", "BottomItems", "TopPercent", "BottomPercent"].includes(r.type)) throw new ShimError("InvalidArgument", "Invalid top/bottom rule.");
          model.topBottom.rule = { ...r };
        });
      },
      format: styleProxy(ctx, () => {
        const model = m();
        if (!model.topBottom) throw new ShimError("InvalidOperation", "This conditional format is not a top/bottom rule.");
        return model.topBottom.format;
      }),
    };
  }
  get custom() {
    const ctx = this.context;
    const m = () => this.m();
    return {
      rule: {
        set formula(f: string) {
          ctx.queue(true, () => {
            const model = m();
            if (!model.custom) throw new ShimError("InvalidOperation", "This conditional format is not a custom rule.");
            model.custom.rule = { formula: f };
          });
        },
      },
      format: styleProxy(ctx, () => {
        const model = m();
        if (!model.custom) throw new ShimError("InvalidOperation", "This conditional format is not a custom rule.");
        return model.custom.format;
      }),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

function rangeTargetFrom(context: RequestContext, address: string | Range, defaultSheet?: SheetModel): RangeTarget {
  if (address instanceof Range) return address.model();
  const split = splitAddress(address);
  const sheet = split.sheet ? context.wb.requireSheet(split.sheet) : defaultSheet ?? context.wb.requireSheet(context.wb.activeSheet);
  return { sheet, rect: parseRect(split.address) };
}

class TableCollection extends Collection<TableModel> {
  protected list() {
    return [...this.context.wb.tables];
  }
  protected wrap(t: TableModel) {
    return new Table(this.context, () => t, false);
  }
  getItem(name: string): Table {
    return new Table(this.context, () => this.context.wb.table(name), false, name);
  }
  getItemOrNullObject(name: string): Table {
    return new Table(this.context, () => this.context.wb.table(name), true, name);
  }
  add(address: string | Range, hasHeaders: boolean): Table {
    let created: TableModel | undefined;
    this.context.queue(true, () => {
      const { sheet, rect } = rangeTargetFrom(this.context, address);
      created = this.context.wb.addTable(sheet, rect, hasHeaders);
    });
    return new Table(this.context, () => created, false);
  }
}

export class Table extends NullableObject<TableModel> {
  readonly rows: TableRowCollection;
  readonly columns: TableColumnCollection;
  constructor(context: RequestContext, find: () => TableModel | undefined, nullable: boolean, label?: string) {
    super(context, find, `table ${label ?? ""}`.trim(), nullable);
    this.rows = new TableRowCollection(context, () => this.target.get());
    this.columns = new TableColumnCollection(context, () => this.target.get());
  }
  protected override defaultProps() {
    return ["name", "style"];
  }
  protected read(prop: string): unknown {
    const t = this.target.get();
    if (prop === "name") return t.name;
    if (prop === "style") return t.style;
    if (prop === "showHeaders") return true;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(n: string) {
    this.write(() => this.context.wb.renameTable(this.target.get(), n));
  }
  set style(s: string) {
    this.write(() => {
      this.target.get().style = s;
    });
  }
  private sheetProxy?: Worksheet;
  /** A navigation property: the same proxy every time, as in Office.js. */
  get worksheet(): Worksheet {
    this.sheetProxy ??= new Worksheet(this.context, () => this.target.get().sheet, false);
    return this.sheetProxy;
  }
  private part(f: (t: TableModel) => Rect): Range {
    return new Range(this.context, () => {
      const t = this.target.get();
      return { sheet: t.sheet, rect: f(t) };
    });
  }
  getRange(): Range {
    return this.part((t) => ({ ...t.rect }));
  }
  getHeaderRowRange(): Range {
    return this.part((t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): Range {
    return this.part((t) => ({ ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 }));
  }
  convertToRange(): Range {
    let rect: RangeTarget | undefined;
    this.write(() => {
      const t = this.target.get();
      rect = { sheet: t.sheet, rect: { ...t.rect } };
      this.context.wb.removeTable(t);
    });
    return new Range(this.context, () => rect);
  }
  delete(): void {
    this.write(() => {
      const t = this.target.get();
      const { sheet, rect } = { sheet: t.sheet, rect: { ...t.rect } };
      this.context.wb.removeTable(t);
      this.context.wb.setContents(sheet, rect.row, rect.col, Array.from({ length: rect.rows }, () => new Array<CellInput>(rect.cols).fill(null)));
    });
  }
}

class TableRowCollection extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(context);
  }
  protected read(prop: string): unknown {
    if (prop === "count") return this.table().rect.rows - 1;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get count(): number {
    return this.got("count");
  }
  add(index?: number | null, values?: unknown[][]): ClientObject {
    this.context.queue(true, () => {
      const t = this.table();
      // null, undefined or -1: at the end (Office docs); the preview inserts nowhere else.
      if (index !== undefined && index !== null && index !== -1 && index !== t.rect.rows - 1) {
        throw new ShimError("NotImplemented", "The preview appends table rows at the end only.");
      }
      const rows = values ?? [new Array(t.rect.cols).fill(null)];
      checkShape(rows, { row: 0, col: 0, rows: rows.length, cols: t.rect.cols }, "values");
      this.context.wb.addTableRows(t, rows.map((r) => r.map((v) => cellInput(this.context.wb, v) ?? null)));
    });
    return this;
  }
  getItemAt(index: number) {
    const ctx = this.context;
    return {
      delete: () => ctx.queue(true, () => ctx.wb.deleteTableRow(this.table(), index)),
    };
  }
}

class TableColumnCollection extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(context);
  }
  protected read(prop: string): unknown {
    if (prop === "count") return this.table().rect.cols;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  private column(find: (t: TableModel) => number) {
    const ctx = this.context;
    const rect = (rows: "all" | "data" | "header") => () => {
      const t = this.table();
      const j = find(t);
      if (j < 0 || j >= t.rect.cols) throw new ShimError("ItemNotFound", "The requested resource doesn't exist (table column).");
      const col = t.rect.col + j;
      if (rows === "header") return { sheet: t.sheet, rect: { row: t.rect.row, col, rows: 1, cols: 1 } };
      if (rows === "data") return { sheet: t.sheet, rect: { row: t.rect.row + 1, col, rows: t.rect.rows - 1, cols: 1 } };
      return { sheet: t.sheet, rect: { row: t.rect.row, col, rows: t.rect.rows, cols: 1 } };
    };
    return {
      getDataBodyRange: () => new Range(ctx, rect("data")),
      getHeaderRowRange: () => new Range(ctx, rect("header")),
      getRange: () => new Range(ctx, rect("all")),
    };
  }
  getItemAt(index: number) {
    return this.column(() => index);
  }
  getItem(name: string) {
    return this.column((t) => this.context.wb.tableHeaders(t).findIndex((h) => h.toLowerCase() === name.toLowerCase()));
  }
}

// ---------------------------------------------------------------------------------------------
// Names

class NamedItemCollection extends Collection<{ name: string }> {
  protected list() {
    return this.context.wb.listNames();
  }
  protected wrap(n: { name: string }) {
    return new NamedItem(this.context, () => this.context.wb.getName(n.name), false);
  }
  getItem(name: string): NamedItem {
    return new NamedItem(this.context, () => this.context.wb.getName(name), false, name);
  }
  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(this.context, () => this.context.wb.getName(name), true, name);
  }
  add(name: string, reference: string | Range, comment?: string): NamedItem {
    this.context.queue(true, () => {
      let formula: string;
      if (reference instanceof Range) {
        const { sheet, rect } = reference.model();
        formula = `=${quoteSheet(sheet.name)}!${rectAddress(rect, true)}`;
      } else formula = reference.startsWith("=") ? reference : `=${reference}`;
      this.context.wb.addName(name, formula, comment ?? "");
    });
    return new NamedItem(this.context, () => this.context.wb.getName(name), false, name);
  }
}

class NamedItem extends NullableObject<{ name: string; formula: string; comment: string }> {
  constructor(context: RequestContext, find: () => { name: string; formula: string; comment: string } | undefined, nullable: boolean, label?: string) {
    super(context, find, `name ${label ?? ""}`.trim(), nullable);
  }
  protected override defaultProps() {
    return ["name", "formula", "comment", "type"];
  }
  protected read(prop: string): unknown {
    const n = this.target.get();
    if (prop === "name") return n.name;
    if (prop === "formula") return n.formula;
    if (prop === "comment") return n.comment;
    if (prop === "type") return "Range";
    if (prop === "value") return n.formula.slice(1);
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get name(): string {
    return this.got("name");
  }
  get formula(): string {
    return this.got("formula");
  }
  /** Redefines the name in place (formulas using it keep working). */
  set formula(f: string) {
    this.write(() => this.context.wb.changeName(this.target.get().name, f));
  }
  get comment(): string {
    return this.got("comment");
  }
  set comment(c: string) {
    this.write(() => this.context.wb.changeName(this.target.get().name, undefined, c));
  }
  delete(): void {
    this.write(() => this.context.wb.deleteName(this.target.get().name));
  }
  getRange(): Range {
    return new Range(this.context, () => rangeTargetFrom(this.context, this.target.get().formula.slice(1)));
  }
}

// ---------------------------------------------------------------------------------------------
// Charts (recorded as objects; the preview draws them)

class ChartCollection extends Collection<ChartModel> {
  constructor(
    context: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(context);
  }
  protected list() {
    return [...this.sheet().charts];
  }
  protected wrap(c: ChartModel) {
    return new Chart(this.context, () => c);
  }
  add(type: string, source: Range, seriesBy = "Auto"): Chart {
    let created: ChartModel | undefined;
    this.context.queue(true, () => {
      const sheet = this.sheet();
      if (!["Line", "LineMarkers", "ColumnClustered", "XYScatterLines"].includes(type)) throw new ShimError("NotImplemented", `The preview does not draw ${type} charts.`);
      const { sheet: srcSheet, rect } = source.model();
      if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw new ShimError("InvalidArgument", `Invalid seriesBy '${seriesBy}'.`);
      const byColumns = seriesBy === "Columns" || (seriesBy === "Auto" && rect.rows >= rect.cols);
      const inferred = this.context.hooks.chartSeries;
      this.context.hooks.chartSeries = undefined;
      const n = inferred ?? (byColumns ? rect.cols : rect.rows);
      const series = Array.from({ length: n }, (_, k) => {
        const i = Math.min(k, (byColumns ? rect.cols : rect.rows) - 1);
        return {
          name: `Series${k + 1}`,
          values: { sheet: srcSheet, rect: byColumns ? { ...rect, col: rect.col + i, cols: 1 } : { ...rect, row: rect.row + i, rows: 1 } },
        };
      });
      const id = this.context.wb.newId();
      created = {
        id,
        name: `Chart ${id}`,
        type,
        sheet,
        source: { ...rect },
        seriesBy: byColumns ? "Columns" : "Rows",
        title: "",
        categoryTitle: "",
        valueTitle: "",
        legend: "Right",
        series,
      };
      sheet.charts.push(created);
    });
    return new Chart(this.context, () => created);
  }
  getItem(name: string): Chart {
    return new Chart(this.context, () => this.sheet().charts.find((c) => c.name === name));
  }
}

class Chart extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly model: () => ChartModel | undefined,
  ) {
    super(context);
  }
  private m(): ChartModel {
    const m = this.model();
    if (!m) throw new ShimError("ItemNotFound", "The requested resource doesn't exist (chart).");
    return m;
  }
  protected override defaultProps() {
    return ["name", "chartType"];
  }
  protected read(prop: string): unknown {
    if (prop === "name") return this.m().name;
    if (prop === "chartType") return this.m().type;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(() => (this.m().name = v));
  }
  private setter(f: (m: ChartModel, v: string) => void) {
    const ctx = this.context;
    const m = () => this.m();
    return {
      set text(v: string) {
        ctx.queue(true, () => f(m(), v));
      },
    };
  }
  get title() {
    return this.setter((m, v) => (m.title = v));
  }
  get axes() {
    return {
      categoryAxis: { title: this.setter((m, v) => (m.categoryTitle = v)) },
      valueAxis: { title: this.setter((m, v) => (m.valueTitle = v)) },
    };
  }
  get legend() {
    const ctx = this.context;
    const m = () => this.m();
    return {
      set position(v: string) {
        ctx.queue(true, () => (m().legend = v));
      },
      set visible(v: boolean) {
        ctx.queue(true, () => (m().legend = v ? m().legend : "None"));
      },
    };
  }
  private seriesProxy?: ChartSeriesCollection;
  /** A navigation property: the same proxy every time, as in Office.js. */
  get series(): ChartSeriesCollection {
    this.seriesProxy ??= new ChartSeriesCollection(this.context, () => this.m());
    return this.seriesProxy;
  }
  setPosition(from: string, to?: string): void {
    this.write(() => {
      parseRect(from);
      if (to) parseRect(to);
      this.m().position = { from, to };
    });
  }
  delete(): void {
    this.write(() => {
      const m = this.m();
      m.sheet.charts.splice(m.sheet.charts.indexOf(m), 1);
    });
  }
}

class ChartSeriesCollection extends Collection<SeriesModel> {
  constructor(
    context: RequestContext,
    private readonly chart: () => ChartModel,
  ) {
    super(context);
  }
  protected list() {
    return [...this.chart().series];
  }
  protected wrap(x: SeriesModel) {
    return new ChartSeries(this.context, () => x);
  }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, () => {
      const list = this.chart().series;
      if (index < 0 || index >= list.length) throw new ShimError("ItemNotFound", `The chart has no series ${index}.`);
      return list[index];
    });
  }
  add(name?: string): ChartSeries {
    let created: SeriesModel | undefined;
    this.context.queue(true, () => {
      const chart = this.chart();
      // A new series starts without data until setValues, as in Excel.
      created = { name: name ?? `Series${chart.series.length + 1}`, values: { sheet: chart.sheet, rect: { row: 0, col: 0, rows: 0, cols: 0 } } };
      chart.series.push(created);
    });
    return new ChartSeries(this.context, () => {
      if (!created) throw new ShimError("ItemNotFound", "The series was not created.");
      return created;
    });
  }
}

class ChartSeries extends ClientObject {
  constructor(
    context: RequestContext,
    private readonly model: () => SeriesModel,
  ) {
    super(context);
  }
  protected override defaultProps() {
    return ["name"];
  }
  protected read(prop: string): unknown {
    if (prop === "name") return this.model().name;
    throw new ShimError("InvalidArgument", `Unknown property '${prop}'.`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(() => {
      if (v.length > 255) throw new ShimError("InvalidArgument", "A series name is limited to 255 characters.");
      this.model().name = v;
    });
  }
  setValues(r: Range): void {
    this.write(() => {
      const t = r.model();
      this.model().values = { sheet: t.sheet, rect: { ...t.rect } };
    });
  }
  setXAxisValues(r: Range): void {
    this.write(() => {
      const t = r.model();
      this.model().x = { sheet: t.sheet, rect: { ...t.rect } };
    });
  }
  delete(): void {
    this.write(() => {
      const m = this.model();
      for (const c of this.context.wb.sheets.flatMap((sh) => sh.charts)) {
        const i = c.series.indexOf(m);
        if (i >= 0) c.series.splice(i, 1);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------

/** The `Excel` global of the preview. */
export function createExcel(wb: Workbook, hooks: Hooks = {}) {
  return {
    async run<T>(a: unknown, b?: unknown): Promise<T> {
      const batch = (typeof a === "function" ? a : b) as (ctx: RequestContext) => Promise<T>;
      const ctx = new RequestContext(wb, hooks);
      const result = await batch(ctx);
      if (ctx.pending) await ctx.sync();
      return result;
    },
    RequestContext,
  };
}
