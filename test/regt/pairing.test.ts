/**
 * Pairing properties (fast-check): never above margining every leg alone, independent of row order
 * and of how positions are split across rows, linear in quantity; REGTDETAIL adds up to REGTMARGIN;
 * the search equals exhaustive search on small books; large books stay within the guarantee.
 */
import fc from "fast-check";
import { customFunctions as f } from "../../functions/index";
import { parsePositions } from "../../src/instruments/positions";
import { readParams } from "../../src/params";
import { netBook } from "../../src/rules/regt/book";
import { REGT_PARAMS, type RegTRequirement, regtMargin, regtPairings } from "../../src/rules/regt/index";
import { pairUnderlying, searchProblem } from "../../src/rules/regt/pairing";
import { bruteForce } from "./brute";
// the benchmarks' deterministic generator (mulberry32): one implementation
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rng } = require("../../scripts/bench/_measure.js") as { rng: (seed: number) => () => number };
import { EXP, params, type Row, table } from "./helpers";

const STRIKES = [90, 95, 100, 105, 110];
const EXPIRIES = [EXP, "2026-06-19", "2026-12-18"];

/** One mark per contract (S = 100): intrinsic + a time value that grows with expiry. */
function mark(type: string, k: number, e: number): number {
  const intrinsic = Math.max(0, type === "CALL" ? 100 - k : k - 100);
  return Math.round((intrinsic + (1 + e) * 1.5 * Math.exp(-(((k - 100) / 12) ** 2)) + 0.1) * 100) / 100;
}

const rowArb = fc
  .record({
    u: fc.constantFrom("AAA", "BBB"),
    type: fc.constantFrom("CALL", "PUT", "CALL", "PUT", "STOCK"),
    k: fc.constantFrom(...STRIKES),
    e: fc.integer({ min: 0, max: 2 }),
    qty: fc.integer({ min: -3, max: 3 }).filter((q) => q !== 0),
  })
  .map(({ u, type, k, e, qty }): Row =>
    type === "STOCK"
      ? { u, type, qty: qty * 100, price: 100 }
      : { u, type, qty, k, exp: EXPIRIES[e], price: mark(type, k, e), s: 100 },
  );

const bookArb = fc.array(rowArb, { minLength: 1, maxLength: 8 });
const settings = fc.record({
  requirement: fc.constantFrom<RegTRequirement>("initial", "maintenance"),
  net: fc.boolean(),
});

function total(rows: Row[], requirement: RegTRequirement, net: boolean): number {
  const r = f.REGTMARGIN(table(rows), requirement, params({ netOfProceeds: net }));
  if (typeof r !== "number") throw new Error(String(r));
  return r;
}

const RUNS = { numRuns: 150, seed: 42 };

describe("pairing properties", () => {
  test("never above margining every row alone", () => {
    fc.assert(
      fc.property(bookArb, settings, (rows, { requirement, net }) => {
        const alone = rows.reduce((s, r) => s + total([r], requirement, net), 0);
        expect(total(rows, requirement, net)).toBeLessThanOrEqual(alone + 1e-6);
      }),
      RUNS,
    );
  });

  test("independent of row order", () => {
    const arb = bookArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })));
    fc.assert(
      fc.property(arb, settings, ([rows, shuffled], { requirement, net }) => {
        expect(total(shuffled, requirement, net)).toBe(total(rows, requirement, net));
      }),
      RUNS,
    );
  });

  test("independent of how a position is split across rows", () => {
    const arb = fc.tuple(bookArb, fc.nat(), fc.integer({ min: -2, max: 2 }));
    fc.assert(
      fc.property(arb, settings, ([rows, which, part], { requirement, net }) => {
        const i = which % rows.length;
        const r = rows[i];
        const piece = r.type === "STOCK" ? part * 50 : part; // any split, odd lots and opposite signs too
        const split = [...rows.slice(0, i), { ...r, qty: r.qty - piece }, ...rows.slice(i + 1), { ...r, qty: piece }];
        expect(total(split, requirement, net)).toBe(total(rows, requirement, net));
      }),
      RUNS,
    );
  });

  test("linear in quantity: every quantity × k gives the requirement × k (books in whole lots)", () => {
    fc.assert(
      fc.property(bookArb, settings, fc.integer({ min: 2, max: 4 }), (rows, { requirement, net }, k) => {
        const scaled = rows.map((r) => ({ ...r, qty: r.qty * k }));
        const one = total(rows, requirement, net);
        expect(total(scaled, requirement, net)).toBeCloseTo(one * k, 6);
      }),
      RUNS,
    );
  });

  test("REGTDETAIL's requirements add up to REGTMARGIN", () => {
    fc.assert(
      fc.property(bookArb, settings, (rows, { requirement, net }) => {
        const d = f.REGTDETAIL(table(rows), requirement, params({ netOfProceeds: net })) as unknown[][];
        expect(d[0]).toEqual(["Underlying", "Strategy", "Legs", "Requirement", "Rule"]);
        const sum = d.slice(1).reduce((s, r) => s + (r[3] as number), 0);
        expect(sum).toBeCloseTo(total(rows, requirement, net), 6);
        for (const r of d.slice(1)) {
          expect(typeof r[4]).toBe("string");
          expect((r[3] as number) >= 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test("the search equals exhaustive search over the same strategies", () => {
    // one underlying, 6 to 11 rows: richer groupings than bookArb
    const oneUnderlying = fc.array(rowArb.map((r) => ({ ...r, u: "ONE" })), { minLength: 6, maxLength: 11 });
    fc.assert(
      fc.property(oneUnderlying, settings, (rows, { requirement, net }) => {
        const p = readParams(REGT_PARAMS, params({ netOfProceeds: net }));
        const ctx = { requirement, params: p, valuationDate: p.valuationDate as number };
        for (const book of netBook(parsePositions(table(rows)))) {
          const pairing = pairUnderlying(book, ctx);
          expect(pairing.exact).toBe(true);
          const problem = searchProblem(book, ctx);
          const best = bruteForce(problem.capacity, problem.columns) * problem.unit.toNumber();
          expect(pairing.total.toNumber()).toBeCloseTo(pairing.allAlone.toNumber() - best, 6);
        }
      }),
      { numRuns: 250, seed: 7 },
    );
  });

  test("the heuristic alone (greedy, or out of budget) never exceeds all-legs-alone and never beats the exact search", () => {
    fc.assert(
      fc.property(bookArb, settings, (rows, { requirement, net }) => {
        const p = readParams(REGT_PARAMS, params({ netOfProceeds: net }));
        const positions = parsePositions(table(rows));
        const exact = regtPairings(positions, requirement, p);
        for (const options of [{ greedyOnly: true }, { exactWork: 1, heuristicWork: 1 }]) {
          regtPairings(positions, requirement, p, options).forEach((h, i) => {
            expect(h.total.lte(h.allAlone)).toBe(true);
            expect(h.total.gte(exact[i].total.minus(1e-9))).toBe(true);
          });
        }
      }),
      RUNS,
    );
  });
});

// ---- larger books ----

/** `n` option rows (and optionally stock) on one underlying, strikes 80..120, three expiries. */
function randomBook(n: number, seed: number, stock = true): Row[] {
  const r = rng(seed);
  const rows: Row[] = stock ? [{ u: "BIG", type: "STOCK", qty: 100 * (1 + Math.floor(r() * 5)), price: 100 }] : [];
  for (let i = 0; i < n; i++) {
    const type = r() < 0.5 ? "CALL" : "PUT";
    const k = 80 + 5 * Math.floor(r() * 9);
    const e = Math.floor(r() * 3);
    const qty = (r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 5));
    rows.push({ u: "BIG", type, qty, k, exp: EXPIRIES[e], price: mark(type, k, e), s: 100 });
  }
  return rows;
}

describe("larger books", () => {
  const p = readParams(REGT_PARAMS, params());

  test("12 option contracts on one underlying are searched exactly", () => {
    // 12 distinct contracts: 95/100/105 calls and puts, two expiries, mixed long and short, 1-5 lots
    const rows: Row[] = [];
    let i = 0;
    for (const type of ["CALL", "PUT"]) {
      for (const k of [95, 100, 105]) {
        for (const e of [0, 1]) {
          const qty = ((i * 7) % 5) + 1;
          rows.push({ u: "TWL", type, qty: i % 2 === 0 ? -qty : qty, k, exp: EXPIRIES[e], price: mark(type, k, e), s: 100 });
          i++;
        }
      }
    }
    rows.push({ u: "TWL", type: "STOCK", qty: 300, price: 100 });
    const positions = parsePositions(table(rows));
    expect(netBook(positions)[0].options).toHaveLength(12);
    const r = regtMargin(positions, "initial", p);
    expect(r.exact).toBe(true);
    expect(r.total).toBeLessThanOrEqual(r.allLegsAlone);
    const m = regtMargin(positions, "maintenance", p);
    expect(m.exact).toBe(true);
  });

  test("books of 25 legs per underlying: within the guarantee, grouped into whole contracts", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rows = randomBook(24, seed);
      const positions = parsePositions(table(rows));
      for (const requirement of ["initial", "maintenance"] as const) {
        const r = regtMargin(positions, requirement, p);
        expect(r.total).toBeLessThanOrEqual(r.allLegsAlone);
        expect(r.groups.reduce((s, g) => s + g.requirement, 0)).toBeCloseTo(r.total, 6);
        // every group's positions add back up to the book, leg by leg
        const net = new Map<string, number>();
        const key = (q: { type: string; strike?: number; expiry?: number }) => `${q.type}|${q.strike}|${q.expiry}`;
        for (const x of positions) net.set(key(x), (net.get(key(x)) ?? 0) + x.quantity * (x.type === "STOCK" ? x.multiplier : 1));
        for (const g of r.groups) {
          for (const x of g.positions) {
            expect(Number.isInteger(x.quantity)).toBe(true);
            net.set(key(x), (net.get(key(x)) ?? 0) - x.quantity * (x.type === "STOCK" ? x.multiplier : 1));
          }
        }
        for (const v of net.values()) expect(v).toBeCloseTo(0, 9);
      }
    }
  });

  test("a 500-leg book across 20 underlyings", () => {
    const rows = Array.from({ length: 20 }, (_, u) => randomBook(24, 100 + u).map((r) => ({ ...r, u: `U${u}` }))).flat();
    const positions = parsePositions(table(rows));
    expect(positions).toHaveLength(500);
    const r = regtMargin(positions, "initial", p);
    expect(r.total).toBeLessThanOrEqual(r.allLegsAlone);
    expect(r.total).toBeGreaterThan(0);
  });
});
