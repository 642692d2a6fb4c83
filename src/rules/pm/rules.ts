/**
 * The rules of securities portfolio margin (SPEC §5), one small function per rule, in rulebook order.
 */
import { type Dec, D, dec, dmax, sum } from "../../money";
import { numError } from "../../errors";
import { type AssetClass, at, type Position } from "../../instruments/positions";
import type { PnlGrid } from "../../models/scenario";
import { CLASS_PRICE_RANGES } from "./params";

/**
 * Price moves of a class: five equal steps down to the low end and five up to the high end, plus 0,
 * in ascending order (equities: 0, ±3, ±6, ±9, ±12, ±15 %; broad indexes −1.6 % steps down, +1.2 %
 * up). A leveraged ETF's range is multiplied by its leverage factor (a 2× ETF: ±30 %).
 * Computed in decimal, so the moves are the numbers one would type (−0.12, not −0.12000000000000001).
 */
export function classPriceMoves(assetClass: AssetClass, leverage = 1): number[] {
  const { low, high, steps } = CLASS_PRICE_RANGES[assetClass];
  const moves: Dec[] = [];
  for (let k = steps; k >= 1; k--) moves.push(dec(low).times(k).div(steps));
  moves.push(D(0));
  for (let k = 1; k <= steps; k++) moves.push(dec(high).times(k).div(steps));
  return moves.map((m) => m.times(leverage).toNumber());
}

/**
 * The class that sets an underlying's grid: BROAD_INDEX only when every row of the underlying is a
 * broad-based index; otherwise the first other class in table order (the wider, ±15 % range).
 */
export function underlyingClass(positions: readonly Pick<Position, "assetClass">[]): AssetClass {
  return positions.find((p) => p.assetClass !== "BROAD_INDEX")?.assetClass ?? "BROAD_INDEX";
}

/**
 * A leveraged range must stay above a fall of 100 % (−15 % × leverage > −100 %); otherwise the row
 * whose Leverage stretches it that far is named.
 */
export function checkLeveragedRange(positions: readonly Pick<Position, "row" | "leverage">[], assetClass: AssetClass): void {
  const low = dec(CLASS_PRICE_RANGES[assetClass].low);
  for (const p of positions) {
    const move = low.times(p.leverage);
    if (move.lte(-1)) {
      throw numError(
        `${at(p.row, "Leverage")}: a leverage of ${p.leverage} stretches the ${assetClass} price range to ${move.times(100).toString()} %, ` +
          "a fall of 100 % or more",
      );
    }
  }
}

/** An underlying's leverage factor: the largest of its rows', never below 1 (ranges only widen). */
export function underlyingLeverage(positions: readonly Pick<Position, "leverage">[]): number {
  return Math.max(1, ...positions.map((p) => p.leverage));
}

/** PMSCENARIO's default price moves: the equity grid unless every position is a broad-based index. */
export function defaultScenarioMoves(positions: readonly Pick<Position, "assetClass">[]): number[] {
  return classPriceMoves(underlyingClass(positions));
}

/** PMMARGIN's vol moves: unchanged vol, plus vol down and up by volShift when it is above 0. */
export function marginVolMoves(volShift: number): number[] {
  return volShift > 0 ? [-volShift, 0, volShift] : [0];
}

export interface WorstCase {
  /** The largest loss as a positive number; 0 when no scenario loses. */
  loss: number;
  priceMove: number;
  volMove: number;
}

/** The worst scenario of a grid: max(0, −min cell), with the first scenario where it occurs. */
export function worstLoss(grid: PnlGrid): WorstCase {
  const nV = grid.volMoves.length;
  let min = 0;
  let at = -1;
  grid.cells.forEach((v, c) => {
    if (v < min) {
      min = v;
      at = c;
    }
  });
  if (at < 0) return { loss: 0, priceMove: 0, volMove: 0 };
  return { loss: -min, priceMove: grid.priceMoves[Math.floor(at / nV)], volMove: grid.volMoves[at % nV] };
}

/**
 * Per-contract minimum: minPerContract × multiplier × |contracts| for every option and future, long
 * or short. Identical contracts (same underlying, type, strike, expiry, multiplier) are netted first,
 * as an account holds them.
 */
export function perContractMinimum(positions: readonly Position[], minPerContract: number): Dec {
  const net = new Map<string, { quantity: Dec; multiplier: number }>();
  for (const p of positions) {
    if (p.type !== "CALL" && p.type !== "PUT" && p.type !== "FUTURE") continue;
    const key = [p.underlying, p.type, p.strike ?? "", p.expiry ?? "", p.multiplier].join("|");
    const s = net.get(key) ?? { quantity: D(0), multiplier: p.multiplier };
    s.quantity = s.quantity.plus(p.quantity);
    net.set(key, s);
  }
  return sum([...net.values()].map((s) => s.quantity.abs().times(s.multiplier).times(minPerContract)));
}

/** An underlying's requirement before the house multiplier: its worst loss, floored at its minimum. */
export function underlyingRequirement(worst: Dec, minimum: Dec): Dec {
  return dmax(worst, minimum);
}

/**
 * Offset between the underlyings of one class (only when params give an offset percentage p > 0):
 * taken together, scenario by scenario (same grid point), their worst loss is W; p of the
 * diversification benefit (Σ worst losses − W) is credited, never taking the class below the sum of
 * its per-contract minimums.
 */
export function classOffsetCredit(p: number, requirements: readonly Dec[], worstLosses: readonly Dec[], minimums: readonly Dec[], combinedWorst: Dec): Dec {
  if (p <= 0 || requirements.length < 2) return D(0);
  const gross = sum(requirements);
  const credit = dec(p).times(sum(worstLosses).minus(combinedWorst));
  const floor = sum(minimums);
  return gross.minus(dmax(gross.minus(credit), floor));
}

/** The house multiplier scales the rule's requirement (a broker may only ask for more). */
export function withHouseMultiplier(requirement: Dec, houseMultiplier: number): Dec {
  return requirement.times(houseMultiplier);
}

/** Gross market value: Σ |quantity × multiplier × Price| over all positions (futures at notional). */
export function grossMarketValue(positions: readonly Position[]): number {
  return sum(positions.map((p) => dec(p.quantity).times(p.multiplier).times(p.price).abs())).toNumber();
}
