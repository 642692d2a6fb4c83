/**
 * PMSCENARIO through the custom function (SPEC §5): grid shape, defaults, labels, errors.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";
import { HEADER, VAL } from "./helpers";

/** Called untyped, as Excel calls them: omitted arguments arrive as null, cells as whatever they hold. */
type Untyped = (...args: unknown[]) => unknown;
const PMSCENARIO = f.PMSCENARIO as Untyped;

const params = (...pairs: [string, unknown][]): unknown[][] => [["valuationDate", VAL], ...pairs];
const EQUITY_GRID = [-0.15, -0.12, -0.09, -0.06, -0.03, 0, 0.03, 0.06, 0.09, 0.12, 0.15];
const BROAD_GRID = [-0.08, -0.064, -0.048, -0.032, -0.016, 0, 0.012, 0.024, 0.036, 0.048, 0.06];

// Long 100 shares at $50 (SPEC §5 example)
const STOCK = [HEADER, ["XYZ", "STOCK", 100, null, null, 50, null, null, null, null, null]];

describe("SPEC §5: long 100 shares at $50", () => {
  test("default grid: 11 rows, −15 % … +15 %, P&L = 5,000 × move (worst −750)", () => {
    const g = PMSCENARIO(STOCK, null, null, params()) as number[][];
    expect(g).toHaveLength(11);
    g.forEach((row, i) => {
      expect(row).toHaveLength(1);
      expect(row[0]).toBeCloseTo(5000 * EQUITY_GRID[i], 9);
    });
    expect(g[0][0]).toBe(-750);
    expect(g[10][0]).toBe(750);
  });

  test("withLabels adds the price moves as the first column and the vol moves as a header row", () => {
    const g = PMSCENARIO(STOCK, null, [[-0.05, 0, 0.05]], params(["withLabels", true])) as unknown[][];
    expect(g).toHaveLength(12);
    expect(g[0]).toEqual(["Price move \\ Vol move", -0.05, 0, 0.05]);
    expect(g.slice(1).map((r) => r[0])).toEqual(EQUITY_GRID);
    expect(g[1].slice(1)).toEqual([-750, -750, -750]);
  });
});

describe("price and vol moves", () => {
  test("a broad-index book defaults to −8 % … +6 % (−1.6 % steps down, +1.2 % up)", () => {
    const book = [HEADER, ["SPX", "STOCK", 1, null, null, 5000, null, null, null, "BROAD_INDEX", null]];
    const g = PMSCENARIO(book, "", "", params(["withLabels", "TRUE"])) as unknown[][];
    expect(g.slice(1).map((r) => r[0])).toEqual(BROAD_GRID);
    expect(g[1][1]).toBeCloseTo(-400, 9); // 5,000 × −8 %
  });

  test("a mixed book uses the equity grid", () => {
    const book = [HEADER, ["SPX", "STOCK", 1, null, null, 5000, null, null, null, "BROAD_INDEX", null], ["XYZ", "STOCK", 1, null, null, 10, null, null, null, null, null]];
    const g = PMSCENARIO(book, null, null, params(["withLabels", 1])) as unknown[][];
    expect(g.slice(1).map((r) => r[0])).toEqual(EQUITY_GRID);
  });

  test("moves as a row or a column give the same grid; rows follow the order given, columns the vol moves", () => {
    const book = [HEADER, ["XYZ", "PUT", 2, 95, VAL + 60, 3, 100, 0.3, null, null, null], ["XYZ", "STOCK", 100, null, null, 100, null, null, null, null, null]];
    const asRow = PMSCENARIO(book, [[0.1, -0.1, 0]], [[0, 0.05]], params()) as number[][];
    const asColumn = PMSCENARIO(book, [[0.1], [-0.1], [0]], [[0], [0.05]], params()) as number[][];
    expect(asRow).toEqual(asColumn);
    expect(asRow).toHaveLength(3);
    expect(asRow[0]).toHaveLength(2);
    // the put gains when the price falls: row 2 (−10 %) has the stock's −1,000 offset by the put
    expect(asRow[1][0]).toBeGreaterThan(-1000);
    // vol up helps a long put in every row
    asRow.forEach((r) => expect(r[1]).toBeGreaterThan(r[0]));
  });

  test("positions without a header row, in the SPEC §1 column order", () => {
    const row = ["", "XYZ", "STOCK", 100, null, null, 50];
    const g = PMSCENARIO([row], [[-0.15]], null, params()) as number[][];
    expect(g).toEqual([[-750]]);
  });

  test("params as a plain object (Node callers)", () => {
    const g = PMSCENARIO(STOCK, [[0.03]], null, { valuationDate: VAL, horizonDays: 0 }) as number[][];
    expect(g[0][0]).toBeCloseTo(150, 9);
  });
});

describe("bad inputs give errors naming row and column", () => {
  const option = (over: Record<number, unknown>): unknown[][] => {
    const r: unknown[] = ["XYZ", "CALL", 1, 100, VAL + 30, 2.5, 100, 0.25, null, null, null];
    for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
    return [HEADER, ["XYZ", "STOCK", 10, null, null, 100, null, null, null, null, null], r];
  };
  test("negative IV → #NUM! at row 3, IV", () => {
    expectExcelError(PMSCENARIO(option({ 7: -0.2 }), null, null, params()), "#NUM!", /row 3, IV: implied volatility -0.2 cannot be negative/);
  });
  test("zero IV → #NUM! at row 3, IV", () => {
    expectExcelError(PMSCENARIO(option({ 7: 0 }), null, null, params()), "#NUM!", /row 3, IV/);
  });
  test("missing IV → #VALUE! at row 3, IV", () => {
    expectExcelError(PMSCENARIO(option({ 7: null }), null, null, params()), "#VALUE!", /row 3, IV/);
  });
  test("missing expiry → #VALUE! at row 3, Expiry", () => {
    expectExcelError(PMSCENARIO(option({ 4: null }), null, null, params()), "#VALUE!", /row 3, Expiry: an option needs an expiry date/);
  });
  test("text strike → #VALUE! at row 3, Strike", () => {
    expectExcelError(PMSCENARIO(option({ 3: "abc" }), null, null, params()), "#VALUE!", /row 3, Strike: 'abc' is not a number/);
  });
  test("an error value inside the table is reported", () => {
    expectExcelError(PMSCENARIO(option({ 6: "#N/A" }), null, null, params()), "#VALUE!", /row 3, UnderlyingPrice: the input holds the error #N\/A/);
  });
  test("a price move of −100 % → #NUM!; text among the vol moves → #VALUE!; a 2-D range → #VALUE!", () => {
    expectExcelError(PMSCENARIO(STOCK, [[-0.1, -1]], null, params()), "#NUM!", /priceMoves, value 2/);
    expectExcelError(PMSCENARIO(STOCK, null, [[0, "up"]], params()), "#VALUE!", /volMoves, value 2: 'up' is not a number/);
    expectExcelError(PMSCENARIO(STOCK, [[0.1, 0.2], [0.3, 0.4]], null, params()), "#VALUE!", /priceMoves: give the moves as one row or one column/);
  });
  test("an unknown parameter name → #VALUE! listing the valid names", () => {
    expectExcelError(PMSCENARIO(STOCK, null, null, params(["horizon", 2])), "#VALUE!", /unknown parameter 'horizon'.*horizonDays/);
  });
  test("model is read in any letter case, and bs (crypto PM's former spelling) as BSM", () => {
    const book = option({});
    const run = (model: string) => PMSCENARIO(book, [[0.05]], null, params(["rate", 0.05], ["model", model]));
    // at a 5 % rate BSM (carry = dividend yield 0) and BLACK76 (carry = rate) give different values
    expect(run("BLACK76")).not.toEqual(run("BSM"));
    expect(run("bs")).toEqual(run("BSM"));
    expect(run("bsm")).toEqual(run("BSM"));
    expect(run("black76")).toEqual(run("BLACK76"));
  });
  test("an unknown model → #VALUE!", () => {
    expectExcelError(PMSCENARIO(STOCK, null, null, params(["model", "binomial"])), "#VALUE!", /params, model: 'binomial' is not one of BSM, BLACK76/);
  });
  test("an empty table → #VALUE!", () => {
    expectExcelError(PMSCENARIO([HEADER], null, null, params()), "#VALUE!", /no positions/);
  });
});
