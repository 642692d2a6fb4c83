/**
 * SPAN (SPEC §7): SPANSCAN on hand-written risk arrays, SPANARRAY on hand-checked positions.
 */
import { customFunctions as f } from "../../functions/index";
import { SPAN_SCENARIOS, scenarioPriceMove } from "../../src/rules/span/index";
import { expectExcelError } from "../helpers";
import { HEADER, VAL } from "../pm/helpers";

/** Called untyped, as Excel calls them: omitted arguments arrive as null, cells as whatever they hold. */
type Untyped = (...args: unknown[]) => unknown;
const SPANSCAN = f.SPANSCAN as Untyped;
const SPANARRAY = f.SPANARRAY as Untyped;

const params = (...pairs: [string, unknown][]): unknown[][] => [["valuationDate", VAL], ...pairs];
const column = (g: unknown): number[] => (g as number[][]).map((r) => r[0]);

describe("SPANSCAN: scan risk = max(0, −min) of the 16 values (losses negative)", () => {
  const array = [0, 0, 300, 250, -350, -400, 600, 550, -700, -750, 900, 850, -1050, -1100, 700, -1200];
  test("hand array: the worst is −1,200 (scenario 16) → 1,200; as a row or a column", () => {
    expect(SPANSCAN([array])).toBe(1200);
    expect(SPANSCAN(array.map((v) => [v]))).toBe(1200);
  });
  test("no scenario loses → 0", () => {
    expect(SPANSCAN([array.map(Math.abs)])).toBe(0);
  });
  test("SPANARRAY's labelled output (header + 16 × 2) is read by its last column", () => {
    const labelled = [["Scenario", "P&L"], ...array.map((v, i) => [`${i + 1}: …`, v])];
    expect(SPANSCAN(labelled)).toBe(1200);
  });
  test("wrong count, text, 2-D range → #VALUE!", () => {
    expectExcelError(SPANSCAN([array.slice(0, 15)]), "#VALUE!", /16 values, got 15/);
    expectExcelError(SPANSCAN([[...array.slice(0, 15), "x"]]), "#VALUE!", /riskArray, value 16: 'x' is not a number/);
    expectExcelError(SPANSCAN([array.slice(0, 8), array.slice(8)]), "#VALUE!", /one row or one column/);
  });
});

describe("SPANARRAY", () => {
  // Long 1 future, multiplier 50, at 4,000; price scan range 6 % = 240 points = 12,000 per contract.
  const FUT = [HEADER, ["ES", "FUTURE", 1, null, VAL + 90, 4000, null, null, 50, null, null]];
  const expected = [0, 0, 4000, 4000, -4000, -4000, 8000, 8000, -8000, -8000, 12000, 12000, -12000, -12000, 8400, -8400];

  test("a future: ±1/3, ±2/3, ±3/3 of 12,000 regardless of vol; extremes 2 × 12,000 × 35 % = 8,400", () => {
    const g = column(SPANARRAY(FUT, 0.06, 0.03, params()));
    expect(g).toHaveLength(16);
    g.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 8));
    expect(SPANSCAN(SPANARRAY(FUT, 0.06, 0.03, params()))).toBeCloseTo(12000, 8);
  });

  test("a short future: the mirror image; scan risk 12,000 from the up move", () => {
    const short = [HEADER, ["ES", "FUTURE", -1, null, VAL + 90, 4000, null, null, 50, null, null]];
    column(SPANARRAY(short, 0.06, 0.03, params())).forEach((v, i) => expect(v).toBeCloseTo(-expected[i], 8));
  });

  test("extremeMultiple 3 and extremeCover 0.3: 3 × 12,000 × 0.3 = 10,800", () => {
    const g = column(SPANARRAY(FUT, 0.06, 0.03, params(["extremeMultiple", 3], ["extremeCover", 0.3])));
    expect(g[14]).toBeCloseTo(10800, 8);
    expect(g[15]).toBeCloseTo(-10800, 8);
  });

  test("an option, checked against BSPRICE: long 1 call 100, 1 year, 5 %, vol 20 %, horizon 0", () => {
    // SPEC §3: BSPRICE("call",100,100,1,0.05,0.2) = 10.4506
    const book = [HEADER, ["XYZ", "CALL", 1, 100, VAL + 365, 10.45, 100, 0.2, null, null, null]];
    const g = column(SPANARRAY(book, 0.09, 0.05, params(["horizonDays", 0], ["rate", 0.05])));
    const now = f.BSPRICE("call", 100, 100, 1, 0.05, 0.2) as number;
    expect(now).toBeCloseTo(10.4506, 4);
    const bs = (spot: number, vol: number): number => 100 * ((f.BSPRICE("call", spot, 100, 1, 0.05, vol) as number) - now);
    expect(g[0]).toBeCloseTo(bs(100, 0.25), 8); // 1: price unchanged, vol up
    expect(g[1]).toBeCloseTo(bs(100, 0.15), 8); // 2: price unchanged, vol down
    expect(g[2]).toBeCloseTo(bs(103, 0.25), 8); // 3: up 1/3 × 9 % = 3 %
    expect(g[9]).toBeCloseTo(bs(94, 0.15), 8); // 10: down 2/3 = 6 %, vol down
    expect(g[12]).toBeCloseTo(bs(91, 0.25), 8); // 13: down 3/3, vol up
    expect(g[14]).toBeCloseTo(0.35 * bs(118, 0.2), 8); // 15: up 2 × 9 %, vol unchanged, 35 %
    expect(g[15]).toBeCloseTo(0.35 * bs(82, 0.2), 8); // 16
    // the worst for a long call: down 3/3 with vol down (scenario 14)
    expect(SPANSCAN([g])).toBeCloseTo(-g[13], 10);
    expect(Math.min(...g)).toBe(g[13]);
  });

  test("withLabels: header row and a scenario column", () => {
    const g = SPANARRAY(FUT, 0.06, 0.03, params(["withLabels", true])) as unknown[][];
    expect(g).toHaveLength(17);
    expect(g[0]).toEqual(["Scenario", "P&L"]);
    expect(g[1][0]).toBe("1: price unchanged, vol up");
    expect(g[16][0]).toBe("16: price down 2 × range, vol unchanged, × 0.35");
    expect(g[11][1]).toBeCloseTo(12000, 8);
  });

  test("the scenario table: thirds of the range in CME's order", () => {
    expect(SPAN_SCENARIOS.map((s) => scenarioPriceMove(s, 0.09, 2))).toEqual([0, 0, 0.03, 0.03, -0.03, -0.03, 0.06, 0.06, -0.06, -0.06, 0.09, 0.09, -0.09, -0.09, 0.18, -0.18]);
    expect(SPAN_SCENARIOS.map((s) => s.vol)).toEqual([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 0, 0]);
  });

  test("errors: negative ranges, an extreme fall of 100 %, bad positions", () => {
    expectExcelError(SPANARRAY(FUT, -0.06, 0.03, params()), "#NUM!", /priceScanRange: -0.06 cannot be negative/);
    expectExcelError(SPANARRAY(FUT, 0.06, -0.03, params()), "#NUM!", /volScanRange/);
    expectExcelError(SPANARRAY(FUT, 0.5, 0.03, params()), "#NUM!", /extreme down move/);
    expectExcelError(SPANARRAY(FUT, "six", 0.03, params()), "#VALUE!", /priceScanRange: 'six' is not a number/);
    expectExcelError(SPANARRAY([HEADER, ["XYZ", "CALL", 1, 100, VAL + 30, 2, 100, -0.2, null, null, null]], 0.06, 0.03, params()), "#NUM!", /row 2, IV/);
  });
});
