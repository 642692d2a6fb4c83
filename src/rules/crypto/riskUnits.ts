/**
 * Risk units of crypto portfolio margin (SPEC §6): grouping by coin, valuation in USD, spot in use,
 * and the unit's MR1–MR9 and MMR.
 *
 * - Crypto rows are the rows with a `Settle` currency (USDT, USDC: linear; USD: coin-margined), plus
 *   SPOT rows without one on a coin that has crypto derivatives (then valued directly in USD). Other
 *   rows (equities, FX) are ignored; a PERP without Settle is an error (#VALUE!, row N, Settle).
 *   Multiplier defaults to 1 (coins per contract; for a coin-margined contract quoted as a USD face
 *   value, Multiplier = face ÷ price).
 * - A unit is one coin's perps, futures and options (any settlement currency), and the spot that hedges
 *   them. Coin group A, B or O (`params` groupA, groupB) selects its parameters.
 * - Linear legs: cash delta = quantity × multiplier × mark × rate; scenario P&L for index move m =
 *   quantity × multiplier × index × rate × m, where rate is the USD price of the settlement currency
 *   (assets USDPrice, default 1). Coin-margined legs are valued the same way (rate of USD = 1).
 *   Options are revalued on the index with the project's Black–Scholes (revalue.ts).
 * - Spot in use: when the unit's spot holdings (SPOT rows, in coins) and its derivative delta in coins
 *   have opposite signs, min(|spot|, |derivative delta|, cap) coins of spot join the unit, each spot
 *   row scaled by the same fraction; cap = assets SpotInUseCap of the coin (blank: no cap). The rest
 *   of the spot is collateral only.
 * - Unit derivatives MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7); unit IMR =
 *   imrFactor (1.3) × MMR. MR8 is shown, not added.
 */
import { naError, valueError } from "../../errors";
import { type Position, type Settle, at, byUnderlying, checkNotExpired, requireIv, yearsToExpiry } from "../../instruments/positions";
import { D, type Dec, ZERO, dec } from "../../money";
import { type Asset, UsdPrices } from "./assets";
import { type Mr1Result, mr1OptionScenarios, mr1SpotShock } from "./mr1SpotShock";
import { mr2OptionScenario, mr2TimeDecay } from "./mr2TimeDecay";
import { mr3OptionScenarios, mr3VegaTermStructure } from "./mr3VegaTermStructure";
import { mr4Basis, mr4BasisRate } from "./mr4Basis";
import { mr5OptionScenarios, mr5InterestRate } from "./mr5InterestRate";
import { mr6ExtremeMove, mr6OptionScenarios } from "./mr6ExtremeMove";
import { type Mr7Result, mr7MinimumCharge } from "./mr7MinimumCharge";
import { mr8Borrowing } from "./mr8Borrowing";
import { type Mr9Result, mr9StablecoinDepeg } from "./mr9StablecoinDepeg";
import { type CryptoContext, type CryptoParams, coinGroup } from "./params";
import { type OptionTerms, optionGreeks, optionValue } from "./revalue";
import { type GroupTable } from "./tables";
import { type Holding, type Leg, type LegKind, type OptionData, type RiskUnit, SC, type UnitAggregate } from "./types";

const KIND: Partial<Record<Position["type"], LegKind>> = { PERP: "perp", FUTURE: "future", CALL: "option", PUT: "option", SPOT: "spot" };

/** The crypto rows of a positions table: rows with Settle, and SPOT rows on a coin with crypto derivatives. */
export function cryptoRows(positions: readonly Position[]): Position[] {
  // A perpetual is crypto whatever its Settle (the securities rule sets leave it here), so without one it
  // would be margined nowhere: ask for it rather than drop the row.
  const perp = positions.find((p) => p.type === "PERP" && p.settle === undefined);
  if (perp) {
    throw valueError(`${at(perp.row, "Settle")}: a perpetual needs its settlement currency: USDT, USDC (linear) or USD (coin-margined)`);
  }
  const derivCoins = new Set(positions.filter((p) => p.settle !== undefined && p.type !== "SPOT").map((p) => p.underlying));
  const rows = positions.filter((p) => p.settle !== undefined || (p.type === "SPOT" && derivCoins.has(p.underlying)));
  if (rows.length === 0) {
    throw valueError("positions: no crypto rows; crypto positions are the rows with a Settle currency (USDT, USDC or USD)");
  }
  for (const p of rows) {
    if (KIND[p.type] === undefined) throw valueError(`${at(p.row, "Type")}: ${p.type} is not a crypto instrument; use SPOT, PERP, FUTURE, CALL or PUT`);
  }
  return rows;
}

/** Builds the USD-valued leg of one crypto row, with its per-contract option scenarios. */
export function makeLeg(pos: Position, p: CryptoParams, g: GroupTable, usd: UsdPrices): Leg {
  const kind = KIND[pos.type] as LegKind;
  const rate = pos.settle === undefined ? 1 : usd.settle(pos.settle);
  const years = kind === "future" || kind === "option" ? yearsToExpiry(pos, p.valuationDate) : undefined;
  const option = kind === "option";
  // Linear legs only: options are valued through their scenario vectors, never through these.
  const m = option ? ZERO : dec(pos.multiplier);
  const r = rate === 1 ? undefined : dec(rate);
  const usdOf = (price: number) => (option ? ZERO : r ? m.times(price).times(r) : m.times(price));
  const leg: Leg = {
    pos,
    kind,
    coin: pos.underlying,
    bucket: pos.settle ?? "USD",
    quantity: pos.quantity,
    multiplier: pos.multiplier,
    rate,
    index: pos.underlyingPrice,
    mark: pos.price,
    years,
    cash: usdOf(pos.price),
    indexCash: pos.underlyingPrice === pos.price ? usdOf(pos.price) : usdOf(pos.underlyingPrice),
    basisRate: option ? ZERO : mr4BasisRate(kind, years, g),
  };
  if (option) leg.option = optionData(pos, years as number, rate, p, g);
  return leg;
}

function optionData(pos: Position, years: number, rate: number, p: CryptoParams, g: GroupTable): OptionData {
  const terms: OptionTerms = {
    kind: pos.type === "CALL" ? "call" : "put",
    strike: pos.strike as number,
    years,
    // calendar days from the serials themselves, so that an expiry 30 days out is exactly at the MR3 pivot
    days: Math.max(0, (pos.expiry as number) - p.valuationDate),
    sigma: requireIv(pos),
  };
  const s = pos.underlyingPrice;
  const base = optionValue(terms, s, terms.sigma, years, p.rate, p);
  const w = pos.multiplier * rate;
  const scen = new Float64Array(SC.length);
  mr1OptionScenarios(terms, s, base, p, g).forEach((x, k) => (scen[SC.grid + k] = w * x));
  scen[SC.decay] = w * mr2OptionScenario(terms, s, base, p);
  mr3OptionScenarios(terms, s, base, p).forEach((x, k) => (scen[SC.twist + k] = w * x));
  mr5OptionScenarios(terms, s, base, p).forEach((x, k) => (scen[SC.rate + k] = w * x));
  mr6OptionScenarios(terms, s, base, p, g).forEach((x, k) => (scen[SC.extreme + k] = w * x));
  for (const x of scen) if (!Number.isFinite(x)) throw valueError(`${at(pos.row, "IV")}: the option could not be revalued (check IV, Strike and UnderlyingPrice)`);
  const gr = optionGreeks(terms, s, p.rate, p);
  return {
    ...terms,
    value: base,
    scen,
    delta: w * gr.delta,
    gamma: w * gr.gamma,
    vega: w * gr.vega,
    theta: w * gr.theta,
    coinDelta: gr.delta * pos.multiplier,
    cashDelta: gr.delta * pos.multiplier * s * rate,
    notional: dec(pos.multiplier).times(s).times(rate),
  };
}

/** Groups crypto rows into risk units (first-appearance order); coins with spot only form no unit. */
export function buildRiskUnits(positions: readonly Position[], assets: readonly Asset[], ctx: CryptoContext, usd: UsdPrices): RiskUnit[] {
  const p = ctx.params;
  const units: RiskUnit[] = [];
  const crypto = cryptoRows(positions);
  checkNotExpired(crypto, p.valuationDate);
  for (const [coin, rows] of byUnderlying(crypto)) {
    const group = coinGroup(coin, p);
    const g = p.groups[group];
    const legs = rows.map((r) => makeLeg(r, p, g, usd));
    const derivatives = legs.filter((l) => l.kind !== "spot");
    if (derivatives.length === 0) continue;
    units.push({
      coin,
      group,
      groupTable: g,
      derivatives,
      spot: legs.filter((l) => l.kind === "spot"),
      spotCap: assets.find((a) => a.currency === coin)?.spotInUseCap,
    });
  }
  return units;
}

/** Current quantities of legs (LIQPLAN changes them); a leg not in the map keeps its row quantity. */
export type Quantities = ReadonlyMap<Leg, number>;
export const qtyOf = (leg: Leg, q?: Quantities): number => q?.get(leg) ?? leg.quantity;

/** The unit's derivative delta in coins (linear: quantity × multiplier; options: quantity × δ × multiplier). */
export function derivativeCoinDelta(unit: RiskUnit, q?: Quantities): number {
  let d = 0;
  for (const l of unit.derivatives) d += qtyOf(l, q) * (l.option ? l.option.coinDelta : l.multiplier);
  return d;
}

/** Spot holdings of the unit's coin, in coins. */
export function spotHoldings(unit: RiskUnit, q?: Quantities): number {
  let s = 0;
  for (const l of unit.spot) s += qtyOf(l, q) * l.multiplier;
  return s;
}

/** Spot in use (coins, signed as the spot): min(|spot|, |derivative delta|, cap) when their signs are opposite, else 0. */
export function spotInUse(unit: RiskUnit, q?: Quantities): number {
  const s = spotHoldings(unit, q);
  const d = derivativeCoinDelta(unit, q);
  if (s === 0 || d === 0 || Math.sign(s) === Math.sign(d)) return 0;
  return Math.sign(s) * Math.min(Math.abs(s), Math.abs(d), unit.spotCap ?? Infinity);
}

/** The unit's holdings: its derivatives, plus each spot row scaled so that the spot totals `inUse` coins. */
export function unitHoldings(unit: RiskUnit, inUse: number, q?: Quantities): Holding[] {
  const out: Holding[] = unit.derivatives.map((leg) => ({ leg, quantity: qtyOf(leg, q) }));
  if (inUse !== 0) {
    const f = inUse / spotHoldings(unit, q);
    for (const leg of unit.spot) out.push({ leg, quantity: qtyOf(leg, q) * f });
  }
  return out;
}

/** The sums the MR rules read. */
export function aggregate(holdings: readonly Holding[]): UnitAggregate {
  let linearIndexCash = ZERO;
  const optionScen = new Float64Array(SC.length);
  const buckets: Record<Settle, Dec> = { USDT: ZERO, USDC: ZERO, USD: ZERO };
  const optCash: Record<Settle, number> = { USDT: 0, USDC: 0, USD: 0 };
  let hasOptions = false;
  let delta = 0;
  let gamma = 0;
  let vega = 0;
  let theta = 0;
  for (const { leg, quantity: n } of holdings) {
    const o = leg.option;
    if (o) {
      hasOptions = true;
      if (n === 0) continue;
      for (let k = 0; k < SC.length; k++) optionScen[k] += n * o.scen[k];
      delta += n * o.delta;
      gamma += n * o.gamma;
      vega += n * o.vega;
      theta += n * o.theta;
      optCash[leg.bucket] += n * o.cashDelta;
    } else {
      if (n === 0) continue;
      linearIndexCash = linearIndexCash.plus(leg.indexCash.times(n));
      buckets[leg.bucket] = buckets[leg.bucket].plus(leg.cash.times(n));
      delta += n * leg.multiplier * leg.rate;
    }
  }
  for (const b of ["USDT", "USDC", "USD"] as const) if (optCash[b] !== 0) buckets[b] = buckets[b].plus(optCash[b]);
  return { linearIndexCash, optionScen, hasOptions, buckets, delta, gamma, vega, theta };
}

/** Unit derivatives MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7). */
export function unitMmr(mr: { mr1: Dec; mr2: Dec; mr3: Dec; mr4: Dec; mr5: Dec; mr6: Dec; mr7: Dec; mr9: Dec }): Dec {
  return D.max(D.max(mr.mr1, mr.mr2, mr.mr6).plus(mr.mr3).plus(mr.mr4).plus(mr.mr5).plus(mr.mr9), mr.mr7);
}

export interface UnitResult {
  coin: string;
  group: RiskUnit["group"];
  /** Coins of spot in the unit (0 for the derivatives-only evaluation). */
  spotInUse: number;
  mr1: Dec;
  grid: Mr1Result;
  mr2: Dec;
  mr3: Dec;
  mr4: Dec;
  mr5: Dec;
  mr6: Dec;
  mr7: Dec;
  mr7Detail: Mr7Result;
  mr8: Dec;
  mr9: Dec;
  mr9Detail: Mr9Result;
  /** Cash delta per settlement currency (USD), before MR9's netting. */
  cashDelta: Record<Settle, Dec>;
  mmr: Dec;
  imr: Dec;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/**
 * Evaluates one unit: derivatives only (`withSpot` false) or with its spot in use. `borrowingMmr` is
 * the account's, shown as MR8.
 */
export function evaluateUnit(
  unit: RiskUnit,
  ctx: CryptoContext,
  usd: UsdPrices,
  borrowingMmr: Dec,
  withSpot: boolean,
  q?: Quantities,
): UnitResult {
  const inUse = withSpot ? spotInUse(unit, q) : 0;
  const holdings = unitHoldings(unit, inUse, q);
  const agg = aggregate(holdings);
  const g = unit.groupTable;
  const grid = mr1SpotShock(agg, g);
  const mr7Detail = mr7MinimumCharge(holdings, g, ctx.mr7Brackets);
  const mr9Detail = mr9StablecoinDepeg(agg.buckets, (c) => usd.settle(c), ctx.mr9Tiers);
  const mr = {
    mr1: grid.mr1,
    mr2: mr2TimeDecay(agg),
    mr3: mr3VegaTermStructure(agg),
    mr4: mr4Basis(holdings),
    mr5: mr5InterestRate(agg),
    mr6: mr6ExtremeMove(agg, g, ctx.params),
    mr7: mr7Detail.mr7,
    mr9: mr9Detail.mr9,
  };
  const mmr = unitMmr(mr);
  return {
    coin: unit.coin,
    group: unit.group,
    spotInUse: inUse,
    ...mr,
    grid,
    mr7Detail,
    mr8: mr8Borrowing(borrowingMmr),
    mr9Detail,
    cashDelta: agg.buckets,
    mmr,
    imr: mmr.times(ctx.params.imrFactor),
    delta: agg.delta,
    gamma: agg.gamma,
    vega: agg.vega,
    theta: agg.theta,
  };
}

/** A unit evaluated both ways: derivatives only, and recomputed with spot in use. */
export interface UnitPair {
  unit: RiskUnit;
  derivatives: UnitResult;
  withSpot: UnitResult;
  /** The evaluation shown on PMRISKUNITS's row: derivatives only under spotOffset "larger", else with spot. */
  shown: UnitResult;
}

export function evaluateUnitPair(unit: RiskUnit, ctx: CryptoContext, usd: UsdPrices, borrowingMmr: Dec, q?: Quantities): UnitPair {
  const derivatives = evaluateUnit(unit, ctx, usd, borrowingMmr, false, q);
  const withSpot = spotInUse(unit, q) === 0 ? derivatives : evaluateUnit(unit, ctx, usd, borrowingMmr, true, q);
  return { unit, derivatives, withSpot, shown: ctx.params.spotOffset === "larger" ? derivatives : withSpot };
}

/**
 * MR1GRID: the MR1 grid of one risk unit, evaluated as PMRISKUNITS shows it. #N/A when the book has
 * no unit on that coin.
 */
export function unitMr1Grid(positions: readonly Position[], assets: readonly Asset[], ctx: CryptoContext, coin: string): Mr1Result {
  const usd = new UsdPrices(assets, positions);
  const units = buildRiskUnits(positions, assets, ctx, usd);
  const unit = units.find((x) => x.coin === coin);
  if (!unit) throw naError(`unit: no risk unit ${coin} in positions (units: ${units.map((x) => x.coin).join(", ") || "none"})`);
  return evaluateUnitPair(unit, ctx, usd, ZERO).shown.grid;
}
