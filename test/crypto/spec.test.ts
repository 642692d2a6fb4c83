/**
 * Every worked example and stated default of SPEC §6 and §6.1, asserted through the custom functions.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";
import { NONE, PARAMS, assets, book, units, withParams } from "./book";

/** The §6.1 example table: one price level whose rates are 0.75 %, 1.75 %, 2.5 % for tiers up to 1M, 5M, 10M. */
const EXAMPLE = [
  ["", 0.99],
  [1_000_000, 0.0075],
  [5_000_000, 0.0175],
  [10_000_000, 0.025],
];

describe("SPEC §6.1 MR9 tiers", () => {
  test("MR9CHARGE 10,000,000 = 1M × 0.75 % + 4M × 1.75 % + 5M × 2.5 % = 202,500", () => {
    // 7,500 + 70,000 + 125,000
    expect(f.MR9CHARGE(10_000_000, 0.99, EXAMPLE)).toBe(202_500);
  });

  test("the default table is seed 002's USDT–USD table", () => {
    const rows: [number, number[]][] = [
      [1_000_000, [0.005, 0.01, 0.05]],
      [5_000_000, [0.015, 0.02, 0.06]],
      [10_000_000, [0.02, 0.03, 0.1]],
    ];
    for (const [bound, rates] of rows) {
      expect([0.99, 0.98, 0.95].map((price) => f.MR9TIER(bound, price))).toEqual(rates);
    }
  });

  test("a volume exactly on a bound belongs to the lower tier; just above it, the next tier", () => {
    expect(f.MR9TIER(1_000_000, 0.99)).toBe(0.005);
    expect(f.MR9TIER(1_000_000.01, 0.99)).toBe(0.015);
    expect(f.MR9TIER(5_000_000, 0.98)).toBe(0.02);
    expect(f.MR9TIER(5_000_001, 0.98)).toBe(0.03);
    expect(f.MR9TIER(0, 0.99)).toBe(0.005);
  });

  test("volume above the last bound uses the last tier", () => {
    expect(f.MR9TIER(25_000_000, 0.95)).toBe(0.1);
    // progressive: 1M × 0.5 % + 4M × 1.5 % + 5M × 2 % + 10M × 2 % = 5,000 + 60,000 + 100,000 + 200,000
    expect(f.MR9CHARGE(20_000_000, 0.99)).toBe(365_000);
  });

  test("price column: the lowest listed level the price has reached (price ≤ level)", () => {
    expect(f.MR9TIER(100, 0.99)).toBe(0.005); // reached 0.99 only
    expect(f.MR9TIER(100, 0.985)).toBe(0.005); // reached 0.99, not 0.98
    expect(f.MR9TIER(100, 0.98)).toBe(0.01); // reached 0.98
    expect(f.MR9TIER(100, 0.96)).toBe(0.01);
    expect(f.MR9TIER(100, 0.95)).toBe(0.05);
    expect(f.MR9TIER(100, 0.5)).toBe(0.05); // below every level: the lowest level's column
  });

  test("a price above the highest level uses the highest level's column (the floor rate)", () => {
    expect(f.MR9TIER(100, 1)).toBe(0.005);
    expect(f.MR9TIER(100, 1.02)).toBe(0.005);
    expect(f.MR9TIER(6_000_000, 0.999)).toBe(0.02);
  });

  test("seed 002's FAQ says 2.5 % for 10M below 0.98; the table's 3.0 % stands", () => {
    expect(f.MR9TIER(10_000_000, 0.975)).toBe(0.03);
    // progressive charge at 0.975: 1M × 1 % + 4M × 2 % + 5M × 3 % = 10,000 + 80,000 + 150,000
    expect(f.MR9CHARGE(10_000_000, 0.975)).toBe(240_000);
  });

  test("the charge grows continuously across a bound", () => {
    const below = f.MR9CHARGE(1_000_000, 0.99) as number;
    const above = f.MR9CHARGE(1_000_001, 0.99) as number;
    expect(below).toBe(5_000); // 1M × 0.5 %
    expect(above).toBeCloseTo(5_000.015, 9); // + 1 × 1.5 %
  });

  test("tier table with a header corner label and percent text is read", () => {
    const t = [["hedged volume up to", "99%", "0.98"], ["1,000,000", "1%", 0.02], [2_000_000, "3%", 0.04]];
    expect(f.MR9TIER(1_500_000, 0.985, t)).toBe(0.03);
    expect(f.MR9CHARGE(1_500_000, 0.98, t)).toBe(40_000); // 1M × 2 % + 0.5M × 4 %
  });

  test("bad inputs", () => {
    expectExcelError(f.MR9TIER(-1, 0.99), "#NUM!", /hedgedVolume/);
    expectExcelError(f.MR9CHARGE(100, 0), "#NUM!", /indexPrice/);
    expectExcelError(f.MR9TIER("lots", 0.99), "#VALUE!", /hedgedVolume: 'lots' is not a number/);
    expectExcelError(f.MR9TIER(1, 0.99, [["", 0.98, 0.99], [1e6, 0.01, 0.02]]), "#NUM!", /levels must descend/);
    expectExcelError(f.MR9TIER(1, 0.99, [["", 0.99], [5e6, 0.01], [1e6, 0.02]]), "#NUM!", /bounds must ascend/);
    expectExcelError(f.MR9TIER(1, 0.99, [["", 0.99, 0.98], [1e6, 0.01, null]]), "#VALUE!", /row 2, column 3 \(rate\): a number is required/);
    expectExcelError(f.MR9TIER(1, 0.99, [["", 0.99], [1e6, -0.01]]), "#NUM!", /cannot be negative/);
  });
});

describe("SPEC §6 stated defaults", () => {
  // One unit per coin group, one long linear coin each: the MR1 worst move is the group's largest move.
  const P = 100;
  const long = (und: string) => ({ und, type: "PERP", qty: 1000, price: P, index: P });

  test("coin groups: A = BTC, ETH; B = SOL … ADA; O = all others — MR1 at −12 %, −18 %, −25 % of 100,000", () => {
    const u = units(f.PMRISKUNITS(book(long("BTC"), long("ETH"), long("SOL"), long("ADA"), long("AVAX")), NONE, PARAMS));
    // cash delta 1,000 × 100 = 100,000 USD each
    expect([u.BTC.MR1, u.ETH.MR1, u.SOL.MR1, u.ADA.MR1, u.AVAX.MR1]).toEqual([12_000, 12_000, 18_000, 18_000, 25_000]);
  });

  test("MR6 = 50 % of the loss at the extreme move: A ±24 %, B ±36 %, O ±50 %", () => {
    const u = units(f.PMRISKUNITS(book(long("BTC"), long("DOGE"), long("XYZ")), NONE, PARAMS));
    expect([u.BTC.MR6, u.DOGE.MR6, u.XYZ.MR6]).toEqual([12_000, 18_000, 25_000]); // 0.5 × {24, 36, 50} % × 100,000
  });

  test("MR4 on perps: minBasis A 0.2 %, B 0.8 %, O 1.5 %", () => {
    const u = units(f.PMRISKUNITS(book(long("ETH"), long("XRP"), long("PEPE2")), NONE, PARAMS));
    expect([u.ETH.MR4, u.XRP.MR4, u.PEPE2.MR4]).toEqual([200, 800, 1_500]);
  });

  test("MR4 on a future: max(minBasis, e^(AMR × years) − 1), AMR A 5 %, B 15 %, O 30 %", () => {
    // 365 days to expiry: years = 1. BTC: e^0.05 − 1 = 0.0512710963760241; SOL: e^0.15 − 1; other: e^0.30 − 1.
    const fut = (und: string) => ({ und, type: "FUTURE", qty: 1000, price: P, index: P, expiry: "2027-01-02" });
    const u = units(f.PMRISKUNITS(book(fut("BTC"), fut("SOL"), fut("ZZZ")), NONE, PARAMS));
    expect(u.BTC.MR4).toBeCloseTo(100_000 * (Math.exp(0.05) - 1), 8);
    expect(u.SOL.MR4).toBeCloseTo(100_000 * (Math.exp(0.15) - 1), 8);
    expect(u.ZZZ.MR4).toBeCloseTo(100_000 * (Math.exp(0.3) - 1), 8);
    // a future one day from expiry: e^(0.05/365) − 1 = 0.000137 < 0.2 %, so minBasis
    const near = units(f.PMRISKUNITS(book({ ...fut("BTC"), expiry: "2026-01-03" }), NONE, PARAMS));
    expect(near.BTC.MR4).toBe(200);
  });

  test("MR7 rates on |cash delta| of perps and futures: A 0.45 %, B 0.70 %, O 1.0 %", () => {
    const u = units(f.PMRISKUNITS(book(long("BTC"), long("BNB"), long("QQQ")), NONE, PARAMS));
    expect([u.BTC.MR7, u.BNB.MR7, u.QQQ.MR7]).toEqual([450, 700, 1_000]);
  });

  test("MR7 per short option contract: A 0.5 %, B 1 %, O 2 % of the underlying notional; long options free", () => {
    const opt = (und: string, qty: number) => ({ und, type: "CALL", qty, strike: 100, expiry: "2026-03-27", price: 5, index: P, iv: 0.6, settle: "USD" });
    // short 10 contracts × multiplier 1 × index 100 = 1,000 USD of notional
    const u = units(f.PMRISKUNITS(book(opt("ETH", -10), opt("LTC", -10), opt("FOO", -10), opt("BAR", 10)), NONE, PARAMS));
    expect([u.ETH.MR7, u.LTC.MR7, u.FOO.MR7, u.BAR.MR7]).toEqual([5, 10, 20, 0]);
  });

  test("OKX's example: 10 BTC spot hedged by −10 BTC perp (−1,000 × 0.01) → MR7 = 0.45 % of the perp's notional = 3,020.87", () => {
    // OKX's published figure is 3,020.87 USDT: 0.45 % × 10 BTC × 67,130.4 = 3,020.868. Spot is not charged.
    const px = 67_130.4;
    const t = book(
      { type: "SPOT", qty: 10, price: px },
      { type: "PERP", qty: -1000, price: px, index: px, mult: 0.01 },
    );
    for (const mode of ["larger", "withSpot"]) {
      const u = units(f.PMRISKUNITS(t, NONE, withParams(["spotOffset", mode])));
      expect(u.BTC.MR7).toBeCloseTo(3_020.868, 9);
      expect(u.BTC.SpotInUse).toBe(10);
    }
    // with spot in use the unit's risk is gone but MR7 stays: OKX's MMR = MR7 = 3,020.87 (before MR4 on spot)
    const hedged = units(f.PMRISKUNITS(t, NONE, withParams(["spotOffset", "withSpot"]))).BTC;
    expect([hedged.MR1, hedged.MR6, hedged.MMR]).toEqual([0, 0, hedged.MR7]);
  });

  test("MR7 brackets are applied per bracket, like tax brackets", () => {
    // raw 0.45 % × 66,666,666.67 = 300,000 → 250,000 × 1 + 50,000 × 2 = 350,000
    const t = book({ type: "PERP", qty: 1, price: 300_000 / 0.0045, index: 300_000 / 0.0045 });
    expect(units(f.PMRISKUNITS(t, NONE, PARAMS)).BTC.MR7).toBeCloseTo(350_000, 6);
    // raw 5,000,000 → 250k×1 + 250k×2 + 500k×4 + 1M×6 + 1M×8 + 1M×10 + 1M×12 = 250k + 500k + 2M + 6M + 8M + 10M + 12M
    const t2 = book({ type: "PERP", qty: 1, price: 5_000_000 / 0.0045, index: 5_000_000 / 0.0045 });
    expect(units(f.PMRISKUNITS(t2, NONE, PARAMS)).BTC.MR7).toBeCloseTo(38_750_000, 4);
  });

  test("discount tiers: BTC 0–20 coins 0.98, 20–25 0.9775, applied slice by slice; stablecoins 1.0", () => {
    // 25 BTC at 50,000: (20 × 0.98 + 5 × 0.9775) × 50,000 = 24.4875 × 50,000 = 1,224,375; + 10,000 USDT at 1.0
    // MMR of a long perp of 1 BTC: MR1 12 % × 50,000 = 6,000 + MR4 0.2 % × 50,000 = 100 → 6,100
    const t = book({ type: "PERP", qty: 1, price: 50_000, index: 50_000 });
    const ratio = f.PMMARGINRATIO(t, assets(["BTC", 25, 50_000], ["USDT", 10_000]), PARAMS) as number;
    expect(ratio).toBeCloseTo((1_224_375 + 10_000) / 6_100, 12);
  });

  test("borrowing defaults for USDT and USDC: 10×, 2 %", () => {
    // BORROWMARGIN spills IMR = 100,000 / 10, MMR = 100,000 × 2 %
    expect(f.BORROWMARGIN(100_000, 10, 0.02)).toEqual([[10_000, 2_000]]);
    // the same through an account with −100,000 USDT and no derivatives risk beyond a tiny perp
    const t = book({ type: "PERP", qty: 0, price: 50_000, index: 50_000 });
    expect(f.PMMMR(t, assets(["USDT", -100_000], ["USDC", -50_000], ["BTC", 10, 50_000]), PARAMS)).toBe(3_000); // 2 % × 150,000
    expect(f.PMIMR(t, assets(["USDT", -100_000], ["USDC", -50_000], ["BTC", 10, 50_000]), PARAMS)).toBe(15_000); // 150,000 / 10
  });

  test("vol shock Δσ = 0.30 × (30 / days)^0.3: at 30 days a long call's vol-down cell loses C(σ) − C(σ − 0.30)", () => {
    // 30 days: Δσ = 0.30 exactly; σ = 0.5 → vol down 0.2, up 0.8. Index unchanged (move 0, row 4).
    const t = book({ type: "CALL", qty: 1, strike: 50_000, expiry: "2026-02-01", price: 2_900, index: 50_000, iv: 0.5, settle: "USD" });
    const grid = f.MR1GRID(t, "BTC", PARAMS) as number[][];
    const y = 30 / 365;
    const c = (vol: number) => f.BSPRICE("call", 50_000, 50_000, y, 0, vol) as number;
    expect(grid[3][0]).toBeCloseTo(c(0.2) - c(0.5), 8);
    expect(grid[3][1]).toBe(0);
    expect(grid[3][2]).toBeCloseTo(c(0.8) - c(0.5), 8);
  });

  test("IMR = 1.3 × derivatives MMR + borrowing IMR; unit IMR = 1.3 × unit MMR", () => {
    const t = book({ type: "PERP", qty: 2, price: 60_000, index: 60_000 });
    const a = assets(["USDT", -100_000], ["BTC", 5, 60_000]);
    const u = units(f.PMRISKUNITS(t, a, PARAMS)).BTC;
    expect(u.IMR).toBeCloseTo(1.3 * u.MMR, 9);
    expect(f.PMIMR(t, a, PARAMS)).toBeCloseTo(1.3 * u.MMR + 10_000, 9);
  });
});
