/**
 * Pairing (SPEC §4): the cheapest legal grouping of one underlying's legs into strategies.
 *
 * Algorithm
 * 1. The book is netted into legs (book.ts): one per distinct option contract, one for the stock.
 * 2. Unit: the search works in units of g contracts, g the greatest common divisor of the option
 *    quantities and of the whole lots of stock (shares ÷ multiplier, rounded down). Scaling every
 *    quantity by k scales g by k and leaves the search unchanged, so the requirement is linear in
 *    quantity (for stock held in whole lots: an odd lot never covers an option); g is 1 for most
 *    books.
 * 3. Templates: every legal strategy on these legs, with its requirement per unit from rules.ts —
 *    verticals (and calendars / diagonals whose long leg expires on or after the short), short
 *    straddles and strangles, butterflies 1 × 2 × 1 (broken-wing included), iron condors, iron
 *    butterflies and short boxes (their two short legs expiring together, the long legs then or
 *    later), covered calls and puts, protective puts and collars. A template is kept
 *    only if it saves against margining its legs alone and, for three- and four-leg templates, against
 *    its best split into two-leg templates (otherwise that split is as cheap and the template adds
 *    nothing to the search).
 * 4. Search: maximise the total saving over whole numbers of templates within the legs' quantities
 *    (an integer packing problem), by branch and bound on its linear-programming relaxation
 *    (packing.ts). With up to EXACT_LEGS (12) option contracts per underlying the search is given a
 *    large budget and is exact; beyond that, or in books with very many templates, it is given a small
 *    budget and, if it runs out, returns the best grouping found (the LP solution rounded down and
 *    completed greedily, best saving first). Legs not placed in a template are margined alone.
 * 5. Guarantee: the result is never above margining every leg alone (the minimum of the two is taken).
 * 6. Labels: groups that cost the same as their parts are then shown under their strategy name (a long
 *    box, a collar, a protective put at initial, a calendar whose short leg expires last).
 *
 * Arithmetic: the search prices its candidate templates with the rules of rules.ts on plain doubles
 * (Fast); the chosen grouping, the all-alone figure and everything reported are priced by the same
 * rules in decimal.
 */
import { type Dec, dec, dmin, sum, ZERO } from "../../money";
import { isoFromSerial } from "../../instruments/cells";
import type { Position } from "../../instruments/positions";
import type { OptionLeg, StockLeg, UnderlyingBook } from "./book";
import { greedyPacking, type PackingColumn, solvePacking } from "./packing";
import * as R from "./rules";
import { type Charge, Fast, type Num, type OptionTerms, type RuleContext, show, type StockTerms } from "./rules";

/** Option contracts per underlying up to which the search is exact. */
export const EXACT_LEGS = 12;
/** Work budgets of the search (tableau-cell updates): exact, and for larger books. */
export const EXACT_WORK = 1e8;
export const HEURISTIC_WORK = 4e5;
/** At most this many three- and four-leg templates per underlying (then the search is not exact). */
export const MAX_TEMPLATES = 4000;

export type StrategyKind =
  | "longStock" | "shortStock" | "longOption" | "nakedOption"
  | "vertical" | "straddle" | "butterfly" | "ironCondor" | "ironButterfly" | "box" | "longBox"
  | "coveredCall" | "coveredPut" | "protectivePut" | "collar" | "calendar";

export interface TemplateLeg {
  /** Index into the underlying's option legs. */
  index: number;
  /** Contracts per unit (2 for a butterfly's body). */
  per: number;
}

/** Prices one unit of a template from the legs' terms, in either arithmetic. */
type Pricer = <N extends Num<N>>(legs: readonly OptionTerms<N>[], stock: StockTerms<N> | undefined) => Charge<N>;

export interface Template {
  kind: StrategyKind;
  name: string;
  options: TemplateLeg[];
  /** Shares of stock per unit (m for stock–option strategies, 1 for stock alone). */
  shares: number;
  /** Requirement of one unit in doubles, for the search. */
  estimate: number;
  /** Requirement of one unit in decimal (gross or net of proceeds, as the context asks). */
  charge(): Charge;
}

export interface PairedGroup {
  template: Template;
  /** Units: contracts (of each leg with per = 1), or shares for stock alone. */
  units: Dec;
  requirement: Dec;
}

export interface Pairing {
  underlying: string;
  /** The underlying's option legs (canonical order) and stock leg. */
  legs: OptionLeg[];
  stock?: StockLeg;
  groups: PairedGroup[];
  total: Dec;
  /** Requirement with every leg margined alone. */
  allAlone: Dec;
  /** True when the grouping is proven the cheapest. */
  exact: boolean;
}

export interface PairingOptions {
  /** Override of the search budgets (tests). */
  exactWork?: number;
  heuristicWork?: number;
  /** Search with the greedy heuristic only (tests of the heuristic). */
  greedyOnly?: boolean;
}

// ---- names ----

const typeWord = (o: OptionTerms<Dec>): string => (o.type === "CALL" ? "call" : "put");

function verticalName(long: OptionLeg, short: OptionLeg): string {
  if (long.expiry === short.expiry && long.strike.eq(short.strike)) return `Offsetting ${typeWord(long)}s`;
  if (long.expiry !== short.expiry) return long.strike.eq(short.strike) ? "Calendar spread" : "Diagonal spread";
  if (long.type === "CALL") return long.strike.lt(short.strike) ? "Bull call spread" : "Bear call spread";
  return long.strike.gt(short.strike) ? "Bear put spread" : "Bull put spread";
}

function needStock<N extends Num<N>>(s: StockTerms<N> | undefined): StockTerms<N> {
  if (!s) throw new Error("a stock template without a stock leg");
  return s;
}

/** The leg's terms as doubles (from its first row: every row of a leg has the same terms). */
function fastTerms(o: OptionLeg): OptionTerms<Fast> {
  const p = o.positions[0];
  return {
    type: o.type,
    strike: new Fast(p.strike as number),
    expiry: o.expiry,
    multiplier: new Fast(p.multiplier),
    price: new Fast(p.price),
    underlyingPrice: new Fast(p.underlyingPrice),
    assetClass: o.assetClass,
    leverage: new Fast(p.leverage),
  };
}

// ---- one underlying ----

class UnderlyingPairing {
  readonly legs: OptionLeg[];
  readonly stock?: StockLeg;
  readonly n: number;
  readonly alone: Template[];
  readonly stockAlone?: Template;
  private readonly fast: OptionTerms<Fast>[];
  private readonly fastStock?: StockTerms<Fast>;
  private readonly short: boolean[];
  private readonly strike: number[];
  private readonly mult: number[];
  private readonly aloneValue: number[];
  private readonly stockValue: number = 0;

  constructor(
    book: UnderlyingBook,
    readonly ctx: RuleContext,
  ) {
    this.legs = book.options;
    this.stock = book.stock;
    this.n = this.legs.length;
    this.fast = this.legs.map(fastTerms);
    this.fastStock = this.stock ? { price: new Fast(this.stock.positions[0].price) } : undefined;
    this.short = this.legs.map((o) => o.quantity.lt(0));
    this.strike = this.fast.map((o) => o.strike.v);
    this.mult = this.fast.map((o) => o.multiplier.v);
    this.alone = this.legs.map((o, i) =>
      this.short[i]
        ? this.make("nakedOption", `Naked ${typeWord(o)}`, [{ index: i, per: 1 }], 0, (L) => R.nakedOption(L[i], ctx))
        : this.make("longOption", `Long ${typeWord(o)}`, [{ index: i, per: 1 }], 0, (L) => R.longOption(L[i], ctx)),
    );
    this.aloneValue = this.alone.map((t) => t.estimate);
    if (this.stock) {
      this.stockAlone = this.stock.shares.gt(0)
        ? this.make("longStock", "Long stock", [], 1, (_, S) => R.longStock(needStock(S), ctx))
        : this.make("shortStock", "Short stock", [], 1, (_, S) => R.shortStock(needStock(S), ctx));
      this.stockValue = this.stockAlone.estimate;
    }
  }

  /** A template; with netOfProceeds its charge is net of its short-option proceeds. */
  make(kind: StrategyKind, name: string, options: TemplateLeg[], shares: number, gross: Pricer): Template {
    const shorts = this.ctx.params.netOfProceeds ? options.filter((l) => this.short[l.index]) : [];
    const priced: Pricer =
      shorts.length > 0
        ? (L, S) => {
            const g = gross(L, S);
            const proceeds = shorts.map((l) => L[l.index].price.times(L[l.index].multiplier).times(l.per)).reduce((a, b) => a.plus(b));
            return R.netOfProceeds(g, proceeds);
          }
        : gross;
    let cached: Charge | undefined;
    return {
      kind,
      name,
      options,
      shares,
      estimate: priced(this.fast, this.fastStock).amount.toNumber(),
      charge: () => (cached ??= priced(this.legs, this.stock)),
    };
  }

  /** Saving of one unit of a template against margining its legs alone (in doubles). */
  saving(t: Template): number {
    let alone = t.shares * this.stockValue;
    for (const l of t.options) alone += l.per * this.aloneValue[l.index];
    return alone - t.estimate;
  }

  private sameMultiplier(...idx: number[]): boolean {
    return idx.every((i) => this.mult[i] === this.mult[idx[0]]);
  }

  /** Every template worth searching, in a canonical order; `truncated` if MAX_TEMPLATES was hit. */
  templates(capacity: readonly number[]): { list: Template[]; truncated: boolean } {
    const { legs, ctx, n } = this;
    const list: Template[] = [];
    /** Keeps t if it saves more than `baseline` (the best split of its legs); returns its saving ≥ 0. */
    const keep = (t: Template, baseline = 0): number => {
      const s = this.saving(t);
      if (s > baseline + 1e-9 * (1 + Math.abs(t.estimate))) list.push(t);
      return Math.max(0, s);
    };
    const pick = (type: string, short: boolean) => [...Array(n).keys()].filter((i) => legs[i].type === type && this.short[i] === short);
    const LC = pick("CALL", false);
    const SC = pick("CALL", true);
    const LP = pick("PUT", false);
    const SP = pick("PUT", true);
    const key = (a: number, b: number) => a * n + b;
    const one = (index: number): TemplateLeg => ({ index, per: 1 });

    // Two-leg option templates; their savings are remembered for the split tests below.
    const vSaving = new Map<number, number>();
    for (const [L, S] of [[LC, SC], [LP, SP]]) {
      for (const l of L) {
        for (const s of S) {
          if (!this.sameMultiplier(l, s) || legs[l].expiry < legs[s].expiry) continue;
          const t = this.make("vertical", verticalName(legs[l], legs[s]), [one(l), one(s)], 0, (X) => R.verticalSpread(X[l], X[s], ctx));
          vSaving.set(key(l, s), keep(t));
        }
      }
    }
    const v = (l: number, s: number) => vSaving.get(key(l, s)) ?? 0;
    const sSaving = new Map<number, number>();
    for (const c of SC) {
      for (const p of SP) {
        if (!this.sameMultiplier(c, p)) continue;
        const same = legs[c].strike.eq(legs[p].strike) && legs[c].expiry === legs[p].expiry;
        const t = this.make("straddle", same ? "Short straddle" : "Short strangle", [one(c), one(p)], 0, (X) => R.straddle(X[c], X[p], ctx));
        sSaving.set(key(c, p), keep(t));
      }
    }

    // Stock with options.
    const stock = this.stock;
    const ccSaving = new Map<number, number>();
    const ppSaving = new Map<number, number>();
    const longStock = stock !== undefined && stock.shares.gt(0);
    if (stock && longStock) {
      for (const c of SC) {
        ccSaving.set(c, keep(this.make("coveredCall", "Covered call", [one(c)], this.mult[c], (X, S) => R.coveredCall(needStock(S), X[c], ctx))));
      }
      for (const p of LP) {
        ppSaving.set(p, keep(this.make("protectivePut", "Protective put", [one(p)], this.mult[p], (X, S) => R.protectivePut(needStock(S), X[p], ctx))));
      }
    } else if (stock) {
      for (const p of SP) keep(this.make("coveredPut", "Covered put", [one(p)], this.mult[p], (X, S) => R.coveredPut(needStock(S), X[p], ctx)));
    }

    // Three- and four-leg templates, kept only when they beat their best split.
    let truncated = false;
    let count = 0;
    const room = () => {
      if (count++ < MAX_TEMPLATES) return true;
      truncated = true;
      return false;
    };
    if (longStock) {
      for (const p of LP) {
        for (const c of SC) {
          if (!this.sameMultiplier(p, c) || !room()) continue;
          const t = this.make("collar", "Collar", [one(p), one(c)], this.mult[p], (X, S) => R.collar(needStock(S), X[p], X[c], ctx));
          keep(t, Math.max(ccSaving.get(c) ?? 0, ppSaving.get(p) ?? 0));
        }
      }
    }
    for (const [L, S] of [[LC, SC], [LP, SP]]) {
      for (const b of S) {
        if (truncated) break;
        if (capacity[b] < 2) continue;
        for (const lo of L) {
          if (this.strike[lo] >= this.strike[b]) continue;
          for (const hi of L) {
            if (this.strike[hi] <= this.strike[b]) continue;
            if (!this.sameMultiplier(lo, b, hi) || legs[lo].expiry < legs[b].expiry || legs[hi].expiry < legs[b].expiry) continue;
            if (!room()) continue;
            const broken = this.strike[b] - this.strike[lo] !== this.strike[hi] - this.strike[b];
            const name = `${broken ? "Broken-wing " : ""}${typeWord(legs[b])} butterfly`;
            const t = this.make("butterfly", name[0].toUpperCase() + name.slice(1), [one(lo), { index: b, per: 2 }, one(hi)], 0, (X) =>
              R.butterfly(X[lo], X[b], X[hi], ctx),
            );
            keep(t, v(lo, b) + v(hi, b));
          }
        }
      }
    }
    for (const p1 of LP) {
      if (truncated) break;
      for (const p2 of SP) {
        if (truncated) break;
        if (this.strike[p1] >= this.strike[p2]) continue;
        for (const c3 of SC) {
          for (const c4 of LC) {
            if (this.strike[c3] >= this.strike[c4]) continue;
            const isBox = this.strike[c3] === this.strike[p1] && this.strike[c4] === this.strike[p2];
            if (!isBox && this.strike[p2] > this.strike[c3]) continue;
            if (!this.sameMultiplier(p1, p2, c3, c4)) continue;
            // "Only one wing can lose" needs one expiry for the two short legs: with the short put and
            // the short call expiring apart, both wings can lose, one after the other.
            if (legs[p2].expiry !== legs[c3].expiry) continue;
            if (Math.min(legs[p1].expiry, legs[c4].expiry) < legs[p2].expiry) continue;
            if (!room()) continue;
            const four = [one(p1), one(p2), one(c3), one(c4)];
            const t = isBox
              ? this.make("box", "Short box spread", four, 0, (X) => R.box(X[p1], X[p2], X[c3], X[c4], ctx))
              : this.strike[p2] === this.strike[c3]
                ? this.make("ironButterfly", "Iron butterfly", four, 0, (X) => R.ironButterfly(X[p1], X[p2], X[c3], X[c4], ctx))
                : this.make("ironCondor", "Iron condor", four, 0, (X) => R.ironCondor(X[p1], X[p2], X[c3], X[c4], ctx));
            keep(t, Math.max(v(p1, p2) + v(c4, c3), sSaving.get(key(c3, p2)) ?? 0));
          }
        }
      }
    }
    return { list, truncated };
  }
}

// ---- units ----

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const DIGITS = 9;

/** The search unit g: the gcd of the option quantities and the whole stock lots (see the header). */
export function searchUnit(legs: readonly OptionLeg[], stock?: StockLeg): Dec {
  const amounts = legs.map((o) => o.quantity.abs());
  if (stock) {
    const ms = [...new Set(legs.map((o) => o.positions[0].multiplier))];
    for (const m of ms) amounts.push(stock.shares.abs().dividedBy(m).floor());
  }
  // Whole quantities (the usual case): gcd in doubles.
  if (amounts.every((a) => a.isInteger() && a.lt(2 ** 52))) {
    let g = 0;
    for (const a of amounts) {
      let x = Number(a.toFixed());
      let y = g;
      while (y !== 0) [x, y] = [y, x % y];
      g = x;
    }
    return dec(g === 0 ? 1 : g);
  }
  const scale = dec(10).pow(DIGITS);
  let g = 0n;
  for (const a of amounts) {
    const x = BigInt(a.times(scale).toDecimalPlaces(0).toFixed());
    if (x > 0n) g = gcd(x, g);
  }
  return g === 0n ? dec(1) : dec(g.toString()).dividedBy(scale);
}

// ---- the grouping ----

function group(template: Template, units: Dec): PairedGroup {
  return { template, units, requirement: template.charge().amount.times(units) };
}

/** Every leg alone. */
function allAloneGroups(p: UnderlyingPairing): PairedGroup[] {
  const groups = p.legs.map((o, i) => group(p.alone[i], o.quantity.abs()));
  if (p.stock && p.stockAlone) groups.unshift(group(p.stockAlone, p.stock.shares.abs()));
  return groups;
}

export interface SearchProblem {
  /** The search unit g (contracts). */
  unit: Dec;
  /** Per option leg, then the stock: quantity ÷ g. */
  capacity: number[];
  templates: Template[];
  /** The packing problem's columns: template uses and saving per unit. */
  columns: PackingColumn[];
  truncated: boolean;
}

function problemOf(p: UnderlyingPairing): SearchProblem {
  const unit = searchUnit(p.legs, p.stock);
  const capacity = p.legs.map((o) => o.quantity.abs().dividedBy(unit).toNumber());
  if (p.stock) capacity.push(p.stock.shares.abs().dividedBy(unit).toNumber());
  const { list, truncated } = p.templates(capacity);
  const stockIndex = p.n;
  const columns: PackingColumn[] = list.map((t) => ({
    uses: [...t.options.map((l) => [l.index, l.per] as const), ...(t.shares > 0 ? [[stockIndex, t.shares] as const] : [])],
    value: p.saving(t),
  }));
  return { unit, capacity, templates: list, columns, truncated };
}

/** The search problem of one underlying (for tests: brute force compares against the search). */
export function searchProblem(book: UnderlyingBook, ctx: RuleContext): SearchProblem {
  return problemOf(new UnderlyingPairing(book, ctx));
}

/** Pairs one underlying's legs: the cheapest grouping found (exact for small books). */
export function pairUnderlying(book: UnderlyingBook, ctx: RuleContext, options: PairingOptions = {}): Pairing {
  const p = new UnderlyingPairing(book, ctx);
  const alone = allAloneGroups(p);
  const allAlone = sum(alone.map((g) => g.requirement));
  const done = (groups: PairedGroup[], exact: boolean): Pairing => ({
    underlying: book.underlying,
    legs: p.legs,
    stock: p.stock,
    groups,
    total: sum(groups.map((g) => g.requirement)),
    allAlone,
    exact,
  });
  if (p.n === 0) return done(alone, true);

  const { unit: g, capacity, templates: list, columns, truncated } = problemOf(p);
  if (list.length === 0) return done(relabel(p, alone), true);
  let counts: number[];
  let exact: boolean;
  if (options.greedyOnly) {
    counts = greedyPacking(capacity, columns);
    exact = false;
  } else {
    const small = p.n <= EXACT_LEGS && !truncated;
    const budget = small ? (options.exactWork ?? EXACT_WORK) : (options.heuristicWork ?? HEURISTIC_WORK);
    const result = solvePacking(capacity, columns, budget);
    counts = result.counts;
    exact = result.exact && !truncated;
  }

  // Price the grouping in decimal; what is left of each leg is margined alone.
  const groups: PairedGroup[] = [];
  const usedContracts = p.legs.map(() => ZERO);
  let usedShares = ZERO;
  counts.forEach((k, j) => {
    if (k <= 0) return;
    const t = list[j];
    const units = g.times(k);
    for (const l of t.options) usedContracts[l.index] = usedContracts[l.index].plus(units.times(l.per));
    usedShares = usedShares.plus(units.times(t.shares));
    groups.push(group(t, units));
  });
  const rest: PairedGroup[] = [];
  let feasible = true;
  if (p.stock && p.stockAlone) {
    const left = p.stock.shares.abs().minus(usedShares);
    if (left.lt(0)) feasible = false;
    else if (!left.isZero()) rest.push(group(p.stockAlone, left));
  }
  p.legs.forEach((o, i) => {
    const left = o.quantity.abs().minus(usedContracts[i]);
    if (left.lt(0)) feasible = false;
    else if (!left.isZero()) rest.push(group(p.alone[i], left));
  });
  const paired = [...groups, ...rest];
  const total = sum(paired.map((x) => x.requirement));
  if (!feasible || total.gt(allAlone)) return done(relabel(p, alone), exact && feasible);
  return done(relabel(p, paired), exact);
}

// ---- labels: strategies that cost the same as their parts ----

/** Moves `units` of a and b into one group of template t, if that is no dearer. */
function merge(groups: PairedGroup[], ia: number, ib: number, unitsA: Dec, unitsB: Dec, units: Dec, t: Template): boolean {
  const a = groups[ia];
  const b = groups[ib];
  const before = a.template.charge().amount.times(unitsA).plus(b.template.charge().amount.times(unitsB));
  const merged = group(t, units);
  if (merged.requirement.gt(before) || units.isZero()) return false;
  const restA = a.units.minus(unitsA);
  const restB = b.units.minus(unitsB);
  const out: PairedGroup[] = [];
  groups.forEach((x, i) => {
    if (i === ia) {
      out.push(merged);
      if (!restA.isZero()) out.push(group(a.template, restA));
    } else if (i === ib) {
      if (!restB.isZero()) out.push(group(b.template, restB));
    } else out.push(x);
  });
  groups.splice(0, groups.length, ...out);
  return true;
}

function relabel(p: UnderlyingPairing, input: PairedGroup[]): PairedGroup[] {
  const groups = [...input];
  const { legs, ctx } = p;
  // Long box: a bull call spread and a bear put spread on the same two strikes.
  for (let again = true; again; ) {
    again = false;
    for (let ia = 0; ia < groups.length && !again; ia++) {
      const a = groups[ia].template;
      if (a.kind !== "vertical" || legs[a.options[0].index].type !== "CALL") continue;
      const [lc, sc] = [legs[a.options[0].index], legs[a.options[1].index]];
      if (!lc.strike.lt(sc.strike) || lc.expiry !== sc.expiry) continue;
      const ib = groups.findIndex((x) => {
        if (x.template.kind !== "vertical") return false;
        const [lp, sp] = [legs[x.template.options[0].index], legs[x.template.options[1].index]];
        return lp.type === "PUT" && lp.strike.eq(sc.strike) && sp.strike.eq(lc.strike) && lp.expiry === lc.expiry && sp.expiry === lc.expiry && lp.multiplier.eq(lc.multiplier);
      });
      if (ib < 0) continue;
      const b = groups[ib].template;
      const u = dmin(groups[ia].units, groups[ib].units);
      const [i1, i2, i3, i4] = [a.options[0].index, a.options[1].index, b.options[0].index, b.options[1].index];
      const t = p.make("longBox", "Long box spread", [a.options[0], a.options[1], b.options[0], b.options[1]], 0, (X) =>
        R.longBox(X[i1], X[i2], X[i3], X[i4], ctx),
      );
      again = merge(groups, ia, ib, u, u, u, t);
    }
  }
  const stock = p.stock;
  if (stock && stock.shares.gt(0)) {
    // Collar: a covered call and a long put alone.
    for (let again = true; again; ) {
      again = false;
      for (let ia = 0; ia < groups.length && !again; ia++) {
        const a = groups[ia].template;
        if (a.kind !== "coveredCall") continue;
        const c = a.options[0].index;
        const ib = groups.findIndex((x) => x.template.kind === "longOption" && legs[x.template.options[0].index].type === "PUT" && legs[x.template.options[0].index].multiplier.eq(legs[c].multiplier));
        if (ib < 0) continue;
        const pi = groups[ib].template.options[0].index;
        const u = dmin(groups[ia].units, groups[ib].units);
        const t = p.make("collar", "Collar", [{ index: pi, per: 1 }, { index: c, per: 1 }], a.shares, (X, S) => R.collar(needStock(S), X[pi], X[c], ctx));
        again = merge(groups, ia, ib, u, u, u, t);
      }
    }
    // Protective put: long stock alone and a long put alone.
    for (let again = true; again; ) {
      again = false;
      const ia = groups.findIndex((x) => x.template.kind === "longStock");
      if (ia < 0) break;
      for (let ib = 0; ib < groups.length && !again; ib++) {
        const b = groups[ib].template;
        if (b.kind !== "longOption" || legs[b.options[0].index].type !== "PUT") continue;
        const pi = b.options[0].index;
        const m = legs[pi].multiplier;
        const u = dmin(groups[ib].units, groups[ia].units.dividedBy(m).floor());
        if (!u.gt(0)) continue;
        const t = p.make("protectivePut", "Protective put", [{ index: pi, per: 1 }], m.toNumber(), (X, S) => R.protectivePut(needStock(S), X[pi], ctx));
        again = merge(groups, ia, ib, u.times(m), u, u, t);
      }
    }
  }
  // Calendar whose short leg expires last: a naked short and a long option, same type and strike.
  for (let again = true; again; ) {
    again = false;
    for (let ia = 0; ia < groups.length && !again; ia++) {
      const a = groups[ia].template;
      if (a.kind !== "nakedOption") continue;
      const s = legs[a.options[0].index];
      const ib = groups.findIndex((x) => {
        if (x.template.kind !== "longOption") return false;
        const l = legs[x.template.options[0].index];
        return l.type === s.type && l.strike.eq(s.strike) && l.expiry < s.expiry && l.multiplier.eq(s.multiplier);
      });
      if (ib < 0) continue;
      const li = groups[ib].template.options[0].index;
      const u = dmin(groups[ia].units, groups[ib].units);
      const si = a.options[0].index;
      const t = p.make("calendar", "Calendar (short expires last)", [{ index: li, per: 1 }, a.options[0]], 0, (X) => R.calendar(X[si], X[li], ctx));
      again = merge(groups, ia, ib, u, u, u, t);
    }
  }
  return groups;
}

// ---- description of a group for REGTDETAIL ----

/** Stock margined alone: its units are shares (in every other template, units are contracts). */
export const isStockAlone = (t: Pick<Template, "kind">): boolean => t.kind === "longStock" || t.kind === "shortStock";

/** Shares of stock a group holds (0 for an options-only group). */
function groupShares(g: PairedGroup): Dec {
  return isStockAlone(g.template) ? g.units : g.units.times(g.template.shares);
}

function optionText(o: OptionLeg, contracts: Dec): string {
  const q = o.quantity.lt(0) ? `-${show(contracts)}` : `+${show(contracts)}`;
  const mult = o.multiplier.eq(100) ? "" : ` ×${show(o.multiplier)}`;
  return `${q} ${o.type} ${show(o.strike)} ${isoFromSerial(Math.floor(o.expiry))}${mult}`;
}

/** The legs of a group, e.g. "+1 PUT 120 2026-06-19, -1 PUT 125 2026-06-19". */
export function describeLegs(p: Pick<Pairing, "legs" | "stock">, g: PairedGroup): string {
  const parts: string[] = [];
  const t = g.template;
  if (t.shares > 0 && p.stock) {
    parts.push(`${p.stock.shares.lt(0) ? "-" : "+"}${show(groupShares(g))} shares`);
  }
  for (const l of t.options) parts.push(optionText(p.legs[l.index], g.units.times(l.per)));
  return parts.join(", ");
}

/** The positions of a group: each leg's first row, with the quantity the group holds. */
export function groupPositions(p: Pick<Pairing, "legs" | "stock">, g: PairedGroup): Position[] {
  const t = g.template;
  const out: Position[] = [];
  if (t.shares > 0 && p.stock) {
    const first = p.stock.positions[0];
    const shares = groupShares(g);
    const signed = p.stock.shares.lt(0) ? shares.negated() : shares;
    out.push({ ...first, quantity: signed.dividedBy(first.multiplier).toNumber() });
  }
  for (const l of t.options) {
    const o = p.legs[l.index];
    const contracts = g.units.times(l.per);
    out.push({ ...o.positions[0], quantity: (o.quantity.lt(0) ? contracts.negated() : contracts).toNumber() });
  }
  return out;
}

