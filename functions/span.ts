/**
 * SPAN (SPEC §7): the 16-scenario risk array of a set of positions, and its scan risk.
 */
import { parsePositions } from "../src/instruments/positions";
import { readParams } from "../src/params";
import { readRiskArray, scanRisk, SPAN_PARAMS, SPAN_SCENARIOS, scenarioLabel, spanRiskArray } from "../src/rules/span/index";
import { num } from "./args";
import { type Cell, type ExcelErrorValue, run, runGrid } from "./excel";

/**
 * SPAN scan risk of a 16-value risk array (scenarios 1–14 as given, 15–16 the extreme moves already weighted), losses negative: max(0, −smallest value).
 * @customfunction
 * @param riskArray The 16 P&L values, one row or one column (a loss negative), or SPANARRAY's labelled two-column output.
 * @returns The scan risk (≥ 0).
 */
export function SPANSCAN(riskArray: unknown[][]): number | ExcelErrorValue {
  return run(() => scanRisk(readRiskArray(riskArray)));
}

/**
 * SPAN risk array of the positions: the P&L (gain positive) in CME's 16 scenarios, as a column: price unchanged, ±1/3, ±2/3, ±3/3 of the price scan range, each with vol up and vol down by the vol scan range (scenarios 1–14), then the extreme moves ±extremeMultiple (2) × range with vol unchanged, weighted by extremeCover (0.35) (15–16). Options are revalued as in PMSCENARIO. All positions move by the same fraction of their own underlying: give the positions of one combined commodity.
 * @customfunction
 * @param positions Positions table (Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice, IV, Multiplier, ...), with or without a header row.
 * @param priceScanRange Price scan range as a FRACTION of the underlying price (0.08 = 8 %), ≥ 0.
 * @param volScanRange Volatility scan range in absolute vol points (0.04 = 4 points), ≥ 0.
 * @param [params] Two columns, name and value: extremeMultiple (2), extremeCover (0.35), withLabels (FALSE: TRUE adds a scenario column and a header row), horizonDays (1), rate (0), dividendYield (0), valuationDate (today), model (BSM or BLACK76), volFloor (0.0001).
 * @returns A column of 16 P&L values (17 × 2 with labels).
 */
export function SPANARRAY(positions: unknown[][], priceScanRange: unknown, volScanRange: unknown, params?: unknown[][]): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const p = readParams(SPAN_PARAMS, params);
    const values = spanRiskArray(parsePositions(positions), num(priceScanRange, "priceScanRange"), num(volScanRange, "volScanRange"), p);
    if (!p.withLabels) return values.map((v) => [v]);
    return [["Scenario", "P&L"], ...values.map((v, i) => [scenarioLabel(SPAN_SCENARIOS[i], p), v])];
  });
}
