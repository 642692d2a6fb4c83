/**
 * Excel errors in plain words. Office.js rejects with an OfficeExtension.Error whose `code` names the
 * problem (ItemNotFound, InvalidArgument …) and whose message is often terse; the pane shows what
 * happened and what to do, and keeps Excel's own text in brackets for support.
 */
import { isMarginError } from "../src/errors";
import { InputProblem } from "./layout";

const PLAIN: Readonly<Record<string, string>> = {
  InvalidArgument: "Excel rejected a value or address the pane sent.",
  InvalidReference: "A reference the pane used is not valid in this workbook.",
  ItemNotFound: "A sheet, table or name the pane needs was not found: it may have been renamed or deleted.",
  ItemAlreadyExists: "A sheet, table or name with that name already exists.",
  InvalidOperation: "Excel cannot make this change right now.",
  InsertDeleteConflict: "The change would collide with a table, merged cells or a spilled range in the way.",
  AccessDenied: "The workbook or sheet is protected or read-only, so nothing can be written.",
  Unauthenticated: "Excel asked for sign-in before the change could be made.",
  ApiNotFound: "This version of Excel does not support a feature the pane needs (update Office, or use Excel on the web).",
  NotImplemented: "This version of Excel does not support a feature the pane needs.",
  UnsupportedOperation: "Excel does not support this operation here.",
  RequestAborted: "Excel stopped the request before it finished; try again.",
  ActivityLimitReached: "The change is too large for one request; try fewer rows.",
  RangeExceedsLimit: "The range is larger than Excel allows in one request.",
  EditModeCellEditInProgress: "A cell is being edited: press Enter or Esc in the sheet, then try again.",
  Conflict: "Someone else changed the workbook at the same time; try again.",
  GeneralException: "Excel could not complete the change.",
};

/** A sentence for the user from anything an action can throw. */
export function plainError(e: unknown): string {
  if (e instanceof InputProblem || isMarginError(e)) return (e as Error).message;
  if (e !== null && typeof e === "object") {
    const o = e as { code?: unknown; message?: unknown; name?: unknown };
    const code = typeof o.code === "string" ? o.code : undefined;
    const message = typeof o.message === "string" ? o.message : "";
    if (code && PLAIN[code]) return message && message !== code ? `${PLAIN[code]} (Excel said: ${message})` : PLAIN[code];
    if (message) return code ? `Excel could not complete the change (${code}: ${message}).` : message;
  }
  return `Something went wrong: ${String(e)}`;
}
