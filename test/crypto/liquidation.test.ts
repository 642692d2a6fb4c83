/**
 * LIQPLAN (SPEC §6 liquidation waterfall): each stage on an account built to trigger it, with the
 * quantity that lifts the ratio to 110 % worked out by hand, and every plan replayed: applying its
 * trades to the positions table gives the ratio the plan reports.
 */
import { customFunctions as f } from "../../functions/index";
import { parsePositions } from "../../src/instruments/positions";
import { type LiquidationPlan, liquidationPlan, parseAssets, readCryptoContext } from "../../src/rules/crypto/index";
import { expectExcelError } from "../helpers";
import { NONE, PARAMS, assets, book, replay, withParams } from "./book";

function plan(positions: unknown[][], a: unknown[][], params: unknown[][] = PARAMS): LiquidationPlan {
  return liquidationPlan(parsePositions(positions), parseAssets(a), readCryptoContext({ params }));
}

function expectConsistent(positions: unknown[][], a: unknown[][], p: LiquidationPlan, params: unknown[][] = PARAMS): void {
  let last = p.startRatio;
  for (const r of p.rows) {
    expect(r.ratioAfter).toBeGreaterThanOrEqual(last); // legs of one step share the ratio after the step
    last = r.ratioAfter;
  }
  const steps = [...new Set(p.rows.map((r) => r.step))];
  const after = steps.map((s) => p.rows.find((r) => r.step === s)?.ratioAfter as number);
  after.forEach((x, i) => expect(x).toBeGreaterThan(i === 0 ? p.startRatio : after[i - 1]));
  expect(f.PMMARGINRATIO(replay(positions, p), a, params) as number).toBeCloseTo(p.finalRatio, 9);
}

describe("DDH1: MR9 is the unit's largest risk", () => {
  // +100 BTC BTC-USDT perp vs −100 BTC coin-margined perp at 50,000: MR4 20,000 + MR9 65,000 = 85,000 (MR7 45,000)
  const t = book(
    { sym: "BTC-USDT-SWAP", type: "PERP", qty: 10_000, price: 50_000, mult: 0.01, settle: "USDT" },
    { sym: "BTC-USD-SWAP", type: "PERP", qty: -50_000, price: 50_000, mult: 0.002, settle: "USD" },
  );
  const a = assets(["USDT", 80_000]); // ratio 80,000 / 85,000 = 0.941

  test("both legs are cut by the same USD amount until the ratio passes 110 %", () => {
    const p = plan(t, a);
    expect(p.startRatio).toBeCloseTo(80_000 / 85_000, 12);
    expect(p.outcome).toBe("restored");
    // with V USD left on each side (1M < V ≤ 5M): MR4 + MR9 = 0.004 V + (5,000 + 0.015 (V − 1M)) = 0.019 V − 10,000;
    // 80,000 / MMR > 1.1 ⇔ MMR < 72,727.27 ⇔ V < 4,354,066.99; so each side is cut by 645,933.01 USD:
    // the USDT leg sells 645,933.01 / (0.01 × 50,000) = 1,291.866 contracts, the USD leg buys 645,933.01 / 100 = 6,459.33
    const cut = 5_000_000 - (80_000 / 1.1 + 10_000) / 0.019;
    expect(p.rows.map((r) => [r.step, r.instrument])).toEqual([
      [1, "BTC-USDT-SWAP (row 2)"],
      [1, "BTC-USD-SWAP (row 3)"],
    ]);
    expect(p.rows[0].quantity).toBeCloseTo(-cut / 500, 4);
    expect(p.rows[1].quantity).toBeCloseTo(cut / 100, 4);
    expect(p.rows[0].reason).toMatch(/^DDH1: MR9 is BTC's largest risk; reduce the USDT-USD hedged pair/);
    expect(p.finalRatio).toBeGreaterThan(1.1);
    expect(p.finalRatio).toBeCloseTo(1.1, 8);
    expectConsistent(t, a, p);
  });

  test("LIQPLAN spills the header, the trades and an End row", () => {
    const out = f.LIQPLAN(t, a, PARAMS) as unknown[][];
    expect(out[0]).toEqual(["Step", "Reason", "Instrument", "Quantity", "RatioAfter"]);
    expect(out).toHaveLength(4);
    expect(out[3][0]).toBe("End");
    expect(out[3][1]).toMatch(/^Ratio restored above 110 % \(from 94.1176 %\)/);
    expect(out[3][4] as number).toBeCloseTo(1.1, 8);
  });
});

describe("DDH2: MR1 dominates → hedge the delta with the perpetual", () => {
  test("a short call with no perp: a new BTC-USD perp buys at most the call's delta", () => {
    // −10 BTC calls at the money, 45 days, IV 60 %: delta ≈ −5.5 coins; MR1 (up move, vol up) dominates
    const t = book({ type: "CALL", qty: -10, strike: 50_000, expiry: "2026-02-16", price: 4_100, index: 50_000, iv: 0.6, settle: "USD" });
    const delta = -10 * ((f.BSGREEKS("call", 50_000, 50_000, 45 / 365, 0, 0.6) as number[][])[1][0]);
    const a = assets(["USDT", 20_000]);
    const p = plan(t, a);
    expect(p.startRatio).toBeLessThan(1);
    const first = p.rows[0];
    expect(first.reason).toMatch(/^DDH2: MR1 dominates BTC; hedge its delta/);
    expect(first.instrument).toBe("BTC-USD PERP (new hedge)");
    expect(first.quantity).toBeGreaterThan(0);
    expect(first.quantity).toBeLessThanOrEqual(-delta + 1e-9);
    expectConsistent(t, a, p);
  });

  test("a naked long perp hedged in its own perp: sells 2.548 of 10 (MMR 61,000 → ratio 1.1)", () => {
    // 10 BTC at 50,000: MR1 60,000 + MR4 1,000 = 61,000; equity 50,000 → 0.82. Keeping a fraction k:
    // 50,000 / (61,000 k) > 1.1 ⇔ k < 0.745156…; so sell 10 × (1 − 50,000 / 67,100) = 2.548435
    const t = book({ type: "PERP", qty: 10, price: 50_000 });
    const a = assets(["USDT", 50_000]);
    const p = plan(t, a);
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0].quantity).toBeCloseTo(-10 * (1 - 50_000 / 67_100), 6);
    expectConsistent(t, a, p);
  });
});

describe("basis: offsetting futures of different expiries are closed together", () => {
  // long 10 BTC March future, short 10 BTC June future at 50,000: MR1 = 0, MR4 dominates
  const t = book(
    { sym: "BTC-0327", type: "FUTURE", qty: 10, expiry: "2026-03-27", price: 50_000 },
    { sym: "BTC-0626", type: "FUTURE", qty: -10, expiry: "2026-06-26", price: 50_000 },
  );
  test("the same number of coins of each", () => {
    const mr4 = 500_000 * (Math.exp((0.05 * 84) / 365) - 1) + 500_000 * (Math.exp((0.05 * 175) / 365) - 1); // 17,873.6…
    expect(f.PMMMR(t, NONE, PARAMS)).toBeCloseTo(mr4, 6);
    const a = assets(["USDT", 15_000]);
    const p = plan(t, a);
    // keep a fraction k of both: 15,000 / (mr4 k) > 1.1 ⇔ k < 15,000 / (1.1 mr4); each side trades 10 (1 − k)
    const traded = 10 * (1 - 15_000 / (1.1 * mr4));
    expect(p.rows.map((r) => [r.step, r.instrument])).toEqual([
      [1, "BTC-0327 (row 2)"],
      [1, "BTC-0626 (row 3)"],
    ]);
    expect(p.rows[0].reason).toBe("Basis: close BTC futures of different expiries together");
    expect(p.rows[0].quantity).toBeCloseTo(-traded, 6);
    expect(p.rows[1].quantity).toBeCloseTo(traded, 6);
    expectConsistent(t, a, p);
  });
});

describe("general reduction and the end of the waterfall", () => {
  test("a short strangle: DDH2 first, then general reduction of the options, largest notional first", () => {
    const t = book(
      { type: "CALL", qty: -5, strike: 55_000, expiry: "2026-01-23", price: 500, index: 50_000, iv: 0.5, settle: "USD" },
      { type: "PUT", qty: -5, strike: 45_000, expiry: "2026-01-23", price: 400, index: 50_000, iv: 0.5, settle: "USD" },
    );
    const a = assets(["USDT", 10_000]);
    const p = plan(t, a);
    expect(p.outcome).toBe("restored");
    expect(p.rows[0].reason).toMatch(/^DDH2/);
    expect(p.rows.slice(1).every((r) => r.reason.startsWith("General reduction"))).toBe(true);
    expectConsistent(t, a, p);
  });

  test("borrowing MMR above the equity cannot be reduced: the plan closes what helps and stops", () => {
    // withSpot: 10 BTC spot hedged by a −10 BTC perp; USDT −586,000 borrowed → borrowing MMR 11,720 > adjusted equity
    // 588,000 − 586,000 = 2,000; closing the perp removes its 2,700 and leaves 2,000 / 11,720
    const t = book({ type: "SPOT", qty: 10, price: 60_000 }, { sym: "BTC-USDT-SWAP", type: "PERP", qty: -1000, price: 60_000, mult: 0.01 });
    const a = assets(["BTC", 10, 60_000], ["USDT", -586_000]);
    const params = withParams(["spotOffset", "withSpot"]);
    const p = plan(t, a, params);
    expect(p.startRatio).toBeCloseTo(2_000 / 14_420, 12);
    expect(p.outcome).toBe("exhausted");
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0].quantity).toBeCloseTo(1000, 9);
    expect(p.finalRatio).toBeCloseTo(2_000 / 11_720, 12);
    expect(p.openLegs).toBe(0);
    expectConsistent(t, a, p, params);
    const out = f.LIQPLAN(t, a, params) as unknown[][];
    expect(out[out.length - 1][1]).toMatch(/^Stopped below 110 %: no remaining reduction raises the ratio \(0 derivative rows still open\)/);
  });

  test("no liquidation above the trigger (100 %), even below the 110 % target", () => {
    const t = book({ type: "PERP", qty: 10, price: 50_000 });
    // MMR 61,000; equity 64,050 → 105 %
    expect(f.LIQPLAN(t, assets(["USDT", 64_050]), PARAMS)).toEqual([
      ["Step", "Reason", "Instrument", "Quantity", "RatioAfter"],
      ["End", "No liquidation: the ratio 105 % is above the trigger 100 %", "", "", 1.05],
    ]);
    // a higher trigger starts it
    const p = plan(t, assets(["USDT", 64_050]), withParams(["liquidationTrigger", 1.06]));
    expect(p.outcome).toBe("restored");
  });

  test("adjusted equity at or below zero has no plan: #N/A", () => {
    const t = book({ type: "PERP", qty: 10, price: 50_000 });
    expectExcelError(f.LIQPLAN(t, assets(["USDT", -1_000]), PARAMS), "#N/A", /adjusted equity is -1000 USD \(not above 0\)/);
    expectExcelError(f.LIQPLAN(t, assets(["USDT", 100]), withParams(["liquidationTarget", 0.9])), "#NUM!", /liquidationTarget/);
  });
});
