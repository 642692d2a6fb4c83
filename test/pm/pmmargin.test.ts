/**
 * PMMARGIN (SPEC §5): worst loss per underlying over its class grid, per-contract minimum, offsets,
 * house multiplier — through the custom function, and the core API PMCOMPARE uses.
 */
import fc from "fast-check";
import { customFunctions as f } from "../../functions/index";
import { byUnderlying } from "../../src/instruments/positions";
import { referenceGrid } from "../../src/models/scenario";
import { classPriceMoves, grossMarketValue, perContractMinimum, pmMargin, underlyingClass, underlyingLeverage } from "../../src/rules/pm/index";
import { expectExcelError } from "../helpers";
import { bookArb, ctx, HEADER, pos, VAL } from "./helpers";
import { securitiesOnly } from "../../src/instruments/positions";

/** PMMARGIN margins securities rows only (crypto rows go to the crypto functions). */
const securitiesBookArb = bookArb.map((b) => securitiesOnly(b)).filter((b) => b.length > 0);

/** Called untyped, as Excel calls them: omitted arguments arrive as null, cells as whatever they hold. */
type Untyped = (...args: unknown[]) => unknown;
const PMSCENARIO = f.PMSCENARIO as Untyped;
const PMMARGIN = f.PMMARGIN as Untyped;

const params = (...pairs: [string, unknown][]): unknown[][] => [["valuationDate", VAL], ...pairs];
const stock = (u: string, qty: number, price: number, cls: string | null = null, lev: number | null = null): unknown[] => [u, "STOCK", qty, null, null, price, null, null, null, cls, lev];

describe("SPEC §5 worked examples", () => {
  test("long 100 shares at $50: worst case −15 % → PM 750", () => {
    expect(PMMARGIN([HEADER, stock("XYZ", 100, 50)], params())).toBe(750);
  });

  test("seed 000: worst loss 1,800 × house multiplier 1.2 → 2,160 (long 200 shares at $60: 12,000 × 15 %)", () => {
    const book = [HEADER, stock("AAPL", 200, 60)];
    const grid = PMSCENARIO(book, null, null, params()) as number[][];
    expect(Math.min(...grid.map((r) => r[0]))).toBe(-1800);
    expect(PMMARGIN(book, params())).toBe(1800);
    expect(PMMARGIN(book, params(["houseMultiplier", 1.2]))).toBe(2160);
  });

  test("seed 000 flavour with an option hedge: 200 AAPL at $150 + 2 puts 141 expiring today → worst loss 1,800 → 2,160", () => {
    // Below 141 the puts pay 200 × (141 − S): stock 200 × (S − 150) + 200 × (141 − S) = −1,800 at −6 %, −9 %, … −15 %;
    // at −3 % only the stock loses (−900). Minimum 0.375 × 100 × 2 = 75 < 1,800.
    const book = [HEADER, stock("AAPL", 200, 150), ["AAPL", "PUT", 2, 141, VAL, 0.5, 150, 0.25, null, null, null]];
    const grid = (PMSCENARIO(book, null, null, params()) as number[][]).map((r) => r[0]);
    [0, 1, 2, 3].forEach((i) => expect(grid[i]).toBeCloseTo(-1800, 9));
    expect(grid[4]).toBeCloseTo(-900, 9);
    expect(PMMARGIN(book, params(["houseMultiplier", 1.2])) as number).toBeCloseTo(2160, 9);
  });
});

describe("per-contract minimum", () => {
  test("a far out-of-the-money put expiring today: no risk, so 0.375 × 100 × 3 = 112.5", () => {
    const book = [HEADER, ["XYZ", "PUT", 3, 50, VAL, 0.01, 100, 0.3, null, null, null]];
    expect(PMMARGIN(book, params())).toBe(112.5);
  });

  test("a futures calendar spread with no price risk: 0.375 × 50 × (1 + 1) = 37.5; both legs count, long or short", () => {
    const book = [HEADER, ["ES", "FUTURE", 1, null, VAL + 80, 5000, null, null, 50, null, null], ["ES", "FUTURE", -1, null, VAL + 170, 5000, null, null, 50, null, null]];
    expect(PMMARGIN(book, params())).toBe(37.5);
    expect(PMMARGIN(book, params(["minPerContract", 0.5]))).toBe(50);
  });

  test("long and short the same contract net to nothing: requirement 0", () => {
    const c = ["XYZ", "CALL", 5, 100, VAL + 30, 2, 100, 0.3, null, null, null];
    expect(PMMARGIN([HEADER, c, [...c.slice(0, 2), -5, ...c.slice(3)]], params())).toBe(0);
  });

  test("the minimum nets identical contracts, not opposite types", () => {
    const ps = [pos({ type: "CALL", quantity: 2 }), pos({ type: "CALL", quantity: -1 }, 3), pos({ type: "PUT", quantity: -4 }, 4)];
    // calls net to 1, puts 4: 0.375 × 100 × (1 + 4) = 187.5
    expect(perContractMinimum(ps, 0.375).toNumber()).toBe(187.5);
  });

  test("property: PMMARGIN ≥ houseMultiplier × the per-contract minimum, and ≥ 0", () => {
    fc.assert(
      fc.property(securitiesBookArb, fc.double({ min: 1, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (book, house, offset) => {
        const r = pmMargin(book, { valuationDate: VAL, houseMultiplier: house, offsetEquity: offset });
        const minimum = perContractMinimum(book, 0.375).toNumber() * house;
        expect(r.total).toBeGreaterThanOrEqual(minimum * (1 - 1e-12));
        expect(r.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("worst loss per underlying over its own grid", () => {
  test("property: without offsets, PMMARGIN = Σ max(worst loss by reference revaluation, minimum)", () => {
    fc.assert(
      fc.property(securitiesBookArb, (book) => {
        const r = pmMargin(book, { valuationDate: VAL });
        let expected = 0;
        for (const ps of byUnderlying(book).values()) {
          const moves = classPriceMoves(underlyingClass(ps), underlyingLeverage(ps));
          const worst = Math.max(0, ...referenceGrid(ps, moves, [0], ctx()).cells.map((v) => -v));
          expected += Math.max(worst, perContractMinimum(ps, 0.375).toNumber());
        }
        expect(Math.abs(r.total - expected)).toBeLessThanOrEqual(1e-9 * expected + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  test("a broad-based index is stressed −8 % … +6 %: long 1 at 5,000 → 400; short 1 → 300", () => {
    expect(PMMARGIN([HEADER, stock("SPX", 1, 5000, "BROAD_INDEX")], params())).toBe(400);
    expect(PMMARGIN([HEADER, stock("SPX", -1, 5000, "BROAD_INDEX")], params())).toBe(300);
  });

  test("a 2× leveraged ETF is stressed ±30 %: long 100 at $50 → 1,500", () => {
    expect(PMMARGIN([HEADER, stock("SSO", 100, 50, "ETF", 2)], params())).toBe(1500);
  });

  test("underlyings are summed: long 100 A at $50 (750) + short 100 B at $20 (300) = 1,050", () => {
    expect(PMMARGIN([HEADER, stock("A", 100, 50), stock("B", -100, 20)], params())).toBe(1050);
  });

  test("volShift adds vol −shift and +shift: a short straddle needs more", () => {
    const book = [HEADER, ["XYZ", "CALL", -1, 100, VAL + 30, 3, 100, 0.3, null, null, null], ["XYZ", "PUT", -1, 100, VAL + 30, 3, 100, 0.3, null, null, null]];
    const flat = PMMARGIN(book, params()) as number;
    const shifted = PMMARGIN(book, params(["volShift", 0.05])) as number;
    expect(shifted).toBeGreaterThan(flat);
  });
});

describe("offsets between underlyings of a class (params only)", () => {
  // long 100 A at $50 and short 100 B at $50: 750 + 750 = 1,500 separately; together every scenario nets to 0
  const book = [HEADER, stock("A", 100, 50), stock("B", -100, 50)];
  test("no offset by default: 1,500", () => {
    expect(PMMARGIN(book, params())).toBe(1500);
  });
  test("offsetEquity 0.5 credits half the diversification benefit: 1,500 − 0.5 × (1,500 − 0) = 750", () => {
    expect(PMMARGIN(book, params(["offsetEquity", 0.5]))).toBe(750);
  });
  test("offsetEquity 1: 0; an offset for another class changes nothing", () => {
    expect(PMMARGIN(book, params(["offsetEquity", 1]))).toBe(0);
    expect(PMMARGIN(book, params(["offsetBroadIndex", 1]))).toBe(1500);
  });
  test("the credit never goes below the per-contract minimums, and comes after the house multiplier", () => {
    const withOptions = [...book, ["A", "PUT", 1, 10, VAL, 0.01, 50, 0.3, null, null, null]];
    // the put (strike 10, expiring) adds no risk but a 37.50 minimum
    expect(PMMARGIN(withOptions, params(["offsetEquity", 1]))).toBe(37.5);
    expect(PMMARGIN(withOptions, params(["offsetEquity", 1], ["houseMultiplier", 2]))).toBe(75);
    const r = pmMargin([pos({ type: "STOCK", quantity: 100, price: 50, underlying: "A" }), pos({ type: "STOCK", quantity: -100, price: 50, underlying: "B" }, 3)], {
      valuationDate: VAL,
      offsetEquity: 0.5,
      houseMultiplier: 2,
    });
    expect(r.byUnderlying.map((u) => u.requirement)).toEqual([1500, 1500]);
    expect(r.offsetCredit).toBe(1500);
    expect(r.total).toBe(1500);
  });
});

describe("core API for PMCOMPARE", () => {
  test("pmMargin breaks the requirement down by underlying", () => {
    const r = pmMargin([pos({ type: "STOCK", quantity: 100, price: 50 }), pos({ type: "STOCK", quantity: 10, price: 5000, underlying: "SPX", assetClass: "BROAD_INDEX" }, 3)], {
      valuationDate: VAL,
    });
    expect(r.total).toBe(4750); // 750 + 50,000 × 8 %
    expect(r.byUnderlying.map((u) => [u.underlying, u.assetClass, u.worstLoss, u.worstPriceMove, u.requirement])).toEqual([
      ["XYZ", "EQUITY", 750, -0.15, 750],
      ["SPX", "BROAD_INDEX", 4000, -0.08, 4000],
    ]);
  });

  test("grossMarketValue: Σ |quantity × multiplier × Price| (100 × 50 + 2 × 100 × 3 + |−1 × 50 × 4,000|)", () => {
    const ps = [
      pos({ type: "STOCK", quantity: 100, price: 50 }),
      pos({ type: "PUT", quantity: 2, price: 3 }, 3),
      pos({ type: "FUTURE", quantity: -1, multiplier: 50, price: 4000, expiry: VAL + 30 }, 4),
    ];
    expect(grossMarketValue(ps)).toBe(5000 + 600 + 200000);
  });
});

describe("errors", () => {
  test("a house multiplier below 1 → #NUM!", () => {
    expectExcelError(PMMARGIN([HEADER, stock("XYZ", 100, 50)], params(["houseMultiplier", 0.8])), "#NUM!", /houseMultiplier: 0.8 must be at least 1/);
  });
  test("an offset above 1 → #NUM!", () => {
    expectExcelError(PMMARGIN([HEADER, stock("XYZ", 100, 50)], params(["offsetEtf", 1.5])), "#NUM!", /offsetEtf: 1.5 must be at most 1/);
  });
  test("an option without IV → #VALUE! naming the row", () => {
    expectExcelError(PMMARGIN([HEADER, ["XYZ", "CALL", 1, 100, VAL + 30, 2, 100, null, null, null, null]], params()), "#VALUE!", /row 2, IV/);
  });
  test("missing expiry → #VALUE! naming the row", () => {
    expectExcelError(PMMARGIN([HEADER, stock("A", 1, 1), ["XYZ", "PUT", 1, 100, null, 2, 100, 0.2, null, null, null]], params()), "#VALUE!", /row 3, Expiry/);
  });
});
