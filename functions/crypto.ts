/**
 * Crypto unified-account portfolio margin (SPEC §6, §6.1; OKX method): risk units, MR1–MR9, account
 * totals, borrowing, MR9 tiers and the liquidation waterfall. Thin wrappers over src/rules/crypto.
 */
import { asText } from "../src/instruments/cells";
import { parsePositions } from "../src/instruments/positions";
import { dec, toNum } from "../src/money";
import {
  type CryptoAccount,
  accountRatio,
  borrowingMargin,
  evaluateAccount,
  liquidationPlan,
  planOutcome,
  mr9Charge,
  mr9TierRate,
  parseAssets,
  readCryptoContext,
  readTierTable,
  unitMr1Grid,
} from "../src/rules/crypto/index";
import { num, optBool } from "./args";
import { type Cell, type ExcelErrorValue, run, runGrid } from "./excel";

/** Reads every argument of an account-level function and evaluates the account (units, borrowing, totals). */
function account(
  positions: unknown,
  assets: unknown,
  params: unknown,
  mr9Tiers: unknown,
  mr7Brackets: unknown,
  discountTiers: unknown,
  borrowRates: unknown,
): CryptoAccount {
  const ctx = readCryptoContext({ params, mr9Tiers, mr7Brackets, discountTiers, borrowRates });
  return evaluateAccount(parsePositions(positions), parseAssets(assets), ctx);
}

const RISK_UNIT_HEADER = [
  "RiskUnit", "MR1", "MR2", "MR3", "MR4", "MR5", "MR6", "MR7", "MR8", "MR9", "MMR", "IMR", "Delta", "Gamma", "Vega", "Theta",
  "SpotInUse", "MMRWithSpot", "CashDeltaUSDT", "CashDeltaUSDC", "CashDeltaUSD",
];

/**
 * Crypto portfolio margin by risk unit (SPEC §6): one row per coin with MR1 spot shock (worst loss over 7 index moves × 3 vol states), MR2 24-hour time decay, MR3 vol term-structure twist, MR4 basis (rate × |cash delta| of perps, futures, spot in use), MR5 ±1 % rate shift, MR6 half the extreme-move loss, MR7 minimum charge through the multiplier brackets, MR8 the account's borrowing MMR (shown, not added), MR9 stablecoin-depeg charge; MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7); IMR = 1.3 × MMR; Delta, Gamma (per 1 USD of index), Vega (per 1.00 vol), Theta (per year) in USD; SpotInUse (coins of spot hedging the unit), MMRWithSpot (the unit's MMR recomputed with that spot) and the cash delta per settlement currency that MR9 nets (CashDeltaUSDT, CashDeltaUSDC, CashDeltaUSD). Crypto rows are those with a Settle currency, plus SPOT rows without one on a coin that has crypto derivatives; all money in USD.
 * @customfunction
 * @param positions Positions table (header row recommended): Underlying, Type (SPOT, PERP, FUTURE, CALL, PUT), Quantity (signed), Strike, Expiry, Price (mark), UnderlyingPrice (index), IV, Multiplier (coins per contract, default 1), Settle (USDT, USDC linear; USD coin-margined).
 * @param [assets] Assets table: Currency, Balance (equity, negative for a liability), USDPrice (default 1 for USDT, USDC, USD), optional SpotInUseCap (coins). Used for stablecoin rates, MR8 and spot caps.
 * @param [params] Two-column range of name and value overriding defaults: valuationDate, rate, model (BSM or BLACK76), spotOffset (larger or withSpot), groupA, groupB, moveA1..moveO3, extremeA/B/O, minBasisA/B/O, amrA/B/O, mr7RateA/B/O, mr7OptionRateA/B/O, volShockBase, termPivotDays, decayDays, rateShift, imrFactor...
 * @param [mr9Tiers] MR9 tier table: corner cell and price levels (descending) in the first row, then per tier its hedged-volume upper bound and rates. Default SPEC §6.1.
 * @param [mr7Brackets] MR7 multiplier brackets: columns UpTo (raw charge in USD, blank = above) and Multiplier. Default 250k ×1, 500k ×2, 1M ×4, 2M ×6, 3M ×8, 4M ×10, above ×12.
 * @param [discountTiers] Discount tiers: Currency (or * for others), UpTo (amount in coins, blank = above), Discount. Not used here; accepted so every crypto function takes the same arguments.
 * @param [borrowRates] Borrowing parameters: Currency (or *), MaxLeverage, MMRRate. Default USDT, USDC 10×, 2 %.
 * @returns A range: header row, then one row per risk unit.
 */
export function PMRISKUNITS(
  positions: unknown[][],
  assets?: unknown[][],
  params?: unknown[][],
  mr9Tiers?: unknown[][],
  mr7Brackets?: unknown[][],
  discountTiers?: unknown[][],
  borrowRates?: unknown[][],
): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const a = account(positions, assets, params, mr9Tiers, mr7Brackets, discountTiers, borrowRates);
    return [
      RISK_UNIT_HEADER,
      ...a.pairs.map(({ shown: r, withSpot }) => [
        r.coin,
        ...[r.mr1, r.mr2, r.mr3, r.mr4, r.mr5, r.mr6, r.mr7, r.mr8, r.mr9, r.mmr, r.imr].map(toNum),
        r.delta,
        r.gamma,
        r.vega,
        r.theta,
        withSpot.spotInUse,
        toNum(withSpot.mmr),
        toNum(r.cashDelta.USDT),
        toNum(r.cashDelta.USDC),
        toNum(r.cashDelta.USD),
      ]),
    ];
  });
}

/**
 * Total maintenance margin requirement (USD) of a crypto portfolio-margin account (SPEC §6): max(derivatives MMR, derivatives-and-spot MMR) + borrowing MMR. Derivatives MMR = Σ unit MMR of PMRISKUNITS; derivatives-and-spot MMR = Σ unit MMR recomputed with spot in use (the MMRWithSpot column). With params spotOffset = larger (default, SPEC as written) spot in use can raise but never lower the total; spotOffset = withSpot credits spot hedges (OKX's spot-derivatives offset). Borrowing MMR = Σ liability × MMR rate over currencies with negative balance.
 * @customfunction
 * @param positions Positions table: Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Settle (as PMRISKUNITS).
 * @param [assets] Assets table: Currency, Balance (negative = liability), USDPrice, optional SpotInUseCap. Liabilities add borrowing MMR.
 * @param [params] Two-column range of name and value overriding defaults (as PMRISKUNITS).
 * @param [mr9Tiers] MR9 tier table (SPEC §6.1 layout). Default SPEC §6.1.
 * @param [mr7Brackets] MR7 multiplier brackets: UpTo, Multiplier.
 * @param [discountTiers] Discount tiers: Currency, UpTo, Discount. Not used by the MMR; accepted for uniform arguments.
 * @param [borrowRates] Borrowing parameters: Currency, MaxLeverage, MMRRate.
 * @returns Total MMR in USD.
 */
export function PMMMR(
  positions: unknown[][],
  assets?: unknown[][],
  params?: unknown[][],
  mr9Tiers?: unknown[][],
  mr7Brackets?: unknown[][],
  discountTiers?: unknown[][],
  borrowRates?: unknown[][],
): number | ExcelErrorValue {
  return run(() => toNum(account(positions, assets, params, mr9Tiers, mr7Brackets, discountTiers, borrowRates).totals.totalMmr));
}

/**
 * Total initial margin requirement (USD) of a crypto portfolio-margin account (SPEC §6): 1.3 × derivatives MMR + borrowing IMR, where derivatives MMR = Σ unit MMR of PMRISKUNITS (params imrFactor, default 1.3) and borrowing IMR = Σ liability / max leverage over currencies with negative balance.
 * @customfunction
 * @param positions Positions table: Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Settle (as PMRISKUNITS).
 * @param [assets] Assets table: Currency, Balance (negative = liability), USDPrice, optional SpotInUseCap. Liabilities add borrowing IMR.
 * @param [params] Two-column range of name and value overriding defaults (as PMRISKUNITS).
 * @param [mr9Tiers] MR9 tier table (SPEC §6.1 layout). Default SPEC §6.1.
 * @param [mr7Brackets] MR7 multiplier brackets: UpTo, Multiplier.
 * @param [discountTiers] Discount tiers: Currency, UpTo, Discount. Not used by the IMR; accepted for uniform arguments.
 * @param [borrowRates] Borrowing parameters: Currency, MaxLeverage, MMRRate.
 * @returns Total IMR in USD.
 */
export function PMIMR(
  positions: unknown[][],
  assets?: unknown[][],
  params?: unknown[][],
  mr9Tiers?: unknown[][],
  mr7Brackets?: unknown[][],
  discountTiers?: unknown[][],
  borrowRates?: unknown[][],
): number | ExcelErrorValue {
  return run(() => toNum(account(positions, assets, params, mr9Tiers, mr7Brackets, discountTiers, borrowRates).totals.totalImr));
}

/**
 * Maintenance margin ratio of a crypto portfolio-margin account (SPEC §6): adjusted equity / total MMR (PMMMR), as a fraction (1.5 = 150 %; at or below 1 the account is liquidated). Adjusted equity = Σ over assets of Balance × USDPrice × discount, the discount tiered by amount per currency and applied slice by slice; negative balances at full value. #DIV/0! when the total MMR is 0.
 * @customfunction
 * @param positions Positions table: Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Settle (as PMRISKUNITS).
 * @param assets Assets table: Currency, Balance (the currency's equity including unrealised P&L; negative = liability), USDPrice (default 1 for USDT, USDC, USD; for a coin, default its index price from positions × the USD rate of that row's Settle), optional SpotInUseCap.
 * @param [params] Two-column range of name and value overriding defaults (as PMRISKUNITS).
 * @param [mr9Tiers] MR9 tier table (SPEC §6.1 layout). Default SPEC §6.1.
 * @param [mr7Brackets] MR7 multiplier brackets: UpTo, Multiplier.
 * @param [discountTiers] Discount tiers: Currency (or * for others), UpTo (coins, blank = above), Discount. Default BTC 0–20 coins 0.98, 20–25 0.9775, ...; stablecoins 1.
 * @param [borrowRates] Borrowing parameters: Currency, MaxLeverage, MMRRate.
 * @returns The ratio as a fraction.
 */
export function PMMARGINRATIO(
  positions: unknown[][],
  assets: unknown[][],
  params?: unknown[][],
  mr9Tiers?: unknown[][],
  mr7Brackets?: unknown[][],
  discountTiers?: unknown[][],
  borrowRates?: unknown[][],
): number | ExcelErrorValue {
  return run(() => toNum(accountRatio(account(positions, assets, params, mr9Tiers, mr7Brackets, discountTiers, borrowRates)).ratio));
}

/**
 * The MR1 spot-shock grid of one risk unit (SPEC §6): P&L in USD for 7 index moves (rows, ascending: A ±0, 4, 8, 12 %; B ±0, 6, 12, 18 %; O ±0, 8, 16, 25 %) × 3 vol states (columns: down, unchanged, up by Δσ = 0.30 × (30 / days to expiry)^0.3, down capped at σ). Linear legs move with the index; options are revalued with Black–Scholes on the index. MR1 = max(0, −the worst cell). The unit is evaluated as PMRISKUNITS shows it (with spot in use when params spotOffset = withSpot).
 * @customfunction
 * @param positions Positions table: Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Settle (as PMRISKUNITS).
 * @param unit The risk unit: the coin, e.g. "BTC".
 * @param [params] Two-column range of name and value overriding defaults (as PMRISKUNITS).
 * @param [assets] Assets table: Currency, Balance, USDPrice, SpotInUseCap; gives stablecoin USD rates and spot caps.
 * @param [labels] TRUE adds a header row (Move, VolDown, VolUnchanged, VolUp), the move in the first column, and a last row with the worst cell (Worst, move, vol state, P&L). Default FALSE: the bare 7 × 3 grid.
 * @returns The grid.
 */
export function MR1GRID(positions: unknown[][], unit: unknown, params?: unknown[][], assets?: unknown[][], labels?: unknown): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const ctx = readCryptoContext({ params });
    const coin = asText(unit, "unit").toUpperCase();
    const withLabels = optBool(labels, "labels", false);
    const g = unitMr1Grid(parsePositions(positions), parseAssets(assets), ctx, coin);
    const cells = g.grid.map((row) => row.map(toNum));
    if (!withLabels) return cells;
    return [
      ["Move", "VolDown", "VolUnchanged", "VolUp"],
      ...cells.map((row, i) => [g.moves[i], ...row]),
      ["Worst", g.worst.move, g.worst.vol, toNum(g.worst.pnl)],
    ];
  });
}

/**
 * MR9 tier rate (SPEC §6.1): the rate of the tier the hedged volume falls in (a volume exactly on a bound belongs to the lower tier; above the last bound, the last tier) in the column of the index price: the lowest listed price level the price has reached (price ≤ level); a price above the highest level uses the highest level's column (the floor rate).
 * @customfunction
 * @param hedgedVolume Hedged stablecoin volume in USD (≥ 0).
 * @param indexPrice The pair's index price, e.g. USDT/USD 0.985 (> 0).
 * @param [tierTable] Tier table: first row an empty corner cell then the price levels (descending); each following row a tier's upper bound of hedged volume then its rates. Default the USDT–USD table of SPEC §6.1.
 * @returns The rate as a fraction.
 */
export function MR9TIER(hedgedVolume: unknown, indexPrice: unknown, tierTable?: unknown[][]): number | ExcelErrorValue {
  return run(() => toNum(mr9TierRate(dec(num(hedgedVolume, "hedgedVolume")), num(indexPrice, "indexPrice"), readTierTable(tierTable))));
}

/**
 * MR9 charge in USD (SPEC §6.1), progressive across tiers: each slice of the hedged volume is charged at its own tier's rate, in the column of the index price (as MR9TIER). Example with rates 0.75 %, 1.75 %, 2.5 % for tiers up to 1M, 5M, 10M: 10,000,000 → 1M × 0.75 % + 4M × 1.75 % + 5M × 2.5 % = 202,500.
 * @customfunction
 * @param hedgedVolume Hedged stablecoin volume in USD (≥ 0).
 * @param indexPrice The pair's index price, e.g. USDT/USD 0.985 (> 0).
 * @param [tierTable] Tier table: first row an empty corner cell then the price levels (descending); each following row a tier's upper bound of hedged volume then its rates. Default the USDT–USD table of SPEC §6.1.
 * @returns The charge in USD.
 */
export function MR9CHARGE(hedgedVolume: unknown, indexPrice: unknown, tierTable?: unknown[][]): number | ExcelErrorValue {
  return run(() => toNum(mr9Charge(dec(num(hedgedVolume, "hedgedVolume")), num(indexPrice, "indexPrice"), readTierTable(tierTable))));
}

/**
 * Borrowing margin of one liability (SPEC §6): spills IMR = liability / maxLeverage, then MMR = liability × mmrRate (defaults for USDT and USDC: 10×, 2 %).
 * @customfunction
 * @param liability Amount borrowed, in USD (≥ 0).
 * @param maxLeverage Maximum borrowing leverage of the currency (> 0), e.g. 10.
 * @param mmrRate Borrowing maintenance rate, fraction (≥ 0), e.g. 0.02.
 * @returns A 1 × 2 range: IMR, MMR.
 */
export function BORROWMARGIN(liability: unknown, maxLeverage: unknown, mmrRate: unknown): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const m = borrowingMargin(dec(num(liability, "liability")), num(maxLeverage, "maxLeverage"), num(mmrRate, "mmrRate"));
    return [[toNum(m.imr), toNum(m.mmr)]];
  });
}

/**
 * Simulated liquidation waterfall of a crypto portfolio-margin account (SPEC §6), when its margin ratio is at or below 100 %: (1) DDH1 reduces stablecoin-hedged derivative pairs where MR9 is a unit's largest risk; (2) DDH2 hedges a unit's delta with its perpetual where MR1 dominates; (3) closes offsetting futures of different expiries together; (4) general reduction, largest notional first. Each trade is applied only if it raises the ratio, and only the part needed to lift it above 110 %. Spills Step, Reason, Instrument, Quantity (contracts, + buy, − sell), RatioAfter; the last row (End) says whether the ratio was restored.
 * @customfunction
 * @param positions Positions table: Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Settle (as PMRISKUNITS).
 * @param assets Assets table: Currency, Balance (equity; negative = liability), USDPrice, optional SpotInUseCap.
 * @param [params] Two-column range of name and value overriding defaults (as PMRISKUNITS), including liquidationTrigger (1.0) and liquidationTarget (1.1).
 * @param [mr9Tiers] MR9 tier table (SPEC §6.1 layout). Default SPEC §6.1.
 * @param [mr7Brackets] MR7 multiplier brackets: UpTo, Multiplier.
 * @param [discountTiers] Discount tiers: Currency, UpTo, Discount.
 * @param [borrowRates] Borrowing parameters: Currency, MaxLeverage, MMRRate.
 * @returns A range: header row, one row per trade, and an End row.
 */
export function LIQPLAN(
  positions: unknown[][],
  assets: unknown[][],
  params?: unknown[][],
  mr9Tiers?: unknown[][],
  mr7Brackets?: unknown[][],
  discountTiers?: unknown[][],
  borrowRates?: unknown[][],
): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const ctx = readCryptoContext({ params, mr9Tiers, mr7Brackets, discountTiers, borrowRates });
    const plan = liquidationPlan(parsePositions(positions), parseAssets(assets), ctx);
    const shown = (x: number): Cell => (Number.isFinite(x) ? x : "");
    return [
      ["Step", "Reason", "Instrument", "Quantity", "RatioAfter"],
      ...plan.rows.map((r) => [r.step, r.reason, r.instrument, r.quantity, shown(r.ratioAfter)]),
      ["End", planOutcome(plan, ctx.params), "", "", shown(plan.finalRatio)],
    ];
  });
}
