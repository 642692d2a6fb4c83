/**
 * The liquidation waterfall of crypto portfolio margin (SPEC §6), simulated: starting from an account
 * whose maintenance margin ratio is at or below `params` liquidationTrigger (100 %), it applies, in
 * order and each only where it applies, the stages below, and stops as soon as the ratio is above
 * `params` liquidationTarget (110 %). Trades are at the mark (equity does not change; the ratio rises
 * because the total MMR falls); quantities are not rounded to lot sizes.
 *
 *   1. DDH1 — for a unit whose largest risk is MR9: reduce its stablecoin-hedged derivative pair (the
 *      pair with the largest MR9 charge first): the perps/futures of both settlement currencies, each
 *      side by the same USD cash delta, pro rata across that side's rows.
 *   2. DDH2 — for a unit where MR1 dominates (MR1 ≥ every other MR): hedge the unit's delta with its
 *      perpetual. Sizing (choice where SPEC is open): the perp quantity that brings the unit's delta in
 *      coins to zero (options at their Black–Scholes delta; spot in use counted when units include it),
 *      traded in the unit's largest perp; if the unit has none, a new perp (multiplier 1, at the index,
 *      in the settlement currency of the unit's largest derivative) is opened.
 *   3. Basis — close offsetting futures of different expiries together: a long and a short future of
 *      the unit, largest overlap first, by the same number of coins.
 *   4. General reduction — remaining derivative rows, largest USD notional first; then, if no single row
 *      helps, whole units (largest MMR first).
 * Each candidate trade is applied only if it raises the ratio; when the full trade would lift the ratio
 * above the target, only the smallest fraction of it that does so is traded (found by bisection). The
 * plan therefore ends above the target, or when no remaining reduction raises the ratio.
 */
import { naError } from "../../errors";
import { isoFromSerial } from "../../instruments/cells";
import { type Position, type Settle } from "../../instruments/positions";
import { type Dec } from "../../money";
import { type Asset, type UsdPrices } from "./assets";
import { accountTotals, adjustedEquity, evaluateAccount } from "./account";
import { type CryptoContext, type CryptoParams } from "./params";
import { type UnitPair, type UnitResult, derivativeCoinDelta, evaluateUnitPair, makeLeg, qtyOf, spotInUse } from "./riskUnits";
import { type Leg, type RiskUnit } from "./types";

export interface PlanRow {
  step: number;
  reason: string;
  instrument: string;
  /** Contracts traded, signed (+ buy, − sell). */
  quantity: number;
  ratioAfter: number;
  /** The leg traded (a new hedge perp has row 0). */
  leg: Leg;
}

export interface LiquidationPlan {
  startRatio: number;
  rows: PlanRow[];
  finalRatio: number;
  /** "none needed", "restored" (above target) or "exhausted" (no remaining reduction raises the ratio). */
  outcome: "none needed" | "restored" | "exhausted";
  /** Derivative rows still open at the end. */
  openLegs: number;
  adjustedEquity: Dec;
}

const BISECTIONS = 40;

/** A label for a leg: its Symbol, else underlying, type, settlement, strike and expiry; with its row. */
export function legLabel(leg: Leg): string {
  const p = leg.pos;
  const parts = p.symbol ? [p.symbol] : [p.underlying, p.type, p.settle ?? "", p.strike !== undefined ? String(p.strike) : "", p.expiry !== undefined ? isoFromSerial(p.expiry) : ""];
  const name = parts.filter((x) => x !== "").join(" ");
  return p.row > 0 ? `${name} (row ${p.row})` : name;
}

/** The largest risk of a unit among MR1–MR7 and MR9. */
function largest(r: UnitResult): { name: string; value: Dec } {
  const all: [string, Dec][] = [
    ["MR1", r.mr1], ["MR2", r.mr2], ["MR3", r.mr3], ["MR4", r.mr4], ["MR5", r.mr5], ["MR6", r.mr6], ["MR7", r.mr7], ["MR9", r.mr9],
  ];
  let best = all[0];
  for (const x of all) if (x[1].greaterThan(best[1])) best = x;
  return { name: best[0], value: best[1] };
}

const absCash = (leg: Leg, n: number): number => Math.abs(n * leg.multiplier * leg.mark * leg.rate);
const notional = (leg: Leg, n: number): number => Math.abs(n * leg.multiplier * (leg.option ? leg.index : leg.mark) * leg.rate);

/** Simulates the waterfall. Adjusted equity must be positive (else #N/A: no reduction can help). */
export function liquidationPlan(positions: readonly Position[], assets: readonly Asset[], ctx: CryptoContext): LiquidationPlan {
  const p = ctx.params;
  const account = evaluateAccount(positions, assets, ctx);
  const ae = adjustedEquity(account.assets, account.usd, ctx.discountTiers).total;
  const q = new Map<Leg, number>();
  const pairs = new Map<RiskUnit, UnitPair>(account.pairs.map((x) => [x.unit, x]));
  const borrow = account.borrow;

  const ratioOf = (ps: Iterable<UnitPair>): number => {
    const t = accountTotals([...ps], borrow, p);
    return t.totalMmr.isZero() ? Infinity : ae.div(t.totalMmr).toNumber();
  };
  const withPair = (u: RiskUnit, pair: UnitPair): UnitPair[] => [...pairs.values()].map((x) => (x.unit === u ? pair : x));

  let ratio = ratioOf(pairs.values());
  const startRatio = ratio;
  const rows: PlanRow[] = [];
  const done = (outcome: LiquidationPlan["outcome"]): LiquidationPlan => ({
    startRatio,
    rows,
    finalRatio: ratio,
    outcome,
    openLegs: [...pairs.keys()].reduce((n, u) => n + u.derivatives.filter((l) => qtyOf(l, q) !== 0).length, 0),
    adjustedEquity: ae,
  });
  if (ratio > p.liquidationTrigger) return done("none needed");
  if (!ae.isPositive() || ae.isZero()) {
    throw naError(
      `no liquidation plan: adjusted equity is ${ae.toSignificantDigits(10).toString()} USD (not above 0), so reducing positions cannot raise the margin ratio; the account would be fully liquidated`,
    );
  }

  let step = 0;
  /**
   * Tries a trade on one unit: `full(leg)` is each touched leg's quantity after the full trade, and a
   * fraction f of the trade moves every leg f of the way there. Applies the full trade, or the smallest
   * fraction lifting the ratio above the target, if that raises the ratio; returns whether it did.
   */
  const attempt = (u: RiskUnit, legs: Leg[], full: (leg: Leg) => number, reason: string): boolean => {
    const before = legs.map((l) => qtyOf(l, q));
    const trial = (f: number) => {
      const tq = new Map(q);
      legs.forEach((l, i) => tq.set(l, before[i] + f * (full(l) - before[i])));
      const pair = evaluateUnitPair(u, ctx, account.usd, borrow.mmr, tq);
      return { tq, pair, ratio: ratioOf(withPair(u, pair)) };
    };
    let best = trial(1);
    if (!(best.ratio > ratio)) return false;
    if (best.ratio > p.liquidationTarget) {
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < BISECTIONS; i++) {
        const mid = (lo + hi) / 2;
        const t = trial(mid);
        if (t.ratio > p.liquidationTarget) {
          hi = mid;
          best = t;
        } else lo = mid;
      }
    }
    step++;
    legs.forEach((l, i) => {
      const traded = (best.tq.get(l) as number) - before[i];
      q.set(l, best.tq.get(l) as number);
      if (traded !== 0) rows.push({ step, reason, instrument: legLabel(l), quantity: traded, ratioAfter: best.ratio, leg: l });
    });
    pairs.set(u, best.pair);
    ratio = best.ratio;
    return true;
  };
  const restored = () => ratio > p.liquidationTarget;

  // 1. DDH1: MR9 is the unit's largest risk → reduce the stablecoin-hedged derivative pairs.
  const byMr9 = [...pairs.values()].sort((a, b) => b.shown.mr9.comparedTo(a.shown.mr9));
  for (const { unit } of byMr9) {
    const hedges = [...(pairs.get(unit) as UnitPair).shown.mr9Detail.hedges].sort((a, b) => b.charge.comparedTo(a.charge));
    for (const h of hedges) {
      if (restored()) return done("restored");
      const now = (pairs.get(unit) as UnitPair).shown;
      const top = largest(now);
      if (top.name !== "MR9" || !now.mr9.isPositive() || now.mr9.isZero() || h.hedged.isZero()) continue;
      const [a, b] = h.pair.split("-") as [Settle, Settle];
      const side = (c: Settle) => {
        const sign = Math.sign(bucketOf(unit, c, q));
        return unit.derivatives.filter((l) => l.option === undefined && l.bucket === c && Math.sign(qtyOf(l, q)) === sign && qtyOf(l, q) !== 0);
      };
      const la = side(a);
      const lb = side(b);
      if (!la.length || !lb.length) continue;
      const ca = la.reduce((s, l) => s + absCash(l, qtyOf(l, q)), 0);
      const cb = lb.reduce((s, l) => s + absCash(l, qtyOf(l, q)), 0);
      const x = Math.min(h.hedged.toNumber(), ca, cb);
      const legs = [...la, ...lb];
      attempt(unit, legs, (l) => qtyOf(l, q) * (1 - x / (la.includes(l) ? ca : cb)), `DDH1: MR9 is ${unit.coin}'s largest risk; reduce the ${h.pair} hedged pair`);
    }
  }
  if (restored()) return done("restored");

  // 2. DDH2: MR1 dominates → hedge the unit's delta with its perpetual.
  for (const unit of [...pairs.keys()]) {
    if (restored()) return done("restored");
    const now = (pairs.get(unit) as UnitPair).shown;
    if (largest(now).name !== "MR1" || now.mr1.isZero()) continue;
    const delta = derivativeCoinDelta(unit, q) + (p.spotOffset === "withSpot" ? spotInUse(unit, q) : 0);
    if (delta === 0) continue;
    const perp = unitPerp(unit, q, ctx, account.usd);
    attempt(unit, [perp], (l) => qtyOf(l, q) - delta / l.multiplier, `DDH2: MR1 dominates ${unit.coin}; hedge its delta (${fmt(delta)} coins) with the perpetual`);
  }
  if (restored()) return done("restored");

  // 3. Basis: close offsetting futures of different expiries together.
  for (const unit of [...pairs.keys()]) {
    for (;;) {
      if (restored()) return done("restored");
      const futures = unit.derivatives.filter((l) => l.kind === "future" && qtyOf(l, q) !== 0);
      let bestPair: [Leg, Leg, number] | undefined;
      for (const l of futures) {
        for (const s of futures) {
          if (!(qtyOf(l, q) > 0 && qtyOf(s, q) < 0) || l.pos.expiry === s.pos.expiry) continue;
          const overlap = Math.min(qtyOf(l, q) * l.multiplier, -qtyOf(s, q) * s.multiplier);
          if (!bestPair || overlap > bestPair[2]) bestPair = [l, s, overlap];
        }
      }
      if (!bestPair) break;
      const [l, s, coins] = bestPair;
      const ok = attempt(
        unit,
        [l, s],
        // the leg whose whole position is the overlap closes exactly (coins / multiplier may not give back its quantity)
        (x) => (Math.abs(qtyOf(x, q)) * x.multiplier <= coins ? 0 : qtyOf(x, q) - Math.sign(qtyOf(x, q)) * (coins / x.multiplier)),
        `Basis: close ${unit.coin} futures of different expiries together`,
      );
      if (!ok) break;
    }
  }
  if (restored()) return done("restored");

  // 4. General reduction: largest notional first; then whole units, largest MMR first.
  const open = () =>
    [...pairs.keys()].flatMap((u) => u.derivatives.filter((l) => qtyOf(l, q) !== 0).map((l) => ({ u, l }))).sort((a, b) => notional(b.l, qtyOf(b.l, q)) - notional(a.l, qtyOf(a.l, q)));
  for (const { u, l } of open()) {
    if (restored()) return done("restored");
    attempt(u, [l], () => 0, `General reduction: ${u.coin}, largest notional first`);
  }
  const byMmr = [...pairs.values()].sort((a, b) => b.shown.mmr.comparedTo(a.shown.mmr));
  for (const { unit } of byMmr) {
    if (restored()) return done("restored");
    const legs = unit.derivatives.filter((l) => qtyOf(l, q) !== 0);
    if (legs.length) attempt(unit, legs, () => 0, `General reduction: close the ${unit.coin} unit`);
  }
  return done(restored() ? "restored" : "exhausted");
}

/** USD cash delta of one settlement currency's linear legs in the unit (sign used by DDH1). */
function bucketOf(unit: RiskUnit, c: Settle, q: Map<Leg, number>): number {
  let s = 0;
  for (const l of unit.derivatives) if (!l.option && l.bucket === c) s += qtyOf(l, q) * l.multiplier * l.mark * l.rate;
  return s;
}

/** The unit's largest perp, or a new one (quantity 0) added to the unit for DDH2. */
function unitPerp(unit: RiskUnit, q: Map<Leg, number>, ctx: CryptoContext, usd: UsdPrices): Leg {
  const perps = unit.derivatives.filter((l) => l.kind === "perp");
  if (perps.length) return perps.reduce((a, b) => (absCash(b, qtyOf(b, q)) > absCash(a, qtyOf(a, q)) ? b : a));
  const big = unit.derivatives.reduce((a, b) => (notional(b, qtyOf(b, q)) > notional(a, qtyOf(a, q)) ? b : a));
  const settle = big.pos.settle ?? "USDT";
  const index = big.index;
  const pos: Position = {
    row: 0,
    symbol: `${unit.coin}-${settle} PERP (new hedge)`,
    underlying: unit.coin,
    type: "PERP",
    quantity: 0,
    price: index,
    underlyingPrice: index,
    multiplier: 1,
    assetClass: "EQUITY",
    leverage: 1,
    settle,
  };
  const leg = makeLeg(pos, ctx.params, unit.groupTable, usd);
  unit.derivatives.push(leg);
  q.set(leg, 0);
  return leg;
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

/** The plan's closing sentence: no liquidation needed, ratio restored, or stopped with rows left open. */
export function planOutcome(plan: LiquidationPlan, p: Pick<CryptoParams, "liquidationTrigger" | "liquidationTarget">): string {
  const pct = (x: number) => `${Number((x * 100).toPrecision(6))} %`;
  switch (plan.outcome) {
    case "none needed":
      return Number.isFinite(plan.startRatio)
        ? `No liquidation: the ratio ${pct(plan.startRatio)} is above the trigger ${pct(p.liquidationTrigger)}`
        : "No liquidation: the account has no maintenance margin requirement";
    case "restored":
      return `Ratio restored above ${pct(p.liquidationTarget)} (from ${pct(plan.startRatio)})`;
    case "exhausted":
      return `Stopped below ${pct(p.liquidationTarget)}: no remaining reduction raises the ratio (${plan.openLegs} derivative rows still open)`;
  }
}
