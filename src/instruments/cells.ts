/**
 * Reading single cell values as they arrive from Excel (or HyperFormula, or Node callers): numbers,
 * text, booleans, blanks and error values. Every reader takes `where`, a phrase naming the argument
 * or the row and column, and throws a MarginError whose message starts with it.
 */
import { numError, valueError } from "../errors";

const EXCEL_ERRORS = [
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
  "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#ERROR!", "#CYCLE!",
];

/** Omitted argument, empty cell, or text of only spaces: all mean "use the default". */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The error code if `v` is an Excel error value (an error object or its literal text), else undefined. */
export function errorCodeOf(v: unknown): string | undefined {
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    return EXCEL_ERRORS.includes(t) ? t : undefined;
  }
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const key of ["code", "value", "type"]) {
      const c = o[key];
      if (typeof c === "string" && c.startsWith("#")) return c;
    }
    if (typeof o.errorCode === "string") return `#${o.errorCode}`;
  }
  return undefined;
}

export function show(v: unknown): string {
  if (typeof v === "string") return `'${v.length > 40 ? v.slice(0, 37) + "..." : v}'`;
  if (Array.isArray(v)) return "a range";
  if (v !== null && typeof v === "object") return "an object";
  return String(v);
}

function rejectErrorValue(v: unknown, where: string): void {
  const code = errorCodeOf(v);
  if (code) throw valueError(`${where}: the input holds the error ${code}`);
}

/** Unwraps a 1×1 range to its cell, so =F(A1) and =F(A1:A1) read alike. */
export function scalar(v: unknown, where: string): unknown {
  let x = v;
  while (Array.isArray(x)) {
    if (x.length === 0) return null;
    if (x.length !== 1 || (Array.isArray(x[0]) && x[0].length !== 1)) {
      throw valueError(`${where}: expected a single value, got a range`);
    }
    x = x[0];
  }
  return x;
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;

/** A finite number; numeric text ("1,250.5", "30%") is accepted as Excel's VALUE would read it. */
export function asNumber(v: unknown, where: string): number {
  const x = scalar(v, where);
  rejectErrorValue(x, where);
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw numError(`${where}: ${x} is not a finite number`);
    return x;
  }
  if (typeof x === "string") {
    const t = x.trim().replace(/(\d),(?=\d{3}\b)/g, "$1");
    if (NUMERIC_TEXT.test(t)) {
      const n = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
      if (Number.isFinite(n)) return n;
    }
    throw valueError(`${where}: ${show(x)} is not a number`);
  }
  if (isBlank(x)) throw valueError(`${where}: a number is required`);
  throw valueError(`${where}: ${show(x)} is not a number`);
}

export function asText(v: unknown, where: string): string {
  const x = scalar(v, where);
  rejectErrorValue(x, where);
  if (typeof x === "string") return x.trim();
  if (typeof x === "number" && Number.isFinite(x)) return String(x);
  if (typeof x === "boolean") return x ? "TRUE" : "FALSE";
  if (isBlank(x)) throw valueError(`${where}: text is required`);
  throw valueError(`${where}: ${show(x)} is not text`);
}

const TRUE_WORDS = ["TRUE", "YES", "Y", "1", "ON"];
const FALSE_WORDS = ["FALSE", "NO", "N", "0", "OFF"];

export function asBool(v: unknown, where: string): boolean {
  const x = scalar(v, where);
  rejectErrorValue(x, where);
  if (typeof x === "boolean") return x;
  if (x === 1 || x === 0) return x === 1;
  if (typeof x === "string") {
    const t = x.trim().toUpperCase();
    if (TRUE_WORDS.includes(t)) return true;
    if (FALSE_WORDS.includes(t)) return false;
  }
  throw valueError(`${where}: ${show(x)} is not TRUE or FALSE`);
}

/** Days between 1899-12-30 and 1970-01-01: Excel serial = Unix days + this (1900 date system). */
export const EXCEL_EPOCH_OFFSET = 25569;
const MS_PER_DAY = 86_400_000;

export function serialFromUtc(ms: number): number {
  return ms / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
}

/** Today's date (UTC, midnight) as an Excel serial number. */
export function todaySerial(now: number = Date.now()): number {
  return Math.floor(serialFromUtc(now));
}

/** The UTC time in milliseconds of an Excel serial (the inverse of serialFromUtc, to the millisecond). */
export function utcFromSerial(serial: number): number {
  return Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY);
}

export function isoFromSerial(serial: number): string {
  return new Date(utcFromSerial(serial)).toISOString().slice(0, 10);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/;

/** An Excel date serial (1900 system) from a serial number or ISO text such as 2026-03-27. */
export function asDate(v: unknown, where: string): number {
  const x = scalar(v, where);
  rejectErrorValue(x, where);
  if (typeof x === "number") {
    if (!Number.isFinite(x) || x < 1 || x > 2958465) {
      throw numError(`${where}: ${x} is not a valid Excel date serial`);
    }
    return x;
  }
  if (x instanceof Date && Number.isFinite(x.getTime())) return serialFromUtc(x.getTime());
  if (typeof x === "string") {
    const m = ISO_DATE.exec(x.trim());
    if (m) {
      const [y, mo, d, hh, mm, ss] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
      const ms = Date.UTC(y, mo - 1, d, hh, mm, ss);
      const back = new Date(ms);
      if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
        return serialFromUtc(ms);
      }
    }
    if (NUMERIC_TEXT.test(x.trim())) return asDate(Number(x.trim()), where);
    throw valueError(`${where}: ${show(x)} is not a date (use a date cell or ISO text like 2026-03-27)`);
  }
  if (isBlank(x)) throw valueError(`${where}: a date is required`);
  throw valueError(`${where}: ${show(x)} is not a date`);
}

/** Reads an optional argument: blank (null, undefined, empty cell) gives the default. */
export function optional<T>(v: unknown, def: T, read: (v: unknown, where: string) => T, where: string): T {
  const x = Array.isArray(v) ? scalar(v, where) : v;
  return isBlank(x) ? def : read(x, where);
}
