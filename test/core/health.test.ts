import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";

describe("SPEC §2 account health", () => {
  test("equity 10,000 + 500 = 10,500; level with 2,000 used = 5.25", () => {
    expect(f.EQUITY(10000, 500)).toBe(10500);
    expect(f.MARGINLEVEL(10500, 2000)).toBe(5.25);
  });
  test("money is decimal: EQUITY(0.1, 0.2) is exactly 0.3", () => {
    expect(f.EQUITY(0.1, 0.2)).toBe(0.3);
  });
  test("omitted optional arguments (null, undefined, empty text) use defaults", () => {
    expect(f.EQUITY(100, null, undefined)).toBe(100);
    expect(f.EQUITY(100, "", null)).toBe(100);
  });
  test("margin level with no margin in use is #DIV/0!, negative margin #NUM!", () => {
    expectExcelError(f.MARGINLEVEL(100, 0), "#DIV/0!", /no margin in use/);
    expectExcelError(f.MARGINLEVEL(100, -1), "#NUM!", /usedMargin/);
  });
  test("text where a number is needed names the argument", () => {
    expectExcelError(f.MARGINLEVEL("abc", 100), "#VALUE!", /equity: 'abc' is not a number/);
  });
  test("EUR/USD 1 lot at 1:100 on 20,000: margin 1,000, level 20, then 19, 15, 10, 7 after losses", () => {
    const margin = f.FXMARGIN(1, 100000, 100) as number;
    expect(margin).toBe(1000);
    const pip = f.PIPVALUE(1, 100000, 0.0001) as number;
    expect(pip).toBe(10);
    const levels = [0, 100, 500, 1000, 1300].map((pips) => f.MARGINLEVEL(f.EQUITY(20000, -pips * pip), margin));
    expect(levels).toEqual([20, 19, 15, 10, 7]);
  });
  test("FX margin with conversion", () => {
    expect(f.FXMARGIN(1, 100000, 100, 1.18)).toBe(1180);
    expect(f.FXMARGIN(0.5, 100000, 30, 1.35)).toBe(2250);
  });
  test("required margin: stock, gold, crude, bitcoin at 5x", () => {
    expect(f.REQMARGIN(100, 1, 50, 0.5)).toBe(2500);
    expect(f.REQMARGIN(1, 100, 1800, 0.05)).toBe(9000);
    expect(f.REQMARGIN(1, 1000, 75, 0.07)).toBe(5250);
    expect(f.REQMARGIN(1, 1, 40000, 1 / 5)).toBe(8000);
  });
  test("margin call: equity 24,000, initial 30,000, maintenance 25,000 → 6,000; 0 above maintenance", () => {
    expect(f.MARGINCALL(24000, 30000, 25000)).toBe(6000);
    expect(f.MARGINCALL(26000, 30000, 25000)).toBe(0);
  });
  test("margin status thresholds", () => {
    expect(f.MARGINSTATUS(5.25)).toBe("OK");
    expect(f.MARGINSTATUS(1.5)).toBe("WARNING");
    expect(f.MARGINSTATUS(1)).toBe("MARGIN CALL");
    expect(f.MARGINSTATUS(0.3)).toBe("STOP OUT");
    expectExcelError(f.MARGINSTATUS(1, 1.5, 0.2, 0.3), "#NUM!", /stopOut ≤ call ≤ warning/);
  });
  test("free margin", () => {
    expect(f.FREEMARGIN(10500, 2000)).toBe(8500);
  });
  test("stop-out price: EUR/USD long 1 lot at 1.1200, balance 20,000, margin 1,000, stop-out 30 %", () => {
    // equity at price p: 20,000 + (p − 1.12) × 100,000; equals 0.3 × 1,000 = 300 at p = 1.12 − 0.197 = 0.923
    expect(f.STOPOUTPRICE(1, 100000, 1.12, 20000, 1000, 0.3)).toBeCloseTo(0.923, 12);
    // short: the price has to rise by the same 0.197
    expect(f.STOPOUTPRICE(-1, 100000, 1.12, 20000, 1000, 0.3)).toBeCloseTo(1.317, 12);
    // a long so well funded the price would have to go below zero: never reached
    expectExcelError(f.STOPOUTPRICE(1, 1000, 1.12, 20000, 100), "#N/A", /never reached/);
  });
});
