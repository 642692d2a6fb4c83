/**
 * Hand-checked risk units (SPEC §6): the arithmetic of every expected figure is in the comments.
 * Options are checked against BSPRICE, the project's one Black–Scholes, at the scenario's inputs.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";
import { NONE, PARAMS, assets, book, units, withParams } from "./book";

const bs = (type: "call" | "put", s: number, k: number, years: number, vol: number, rate = 0) => f.BSPRICE(type, s, k, years, rate, vol) as number;

describe("spot + short perp hedge (OKX example shape): 10 BTC spot, −10 BTC perp at 60,000", () => {
  const t = book(
    { sym: "BTC spot", type: "SPOT", qty: 10, price: 60_000 },
    { sym: "BTC-USDT-SWAP", type: "PERP", qty: -1000, price: 60_000, index: 60_000, mult: 0.01 },
  );
  const a = assets(["BTC", 10, 60_000], ["USDT", 0]);

  test("spotOffset = larger (default, SPEC as written): the unit is the derivatives; spot in use recomputed beside it", () => {
    const u = units(f.PMRISKUNITS(t, a, PARAMS)).BTC;
    // perp notional 1,000 × 0.01 × 60,000 = 600,000 USD, short
    expect(u.MR1).toBe(72_000); // loss at +12 %: 600,000 × 12 %
    expect(u.MR4).toBe(1_200); // 0.2 % × 600,000
    expect(u.MR6).toBe(72_000); // 50 % × 24 % × 600,000
    expect(u.MR7).toBe(2_700); // 0.45 % × 600,000 (spot not charged)
    expect(u.MR9).toBe(0); // spot and perp both USDT
    expect(u.MMR).toBe(73_200); // max(72,000 + 1,200, 2,700)
    expect(u.SpotInUse).toBe(10); // min(10 spot, 10 coins of perp delta)
    // with spot: MR1 = MR6 = 0, MR4 = 0.2 % × (600,000 + 600,000) = 2,400 < MR7 2,700
    expect(u.MMRWithSpot).toBe(2_700);
    expect(f.PMMMR(t, a, PARAMS)).toBe(73_200); // max(73,200, 2,700) + 0
    expect(f.PMIMR(t, a, PARAMS)).toBeCloseTo(95_160, 9); // 1.3 × 73,200
  });

  test("spotOffset = withSpot: the spot hedge is credited, MMR = MR7", () => {
    const p = withParams(["spotOffset", "withSpot"]);
    const u = units(f.PMRISKUNITS(t, a, p)).BTC;
    expect([u.MR1, u.MR4, u.MR6, u.MR7, u.MMR]).toEqual([0, 2_400, 0, 2_700, 2_700]);
    expect(u.Delta).toBe(0); // +10 spot − 10 perp
    expect(f.PMMMR(t, a, p)).toBe(2_700);
    expect(f.PMIMR(t, a, p)).toBeCloseTo(3_510, 9); // 1.3 × 2,700
    // adjusted equity 10 × 0.98 × 60,000 = 588,000; ratio 588,000 / 2,700
    expect(f.PMMARGINRATIO(t, a, p)).toBeCloseTo(588_000 / 2_700, 10);
  });

  test("a user cap on spot in use (assets SpotInUseCap) and spot beyond the hedge", () => {
    const capped = [["Currency", "Balance", "USDPrice", "SpotInUseCap"], ["BTC", 10, 60_000, 4], ["USDT", 0, null, null]];
    const u = units(f.PMRISKUNITS(t, capped, withParams(["spotOffset", "withSpot"]))).BTC;
    // 4 coins in use: net −6 BTC = −360,000 USD → MR1 12 % = 43,200; MR4 0.2 % × (600,000 + 240,000) = 1,680
    expect(u.SpotInUse).toBe(4);
    expect(u.MR1).toBe(43_200);
    expect(u.MR4).toBe(1_680);
    expect(u.MMR).toBe(44_880);
    // 25 coins of spot against 10 of perp delta: only 10 join; the rest is collateral
    const more = book({ type: "SPOT", qty: 25, price: 60_000 }, { type: "PERP", qty: -1000, price: 60_000, mult: 0.01 });
    expect(units(f.PMRISKUNITS(more, NONE, withParams(["spotOffset", "withSpot"]))).BTC.SpotInUse).toBe(10);
    // spot on the same side as the derivative delta does not join
    const same = book({ type: "SPOT", qty: 5, price: 60_000 }, { type: "PERP", qty: 1000, price: 60_000, mult: 0.01 });
    expect(units(f.PMRISKUNITS(same, NONE, withParams(["spotOffset", "withSpot"]))).BTC.SpotInUse).toBe(0);
  });

  test("MR1GRID of the hedged unit: linear rows; the vol states do not matter without options", () => {
    const grid = f.MR1GRID(t, "btc", PARAMS, a, true) as unknown[][];
    expect(grid[0]).toEqual(["Move", "VolDown", "VolUnchanged", "VolUp"]);
    // −600,000 × move
    expect(grid.slice(1, 8)).toEqual([
      [-0.12, 72_000, 72_000, 72_000],
      [-0.08, 48_000, 48_000, 48_000],
      [-0.04, 24_000, 24_000, 24_000],
      [0, 0, 0, 0],
      [0.04, -24_000, -24_000, -24_000],
      [0.08, -48_000, -48_000, -48_000],
      [0.12, -72_000, -72_000, -72_000],
    ]);
    expect(grid[8]).toEqual(["Worst", 0.12, "unchanged", -72_000]);
    expect(f.MR1GRID(t, "BTC", withParams(["spotOffset", "withSpot"]))).toEqual(Array.from({ length: 7 }, () => [0, 0, 0]));
  });
});

describe("a coin-margined (inverse, Settle USD) position", () => {
  // −100 BTC-USD contracts of 100 USD face at 50,000: Multiplier = 100 / 50,000 = 0.002 BTC; cash delta −10,000 USD.
  const inverse = { sym: "BTC-USD-SWAP", type: "PERP", qty: -100, price: 50_000, index: 50_000, mult: 0.002, settle: "USD" };

  test("perp: MR1 1,200, MR4 20, MR6 1,200, MR7 45, MMR 1,220", () => {
    const u = units(f.PMRISKUNITS(book(inverse), NONE, PARAMS)).BTC;
    // MR1 = 12 % × 10,000; MR4 = 0.2 % × 10,000; MR6 = 50 % × 24 % × 10,000; MR7 = 0.45 % × 10,000
    expect([u.MR1, u.MR4, u.MR6, u.MR7, u.MR9]).toEqual([1_200, 20, 1_200, 45, 0]);
    expect(u.MMR).toBe(1_220); // max(1,200 + 20, 45)
    expect(u.Delta).toBeCloseTo(-0.2, 12); // −100 × 0.002 coins
  });

  test("margined in BTC: ratio = 0.5 BTC × 0.98 × 50,000 / 1,220", () => {
    const a = assets(["BTC", 0.5]); // USDPrice from the position's index
    expect(f.PMMARGINRATIO(book(inverse), a, PARAMS)).toBeCloseTo(24_500 / 1_220, 12);
  });

  test("a coin-margined future 90 days out: MR4 = (e^(0.05 × 90/365) − 1) × 10,000 = 124.0508…", () => {
    const fut = { ...inverse, type: "FUTURE", expiry: "2026-04-02" }; // 90 days after 2026-01-02
    const u = units(f.PMRISKUNITS(book(fut), NONE, PARAMS)).BTC;
    expect(u.MR4).toBeCloseTo(10_000 * (Math.exp((0.05 * 90) / 365) - 1), 9);
    expect(u.MR4).toBeCloseTo(124.0508, 3); // e^0.0123288 − 1 = 0.01240508
    expect(u.MMR).toBeCloseTo(1_200 + u.MR4, 9);
  });
});

describe("a short strangle on BTC options: −1 call 55,000 and −1 put 45,000, index 50,000, IV 50 %, 14 days, coin-margined", () => {
  const exp = "2026-01-16"; // 14 days after 2026-01-02
  const y = 14 / 365;
  const t = book(
    { type: "CALL", qty: -1, strike: 55_000, expiry: exp, price: 300, index: 50_000, iv: 0.5, settle: "USD" },
    { type: "PUT", qty: -1, strike: 45_000, expiry: exp, price: 250, index: 50_000, iv: 0.5, settle: "USD" },
  );
  const dv = 0.3 * Math.pow(30 / 14, 0.3); // vol shock at 14 days = 0.3774…
  const value = (s: number, vol: number, years = y, rate = 0) => bs("call", s, 55_000, years, vol, rate) + bs("put", s, 45_000, years, vol, rate);
  const v0 = value(50_000, 0.5);

  test("MR1: worst cell is +12 % with vol up; loss = strangle value there − value now", () => {
    const grid = f.MR1GRID(t, "BTC", PARAMS, NONE, true) as unknown[][];
    expect(grid[8].slice(0, 3)).toEqual(["Worst", 0.12, "up"]);
    const loss = value(56_000, 0.5 + dv) - v0;
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    expect(u.MR1).toBeCloseTo(loss, 8);
    // every cell is −(value(s(1 + m), σ') − v0)
    expect(grid[1][2] as number).toBeCloseTo(-(value(44_000, 0.5) - v0), 8); // −12 %, vol unchanged
    expect(grid[4][3] as number).toBeCloseTo(-(value(50_000, 0.5 + dv) - v0), 8); // 0 %, vol up
    expect(grid[6][1] as number).toBeCloseTo(-(value(54_000, Math.max(0.5 - dv, 1e-8)) - v0), 8); // +8 %, vol down
  });

  test("MR2 = 0 (short options gain from decay); the long strangle's MR2 = value now − value in 24 h", () => {
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    expect(u.MR2).toBe(0);
    const long = book(
      { type: "CALL", qty: 1, strike: 55_000, expiry: exp, price: 300, index: 50_000, iv: 0.5, settle: "USD" },
      { type: "PUT", qty: 1, strike: 45_000, expiry: exp, price: 250, index: 50_000, iv: 0.5, settle: "USD" },
    );
    expect(units(f.PMRISKUNITS(long, NONE, PARAMS)).BTC.MR2).toBeCloseTo(v0 - value(50_000, 0.5, 13 / 365), 8);
  });

  test("MR3: both legs expire before the 30-day pivot, so twist A moves both vols up by Δσ", () => {
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    expect(u.MR3).toBeCloseTo(value(50_000, 0.5 + dv) - v0, 8);
  });

  test("MR5: worst of a ±1 % rate shift", () => {
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    const up = value(50_000, 0.5, y, 0.01) - v0;
    const down = value(50_000, 0.5, y, -0.01) - v0;
    expect(u.MR5).toBeCloseTo(Math.max(0, up, down), 9); // a short position loses when the value rises
  });

  test("MR6: half the loss at ±24 %, vol unchanged; MR7: 0.5 % × 2 contracts × 50,000 = 500; MMR", () => {
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    const worst = Math.max(value(62_000, 0.5), value(38_000, 0.5)) - v0;
    expect(u.MR6).toBeCloseTo(0.5 * worst, 8);
    expect(u.MR7).toBe(500);
    expect(u.MMR).toBeCloseTo(Math.max(u.MR1, u.MR2, u.MR6) + u.MR3 + u.MR4 + u.MR5 + u.MR9, 8);
    expect(u.IMR).toBeCloseTo(1.3 * u.MMR, 8);
  });

  test("Greeks: delta, gamma, vega, theta are −(call + put) Black–Scholes Greeks", () => {
    const g = (type: "call" | "put", k: number) => (f.BSGREEKS(type, 50_000, k, y, 0, 0.5) as number[][])[1];
    const [cd, cg, cv, ct] = g("call", 55_000);
    const [pd, pg, pv, pt] = g("put", 45_000);
    const u = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    expect(u.Delta).toBeCloseTo(-(cd + pd), 12);
    expect(u.Gamma).toBeCloseTo(-(cg + pg), 15);
    expect(u.Vega).toBeCloseTo(-(cv + pv), 8);
    expect(u.Theta).toBeCloseTo(-(ct + pt), 8);
  });

  test("MR3 on a calendar spread across the pivot: short 14-day call, long 90-day call", () => {
    const cal = book(
      { type: "CALL", qty: -1, strike: 50_000, expiry: exp, price: 2_000, index: 50_000, iv: 0.5, settle: "USD" },
      { type: "CALL", qty: 1, strike: 50_000, expiry: "2026-04-02", price: 4_700, index: 50_000, iv: 0.5, settle: "USD" },
    );
    const y2 = 90 / 365;
    const dv2 = 0.3 * Math.pow(30 / 90, 0.3);
    const c = (years: number, vol: number) => bs("call", 50_000, 50_000, years, vol);
    // twist A: short-dated up (hurts the short), long-dated down (hurts the long): both legs lose
    const twistA = -(c(y, 0.5 + dv) - c(y, 0.5)) + (c(y2, 0.5 - dv2) - c(y2, 0.5));
    const twistB = -(c(y, 0.5 - dv) - c(y, 0.5)) + (c(y2, 0.5 + dv2) - c(y2, 0.5));
    expect(twistA).toBeLessThan(0);
    expect(twistB).toBeGreaterThan(0);
    expect(units(f.PMRISKUNITS(cal, NONE, PARAMS)).BTC.MR3).toBeCloseTo(-twistA, 8);
  });

  test("black76: the same scenario values at the default rate of 0; MR5 is then discounting only", () => {
    const a = units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC;
    const b = units(f.PMRISKUNITS(t, NONE, withParams(["optionModel", "black76"]))).BTC;
    for (const k of ["MR1", "MR2", "MR3", "MR4", "MR6", "MR7", "Delta"]) expect(b[k]).toBeCloseTo(a[k], 9);
    // Black-76 on the index as forward: value = e^(−rT) × undiscounted, so the short loses v0 × (e^(0.01 T) − 1) at r = −1 %
    expect(b.MR5).toBeCloseTo(v0 * (Math.exp(0.01 * y) - 1), 9);
  });

  test("model takes the name and spellings PMSCENARIO, PMMARGIN and SPANARRAY use; optionModel and bs still read", () => {
    const run = (...pairs: [string, unknown][]) => f.PMRISKUNITS(t, NONE, withParams(...pairs));
    const black76 = run(["optionModel", "black76"]);
    expect(run(["model", "BLACK76"])).toEqual(black76);
    expect(run(["model", "black76"])).toEqual(black76);
    expect(run(["model", "BSM"])).toEqual(f.PMRISKUNITS(t, NONE, PARAMS));
    expect(run(["optionModel", "bs"])).toEqual(f.PMRISKUNITS(t, NONE, PARAMS));
    expectExcelError(run(["model", "BSM"], ["optionModel", "black76"]), "#VALUE!", /params: parameter model is given twice/);
    expectExcelError(run(["model", "binomial"]), "#VALUE!", /params, model: 'binomial' is not one of BSM, BLACK76/);
  });
});

describe("a USDT-vs-USD hedged unit (MR9)", () => {
  // +100 BTC of BTC-USDT perp and −100 BTC of coin-margined BTC-USD perp (50,000 contracts × 0.002)
  const t = (usdtIndex: number) =>
    book(
      { type: "PERP", qty: 10_000, price: usdtIndex, index: usdtIndex, mult: 0.01, settle: "USDT" },
      { type: "PERP", qty: -50_000, price: 50_000, index: 50_000, mult: 0.002, settle: "USD" },
    );

  test("USDT at par: hedged 5,000,000 → MR9 = 1M × 0.5 % + 4M × 1.5 % = 65,000", () => {
    const u = units(f.PMRISKUNITS(t(50_000), NONE, PARAMS)).BTC;
    expect(u.MR1).toBe(0); // +5,000,000 − 5,000,000
    expect([u.CashDeltaUSDT, u.CashDeltaUSDC, u.CashDeltaUSD]).toEqual([5_000_000, 0, -5_000_000]);
    expect(u.MR9).toBe(65_000);
    expect(u.MR4).toBe(20_000); // 0.2 % × 10,000,000
    expect(u.MR7).toBe(45_000); // 0.45 % × 10,000,000
    expect(u.MMR).toBe(85_000); // max(0 + 20,000 + 65,000, 45,000)
  });

  test("USDT at 0.975 (assets USDPrice), BTC-USDT index 51,200: column 0.98", () => {
    const a = assets(["USDT", 1_000_000, 0.975]);
    const u = units(f.PMRISKUNITS(t(51_200), a, PARAMS)).BTC;
    // USDT cash delta 100 × 51,200 × 0.975 = 4,992,000; USD −5,000,000; hedged 4,992,000
    expect(u.CashDeltaUSDT).toBeCloseTo(4_992_000, 6);
    // MR9 = 1,000,000 × 1 % + 3,992,000 × 2 % = 10,000 + 79,840 = 89,840
    expect(u.MR9).toBeCloseTo(89_840, 8);
    // net index exposure 4,992,000 − 5,000,000 = −8,000 → MR1 = 12 % × 8,000 = 960, MR6 = 50 % × 24 % × 8,000 = 960
    expect(u.MR1).toBeCloseTo(960, 8);
    expect(u.MR6).toBeCloseTo(960, 8);
    expect(u.MR4).toBeCloseTo(19_984, 8); // 0.2 % × 9,992,000
    expect(u.MR7).toBeCloseTo(44_964, 8); // 0.45 % × 9,992,000
    expect(u.MMR).toBeCloseTo(110_784, 8); // 960 + 19,984 + 89,840
  });

  test("netting priority: USDT–USD first, then USDT–USDC, then USDC–USD", () => {
    // USDT +3M, USD −2M, USDC −2M: USDT–USD hedges 2M (USDT left +1M), then USDT–USDC hedges 1M; USDC–USD same sign.
    const b = book(
      { type: "PERP", qty: 60, price: 50_000, settle: "USDT" },
      { type: "PERP", qty: -40, price: 50_000, settle: "USD" },
      { type: "PERP", qty: -40, price: 50_000, settle: "USDC" },
    );
    // 2M: 1M × 0.5 % + 1M × 1.5 % = 20,000; 1M: 1M × 0.5 % = 5,000
    const u = units(f.PMRISKUNITS(b, NONE, PARAMS)).BTC;
    expect([u.CashDeltaUSDT, u.CashDeltaUSDC, u.CashDeltaUSD]).toEqual([3_000_000, -2_000_000, -2_000_000]);
    expect(u.MR9).toBe(25_000);
  });

  test("a depeg above par counts too: USDC at 1.03 → the USDC–USD pair's index is min(1.03, 1/1.03) = 0.9709, column 0.98", () => {
    const b = book({ type: "PERP", qty: 10, price: 50_000, settle: "USDC" }, { type: "PERP", qty: -10, price: 50_000, settle: "USD" });
    const u = units(f.PMRISKUNITS(b, assets(["USDC", 0, 1.03]), PARAMS)).BTC;
    // USDC 10 × 50,000 × 1.03 = 515,000; USD −500,000; hedged 500,000 × 1 % (tier 1 at 0.98)
    expect(u.MR9).toBe(5_000);
    expect(f.MR9TIER(500_000, 1 / 1.03)).toBe(0.01);
  });

  test("a custom mr9Tiers table argument applies to every pair", () => {
    const flat = [["", 0.99], [1e12, 0.001]];
    expect(units(f.PMRISKUNITS(t(50_000), NONE, PARAMS, flat)).BTC.MR9).toBe(5_000); // 0.1 % × 5,000,000
  });
});

describe("a borrowing account", () => {
  // −100,000 USDT borrowed, 5 BTC at 60,000, 100 ETH at 3,000; long 2 BTC perp at 60,000
  const t = book({ type: "PERP", qty: 2, price: 60_000, index: 60_000 });
  const a = assets(["USDT", -100_000], ["BTC", 5, 60_000], ["ETH", 100, 3_000]);

  test("unit MR1 = 12 % × 120,000 = 14,400, MR4 = 240 → MMR 14,640; MR8 shows the borrowing MMR 2,000", () => {
    const u = units(f.PMRISKUNITS(t, a, PARAMS)).BTC;
    expect([u.MR1, u.MR4, u.MR6, u.MR7, u.MMR]).toEqual([14_400, 240, 14_400, 540, 14_640]);
    expect(u.MR8).toBe(2_000); // 2 % × 100,000, not added to the unit
  });

  test("totals: MMR 14,640 + 2,000; IMR 1.3 × 14,640 + 10,000; ratio = 488,000 / 16,640", () => {
    expect(f.PMMMR(t, a, PARAMS)).toBe(16_640);
    expect(f.PMIMR(t, a, PARAMS)).toBeCloseTo(29_032, 9); // 19,032 + 10,000
    // adjusted equity: 5 × 0.98 × 60,000 + 100 × 0.98 × 3,000 − 100,000 = 294,000 + 294,000 − 100,000
    expect(f.PMMARGINRATIO(t, a, PARAMS)).toBeCloseTo(488_000 / 16_640, 12);
  });

  test("a coin liability uses its own row (BTC 5×, 4 %); a custom borrowRates table overrides", () => {
    const a2 = assets(["USDT", 200_000], ["BTC", -1, 60_000]);
    // L = 60,000: IMR 12,000, MMR 2,400
    expect(f.PMMMR(t, a2, PARAMS)).toBe(14_640 + 2_400);
    expect(f.PMIMR(t, a2, PARAMS)).toBeCloseTo(1.3 * 14_640 + 12_000, 9);
    const rates = [["Currency", "MaxLeverage", "MMRRate"], ["*", 3, 0.1]];
    expect(f.PMMMR(t, a2, PARAMS, NONE, NONE, NONE, rates)).toBe(14_640 + 6_000);
    expect(f.PMIMR(t, a2, PARAMS, NONE, NONE, NONE, rates)).toBeCloseTo(1.3 * 14_640 + 20_000, 9);
  });

  test("custom discount tiers change the adjusted equity only", () => {
    const tiers = [["Currency", "UpTo", "Discount"], ["BTC", 1, 1], ["BTC", "", 0.5], ["*", "", 1]];
    // BTC: 1 × 1 + 4 × 0.5 = 3 coins × 60,000 = 180,000; ETH 300,000; USDT −100,000 → 380,000
    expect(f.PMMARGINRATIO(t, a, PARAMS, NONE, NONE, tiers)).toBeCloseTo(380_000 / 16_640, 12);
    expect(f.PMMMR(t, a, PARAMS, NONE, NONE, tiers)).toBe(16_640);
  });
});

describe("parameters and table arguments", () => {
  const t = book({ type: "PERP", qty: 1, price: 10_000, index: 10_000, und: "SOL" });

  test("params override by name: moves, group membership, MR7 brackets", () => {
    expect(units(f.PMRISKUNITS(t, NONE, PARAMS)).SOL.MR1).toBe(1_800); // group B: 18 % × 10,000
    expect(units(f.PMRISKUNITS(t, NONE, withParams(["moveB3", 0.2]))).SOL.MR1).toBe(2_000);
    expect(units(f.PMRISKUNITS(t, NONE, withParams(["groupA", "BTC, ETH, SOL"], ["groupB", "DOGE"]))).SOL.MR1).toBe(1_200);
    const brackets = [["UpTo", "Multiplier"], [10, 1], ["", 3]];
    // raw 0.7 % × 10,000 = 70 → 10 × 1 + 60 × 3 = 190
    expect(units(f.PMRISKUNITS(t, NONE, PARAMS, NONE, brackets)).SOL.MR7).toBe(190);
  });

  test("errors name the argument", () => {
    expectExcelError(f.PMRISKUNITS(t, NONE, withParams(["moveB9", 1])), "#VALUE!", /unknown parameter 'moveB9'/);
    expectExcelError(f.PMRISKUNITS(t, NONE, withParams(["moveB1", 0.2])), "#NUM!", /moves must ascend/);
    expectExcelError(f.PMRISKUNITS(t, NONE, withParams(["groupB", "SOL"], ["groupA", "SOL"])), "#VALUE!", /SOL is in both groupA and groupB/);
    expectExcelError(f.PMRISKUNITS(t, NONE, PARAMS, NONE, [["UpTo", "Multiplier"], ["", 1], [10, 2]]), "#VALUE!", /only the last tier may be open-ended/);
    expectExcelError(f.PMRISKUNITS(t, NONE, withParams(["spotOffset", "sometimes"])), "#VALUE!", /spotOffset: 'sometimes' is not one of larger, withSpot/);
  });

  test("positions without crypto rows, non-crypto types, missing IV", () => {
    const equities = [["Underlying", "Type", "Quantity", "Price"], ["AAPL", "STOCK", 100, 190]];
    expectExcelError(f.PMRISKUNITS(equities), "#VALUE!", /no crypto rows/);
    expectExcelError(f.PMRISKUNITS(book({ type: "STOCK", qty: 1, price: 5 })), "#VALUE!", /row 2, Type: STOCK is not a crypto instrument/);
    expectExcelError(
      f.PMRISKUNITS(book({ type: "CALL", qty: 1, strike: 50_000, expiry: "2026-03-27", price: 10, index: 50_000, settle: "USD" }), NONE, PARAMS),
      "#VALUE!",
      /row 2, IV: implied volatility is required/,
    );
  });

  test("equity rows are ignored; SPOT without Settle joins a coin with crypto derivatives (valued in USD)", () => {
    const mixed = [
      ["Underlying", "Type", "Quantity", "Price", "UnderlyingPrice", "Multiplier", "Settle"],
      ["AAPL", "STOCK", 100, 190, null, null, null],
      ["BTC", "SPOT", 1, 50_000, null, null, null],
      ["BTC", "PERP", -1, 50_000, null, null, "USDT"],
    ];
    const u = units(f.PMRISKUNITS(mixed, NONE, withParams(["spotOffset", "withSpot"])));
    expect(Object.keys(u)).toEqual(["BTC"]);
    expect(u.BTC.SpotInUse).toBe(1);
    // spot counts in the USD bucket, the perp in USDT: hedged 50,000 at par → 0.5 % = 250
    expect(u.BTC.MR9).toBe(250);
  });

  test("assets: header optional, errors name row and column; a coin needs a USD price", () => {
    const t2 = book({ type: "PERP", qty: 1, price: 100, index: 100 });
    expect(f.PMMARGINRATIO(t2, [["USDT", 1_000]], PARAMS)).toBeCloseTo(1_000 / 12.2, 12); // MR1 12 + MR4 0.2
    expectExcelError(f.PMMARGINRATIO(t2, [["Currency", "Balance"], ["ETH", 3]], PARAMS), "#VALUE!", /assets, row 2, USDPrice: a USD price is required for ETH/);
    expectExcelError(f.PMMARGINRATIO(t2, [["Currency", "Balance"], ["USDT", "lots"]], PARAMS), "#VALUE!", /assets, row 2, Balance: 'lots' is not a number/);
    expectExcelError(f.PMMARGINRATIO(t2, [["Currency", "Balance"], ["USDT", 1], ["usdt", 2]], PARAMS), "#VALUE!", /row 3, Currency: USDT appears twice/);
    expectExcelError(f.PMMARGINRATIO(t2, assets(["USDT", 1, -1]), PARAMS), "#NUM!", /USDPrice: -1 must be greater than zero/);
  });

  test("no requirement: the ratio is #DIV/0!; an unknown unit for MR1GRID is #N/A", () => {
    const flat = book({ type: "PERP", qty: 0, price: 100 });
    expectExcelError(f.PMMARGINRATIO(flat, assets(["USDT", 100]), PARAMS), "#DIV/0!", /total MMR is 0/);
    expectExcelError(f.MR1GRID(flat, "ETH", PARAMS), "#N/A", /no risk unit ETH in positions \(units: BTC\)/);
  });

  test("BORROWMARGIN validates its arguments", () => {
    expect(f.BORROWMARGIN(0, 10, 0.02)).toEqual([[0, 0]]);
    expectExcelError(f.BORROWMARGIN(-5, 10, 0.02), "#NUM!", /liability/);
    expectExcelError(f.BORROWMARGIN(5, 0, 0.02), "#NUM!", /maxLeverage/);
    expectExcelError(f.BORROWMARGIN(5, 10, -0.1), "#NUM!", /mmrRate/);
  });
});
