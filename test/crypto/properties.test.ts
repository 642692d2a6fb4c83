/**
 * Property tests of crypto portfolio margin (SPEC §6) over random unified accounts:
 * - every unit's MMR ≥ its MR7 (both evaluations: as shown and with spot in use);
 * - total IMR = imrFactor × derivatives MMR + borrowing IMR, exactly (decimal);
 * - more hedge never raises MR1;
 * - LIQPLAN's steps each raise the ratio, and it ends above 110 % or with nothing left to reduce.
 */
import fc from "fast-check";
import { customFunctions as f } from "../../functions/index";
import { parsePositions } from "../../src/instruments/positions";
import { evaluateAccount, liquidationPlan, parseAssets, readCryptoContext } from "../../src/rules/crypto/index";
import { dec } from "../../src/money";
import { NONE, type Leg, PARAMS, book, replay, units, withParams } from "./book";

const INDEX: Record<string, number> = { BTC: 50_000, ETH: 3_000, SOL: 150, AVAX: 30 };
const EXPIRIES = ["2026-01-09", "2026-01-30", "2026-02-01", "2026-03-27", "2026-06-26", "2026-12-25"];

const legArb = (coins: string[], types: string[]): fc.Arbitrary<Leg> =>
  fc
    .record({
      und: fc.constantFrom(...coins),
      type: fc.constantFrom(...types),
      qty: fc.integer({ min: -20, max: 20 }).filter((q) => q !== 0),
      moneyness: fc.double({ min: 0.7, max: 1.3, noNaN: true }),
      drift: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
      expiry: fc.constantFrom(...EXPIRIES),
      iv: fc.double({ min: 0.2, max: 1.2, noNaN: true }),
      mult: fc.constantFrom(1, 0.1, 0.01),
      settle: fc.constantFrom("USDT", "USDC", "USD"),
    })
    .map((r) => {
      const s = INDEX[r.und];
      const option = r.type === "CALL" || r.type === "PUT";
      return {
        und: r.und,
        type: r.type,
        qty: r.qty,
        strike: option ? Math.round(s * r.moneyness) : undefined,
        expiry: option || r.type === "FUTURE" ? r.expiry : undefined,
        price: option ? s * 0.05 : s * (1 + r.drift),
        index: s,
        iv: option ? r.iv : undefined,
        mult: r.mult,
        settle: r.settle,
      };
    });

const ALL = ["PERP", "FUTURE", "CALL", "PUT", "SPOT"];
const books = fc.array(legArb(["BTC", "ETH", "SOL", "AVAX"], ALL), { minLength: 1, maxLength: 8 });
const liabilities = fc.array(fc.tuple(fc.constantFrom("USDT", "USDC", "BTC", "ETH"), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 3 });
const assetsOf = (ls: [string, number][]): unknown[][] => {
  const seen = new Map<string, number>();
  for (const [c, b] of ls) seen.set(c, b);
  return [["Currency", "Balance", "USDPrice"], ...[...seen].map(([c, b]) => [c, b, INDEX[c] ?? 1])];
};

describe("properties", () => {
  test("every unit's MMR ≥ MR7, as shown and recomputed with spot in use", () => {
    fc.assert(
      fc.property(books, fc.constantFrom("larger", "withSpot"), (legs, mode) => {
        const ctx = readCryptoContext({ params: withParams(["spotOffset", mode]) });
        const acc = evaluateAccount(parsePositions(book(...legs)), [], ctx);
        for (const p of acc.pairs) {
          expect(p.shown.mmr.greaterThanOrEqualTo(p.shown.mr7)).toBe(true);
          expect(p.withSpot.mmr.greaterThanOrEqualTo(p.withSpot.mr7)).toBe(true);
        }
        for (const u of Object.values(units(f.PMRISKUNITS(book(...legs), NONE, withParams(["spotOffset", mode]))))) {
          expect(u.MMR).toBeGreaterThanOrEqual(u.MR7);
        }
      }),
      { numRuns: 150 },
    );
  });

  test("IMR = imrFactor × derivatives MMR + borrowing IMR, exactly; derivatives MMR = Σ unit MMR", () => {
    fc.assert(
      fc.property(books, liabilities, fc.constantFrom(1.3, 1.25, 1.5), fc.constantFrom("larger", "withSpot"), (legs, ls, factor, mode) => {
        const params = withParams(["imrFactor", factor], ["spotOffset", mode]);
        const acc = evaluateAccount(parsePositions(book(...legs)), parseAssets(assetsOf(ls)), readCryptoContext({ params }));
        const t = acc.totals;
        expect(t.totalImr.equals(t.derivativesMmr.times(factor).plus(t.borrowingImr))).toBe(true);
        let sum = dec(0);
        for (const p of acc.pairs) sum = sum.plus(p.shown.mmr);
        expect(t.derivativesMmr.equals(sum)).toBe(true);
        let borrowImr = dec(0);
        for (const l of acc.borrow.lines) borrowImr = borrowImr.plus(l.liability.div(l.maxLeverage));
        expect(t.borrowingImr.equals(borrowImr)).toBe(true);
        // and through the functions, to double precision
        const imr = f.PMIMR(book(...legs), assetsOf(ls), params) as number;
        expect(imr).toBe(t.totalImr.toNumber());
      }),
      { numRuns: 150 },
    );
  });

  test("hedging a unit with the opposite of a growing fraction of itself never raises MR1 (options included)", () => {
    fc.assert(
      fc.property(fc.array(legArb(["BTC"], ALL), { minLength: 1, maxLength: 6 }), (legs) => {
        fc.pre(legs.some((l) => l.type !== "SPOT")); // a coin with spot only forms no unit
        let last = Infinity;
        for (const lambda of [0, 0.25, 0.5, 0.75, 1]) {
          const hedge = legs.map((l) => ({ ...l, qty: -lambda * l.qty }));
          const u = units(f.PMRISKUNITS(book(...legs, ...hedge), NONE, PARAMS)).BTC;
          expect(u.MR1).toBeLessThanOrEqual(last + 1e-7 * Math.max(1, last === Infinity ? 0 : last));
          last = u.MR1;
        }
        expect(last).toBeLessThan(1e-6); // fully hedged
      }),
      { numRuns: 80 },
    );
  });

  test("a growing perp hedge of a delta-one unit, up to its exposure, never raises MR1", () => {
    fc.assert(
      fc.property(fc.array(legArb(["ETH"], ["PERP", "FUTURE"]), { minLength: 1, maxLength: 6 }), (legs) => {
        // net index exposure in USD (no assets: every settlement rate is 1)
        const exposure = legs.reduce((s, l) => s + l.qty * (l.mult ?? 1) * (l.index as number), 0);
        const hedgeCoins = -exposure / INDEX.ETH;
        let last = Infinity;
        for (const k of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
          const t = book(...legs, { und: "ETH", type: "PERP", qty: k * hedgeCoins, price: INDEX.ETH, index: INDEX.ETH });
          const mr1 = units(f.PMRISKUNITS(t, NONE, PARAMS)).ETH.MR1;
          expect(mr1).toBeLessThanOrEqual(last + 1e-9 * Math.max(1, Math.abs(exposure)));
          last = mr1;
        }
        expect(last).toBeLessThan(1e-6 * Math.max(1, Math.abs(exposure)));
      }),
      { numRuns: 100 },
    );
  });

  test("more spot against a delta-one unit never raises MR1 (spot in use caps at the delta)", () => {
    fc.assert(
      fc.property(fc.array(legArb(["SOL"], ["PERP", "FUTURE"]), { minLength: 1, maxLength: 5 }), (legs) => {
        const coins = legs.reduce((s, l) => s + l.qty * (l.mult ?? 1), 0);
        let last = Infinity;
        for (const k of [0, 0.5, 1, 1.5, 3]) {
          const t = book(...legs, { und: "SOL", type: "SPOT", qty: -k * coins, price: INDEX.SOL, settle: null });
          const mr1 = units(f.PMRISKUNITS(t, NONE, withParams(["spotOffset", "withSpot"]))).SOL.MR1;
          expect(mr1).toBeLessThanOrEqual(last + 1e-9 * Math.max(1, Math.abs(coins) * INDEX.SOL));
          last = mr1;
        }
      }),
      { numRuns: 100 },
    );
  });

  test("LIQPLAN: each step raises the ratio; it ends above 110 % or with no derivative requirement left", () => {
    fc.assert(
      fc.property(
        fc.array(legArb(["BTC", "ETH"], ALL), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0.05, max: 0.98, noNaN: true }),
        fc.constantFrom("larger", "withSpot"),
        fc.constantFrom(0, 0, 50_000),
        (legs, fraction, mode, borrowed) => {
          const params = withParams(["spotOffset", mode]);
          const ctx = readCryptoContext({ params });
          const positions = book(...legs);
          const book0 = parsePositions(positions);
          const mmr = evaluateAccount(book0, parseAssets([["USDC", -borrowed]]), ctx).totals.totalMmr.toNumber();
          fc.pre(mmr > 0);
          const a = [["Currency", "Balance"], ["USDT", fraction * mmr + borrowed], ["USDC", -borrowed]];
          const plan = liquidationPlan(book0, parseAssets(a), ctx);
          expect(plan.startRatio).toBeCloseTo(fraction, 9);
          const steps = [...new Set(plan.rows.map((r) => r.step))];
          let prev = plan.startRatio;
          for (const s of steps) {
            const r = plan.rows.find((x) => x.step === s)?.ratioAfter as number;
            expect(r).toBeGreaterThan(prev);
            prev = r;
          }
          // replay the trades: the account after them has the ratio the plan reports
          const after = replay(positions, plan);
          const final = evaluateAccount(parsePositions(after), parseAssets(a), ctx).totals;
          if (plan.outcome === "restored") {
            expect(plan.finalRatio).toBeGreaterThan(1.1);
          } else {
            expect(plan.outcome).toBe("exhausted");
            expect(final.totalMmr.minus(final.borrowingMmr).toNumber()).toBeLessThan(1e-9 * mmr);
          }
          expect(f.PMMARGINRATIO(after, a, params) as number).toBeCloseTo(plan.finalRatio, 6);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
