/**
 * Review of crypto unified-account portfolio margin (SPEC §6, §6.1): defects found in the audit, each
 * with a hand-derived figure, and boundary checks of the rules the audit found right.
 */
import { customFunctions as f } from "../../functions/index";
import { parsePositions } from "../../src/instruments/positions";
import { liquidationPlan, parseAssets, readCryptoContext } from "../../src/rules/crypto/index";
import { NONE, PARAMS, assets, book, units, withParams } from "../crypto/book";
import { expectExcelError } from "../helpers";

const WITH_SPOT = withParams(["spotOffset", "withSpot"]);

describe("defect: a PERP row without Settle was silently left out of every margin", () => {
  // ETH-USDT perp 1 × 3,000 plus a BTC perp of 10 × 50,000 = 500,000 USD with no Settle. The securities rule
  // sets leave PERP rows to the crypto functions (isCryptoPosition), and the crypto functions only took rows
  // with a Settle: the BTC perp was margined nowhere and PMMMR returned the ETH unit alone (360 + 6 = 366).
  const t = book({ und: "ETH", type: "PERP", qty: 1, price: 3_000 }, { sym: "BTC perp", type: "PERP", qty: 10, price: 50_000, settle: null });

  test("it is an error naming the row and the Settle column", () => {
    expectExcelError(f.PMMMR(t, NONE, PARAMS), "#VALUE!", /row 3, Settle: .*perpetual.*USDT, USDC .*USD/);
    expectExcelError(f.PMRISKUNITS(t, NONE, PARAMS), "#VALUE!", /row 3, Settle/);
    expectExcelError(f.LIQPLAN(t, assets(["USDT", 1_000]), PARAMS), "#VALUE!", /row 3, Settle/);
  });

  test("with its Settle the row counts: BTC MMR = 12 % × 500,000 + 0.2 % × 500,000 = 61,000", () => {
    const fixed = book({ und: "ETH", type: "PERP", qty: 1, price: 3_000 }, { type: "PERP", qty: 10, price: 50_000, settle: "USDT" });
    // ETH: 12 % × 3,000 + 0.2 % × 3,000 = 366
    expect(f.PMMMR(fixed, NONE, PARAMS)).toBe(61_366);
  });

  test("SPOT rows without Settle stay as before: they join a coin with derivatives, else are collateral only", () => {
    const spotOnly = book({ und: "ETH", type: "PERP", qty: 1, price: 3_000 }, { type: "SPOT", qty: 10, price: 50_000, settle: null });
    expect(Object.keys(units(f.PMRISKUNITS(spotOnly, NONE, PARAMS)))).toEqual(["ETH"]);
  });
});

describe("defect: a coin's USD price taken from a USDT-settled index ignored the USDT rate", () => {
  // BTC-USDT perp, 1 BTC at index and mark 51,200 USDT; USDT at 0.975 USD (assets USDPrice); BTC balance 1, no USDPrice.
  // The unit values BTC at 51,200 × 0.975 = 49,920 USD (SPEC §6: index × stablecoin rate):
  //   MR1 = 12 % × 49,920 = 5,990.40; MR4 = 0.2 % × 49,920 = 99.84; MMR = 6,090.24.
  // Adjusted equity must use the same USD price: 1 × 0.98 × 49,920 = 48,921.60 → ratio 48,921.60 / 6,090.24.
  // The code used the raw index, 0.98 × 51,200 = 50,176 USD (2.6 % more equity than the coin is worth).
  const t = book({ type: "PERP", qty: 1, price: 51_200, index: 51_200 });
  const a = assets(["BTC", 1], ["USDT", 0, 0.975]);

  test("PMMARGINRATIO = 48,921.60 / 6,090.24", () => {
    expect(f.PMMMR(t, a, PARAMS)).toBeCloseTo(6_090.24, 9);
    expect(f.PMMARGINRATIO(t, a, PARAMS)).toBeCloseTo(48_921.6 / 6_090.24, 12);
  });

  test("a USDT row and a coin-margined row on the same coin give the same USD price", () => {
    // The inverse row first: BTC-USD index 49,920 USD; the BTC-USDT row's 51,200 USDT × 0.975 agrees.
    const both = book({ type: "PERP", qty: 0, price: 49_920, index: 49_920, settle: "USD" }, { type: "PERP", qty: 1, price: 51_200, index: 51_200 });
    expect(f.PMMARGINRATIO(both, a, PARAMS)).toBeCloseTo(48_921.6 / 6_090.24, 12);
  });

  test("an explicit USDPrice still wins", () => {
    // 1 × 0.98 × 50,000 = 49,000
    expect(f.PMMARGINRATIO(t, assets(["BTC", 1, 50_000], ["USDT", 0, 0.975]), PARAMS)).toBeCloseTo(49_000 / 6_090.24, 12);
  });
});

describe("defect: MR4 charged each SPOT row of the spot in use on its own, not the spot in use", () => {
  // Spot rows +5 BTC and −2 BTC (net holding 3 BTC) at 100 against a −10 BTC perp at 100, spotOffset withSpot.
  // Spot in use = min(3, 10) = 3 coins = 300 USD. MR4 = 0.2 % × (1,000 perp + 300 spot in use) = 2.6.
  // The code charged 0.2 % × (1,000 + 500 + 200) = 3.4.
  const t = book(
    { type: "SPOT", qty: 5, price: 100, settle: null },
    { type: "SPOT", qty: -2, price: 100, settle: null },
    { type: "PERP", qty: -10, price: 100 },
  );

  test("MR4 = 2.6; MR1 = 12 % × (1,000 − 300) = 84", () => {
    const u = units(f.PMRISKUNITS(t, NONE, WITH_SPOT)).BTC;
    expect(u.SpotInUse).toBe(3);
    expect(u.MR1).toBe(84);
    expect(u.MR4).toBeCloseTo(2.6, 12);
  });

  test("one spot row of +3 gives the same figures", () => {
    const one = book({ type: "SPOT", qty: 3, price: 100, settle: null }, { type: "PERP", qty: -10, price: 100 });
    const a = units(f.PMRISKUNITS(one, NONE, WITH_SPOT)).BTC;
    const b = units(f.PMRISKUNITS(t, NONE, WITH_SPOT)).BTC;
    for (const k of ["MR1", "MR4", "MR6", "MR7", "MR9", "MMR"]) expect(b[k]).toBeCloseTo(a[k], 12);
  });
});

describe("defect: LIQPLAN's basis step left a float residue in the leg it closed", () => {
  // Long 7 × 0.3 BTC Sep future / short 7 × 0.3 BTC Dec future (overlap 2.1 coins) and long 3 × 0.1 Mar / short
  // 3 × 0.1 Jun (overlap 0.3 coins); equity 100 USD. The largest overlap is closed first, in full (the ratio stays
  // below 110 %): 2.1 / 0.3 = 7.000000000000001 in binary floating point, so the long was "sold" 7.000000000000001
  // and left at −8.9e-16 contracts, counted as a row still open. Closing the overlap must close that leg exactly.
  const t = book(
    { sym: "F1", type: "FUTURE", qty: 3, expiry: "2026-03-27", price: 50_000, mult: 0.1 },
    { sym: "F2", type: "FUTURE", qty: -3, expiry: "2026-06-26", price: 50_000, mult: 0.1 },
    { sym: "F3", type: "FUTURE", qty: 7, expiry: "2026-09-25", price: 50_000, mult: 0.3 },
    { sym: "F4", type: "FUTURE", qty: -7, expiry: "2026-12-25", price: 50_000, mult: 0.3 },
  );

  test("the Sep/Dec pair trades exactly 7 contracts each; only the Mar/Jun pair stays open", () => {
    const p = liquidationPlan(parsePositions(t), parseAssets(assets(["USDT", 100])), readCryptoContext({ params: PARAMS }));
    expect(p.rows.slice(0, 2).map((r) => [r.step, r.instrument, r.quantity])).toEqual([
      [1, "F3 (row 4)", -7],
      [1, "F4 (row 5)", 7],
    ]);
    expect(p.rows.slice(2).map((r) => r.instrument)).toEqual(["F1 (row 2)", "F2 (row 3)"]);
    expect(p.outcome).toBe("restored");
    expect(p.openLegs).toBe(2); // F1 and F2, partly closed
  });
});

describe("checked right: SPEC §6 boundaries (hand-derived)", () => {
  test("MR1 grid rows per coin group: A ±4, 8, 12 %; B ±6, 12, 18 %; O ±8, 16, 25 %", () => {
    const moves = (und: string) => (f.MR1GRID(book({ und, type: "PERP", qty: 1, price: 100 }), und, PARAMS, NONE, true) as unknown[][]).slice(1, 8).map((r) => r[0]);
    expect(moves("ETH")).toEqual([-0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12]);
    expect(moves("DOGE")).toEqual([-0.18, -0.12, -0.06, 0, 0.06, 0.12, 0.18]);
    expect(moves("AVAX")).toEqual([-0.25, -0.16, -0.08, 0, 0.08, 0.16, 0.25]);
  });

  test("vol shock at 7 days: Δσ = 0.30 × (30/7)^0.3 = 0.4640 > σ 0.40, so vol down is capped at σ (value → intrinsic)", () => {
    // long 1 SOL call, strike 100, index 100, 7 days, σ 0.40: vol-down cell at move 0 = C(σ → 0) − C(0.40) = 0 − C(0.40)
    const t = book({ und: "SOL", type: "CALL", qty: 1, strike: 100, expiry: "2026-01-09", price: 3, index: 100, iv: 0.4, settle: "USD" });
    const grid = f.MR1GRID(t, "SOL", PARAMS) as number[][];
    const c = (vol: number) => f.BSPRICE("call", 100, 100, 7 / 365, 0, vol) as number;
    expect(0.3 * Math.pow(30 / 7, 0.3)).toBeCloseTo(0.464, 3);
    expect(grid[3][0]).toBeCloseTo(-c(0.4), 6);
    expect(grid[3][2]).toBeCloseTo(c(0.4 + 0.3 * Math.pow(30 / 7, 0.3)) - c(0.4), 9);
  });

  test("a USDC-settled perp at USDC 0.99: cash delta and P&L carry the rate", () => {
    // 2 ETH × 3,000 USDC × 0.99 = 5,940 USD: MR1 = 12 % × 5,940 = 712.8; MR4 0.2 % = 11.88; MR7 0.45 % = 26.73
    const t = book({ und: "ETH", type: "PERP", qty: 2, price: 3_000, settle: "USDC" });
    const u = units(f.PMRISKUNITS(t, assets(["USDC", 10_000, 0.99]), PARAMS)).ETH;
    expect(u.CashDeltaUSDC).toBeCloseTo(5_940, 9);
    expect([u.MR1, u.MR4, u.MR7]).toEqual([712.8, 11.88, 26.73]);
  });

  test("a SpotInUseCap of 0 keeps spot out of the unit; uncapped, min(|spot|, |delta|) joins", () => {
    const t = book({ type: "SPOT", qty: 5, price: 100 }, { type: "PERP", qty: -10, price: 100 });
    const capped = [["Currency", "Balance", "USDPrice", "SpotInUseCap"], ["BTC", 5, 100, 0]];
    expect(units(f.PMRISKUNITS(t, capped, WITH_SPOT)).BTC.SpotInUse).toBe(0);
    // uncapped: min(5, 10) = 5 → MR1 = 12 % × 500 = 60
    expect(units(f.PMRISKUNITS(t, NONE, WITH_SPOT)).BTC.MR1).toBe(60);
  });

  test("MR7 brackets at a bound: raw exactly 250,000 → 250,000 (no slice in the × 2 bracket)", () => {
    const px = 250_000 / 0.0045;
    expect(units(f.PMRISKUNITS(book({ type: "PERP", qty: 1, price: px, index: px }), NONE, PARAMS)).BTC.MR7).toBeCloseTo(250_000, 6);
  });

  test("MR9 netting: USDT −1M, USDC +3M, USD −1M → USDT–USD same sign, USDT–USDC 1M, USDC–USD 1M", () => {
    // USDT–USD: both short, nothing; USDT–USDC: min(1M, 3M) = 1M (USDC left +2M); USDC–USD: min(2M, 1M) = 1M.
    // each 1M at par: 1M × 0.5 % = 5,000 → MR9 10,000
    const t = book(
      { type: "PERP", qty: -20, price: 50_000, settle: "USDT" },
      { type: "PERP", qty: 60, price: 50_000, settle: "USDC" },
      { type: "PERP", qty: -20, price: 50_000, settle: "USD" },
    );
    expect(units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC.MR9).toBe(10_000);
  });

  test("MR6 of a short call at −/+ 24 % with vol unchanged, 50 %", () => {
    const t = book({ type: "CALL", qty: -1, strike: 50_000, expiry: "2026-02-01", price: 2_000, index: 50_000, iv: 0.5, settle: "USD" });
    const y = 30 / 365;
    const c = (s: number) => f.BSPRICE("call", s, 50_000, y, 0, 0.5) as number;
    expect(units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC.MR6).toBeCloseTo(0.5 * (c(62_000) - c(50_000)), 8);
  });
});
