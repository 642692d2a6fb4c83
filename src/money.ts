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

/** One slice of a progressive schedule: the amount up to `upTo` (open-ended when undefined) at `rate`. */
export interface Slice {
  upTo?: number;
  rate: DecLike;
}

/**
 * A progressive schedule, like tax brackets: Σ over slices of (the part of `amount` between the previous
 * bound and this slice's bound) × its rate; the last slice is open-ended. Used for MR7's multiplier
 * brackets, MR9's tiered charge and the tiered collateral discount. An amount ≤ 0 gives 0.
 */
export function progressive(amount: Dec, slices: readonly Slice[]): Dec {
  let out = ZERO;
  let lower = ZERO;
  for (let i = 0; i < slices.length && amount.greaterThan(lower); i++) {
    const s = slices[i];
    const open = s.upTo === undefined || i === slices.length - 1;
    const top = open || amount.lessThan(s.upTo as number) ? amount : dec(s.upTo as number);
    out = out.plus(top.minus(lower).times(s.rate));
    lower = top;
  }
  return out;
}
