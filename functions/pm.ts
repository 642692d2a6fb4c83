/**
 * Securities portfolio margin (SPEC §5): the scenario grid of a book and the risk-based requirement.
 *
 * Range arguments are declared `unknown[][]` so that the generated metadata gives them "matrix"
 * dimensionality: Excel then passes the whole range (a scalar parameter does not take one). The
 * metadata generator reads only literal array types, not type aliases.
 */
import { parsePositions } from "../src/instruments/positions";
import { gridRows, type PnlGrid, readMoves } from "../src/models/scenario";
import { PM_PARAMS, pmMargin, pmScenario } from "../src/rules/pm/index";
import { COMPARE_PARAMS, compareMargins } from "../src/rules/pm/compare";
import { readParams } from "../src/params";
import { omitted } from "./args";
import { type Cell, type ExcelErrorValue, type Grid, run, runGrid } from "./excel";

function labelled(grid: PnlGrid): Grid {
  const rows = gridRows(grid);
  return [["Price move \\ Vol move", ...grid.volMoves], ...rows.map((r, i) => [grid.priceMoves[i], ...r])];
}

/**
 * Portfolio P&L grid: one row per underlying price move, one column per volatility move, each cell the sum over positions of (value after the move − value now), a gain positive. Value now is the model value at today's inputs (an option's Price column is not used); after the move the option is revalued by Black–Scholes–Merton (or Black-76, params model) at the moved underlying price and vol, horizonDays later (default 1); stock, spot, futures and perps move linearly (quantity × multiplier × Price × move). Every underlying moves by the same fraction of its own price. Default price moves: −15 % … +15 % in 3 % steps, or −8 % … +6 % when every position is a BROAD_INDEX; default vol moves: 0.
 * @customfunction
 * @param positions Positions table (Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Class, ...), with or without a header row.
 * @param [priceMoves] Price moves as fractions (−0.15 = a 15 % fall), one row or one column; rows of the result follow their order. Each must be above −1.
 * @param [volMoves] Volatility moves in absolute vol points (−0.05, 0, 0.05), one row or one column; columns of the result follow their order. The moved vol is floored at volFloor (default 0.0001). Default 0.
 * @param [params] Two columns, name and value: horizonDays (1), rate (0), dividendYield (0), valuationDate (today), model (BSM or BLACK76), volFloor (0.0001), withLabels (FALSE: TRUE adds the moves as a header row and first column).
 * @returns The P&L grid, a gain positive.
 */
export function PMSCENARIO(positions: unknown[][], priceMoves?: unknown[][], volMoves?: unknown[][], params?: unknown[][]): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const p = readParams(PM_PARAMS, params);
    const book = parsePositions(positions);
    const pm = omitted(priceMoves) ? undefined : readMoves(priceMoves, "priceMoves");
    const vm = omitted(volMoves) ? undefined : readMoves(volMoves, "volMoves");
    const grid = pmScenario(book, pm, vm, p);
    return p.withLabels ? labelled(grid) : gridRows(grid);
  });
}

/**
 * Risk-based portfolio margin (FINRA 4210(g) / OCC TIMS style): for each underlying, the worst loss over its own class grid (−15 % … +15 % in 3 % steps for equities, narrow indexes and ETFs, times a leveraged ETF's leverage; −8 % … +6 % for broad indexes; vol unchanged unless volShift is set), floored at minPerContract × multiplier × |contracts| of its options and futures (identical contracts netted); summed across underlyings, with no offsets unless params give a class offset p (then that class is credited p × (Σ its worst losses − the worst loss of its underlyings taken together, scenario by scenario)); times houseMultiplier. Long 100 shares at $50 → 750.
 * @customfunction
 * @param positions Positions table (Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Class, Leverage, ...), with or without a header row.
 * @param [params] Two columns, name and value: minPerContract (0.375), houseMultiplier (1), volShift (0), offsetEquity / offsetBroadIndex / offsetNarrowIndex / offsetEtf (0–1, default 0), horizonDays (1), rate (0), dividendYield (0), valuationDate (today), model (BSM or BLACK76), volFloor (0.0001).
 * @returns The portfolio-margin requirement in account currency.
 */
export function PMMARGIN(positions: unknown[][], params?: unknown[][]): number | ExcelErrorValue {
  return run(() => pmMargin(parsePositions(positions), readParams(PM_PARAMS, params)).total);
}

/**
 * Reg T versus portfolio margin for the same securities book, side by side: spills a header row and one row of Reg T initial (REGTMARGIN), portfolio margin (PMMARGIN), capital released (Reg T − PM), gross market value (Σ |quantity × multiplier × Price|) and the effective leverage each allows (gross market value / requirement; "n/a" when the requirement is 0). Long 100 shares at $50: 2,500 vs 750, 1,750 released, leverage 2 vs 6.67. Crypto rows are left out.
 * @customfunction
 * @param positions Positions table (Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, Class, Leverage, ...), with or without a header row.
 * @param [params] Two columns, name and value: any Reg T parameter (as REGTMARGIN) and any PM parameter (as PMMARGIN); valuationDate applies to both.
 * @returns A 2 × 6 range: header row, then the figures.
 */
export function PMCOMPARE(positions: unknown[][], params?: unknown[][]): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const c = compareMargins(parsePositions(positions), readParams(COMPARE_PARAMS, params));
    return [
      ["Reg T initial", "Portfolio margin", "Capital released", "Gross market value", "Leverage (Reg T)", "Leverage (PM)"],
      [c.regtInitial, c.portfolioMargin, c.capitalReleased, c.grossMarketValue, c.leverageRegT ?? "n/a", c.leveragePm ?? "n/a"],
    ];
  });
}
