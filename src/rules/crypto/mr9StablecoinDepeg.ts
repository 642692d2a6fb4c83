/**
 * MR9 stablecoin depeg (SPEC §6, §6.1). Within a unit, cash delta per settlement currency (USDT, USDC,
 * USD; linear legs at the mark, options δ × notional, spot in use under its Settle or USD). Hedged
 * volumes in priority USDT–USD, then USDT–USDC, then USDC–USD: for a pair with opposite signs,
 * hedged = min(|a|, |b|), taken out of both before the next pair. Each hedged volume is charged
 * progressively through the tier table (each slice of volume at its own tier's rate) in the column of
 * the pair's index price: the lowest listed level the price has reached (price ≤ level); above the
 * highest level, the highest level's column (the floor rate). Tiers: a volume exactly on a bound
 * belongs to the lower tier; above the last bound, the last tier.
 * The pair's index price is the ratio of the two currencies' USD prices (assets USDPrice, default 1),
 * taken as min(x, 1/x) so that a depeg either way counts (choice where SPEC leaves it open).
 */
import { numError } from "../../errors";
import { type Settle } from "../../instruments/positions";
import { D, type Dec, ZERO, dec, progressive, sum } from "../../money";
import { MR9_PAIRS, type TierTable } from "./tables";

function checkInputs(volume: Dec, price: number): void {
  if (volume.isNegative()) throw numError(`hedgedVolume: ${volume.toString()} cannot be negative`);
  if (!(price > 0)) throw numError(`indexPrice: ${price} must be greater than zero`);
}

/** The tier a hedged volume falls in: the first with volume ≤ its bound; the last above every bound. */
export function mr9TierIndex(volume: Dec, t: TierTable): number {
  const i = t.bounds.findIndex((b) => volume.lessThanOrEqualTo(b));
  return i < 0 ? t.bounds.length - 1 : i;
}

/** The price column: the lowest listed level with price ≤ level; the highest level when none is reached. */
export function mr9LevelIndex(price: number, t: TierTable): number {
  let j = 0;
  t.levels.forEach((l, k) => {
    if (price <= l) j = k;
  });
  return j;
}

/** MR9TIER: the rate of the volume's tier at the price's column. */
export function mr9TierRate(volume: Dec, price: number, t: TierTable): Dec {
  checkInputs(volume, price);
  return dec(t.rates[mr9TierIndex(volume, t)][mr9LevelIndex(price, t)]);
}

/** MR9CHARGE: Σ over tiers of the slice of volume in the tier × its rate at the price's column. */
export function mr9Charge(volume: Dec, price: number, t: TierTable): Dec {
  checkInputs(volume, price);
  const j = mr9LevelIndex(price, t);
  return progressive(volume, t.bounds.map((upTo, i) => ({ upTo, rate: t.rates[i][j] })));
}

export interface Mr9Hedge {
  pair: string;
  hedged: Dec;
  /** The pair's depeg index price, min(x, 1/x) of the ratio of USD prices. */
  price: number;
  charge: Dec;
}

/** Hedged volume of each pair, in priority order, netting each out of both currencies' cash delta. */
export function mr9Hedges(buckets: Readonly<Record<Settle, Dec>>): { a: Settle; b: Settle; hedged: Dec }[] {
  const left: Record<string, Dec> = { ...buckets };
  return MR9_PAIRS.map(([a, b]) => {
    const x = left[a];
    const y = left[b];
    let hedged = ZERO;
    if (x.isNegative() !== y.isNegative() && !x.isZero() && !y.isZero()) {
      hedged = D.min(x.abs(), y.abs());
      left[a] = x.isNegative() ? x.plus(hedged) : x.minus(hedged);
      left[b] = y.isNegative() ? y.plus(hedged) : y.minus(hedged);
    }
    return { a, b, hedged };
  });
}

/** The depeg index of a pair from the two currencies' USD prices: x = price(a) / price(b), min(x, 1/x). */
export function pairIndexPrice(a: Settle, b: Settle, usd: (c: Settle) => number): number {
  const x = usd(a) / usd(b);
  return Math.min(x, 1 / x);
}

export interface Mr9Result {
  hedges: Mr9Hedge[];
  mr9: Dec;
}

/** MR9 of a unit: Σ over the three pairs of the tiered charge on the hedged volume. */
export function mr9StablecoinDepeg(buckets: Readonly<Record<Settle, Dec>>, usd: (c: Settle) => number, t: TierTable): Mr9Result {
  const hedges = mr9Hedges(buckets).map(({ a, b, hedged }) => {
    const price = pairIndexPrice(a, b, usd);
    return { pair: `${a}-${b}`, hedged, price, charge: hedged.isZero() ? ZERO : mr9Charge(hedged, price, t) };
  });
  return { hedges, mr9: sum(hedges.map((h) => h.charge)) };
}
