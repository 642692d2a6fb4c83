/**
 * The rule functions directly: the spread rules' closed forms (SPEC §4 wording) against a brute-force
 * scan of the payoff at expiry, and the search's double arithmetic (Fast) against decimal.
 */
import fc from "fast-check";
import { type Dec, dec } from "../../src/money";
import { readParams } from "../../src/params";
import { REGT_PARAMS } from "../../src/rules/regt/params";
import * as R from "../../src/rules/regt/rules";
import { Fast, type Num, type OptionTerms, type RuleContext } from "../../src/rules/regt/rules";

const SERIAL_MAR = 46101; // 2026-03-20
const ctx = (over: Record<string, unknown> = {}, requirement: "initial" | "maintenance" = "initial"): RuleContext => {
  const params = readParams(REGT_PARAMS, { valuationDate: "2026-01-02", ...over });
  return { requirement, params, valuationDate: params.valuationDate as number };
};

function terms<N extends Num<N>>(make: (x: number) => N, type: "CALL" | "PUT", strike: number, price: number, s = 100, expiry = SERIAL_MAR): OptionTerms<N> {
  return { type, strike: make(strike), expiry, multiplier: make(100), price: make(price), underlyingPrice: make(s), assetClass: "EQUITY", leverage: make(1) };
}
const D = (type: "CALL" | "PUT", k: number, p: number, s = 100) => terms<Dec>((x) => dec(x), type, k, p, s);
const F = (type: "CALL" | "PUT", k: number, p: number, s = 100) => terms<Fast>((x) => new Fast(x), type, k, p, s);

/** Worst payoff at expiry per share of legs [option, signed count], scanning 0, every strike and far above. */
function worstPayoff(legs: [OptionTerms<Dec>, number][]): number {
  const points = [0, ...legs.map(([o]) => o.strike.toNumber()), 10_000];
  let worst = Infinity;
  for (const s of points) {
    let v = 0;
    for (const [o, n] of legs) {
      const k = o.strike.toNumber();
      v += n * Math.max(0, o.type === "CALL" ? s - k : k - s);
    }
    worst = Math.min(worst, v);
  }
  return worst;
}

/** The maximum loss a spread rule charged: its amount less the long legs paid in full, per share. */
const chargedLoss = (amount: Dec, longs: OptionTerms<Dec>[]) =>
  amount.minus(longs.reduce((s, o) => s.plus(o.price.times(100)), dec(0))).dividedBy(100).toNumber();

const strike = fc.integer({ min: 16, max: 24 }).map((x) => x * 5);
const premium = fc.integer({ min: 0, max: 900 }).map((x) => x / 100);

describe("spread rules: the closed forms equal the maximum loss of the payoff at expiry", () => {
  const c = ctx();
  test("verticals", () => {
    fc.assert(
      fc.property(fc.constantFrom<"CALL" | "PUT">("CALL", "PUT"), strike, strike, premium, premium, (type, kl, ks, pl, ps) => {
        fc.pre(kl !== ks);
        const [l, s] = [D(type, kl, pl), D(type, ks, ps)];
        const loss = chargedLoss(R.verticalSpread(l, s, c).amount, [l]);
        expect(loss).toBeCloseTo(Math.max(0, -worstPayoff([[l, 1], [s, -1]])), 9);
      }),
    );
  });
  test("butterflies 1 × 2 × 1, broken-wing included", () => {
    fc.assert(
      fc.property(fc.constantFrom<"CALL" | "PUT">("CALL", "PUT"), fc.uniqueArray(strike, { minLength: 3, maxLength: 3 }), premium, (type, ks, p) => {
        const [k1, k2, k3] = [...ks].sort((a, b) => a - b);
        const [lo, body, hi] = [D(type, k1, p), D(type, k2, p), D(type, k3, p)];
        const loss = chargedLoss(R.butterfly(lo, body, hi, c).amount, [lo, hi]);
        expect(loss).toBeCloseTo(Math.max(0, -worstPayoff([[lo, 1], [body, -2], [hi, 1]])), 9);
      }),
    );
  });
  test("iron condors and iron butterflies (K1 < K2 ≤ K3 < K4)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(strike, { minLength: 4, maxLength: 4 }), fc.boolean(), premium, (ks, fly, p) => {
        const [k1, k2, k3, k4] = [...ks].sort((a, b) => a - b);
        const legs = [D("PUT", k1, p), D("PUT", k2, p), D("CALL", fly ? k2 : k3, p), D("CALL", k4, p)] as const;
        const rule = fly ? R.ironButterfly : R.ironCondor;
        const loss = chargedLoss(rule(legs[0], legs[1], legs[2], legs[3], c).amount, [legs[0], legs[3]]);
        expect(loss).toBeCloseTo(-worstPayoff([[legs[0], 1], [legs[1], -1], [legs[2], -1], [legs[3], 1]]), 9);
      }),
    );
  });
  test("boxes: short box loses the width, long box nothing", () => {
    fc.assert(
      fc.property(fc.uniqueArray(strike, { minLength: 2, maxLength: 2 }), premium, (ks, p) => {
        const [k1, k2] = [...ks].sort((a, b) => a - b);
        const [lp, sp, sc, lc] = [D("PUT", k1, p), D("PUT", k2, p), D("CALL", k1, p), D("CALL", k2, p)];
        const short = chargedLoss(R.box(lp, sp, sc, lc, c).amount, [lp, lc]);
        expect(short).toBeCloseTo(-worstPayoff([[lp, 1], [sp, -1], [sc, -1], [lc, 1]]), 9);
        const [lc1, sc2, lp2, sp1] = [D("CALL", k1, p), D("CALL", k2, p), D("PUT", k2, p), D("PUT", k1, p)];
        const long = chargedLoss(R.longBox(lc1, sc2, lp2, sp1, c).amount, [lc1, lp2]);
        expect(long).toBeCloseTo(Math.max(0, -worstPayoff([[lc1, 1], [sc2, -1], [lp2, 1], [sp1, -1]])), 9);
      }),
    );
  });
});

describe("the search's double arithmetic agrees with decimal, rule by rule", () => {
  const price = fc.integer({ min: 1, max: 3000 }).map((x) => x / 100);
  const settings = fc.record({ requirement: fc.constantFrom<"initial" | "maintenance">("initial", "maintenance") });
  test("every rule", () => {
    fc.assert(
      fc.property(strike, strike, strike, strike, price, price, price, price, price, settings, (k1, k2, k3, k4, p1, p2, p3, p4, s, { requirement }) => {
        const c = ctx({}, requirement);
        const S = s * 5;
        const stockD = { price: dec(S) };
        const stockF = { price: new Fast(S) };
        const same = (d: R.Charge<Dec>, f: R.Charge<Fast>) => expect(f.amount.toNumber()).toBeCloseTo(d.amount.toNumber(), 6);
        same(R.longStock(stockD, c), R.longStock(stockF, c));
        same(R.shortStock(stockD, c), R.shortStock(stockF, c));
        same(R.nakedCall(D("CALL", k1, p1, S), c), R.nakedCall(F("CALL", k1, p1, S), c));
        same(R.nakedPut(D("PUT", k1, p1, S), c), R.nakedPut(F("PUT", k1, p1, S), c));
        same(R.longOption(D("PUT", k1, p1, S), c), R.longOption(F("PUT", k1, p1, S), c));
        same(R.verticalSpread(D("CALL", k1, p1, S), D("CALL", k2, p2, S), c), R.verticalSpread(F("CALL", k1, p1, S), F("CALL", k2, p2, S), c));
        same(R.straddle(D("CALL", k1, p1, S), D("PUT", k2, p2, S), c), R.straddle(F("CALL", k1, p1, S), F("PUT", k2, p2, S), c));
        same(R.butterfly(D("PUT", k1, p1, S), D("PUT", k2, p2, S), D("PUT", k3, p3, S), c), R.butterfly(F("PUT", k1, p1, S), F("PUT", k2, p2, S), F("PUT", k3, p3, S), c));
        same(
          R.ironCondor(D("PUT", k1, p1, S), D("PUT", k2, p2, S), D("CALL", k3, p3, S), D("CALL", k4, p4, S), c),
          R.ironCondor(F("PUT", k1, p1, S), F("PUT", k2, p2, S), F("CALL", k3, p3, S), F("CALL", k4, p4, S), c),
        );
        same(R.coveredCall(stockD, D("CALL", k1, p1, S), c), R.coveredCall(stockF, F("CALL", k1, p1, S), c));
        same(R.coveredPut(stockD, D("PUT", k1, p1, S), c), R.coveredPut(stockF, F("PUT", k1, p1, S), c));
        same(R.protectivePut(stockD, D("PUT", k1, p1, S), c), R.protectivePut(stockF, F("PUT", k1, p1, S), c));
        same(R.collar(stockD, D("PUT", k1, p1, S), D("CALL", k2, p2, S), c), R.collar(stockF, F("PUT", k1, p1, S), F("CALL", k2, p2, S), c));
        same(R.calendar(D("CALL", k1, p1, S), D("CALL", k1, p2, S), c), R.calendar(F("CALL", k1, p1, S), F("CALL", k1, p2, S), c));
        same(R.netOfProceeds(R.nakedPut(D("PUT", k1, p1, S), c), dec(p1 * 100)), R.netOfProceeds(R.nakedPut(F("PUT", k1, p1, S), c), new Fast(p1 * 100)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("dates", () => {
  test("addMonths clamps to the month's end: 2026-05-31 + 9 months = 2027-02-28", () => {
    const may31 = 46173; // 2026-05-31
    expect(R.addMonths(may31, 9)).toBe(46446); // 2027-02-28
    expect(R.addMonths(46024, 9)).toBe(46297); // 2026-01-02 → 2026-10-02
  });
});
