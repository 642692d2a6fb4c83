/**
 * Crypto unified-account portfolio margin (SPEC §6): EVERY default table of the rule set, as data, in
 * one place. Nothing else in src/rules/crypto holds a number of the rulebook; the rules read these
 * tables through `params.ts`, where each can be overridden (scalars by name through the `params`
 * range, tier tables through their own table argument), and `index.ts` publishes them for the
 * parameters sheet.
 *
 * Sources: SPEC §6 and §6.1 (OKX's published portfolio-margin parameters of January 2025 — MR1 price
 * moves, MR6 extreme moves, MR4 annualised move risk — and seed 002's MR9 tier table). Where SPEC gives
 * only an example (discount tiers: "BTC 0–20 coins 0.98, 20–25 0.9775"; borrowing: "USDT and USDC: 10×,
 * 2 %"), the remaining rows below are illustrative defaults, marked as such, for the user to edit.
 */

/** Coin groups for parameters (SPEC §6 "Risk units"): A, B, and O for all others. */
export type CoinGroup = "A" | "B" | "O";
export const COIN_GROUPS: readonly CoinGroup[] = ["A", "B", "O"];

export interface GroupTable {
  /** Coins in the group (O: every coin not in A or B). */
  members: readonly string[];
  /** MR1: the three positive index moves; the grid is −m3, −m2, −m1, 0, +m1, +m2, +m3. */
  moves: readonly [number, number, number];
  /** MR6: the extreme index move, ± (vol unchanged). */
  extremeMove: number;
  /** MR4: minimum basis rate (perps, spot in use, and the floor for futures). */
  minBasis: number;
  /** MR4: annualised move risk; a future's basis rate is max(minBasis, e^(AMR × years) − 1). */
  amr: number;
  /** MR7: rate on |cash delta| of perps and futures. */
  mr7Rate: number;
  /** MR7: rate on the underlying notional of each short option contract. */
  mr7OptionRate: number;
}

/** SPEC §6: coin groups with their MR1, MR4, MR6 and MR7 parameters. */
export const GROUP_TABLE: Readonly<Record<CoinGroup, GroupTable>> = {
  A: {
    members: ["BTC", "ETH"],
    moves: [0.04, 0.08, 0.12],
    extremeMove: 0.24,
    minBasis: 0.002,
    amr: 0.05,
    mr7Rate: 0.0045,
    mr7OptionRate: 0.005,
  },
  B: {
    members: ["SOL", "DOGE", "PEPE", "XRP", "BNB", "SHIB", "LTC", "ORDI", "WLD", "BCH", "ADA"],
    moves: [0.06, 0.12, 0.18],
    extremeMove: 0.36,
    minBasis: 0.008,
    amr: 0.15,
    mr7Rate: 0.007,
    mr7OptionRate: 0.01,
  },
  O: {
    members: [],
    moves: [0.08, 0.16, 0.25],
    extremeMove: 0.5,
    minBasis: 0.015,
    amr: 0.3,
    mr7Rate: 0.01,
    mr7OptionRate: 0.02,
  },
};

/**
 * MR1/MR3 volatility shock (SPEC §6): Δσ = base × (refDays / days to expiry)^power, in absolute vol
 * (0.30 = 30 vol points at 30 days). Days below `minDays` count as `minDays` so that an option expiring
 * today gets a finite shock. MR3 pivots its twist at `termPivotDays`.
 */
export const VOL_SHOCK = {
  base: 0.3,
  refDays: 30,
  power: 0.3,
  minDays: 1,
  termPivotDays: 30,
} as const;

/** Other scalar constants of the rules (SPEC §6). */
export const RULE_CONSTANTS = {
  /** MR2: the decay horizon, in days (24 hours). */
  decayDays: 1,
  /** MR5: the parallel rate shift, ±. */
  rateShift: 0.01,
  /** MR6: the share of the extreme-move loss charged. */
  extremeFraction: 0.5,
  /** Total IMR = imrFactor × derivatives MMR + borrowing IMR; a unit's IMR = imrFactor × its MMR. */
  imrFactor: 1.3,
  /** Liquidation starts when the maintenance margin ratio is at or below this. */
  liquidationTrigger: 1.0,
  /** The liquidation waterfall stops as soon as the ratio is above this. */
  liquidationTarget: 1.1,
} as const;

/**
 * MR7 multiplier brackets (SPEC §6): the raw minimum charge is taken through these like tax brackets —
 * each slice of the raw charge up to `upTo` (USD) is multiplied by its multiplier; `upTo` undefined is
 * "and above".
 */
export interface Bracket {
  upTo: number | undefined;
  multiplier: number;
}
export const MR7_BRACKETS: readonly Bracket[] = [
  { upTo: 250_000, multiplier: 1 },
  { upTo: 500_000, multiplier: 2 },
  { upTo: 1_000_000, multiplier: 4 },
  { upTo: 2_000_000, multiplier: 6 },
  { upTo: 3_000_000, multiplier: 8 },
  { upTo: 4_000_000, multiplier: 10 },
  { upTo: undefined, multiplier: 12 },
];

/**
 * MR9 tier table (SPEC §6.1, seed 002's USDT–USD table): hedged volume tiers (upper bounds, USD) ×
 * index price levels (descending). rates[i][j] is the rate of tier i at level j.
 */
export interface TierTable {
  levels: readonly number[];
  bounds: readonly number[];
  rates: readonly (readonly number[])[];
}
export const MR9_TIERS: TierTable = {
  levels: [0.99, 0.98, 0.95],
  bounds: [1_000_000, 5_000_000, 10_000_000],
  rates: [
    [0.005, 0.01, 0.05],
    [0.015, 0.02, 0.06],
    [0.02, 0.03, 0.1],
  ],
};

/** MR9: the stablecoin pairs, in netting priority (SPEC §6). */
export const MR9_PAIRS: readonly (readonly ["USDT" | "USDC", "USD" | "USDC"])[] = [
  ["USDT", "USD"],
  ["USDT", "USDC"],
  ["USDC", "USD"],
];

/** Settlement currencies whose USD price defaults to 1. */
export const STABLECOINS: readonly string[] = ["USDT", "USDC", "USD"];

/**
 * Adjusted-equity discount tiers per currency (SPEC §6): the amount of a currency's positive equity,
 * in its own units (coins), is discounted slice by slice: each slice up to `upTo` at its rate;
 * `upTo` undefined is "and above". Currency "*" applies to every currency not listed.
 * SPEC gives BTC 0–20 coins 0.98, 20–25 0.9775 and stablecoins 1.0; the other rows are illustrative
 * defaults to be edited to the exchange's current table.
 */
export interface DiscountTier {
  currency: string;
  upTo: number | undefined;
  discount: number;
}
export const DISCOUNT_TIERS: readonly DiscountTier[] = [
  { currency: "USDT", upTo: undefined, discount: 1 },
  { currency: "USDC", upTo: undefined, discount: 1 },
  { currency: "USD", upTo: undefined, discount: 1 },
  { currency: "BTC", upTo: 20, discount: 0.98 },
  { currency: "BTC", upTo: 25, discount: 0.9775 },
  { currency: "BTC", upTo: 50, discount: 0.95 },
  { currency: "BTC", upTo: 100, discount: 0.9 },
  { currency: "BTC", upTo: undefined, discount: 0.8 },
  { currency: "ETH", upTo: 400, discount: 0.98 },
  { currency: "ETH", upTo: 500, discount: 0.9775 },
  { currency: "ETH", upTo: 1000, discount: 0.95 },
  { currency: "ETH", upTo: 2000, discount: 0.9 },
  { currency: "ETH", upTo: undefined, discount: 0.8 },
  { currency: "*", upTo: undefined, discount: 0.8 },
];

/**
 * Borrowing parameters per currency (SPEC §6): borrowing IMR = liability / maxLeverage, borrowing
 * MMR = liability × mmrRate. SPEC gives USDT and USDC 10×, 2 %; the other rows (coins 5×, 4 %) are
 * illustrative defaults to be edited. Currency "*" applies to every currency not listed.
 */
export interface BorrowRate {
  currency: string;
  maxLeverage: number;
  mmrRate: number;
}
export const BORROW_RATES: readonly BorrowRate[] = [
  { currency: "USDT", maxLeverage: 10, mmrRate: 0.02 },
  { currency: "USDC", maxLeverage: 10, mmrRate: 0.02 },
  { currency: "USD", maxLeverage: 10, mmrRate: 0.02 },
  { currency: "BTC", maxLeverage: 5, mmrRate: 0.04 },
  { currency: "ETH", maxLeverage: 5, mmrRate: 0.04 },
  { currency: "*", maxLeverage: 5, mmrRate: 0.04 },
];

/** Vol used when a down-shock takes σ to zero (Black–Scholes needs σ > 0): the σ → 0 limit, numerically. */
export const MIN_VOL = 1e-8;
