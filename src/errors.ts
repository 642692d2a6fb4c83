/**
 * Errors of the calculation core. Each carries the Excel error code it maps to, so every caller —
 * custom function, task pane, CLI — reports the same thing. The core never returns NaN or Infinity;
 * it throws a MarginError instead, with a message that names the argument (or row and column).
 */
export type ErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

export class MarginError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MarginError";
  }
}

/** Wrong type or shape: text where a number is needed, unknown instrument type, missing column. */
export const valueError = (message: string): MarginError => new MarginError("#VALUE!", message);
/** A number outside its domain: negative price, zero volatility, thresholds out of order. */
export const numError = (message: string): MarginError => new MarginError("#NUM!", message);
/** A zero denominator the user can fix. */
export const divError = (message: string): MarginError => new MarginError("#DIV/0!", message);
/** A value that does not exist: a stop-out never reached, no tier for that input. */
export const naError = (message: string): MarginError => new MarginError("#N/A", message);

export function isMarginError(e: unknown): e is MarginError {
  return e instanceof MarginError;
}

/** Throws #NUM! unless x is a finite number; used to guard results of floating-point kernels. */
export function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw numError(`${what} is not a finite number`);
  return x;
}
