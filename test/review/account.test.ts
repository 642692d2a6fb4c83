/**
 * Review of account health (SPEC §2, §9): boundaries of MARGINSTATUS and MARGINCALL and the stop-out price,
 * each figure derived by hand. The audit found no defect here; these pin the boundaries SPEC states.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";

describe("STOPOUTPRICE (SPEC §2 formula; §9: seed 003's −0.85 is wrong)", () => {
  test("seed 003's account: EUR/USD long 1 lot at 1.1200, deposit 20,000, margin 1,000, stop-out 30 % → 0.923, not −0.85", () => {
    // equity at the stop-out = 0.3 × 1,000 = 300; 1.12 + (300 − 20,000) / (1 × 100,000 × 1) = 1.12 − 0.197 = 0.923
    expect(f.STOPOUTPRICE(1, 100_000, 1.12, 20_000, 1_000)).toBe(0.923);
    // (seed 003 subtracted (20,000 − 300) / 10 — pips and price mixed — giving 1.12 − 1.97 = −0.85)
  });

  test("at the returned price the margin level is exactly the stop-out level", () => {
    const p = f.STOPOUTPRICE(2, 100_000, 1.12, 20_000, 2_000, 0.5) as number;
    // 1.12 + (1,000 − 20,000) / 200,000 = 1.025; equity there 20,000 + (1.025 − 1.12) × 200,000 = 1,000
    expect(p).toBe(1.025);
    expect(f.MARGINLEVEL(f.EQUITY(20_000, (p - 1.12) * 200_000), 2_000)).toBeCloseTo(0.5, 12);
  });

  test("quote-to-account conversion: USD/JPY long 1 lot at 150, USD account (rate 1/150), balance 10,000, margin 1,000", () => {
    // 150 + (300 − 10,000) / (100,000 / 150) = 150 − 9,700 × 150 / 100,000 = 150 − 14.55 = 135.45
    expect(f.STOPOUTPRICE(1, 100_000, 150, 10_000, 1_000, 0.3, 1 / 150)).toBeCloseTo(135.45, 10);
  });

  test("a short is stopped out above the entry: 1.12 + 19,700 / 100,000 = 1.317", () => {
    expect(f.STOPOUTPRICE(-1, 100_000, 1.12, 20_000, 1_000)).toBe(1.317);
  });

  test("a price of exactly 0 is never reached: #N/A", () => {
    // 1.12 + (300 − 1,420) / 1,000 = 0
    expectExcelError(f.STOPOUTPRICE(1, 1_000, 1.12, 1_420, 1_000), "#N/A", /never reached/);
    // one unit of balance less and the price is above 0: 1.12 + (300 − 1,419) / 1,000 = 0.001
    expect(f.STOPOUTPRICE(1, 1_000, 1.12, 1_419, 1_000)).toBe(0.001);
  });

  test("bad arguments are named", () => {
    expectExcelError(f.STOPOUTPRICE(0, 1_000, 1.12, 1_000, 100), "#DIV/0!", /quantity/);
    expectExcelError(f.STOPOUTPRICE(1, 1_000, 1.12, 1_000, 0), "#NUM!", /usedMargin/);
    expectExcelError(f.STOPOUTPRICE(1, 1_000, 1.12, 1_000, 100, -0.1), "#NUM!", /stopOut/);
    expectExcelError(f.STOPOUTPRICE(1, "lot", 1.12, 1_000, 100), "#VALUE!", /contractSize/);
  });
});

describe("MARGINSTATUS boundaries (level ≤ threshold reaches it)", () => {
  test("just above and at each default threshold", () => {
    expect(f.MARGINSTATUS(1.5000001)).toBe("OK");
    expect(f.MARGINSTATUS(1.5)).toBe("WARNING");
    expect(f.MARGINSTATUS(1.0000001)).toBe("WARNING");
    expect(f.MARGINSTATUS(1)).toBe("MARGIN CALL");
    expect(f.MARGINSTATUS(0.3000001)).toBe("MARGIN CALL");
    expect(f.MARGINSTATUS(0.3)).toBe("STOP OUT");
    expect(f.MARGINSTATUS(-2)).toBe("STOP OUT"); // negative equity
  });

  test("§9: a level of 1,000 % is not a margin call with a 100 % call level", () => {
    expect(f.MARGINSTATUS(10)).toBe("OK");
  });

  test("equal thresholds are allowed; the worst reached wins", () => {
    expect(f.MARGINSTATUS(1, 1, 1, 1)).toBe("STOP OUT");
    expect(f.MARGINSTATUS(0.8, 1.2, 0.8, 0.5)).toBe("MARGIN CALL");
    expect(f.MARGINSTATUS(1.1, "", null, undefined)).toBe("WARNING"); // blanks use the defaults
    expectExcelError(f.MARGINSTATUS(1, 0.9, 1, 0.3), "#NUM!", /warning: 0.9 is below call 1/);
  });
});

describe("MARGINCALL boundaries", () => {
  test("equity exactly at maintenance: no call; a cent below: initial − equity", () => {
    expect(f.MARGINCALL(25_000, 30_000, 25_000)).toBe(0);
    expect(f.MARGINCALL(24_999.99, 30_000, 25_000)).toBe(5_000.01); // decimal: 30,000 − 24,999.99
  });

  test("negative equity: the deposit also covers the deficit, 30,000 − (−1,000) = 31,000", () => {
    expect(f.MARGINCALL(-1_000, 30_000, 25_000)).toBe(31_000);
  });

  test("maintenance above initial is an error naming it", () => {
    expectExcelError(f.MARGINCALL(1_000, 20_000, 25_000), "#NUM!", /maintenanceMargin: 25000 is above initialMargin 20000/);
  });
});
