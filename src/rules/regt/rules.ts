/**
 * Reg T / FINRA 4210 / CBOE strategy-based margin rules (SPEC §4), one function per rule, named after
 * it. S is the underlying price, K a strike, m the contract multiplier. Every rule returns a Charge: the
 * requirement of ONE unit of its group (one share for stock alone, one contract of each option leg —
 * two of a butterfly's body — and m shares of stock in a stock–option strategy), and the arithmetic
 * that produced it, for REGTDETAIL. A group of n units requires n × the charge.
 *
 * Initial and maintenance: options are charged the same for both. For stock the initial figure is the
 * greater of the Reg T rate and the maintenance figure (FINRA 4210(b): a new position is never below
 * maintenance). "Gross" is the requirement as the rules state it; netOfProceeds (applied per group by
 * the caller) subtracts the group's short-option proceeds.
 */
import { D, type Dec, dec } from "../../money";
import { serialFromUtc, utcFromSerial } from "../../instruments/cells";
import type { AssetClass } from "../../instruments/positions";
import type { RegTParams } from "./params";

export type RegTRequirement = "initial" | "maintenance";

export interface RuleContext {
  requirement: RegTRequirement;
  params: RegTParams;
  /** Excel date serial of the valuation date (for the 9-month long-option rule). */
  valuationDate: number;
}

/**
 * The arithmetic the rules use. Money is decimal.js (Dec); the pairing search prices its many
 * candidate groups with the same rules on plain doubles (Fast) and prices the chosen groups in decimal.
 */
export interface Num<N> {
  plus(x: N | number): N;
  minus(x: N | number): N;
  times(x: N | number): N;
  abs(): N;
  eq(x: N | number): boolean;
  lt(x: N | number): boolean;
  gt(x: N | number): boolean;
  gte(x: N | number): boolean;
  toNumber(): number;
  /** Only ROUND_UP to cents is used (roundPerShare). */
  toDecimalPlaces(dp: number, rounding: 0): N;
}

/** Plain double arithmetic with the Num interface, for the search (never for reported figures). */
export class Fast implements Num<Fast> {
  constructor(readonly v: number) {}
  plus(x: Fast | number): Fast {
    return new Fast(this.v + (typeof x === "number" ? x : x.v));
  }
  minus(x: Fast | number): Fast {
    return new Fast(this.v - (typeof x === "number" ? x : x.v));
  }
  times(x: Fast | number): Fast {
    return new Fast(this.v * (typeof x === "number" ? x : x.v));
  }
  abs(): Fast {
    return new Fast(Math.abs(this.v));
  }
  eq(x: Fast | number): boolean {
    return this.v === (typeof x === "number" ? x : x.v);
  }
  lt(x: Fast | number): boolean {
    return this.v < (typeof x === "number" ? x : x.v);
  }
  gt(x: Fast | number): boolean {
    return this.v > (typeof x === "number" ? x : x.v);
  }
  gte(x: Fast | number): boolean {
    return this.v >= (typeof x === "number" ? x : x.v);
  }
  toNumber(): number {
    return this.v;
  }
  toDecimalPlaces(dp: number): Fast {
    const f = 10 ** dp;
    return new Fast(Math.ceil(this.v * f - 1e-7) / f);
  }
}

/** What the rules read of an option contract. */
export interface OptionTerms<N extends Num<N>> {
  type: "CALL" | "PUT";
  strike: N;
  /** Excel date serial. */
  expiry: number;
  multiplier: N;
  /** Premium per share. */
  price: N;
  /** Underlying price S. */
  underlyingPrice: N;
  assetClass: AssetClass;
  leverage: N;
}

/** What the rules read of a stock: its price per share. */
export interface StockTerms<N extends Num<N>> {
  price: N;
}

/** The requirement of one unit of a group, and how it was found. */
export interface Charge<N extends Num<N> = Dec> {
  amount: N;
  /** The rule and its arithmetic, in words (built only when REGTDETAIL asks). */
  rule: () => string;
}

// ---- arithmetic and formatting helpers ----

// money.ts's dmax/dmin work on Dec only; the rules also run on Fast, hence these generic forms.
const max = <N extends Num<N>>(a: N, b: N): N => (a.gte(b) ? a : b);
const min = <N extends Num<N>>(a: N, b: N): N => (a.gte(b) ? b : a);
/** max(0, x). */
const atLeastZero = <N extends Num<N>>(x: N): N => (x.lt(0) ? x.times(0) : x);

/** A number as written in a rule: up to 6 decimals, no exponent. */
export const show = (x: Num<unknown>): string =>
  x instanceof D ? (x as Dec).toDecimalPlaces(6).toFixed() : dec(x.toNumber()).toDecimalPlaces(6).toFixed();
const pct = (rate: number | Num<unknown>): string => `${show(dec(typeof rate === "number" ? rate : rate.toNumber()).times(100))}%`;
const times = (x: Num<unknown>): string => `× ${show(x)}`;

// ---- per-share helpers ----

/** roundPerShare: a per-share figure rounded up to the next cent (brokers that round); else exact. */
export function perShare<N extends Num<N>>(x: N, ctx: RuleContext): N {
  return ctx.params.roundPerShare ? x.toDecimalPlaces(2, D.ROUND_UP as 0) : x;
}

/** Out-of-the-money amount per share: a call's K − S, a put's S − K, never below 0. */
export function outOfTheMoney<N extends Num<N>>(o: OptionTerms<N>, s: N = o.underlyingPrice): N {
  return atLeastZero(o.type === "CALL" ? o.strike.minus(s) : s.minus(o.strike));
}

/** In-the-money amount per share: a call's S − K, a put's K − S, never below 0. */
export function inTheMoney<N extends Num<N>>(o: OptionTerms<N>, s: N = o.underlyingPrice): N {
  return atLeastZero(o.type === "CALL" ? s.minus(o.strike) : o.strike.minus(s));
}

/** The Excel serial `months` calendar months after `serial` (the day clamped to the month's end). */
export function addMonths(serial: number, months: number): number {
  const d = new Date(utcFromSerial(Math.floor(serial)));
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return Math.round(serialFromUtc(Date.UTC(y, mo, Math.min(d.getUTCDate(), last)))) + (serial - Math.floor(serial));
}

/** The last valuation date's 9-month cutoff (a cache: the search asks for it many times). */
let lastCutoff = { serial: NaN, months: NaN, cutoff: NaN };

/** A listed option with more than longTermMonths (9) to expiry may be margined at 75 % of its value. */
export function isLongTerm(o: { expiry: number }, ctx: RuleContext): boolean {
  const months = ctx.params.longTermMonths;
  if (lastCutoff.serial !== ctx.valuationDate || lastCutoff.months !== months) {
    lastCutoff = { serial: ctx.valuationDate, months, cutoff: addMonths(ctx.valuationDate, months) };
  }
  return o.expiry > lastCutoff.cutoff;
}

/** The initial figure never falls below maintenance (FINRA 4210(b)). */
function initialOrMaintenance<N extends Num<N>>(initial: N, maintenance: N, ctx: RuleContext): N {
  return ctx.requirement === "initial" ? max(initial, maintenance) : maintenance;
}

// ---- single legs ----

/** Long stock, per share: initial 50 % of value (Reg T), maintenance 25 % (FINRA 4210). */
export function longStock<N extends Num<N>>(s: StockTerms<N>, ctx: RuleContext): Charge<N> {
  const p = ctx.params;
  const maintenance = perShare(s.price.times(p.longStockMaintenance), ctx);
  const initial = perShare(s.price.times(p.longStockInitial), ctx);
  const amount = initialOrMaintenance(initial, maintenance, ctx);
  const rate = ctx.requirement === "initial" && amount.eq(initial) ? p.longStockInitial : p.longStockMaintenance;
  return { amount, rule: () => `${pct(rate)} × ${show(s.price)} = ${show(amount)} per share` };
}

/**
 * Short stock, per share. Maintenance: the greater of 30 % of value and $5 a share at or above $5;
 * below $5, the greater of 100 % of value and $2.50 a share. Initial: 50 % (Reg T), never below
 * maintenance.
 */
export function shortStock<N extends Num<N>>(s: StockTerms<N>, ctx: RuleContext): Charge<N> {
  const p = ctx.params;
  const low = s.price.lt(p.lowPriceThreshold);
  const rate = low ? p.lowPriceShortRate : p.shortStockMaintenance;
  const minimum = low ? p.lowPriceShortMinimum : p.shortStockMinimum;
  const maintenance = perShare(max(s.price.times(rate), s.price.times(0).plus(minimum)), ctx);
  const initial = perShare(s.price.times(p.shortStockInitial), ctx);
  const amount = initialOrMaintenance(initial, maintenance, ctx);
  const maintText = `max(${pct(rate)} × ${show(s.price)}, $${show(dec(minimum))})`;
  return {
    amount,
    rule: () =>
      ctx.requirement === "initial"
        ? `max(${pct(p.shortStockInitial)} × ${show(s.price)}, maintenance ${maintText}) = ${show(amount)} per share`
        : `${maintText} = ${show(amount)} per share`,
  };
}

/** Long option, per contract: 100 % of premium; 75 % of its value beyond 9 months to expiry. */
export function longOption<N extends Num<N>>(o: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const longTerm = isLongTerm(o, ctx);
  const rate = longTerm ? ctx.params.longTermOptionRate : ctx.params.longOptionRate;
  const share = perShare(o.price.times(rate), ctx);
  const amount = share.times(o.multiplier);
  const why = longTerm ? `more than ${ctx.params.longTermMonths} months to expiry: ` : "";
  return { amount, rule: () => `${why}${pct(rate)} × premium ${show(o.price)} = ${show(share)} per share ${times(o.multiplier)}` };
}

/** The naked-option percentages: 20 % (15 % on a broad-based index) and the 10 % minimum, × leverage. */
function nakedRates<N extends Num<N>>(o: OptionTerms<N>, ctx: RuleContext): { rate: N; minimum: N } {
  const p = ctx.params;
  const base = o.assetClass === "BROAD_INDEX" ? p.nakedBroadIndexRate : p.nakedRate;
  const minimum = o.type === "CALL" ? p.nakedCallMinimum : p.nakedPutMinimum;
  return { rate: o.leverage.times(base), minimum: o.leverage.times(minimum) };
}

function levNote<N extends Num<N>>(o: OptionTerms<N>): string {
  return o.leverage.eq(1) ? "" : ` (rates × leverage ${show(o.leverage)})`;
}

/** Short naked call, per contract: premium + max(20 % × S − OTM, 10 % × S). */
export function nakedCall<N extends Num<N>>(o: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const { rate, minimum } = nakedRates(o, ctx);
  const s = o.underlyingPrice;
  const otm = outOfTheMoney(o);
  const share = perShare(o.price.plus(max(rate.times(s).minus(otm), minimum.times(s))), ctx);
  return {
    amount: share.times(o.multiplier),
    rule: () =>
      `premium ${show(o.price)} + max(${pct(rate)} × ${show(s)} − OTM ${show(otm)}, ${pct(minimum)} × ${show(s)})${levNote(o)}` +
      ` = ${show(share)} per share ${times(o.multiplier)}`,
  };
}

/** Short naked put, per contract: premium + max(20 % × S − OTM, 10 % × K). */
export function nakedPut<N extends Num<N>>(o: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const { rate, minimum } = nakedRates(o, ctx);
  const s = o.underlyingPrice;
  const otm = outOfTheMoney(o);
  const share = perShare(o.price.plus(max(rate.times(s).minus(otm), minimum.times(o.strike))), ctx);
  return {
    amount: share.times(o.multiplier),
    rule: () =>
      `premium ${show(o.price)} + max(${pct(rate)} × ${show(s)} − OTM ${show(otm)}, ${pct(minimum)} × strike ${show(o.strike)})${levNote(o)}` +
      ` = ${show(share)} per share ${times(o.multiplier)}`,
  };
}

/** A short option margined on its own. */
export function nakedOption<N extends Num<N>>(o: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  return o.type === "CALL" ? nakedCall(o, ctx) : nakedPut(o, ctx);
}

// ---- spreads: long legs paid in full + the maximum loss at expiry before premiums ----

function spreadCharge<N extends Num<N>>(longs: readonly OptionTerms<N>[], maxLoss: N, lossText: () => string, ctx: RuleContext): Charge<N> {
  const m = longs[0].multiplier;
  const paid = longs.map((o) => perShare(o.price, ctx).times(o.multiplier)).reduce((a, b) => a.plus(b));
  const loss = perShare(maxLoss, ctx).times(m);
  const amount = paid.plus(loss);
  return {
    amount,
    rule: () =>
      `long ${longs.length > 1 ? "legs" : "leg"} paid in full ` +
      `${longs.map((o) => `${show(perShare(o.price, ctx))} ${times(o.multiplier)}`).join(" + ")} = ${show(paid)}` +
      ` + maximum loss at expiry ${lossText()} ${show(perShare(maxLoss, ctx))} ${times(m)} = ${show(loss)}; total ${show(amount)}`,
  };
}

/**
 * Vertical (also calendar and diagonal, the long leg expiring on or after the short): the long leg in
 * full + the strike width × m where the short strike is the riskier side (a credit spread), 0 for a
 * debit spread. Per contract of each leg.
 */
export function verticalSpread<N extends Num<N>>(long: OptionTerms<N>, short: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const width = long.type === "CALL" ? long.strike.minus(short.strike) : short.strike.minus(long.strike);
  const text = () => (width.gt(0) ? "(the strike width)" : "(0: the long strike is the safer side)");
  return spreadCharge([long], atLeastZero(width), text, ctx);
}

/**
 * Butterfly, 1 × 2 × 1 (including broken-wing): long the low and high wings, short two of the body.
 * Maximum loss at expiry: calls max(0, (K3 − K2) − (K2 − K1)), puts max(0, (K2 − K1) − (K3 − K2)).
 * Per unit: one of each wing and two of the body.
 */
export function butterfly<N extends Num<N>>(low: OptionTerms<N>, body: OptionTerms<N>, high: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const lower = body.strike.minus(low.strike);
  const upper = high.strike.minus(body.strike);
  const call = body.type === "CALL";
  const loss = atLeastZero(call ? upper.minus(lower) : lower.minus(upper));
  const text = () =>
    call
      ? `max(0, upper wing ${show(upper)} − lower wing ${show(lower)}) =`
      : `max(0, lower wing ${show(lower)} − upper wing ${show(upper)}) =`;
  return spreadCharge([low, high], loss, text, ctx);
}

/**
 * Iron condor: long put K1 < short put K2 ≤ short call K3 < long call K4, the two short legs expiring
 * together (the long legs then or later). Only one wing can lose at that expiry: the maximum loss is
 * the wider wing, max(K2 − K1, K4 − K3).
 */
export function ironCondor<N extends Num<N>>(
  longPut: OptionTerms<N>, shortPut: OptionTerms<N>, shortCall: OptionTerms<N>, longCall: OptionTerms<N>, ctx: RuleContext,
): Charge<N> {
  const putWing = shortPut.strike.minus(longPut.strike);
  const callWing = longCall.strike.minus(shortCall.strike);
  const text = () => `(the wider wing: max(put wing ${show(putWing)}, call wing ${show(callWing)})) =`;
  return spreadCharge([longPut, longCall], max(putWing, callWing), text, ctx);
}

/** Iron butterfly: an iron condor whose short put and short call share a strike; the wider wing. */
export function ironButterfly<N extends Num<N>>(
  longPut: OptionTerms<N>, shortPut: OptionTerms<N>, shortCall: OptionTerms<N>, longCall: OptionTerms<N>, ctx: RuleContext,
): Charge<N> {
  return ironCondor(longPut, shortPut, shortCall, longCall, ctx);
}

/**
 * Box (short): long put K1, short put K2, short call K1, long call K2 (K1 < K2): the payoff at expiry
 * is −(K2 − K1) at every price, so the maximum loss is the strike width.
 */
export function box<N extends Num<N>>(
  longPut: OptionTerms<N>, shortPut: OptionTerms<N>, shortCall: OptionTerms<N>, longCall: OptionTerms<N>, ctx: RuleContext,
): Charge<N> {
  void shortCall;
  const width = shortPut.strike.minus(longPut.strike);
  return spreadCharge([longPut, longCall], width, () => "(the strike width)", ctx);
}

/**
 * Long box: long call K1, short call K2, long put K2, short put K1 (K1 < K2): worth K2 − K1 at any
 * price, no loss at expiry; the long legs are paid in full (as its two debit spreads are).
 */
export function longBox<N extends Num<N>>(
  longCall: OptionTerms<N>, shortCall: OptionTerms<N>, longPut: OptionTerms<N>, shortPut: OptionTerms<N>, ctx: RuleContext,
): Charge<N> {
  void shortPut;
  return spreadCharge([longCall, longPut], shortCall.strike.times(0), () => "(0: a long box cannot lose at expiry)", ctx);
}

// ---- short combinations ----

/** Short straddle or strangle: the greater naked requirement + the other side's premium. */
export function straddle<N extends Num<N>>(call: OptionTerms<N>, put: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const c = nakedCall(call, ctx);
  const p = nakedPut(put, ctx);
  const callGreater = c.amount.gte(p.amount);
  const other = callGreater ? put : call;
  const greater = callGreater ? c.amount : p.amount;
  const premium = perShare(other.price, ctx).times(other.multiplier);
  const amount = greater.plus(premium);
  return {
    amount,
    rule: () =>
      `the greater naked requirement, ${callGreater ? "call" : "put"} ${show(greater)} (call ${show(c.amount)}, put ${show(p.amount)}), ` +
      `+ the ${callGreater ? "put" : "call"}'s premium ${show(other.price)} ${times(other.multiplier)} = ${show(amount)}`,
  };
}

/** Calendar with the short leg expiring last: margined as the naked short + the long option. */
export function calendar<N extends Num<N>>(short: OptionTerms<N>, long: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const n = nakedOption(short, ctx);
  const l = longOption(long, ctx);
  const amount = n.amount.plus(l.amount);
  return { amount, rule: () => `the short leg expires last: naked short ${show(n.amount)} + long option ${show(l.amount)} = ${show(amount)}` };
}

// ---- stock and options ----

/** Covered call: long m shares + short call: the stock's requirement; the call adds nothing. */
export function coveredCall<N extends Num<N>>(stock: StockTerms<N>, call: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const s = longStock(stock, ctx);
  const amount = s.amount.times(call.multiplier);
  return { amount, rule: () => `stock ${s.rule()} ${times(call.multiplier)} shares = ${show(amount)}; the covered call adds nothing` };
}

/** Covered put: short m shares + short put: the short stock's requirement + the put's in-the-money amount. */
export function coveredPut<N extends Num<N>>(stock: StockTerms<N>, put: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const s = shortStock(stock, ctx);
  const itm = perShare(inTheMoney(put, stock.price), ctx);
  const amount = s.amount.plus(itm).times(put.multiplier);
  return {
    amount,
    rule: () => `short stock ${s.rule()} + the put's in-the-money amount ${show(itm)}, ${times(put.multiplier)} shares = ${show(amount)}`,
  };
}

/**
 * The stock part of a protective put or collar, per share: the long-stock requirement, with
 * maintenance capped at 10 % of the put strike + the put's out-of-the-money amount (and, in a collar,
 * at 25 % of the call strike).
 */
function protectedStock<N extends Num<N>>(
  stock: StockTerms<N>, put: OptionTerms<N>, call: OptionTerms<N> | undefined, ctx: RuleContext,
): { amount: N; text: () => string } {
  const p = ctx.params;
  const plain = longStock(stock, { ...ctx, requirement: "maintenance" }).amount;
  const otm = outOfTheMoney(put, stock.price);
  const putCap = perShare(put.strike.times(p.protectivePutRate).plus(otm), ctx);
  const callCap = call ? perShare(call.strike.times(p.collarCallRate), ctx) : undefined;
  const maintenance = callCap ? min(min(plain, putCap), callCap) : min(plain, putCap);
  const capText = () =>
    `min(stock maintenance ${show(plain)}, ${pct(p.protectivePutRate)} × put strike ${show(put.strike)} + put OTM ${show(otm)}` +
    `${call ? `, ${pct(p.collarCallRate)} × call strike ${show(call.strike)}` : ""}) = ${show(maintenance)} per share`;
  if (ctx.requirement === "maintenance") return { amount: maintenance, text: () => `stock maintenance capped: ${capText()}` };
  const initial = perShare(stock.price.times(p.longStockInitial), ctx);
  const amount = max(initial, maintenance);
  return { amount, text: () => `stock ${pct(p.longStockInitial)} × ${show(stock.price)} = ${show(amount)} per share` };
}

/** Protective put: long m shares + long put: the stock requirement (maintenance capped) + the put. */
export function protectivePut<N extends Num<N>>(stock: StockTerms<N>, put: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const s = protectedStock(stock, put, undefined, ctx);
  const l = longOption(put, ctx);
  const amount = s.amount.times(put.multiplier).plus(l.amount);
  return { amount, rule: () => `${s.text()} ${times(put.multiplier)} shares + put ${l.rule()}; total ${show(amount)}` };
}

/** Collar: long m shares + long put + short call: the protective put's requirement; the call adds nothing. */
export function collar<N extends Num<N>>(stock: StockTerms<N>, put: OptionTerms<N>, call: OptionTerms<N>, ctx: RuleContext): Charge<N> {
  const s = protectedStock(stock, put, call, ctx);
  const l = longOption(put, ctx);
  const amount = s.amount.times(put.multiplier).plus(l.amount);
  return { amount, rule: () => `${s.text()} ${times(put.multiplier)} shares + put ${l.rule()}; the call adds nothing; total ${show(amount)}` };
}

// ---- gross and net ----

/**
 * netOfProceeds: the group's requirement less its short-option proceeds (premium × m × contracts),
 * the cash the account must add; never below 0.
 */
export function netOfProceeds<N extends Num<N>>(gross: Charge<N>, proceeds: N): Charge<N> {
  const amount = atLeastZero(gross.amount.minus(proceeds));
  return { amount, rule: () => `${gross.rule()}; less short-option proceeds ${show(proceeds)} = ${show(amount)}` };
}
