/** Test helpers shared by the suites. */
import { ExcelError } from "../functions/excel";

/** Asserts that a custom-function result is an Excel error with this code, and returns its message. */
export function expectExcelError(v: unknown, code: string, messagePart?: string | RegExp): string {
  const e = Array.isArray(v) ? (v as unknown[][])[0][0] : v;
  expect(e).toBeInstanceOf(ExcelError);
  const err = e as ExcelError;
  expect(err.code).toBe(code);
  if (messagePart !== undefined) expect(err.message).toMatch(messagePart);
  return err.message;
}
