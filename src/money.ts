/**
 * Money and rule arithmetic in decimal.js (SPEC §0): 0.1 + 0.2 is 0.3. Inputs arrive as doubles
 * from Excel; converting through their shortest decimal representation (Decimal(String(x)) is what
 * `new Decimal(number)` does) keeps the cell's visible value exact.
 */
import Decimal from "decimal.js";

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof D>;
export type DecLike = Dec | number | string;

export const dec = (x: DecLike): Dec => new D(x);
export const ZERO = new D(0);

export function sum(xs: Iterable<DecLike>): Dec {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

export function dmax(...xs: DecLike[]): Dec {
  return D.max(...xs);
}

export function dmin(...xs: DecLike[]): Dec {
  return D.min(...xs);
}

/** Back to a plain number for the sheet (no rounding: analysts round with ROUND). */
export const toNum = (x: Dec): number => x.toNumber();

/** Rounds to cents (half away from zero), for brokers that round per-share figures. */
export const cents = (x: Dec): Dec => x.toDecimalPlaces(2, D.ROUND_HALF_UP);
