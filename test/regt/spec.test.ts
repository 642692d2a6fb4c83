/**
 * SPEC §4 worked examples, through the custom functions (per 1 contract of 100; gross unless stated).
 */
import { customFunctions as f } from "../../functions/index";
import { detail, margin, params, type Row, table } from "./helpers";

describe("SPEC §4 worked examples", () => {
  test("short 80 put at 2.00, S = 95 → 1,000", () => {
    // 2.00 + max(20% × 95 − OTM 15, 10% × 80) = 2 + max(4, 8) = 10 per share × 100
    expect(margin([{ type: "PUT", qty: -1, k: 80, price: 2, s: 95 }])).toBe(1000);
  });

  test("short 20 put at 1.50, S = 19.50 → 540", () => {
    // in the money: 1.50 + max(20% × 19.50 − 0, 10% × 20) = 1.5 + 3.9 = 5.40 per share
    expect(margin([{ type: "PUT", qty: -1, k: 20, price: 1.5, s: 19.5 }])).toBe(540);
  });

  test("short 120 call at 8.40, S = 128.50 → 3,410", () => {
    // 8.40 + max(20% × 128.50 − 0, 10% × 128.50) = 8.4 + 25.7 = 34.10 per share
    expect(margin([{ type: "CALL", qty: -1, k: 120, price: 8.4, s: 128.5 }])).toBe(3410);
  });

  test("short 30 call at 0.05, S = 26.38 → 268.80 exact; 269 with roundPerShare (per-share figure rounded up)", () => {
    // 0.05 + max(20% × 26.38 − OTM 3.62, 10% × 26.38) = 0.05 + max(1.656, 2.638) = 2.688 per share
    const row: Row[] = [{ type: "CALL", qty: -1, k: 30, price: 0.05, s: 26.38 }];
    expect(margin(row)).toBe(268.8);
    // 2.688 → 2.69 per share → 269
    expect(margin(row, null, { roundPerShare: true })).toBe(269);
  });

  test("roundPerShare rounds UP to the cent (2.681 → 2.69), not to nearest", () => {
    // short 30 call at 0.043, S = 26.38: 0.043 + 2.638 = 2.681 per share
    const row: Row[] = [{ type: "CALL", qty: -1, k: 30, price: 0.043, s: 26.38 }];
    expect(margin(row)).toBeCloseTo(268.1, 10);
    expect(margin(row, null, { roundPerShare: true })).toBe(269);
  });

  test("broad-based index, S = 433.35: short 430 put at 7.80 → 6,945.25; short 430 call at 8.70 → 7,370.25", () => {
    // put: 7.80 + max(15% × 433.35 − OTM 3.35, 10% × 430) = 7.8 + 61.6525 = 69.4525 per share
    expect(margin([{ type: "PUT", qty: -1, k: 430, price: 7.8, s: 433.35, cls: "BROAD_INDEX" }])).toBe(6945.25);
    // call (in the money): 8.70 + 15% × 433.35 = 8.7 + 65.0025 = 73.7025 per share
    expect(margin([{ type: "CALL", qty: -1, k: 430, price: 8.7, s: 433.35, cls: "BROAD_INDEX" }])).toBe(7370.25);
  });

  test("short strangle S = 45: 47 call at 2.10 and 43 put at 1.20 → 910 + 120 = 1,030", () => {
    const rows: Row[] = [
      { type: "CALL", qty: -1, k: 47, price: 2.1, s: 45 },
      { type: "PUT", qty: -1, k: 43, price: 1.2, s: 45 },
    ];
    // call: 2.10 + max(9 − 2, 4.5) = 9.10 → 910; put: 1.20 + max(9 − 2, 4.3) = 8.20 → 820
    expect(margin(rows)).toBe(1030);
    const d = detail(rows);
    expect(d).toHaveLength(2);
    expect(d[1].slice(0, 4)).toEqual(["XYZ", "Short strangle", "-1 CALL 47 2026-03-20, -1 PUT 43 2026-03-20", 1030]);
    expect(d[1][4]).toMatch(/greater naked requirement, call 910 .*put 820.*premium 1\.2 × 100 = 1030/);
  });

  test("put credit spread: long 120 put at 0.80, short 125 put at 1.24 → gross 580, net 456", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 120, price: 0.8, s: 130 },
      { type: "PUT", qty: -1, k: 125, price: 1.24, s: 130 },
    ];
    // gross: width 5 × 100 = 500 + the long's 0.80 × 100 = 80
    expect(margin(rows)).toBe(580);
    // net of the short's proceeds 1.24 × 100 = 124
    expect(margin(rows, null, { netOfProceeds: true })).toBe(456);
    expect(detail(rows)[1][1]).toBe("Bull put spread");
  });

  test("net of proceeds on a naked put: 1,000 − 200 = 800", () => {
    expect(margin([{ type: "PUT", qty: -1, k: 80, price: 2, s: 95 }], null, { netOfProceeds: true })).toBe(800);
  });

  test("long 100 shares at $50: initial 2,500 (Reg T)", () => {
    expect(margin([{ type: "STOCK", qty: 100, price: 50 }])).toBe(2500);
    expect(margin([{ type: "STOCK", qty: 100, price: 50 }], "initial")).toBe(2500);
  });

  test("seed 000's comparison with rates overridden to 0.30: the stock legs give 9,000 + 9,000", () => {
    // AAPL 200 shares at 150 (30,000), short QQQ of equal value (80 at 375), short 1 AAPL 152 call at 24.
    const rows: Row[] = [
      { u: "AAPL", type: "STOCK", qty: 200, price: 150 },
      { u: "QQQ", type: "STOCK", qty: -80, price: 375 },
      { u: "AAPL", type: "CALL", qty: -1, k: 152, price: 24, s: 150 },
    ];
    const over = { longStockInitial: 0.3, shortStockInitial: 0.3 };
    const d = detail(rows, "initial", over);
    const byUnderlying = (u: string) => d.slice(1).filter((r) => r[0] === u).reduce((s, r) => s + (r[3] as number), 0);
    // 30% × 30,000 = 9,000 on each stock leg
    expect(byUnderlying("AAPL")).toBe(9000);
    expect(byUnderlying("QQQ")).toBe(9000);
    // Under Reg T the AAPL call is covered by the shares, so it adds nothing: 18,000, not the seed's 20,400.
    expect(margin(rows, "initial", over)).toBe(18000);
    expect(d.slice(1).map((r) => r[1])).toEqual(["Covered call", "Long stock", "Short stock"]);
  });

  test("REGTDETAIL header row", () => {
    const d = f.REGTDETAIL(table([{ type: "STOCK", qty: 100, price: 50 }]), null, params()) as unknown[][];
    expect(d[0]).toEqual(["Underlying", "Strategy", "Legs", "Requirement", "Rule"]);
    expect(d[1]).toEqual(["XYZ", "Long stock", "+100 shares", 2500, "50% × 50 = 25 per share; × 100 shares = 2500"]);
  });
});
