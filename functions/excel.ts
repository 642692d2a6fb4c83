/**
 * The one way every custom function returns: a value, or an Excel error with a message.
 * Inside Excel, errors are CustomFunctions.Error objects; outside Excel (Node, tests, the workbook
 * preview) they are ExcelError objects with the same `code` and `message`. Nothing raw escapes:
 * exceptions, NaN and ±Infinity all become Excel errors.
 */
import { type ErrorCode, isMarginError } from "../src/errors";

/** What a custom function returns outside Excel in place of an Excel error. */
export class ExcelError {
  readonly type = "ExcelError";
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
  toString(): string {
    return `${this.code} ${this.message}`;
  }
}

export type ExcelErrorValue = ExcelError | CustomFunctions.Error;
export type Cell = number | string | boolean;
export type Grid = Cell[][];

const OFFICE_CODES: Record<ErrorCode, string> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NUM!": "invalidNumber",
};

function inExcel(): boolean {
  return typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function";
}

export function excelError(code: ErrorCode, message: string): ExcelErrorValue {
  if (inExcel()) {
    const errorCode = (CustomFunctions.ErrorCode as unknown as Record<string, CustomFunctions.ErrorCode>)[OFFICE_CODES[code]];
    return new CustomFunctions.Error(errorCode, message);
  }
  return new ExcelError(code, message);
}

export function isExcelError(v: unknown): v is ExcelErrorValue {
  return v instanceof ExcelError || (inExcel() && v instanceof CustomFunctions.Error);
}

function checkCell(v: unknown, where: string): Cell {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`${where} is not a finite number`);
    return v;
  }
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v === null || v === undefined) return "";
  throw new TypeError(`${where} is not a cell value`);
}

function checkResult(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (v.length === 0) throw new RangeError("the result is empty");
    return v.map((row, i) => {
      if (!Array.isArray(row)) throw new TypeError("the result is not a 2-D range");
      return row.map((c, j) => checkCell(c, `result cell (${i + 1}, ${j + 1})`));
    });
  }
  return checkCell(v, "the result");
}

function toExcelError(e: unknown): ExcelErrorValue {
  if (isMarginError(e)) return excelError(e.code, e.message);
  if (e instanceof RangeError) return excelError("#NUM!", e.message);
  return excelError("#VALUE!", `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Runs the body of a function that returns one value. A MarginError becomes its Excel error; a
 * non-finite number becomes #NUM!; any other exception becomes #VALUE! with its message (a bug, but it
 * never escapes).
 */
export function run<T extends Cell>(body: () => T): T | ExcelErrorValue {
  try {
    return checkResult(body()) as T;
  } catch (e) {
    return toExcelError(e);
  }
}

/**
 * Runs the body of a function that spills a range. Its result is always a 2-D array, as its metadata
 * declares: an error is returned as a 1×1 range holding the error (which Excel shows as one error cell).
 */
export function runGrid(body: () => Grid): (Cell | ExcelErrorValue)[][] {
  try {
    return checkResult(body()) as Grid;
  } catch (e) {
    return [[toExcelError(e)]];
  }
}
