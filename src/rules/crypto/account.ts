/**
 * The account level of crypto portfolio margin (SPEC §6), all in USD:
 * - Adjusted equity = Σ over currencies of equity × USD price × discount, the discount tiered by amount
 *   per currency and applied slice by slice (each slice of the amount at its tier's rate, so it never
 *   jumps); negative equity at full value. Balance already includes the unrealised P&L of positions
 *   settled in that currency; it is not added again.
 * - Borrowing: a currency with negative equity is a liability L = −balance × USD price; borrowing IMR =
 *   L / max leverage, borrowing MMR = L × MMR rate (defaults USDT, USDC: 10×, 2 %).
 * - Derivatives MMR = Σ unit MMR (the units as PMRISKUNITS shows them); derivatives-and-spot MMR = Σ unit
 *   MMR recomputed with spot in use. Total MMR = max(derivatives MMR, derivatives-and-spot MMR) +
 *   borrowing MMR; total IMR = imrFactor (1.3) × derivatives MMR + borrowing IMR.
 *   Under `params` spotOffset = "larger" (default, SPEC §6 as written) units are derivatives only, so
 *   spot in use can raise but never lower the total; under "withSpot" units include their spot in use
 *   (OKX's spot-derivatives offset), both sums are equal and a spot hedge lowers the requirement.
 * - Maintenance margin ratio = adjusted equity / total MMR (≤ 100 % → liquidation).
 */
import { divError, naError, numError } from "../../errors";
import { type Position } from "../../instruments/positions";
import { D, type Dec, dec, progressive, sum } from "../../money";
import { type Asset, UsdPrices } from "./assets";
import { type CryptoContext, type CryptoParams } from "./params";
import { type UnitPair, buildRiskUnits, evaluateUnitPair } from "./riskUnits";
import { type BorrowRate, type DiscountTier } from "./tables";
import { type RiskUnit } from "./types";

/** A currency's discount tiers: its own rows, else the "*" rows; #N/A when neither exists. */
export function discountTiersFor(currency: string, tiers: readonly DiscountTier[]): DiscountTier[] {
  const own = tiers.filter((t) => t.currency === currency);
  if (own.length) return own;
  const any = tiers.filter((t) => t.currency === "*");
  if (any.length) return any;
  throw naError(`discountTiers: no discount tier for ${currency}; add rows for it or a * row for all others`);
}

/** Σ over tiers of the slice of `amount` within the tier × its discount; amounts ≤ 0 are not discounted. */
export function discountedAmount(amount: Dec, tiers: readonly DiscountTier[]): Dec {
  if (!amount.isPositive() || amount.isZero()) return amount;
  return progressive(amount, tiers.map((t) => ({ upTo: t.upTo, rate: t.discount })));
}

export interface EquityLine {
  currency: string;
  balance: number;
  usdPrice: number;
  /** Equity in USD before discount. */
  usd: Dec;
  /** Equity in USD after discount. */
  adjusted: Dec;
}

/** Adjusted equity of the account, per currency and in total. */
export function adjustedEquity(assets: readonly Asset[], usd: UsdPrices, tiers: readonly DiscountTier[]): { lines: EquityLine[]; total: Dec } {
  const lines = assets.map((a) => {
    const price = usd.of(a.currency);
    const amount = dec(a.balance);
    return {
      currency: a.currency,
      balance: a.balance,
      usdPrice: price,
      usd: amount.times(price),
      adjusted: discountedAmount(amount, discountTiersFor(a.currency, tiers)).times(price),
    };
  });
  return { lines, total: sum(lines.map((l) => l.adjusted)) };
}

/** A currency's borrowing parameters: its own row, else the "*" row; #N/A when neither exists. */
export function borrowRateFor(currency: string, table: readonly BorrowRate[]): BorrowRate {
  const r = table.find((t) => t.currency === currency) ?? table.find((t) => t.currency === "*");
  if (!r) throw naError(`borrowRates: no borrowing parameters for ${currency}; add a row for it or a * row for all others`);
  return r;
}

/** BORROWMARGIN: IMR = liability / max leverage, MMR = liability × MMR rate. */
export function borrowingMargin(liability: Dec, maxLeverage: number, mmrRate: number): { imr: Dec; mmr: Dec } {
  if (liability.isNegative()) throw numError(`liability: ${liability.toString()} cannot be negative (give the amount owed as a positive number)`);
  if (!(maxLeverage > 0)) throw numError(`maxLeverage: ${maxLeverage} must be greater than zero`);
  if (!(mmrRate >= 0)) throw numError(`mmrRate: ${mmrRate} cannot be negative`);
  return { imr: liability.div(maxLeverage), mmr: liability.times(mmrRate) };
}

export interface BorrowLine {
  currency: string;
  /** Liability in USD. */
  liability: Dec;
  maxLeverage: number;
  mmrRate: number;
  imr: Dec;
  mmr: Dec;
}

/** Borrowing IMR and MMR of every currency with negative equity, and their totals. */
export function borrowing(assets: readonly Asset[], usd: UsdPrices, table: readonly BorrowRate[]): { lines: BorrowLine[]; imr: Dec; mmr: Dec } {
  const lines: BorrowLine[] = [];
  for (const a of assets) {
    if (!(a.balance < 0)) continue;
    const liability = dec(a.balance).negated().times(usd.of(a.currency));
    const r = borrowRateFor(a.currency, table);
    lines.push({ currency: a.currency, liability, maxLeverage: r.maxLeverage, mmrRate: r.mmrRate, ...borrowingMargin(liability, r.maxLeverage, r.mmrRate) });
  }
  return { lines, imr: sum(lines.map((l) => l.imr)), mmr: sum(lines.map((l) => l.mmr)) };
}

export interface Totals {
  /** Σ unit MMR as shown (derivatives only under spotOffset "larger"). */
  derivativesMmr: Dec;
  /** Σ unit MMR recomputed with spot in use. */
  derivativesAndSpotMmr: Dec;
  borrowingMmr: Dec;
  borrowingImr: Dec;
  /** max(derivatives MMR, derivatives-and-spot MMR) + borrowing MMR. */
  totalMmr: Dec;
  /** imrFactor × derivatives MMR + borrowing IMR. */
  totalImr: Dec;
}

/** The account totals from each unit's two evaluations and the borrowing. */
export function accountTotals(
  units: readonly Pick<UnitPair, "shown" | "withSpot">[],
  borrow: { imr: Dec; mmr: Dec },
  p: Pick<CryptoParams, "imrFactor">,
): Totals {
  const derivativesMmr = sum(units.map((u) => u.shown.mmr));
  const derivativesAndSpotMmr = sum(units.map((u) => u.withSpot.mmr));
  return {
    derivativesMmr,
    derivativesAndSpotMmr,
    borrowingMmr: borrow.mmr,
    borrowingImr: borrow.imr,
    totalMmr: D.max(derivativesMmr, derivativesAndSpotMmr).plus(borrow.mmr),
    totalImr: derivativesMmr.times(p.imrFactor).plus(borrow.imr),
  };
}

/** Maintenance margin ratio = adjusted equity / total MMR; #DIV/0! when there is no requirement. */
export function marginRatio(adjusted: Dec, totalMmr: Dec): Dec {
  if (totalMmr.isZero()) throw divError("the account has no maintenance margin requirement (total MMR is 0), so the margin ratio is undefined");
  return adjusted.div(totalMmr);
}

export interface CryptoAccount {
  ctx: CryptoContext;
  assets: Asset[];
  usd: UsdPrices;
  units: RiskUnit[];
  borrow: { lines: BorrowLine[]; imr: Dec; mmr: Dec };
  pairs: UnitPair[];
  totals: Totals;
}

/** Everything but adjusted equity (which needs a USD price for every asset): units, borrowing, totals. */
export function evaluateAccount(positions: readonly Position[], assets: readonly Asset[], ctx: CryptoContext): CryptoAccount {
  const usd = new UsdPrices(assets, positions);
  const units = buildRiskUnits(positions, assets, ctx, usd);
  const borrow = borrowing(assets, usd, ctx.borrowRates);
  const pairs = units.map((u) => evaluateUnitPair(u, ctx, usd, borrow.mmr));
  return { ctx, assets: [...assets], usd, units, borrow, pairs, totals: accountTotals(pairs, borrow, ctx.params) };
}

/** Adjusted equity and maintenance margin ratio of an evaluated account. */
export function accountRatio(a: CryptoAccount): { adjustedEquity: Dec; ratio: Dec } {
  const ae = adjustedEquity(a.assets, a.usd, a.ctx.discountTiers).total;
  return { adjustedEquity: ae, ratio: marginRatio(ae, a.totals.totalMmr) };
}
