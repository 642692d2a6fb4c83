/**
 * SPAN (SPEC §7): the 16-scenario risk array of a set of positions and its scan risk.
 *
 * Conventions (help text of SPANARRAY and SPANSCAN):
 * - priceScanRange is a FRACTION of each underlying's price (0.08 = 8 %); every position moves by the
 *   same fraction of its own underlying, so give the positions of one combined commodity.
 * - volScanRange is in absolute vol points (0.04 = 4 vol points), like PMSCENARIO's vol moves.
 * - Risk-array values are P&L: a gain is positive, a loss negative (SPEC §7). Scenarios 15–16 are
 *   already weighted by the cover fraction.
 */
import { numError, valueError } from "../../errors";
import { isBlank } from "../../instruments/cells";
import type { Position } from "../../instruments/positions";
import { readNumberLine, toGrid } from "../../instruments/table";
import { dec } from "../../money";
import { defaults } from "../../params";
import { bookGrid, compileBook, scenarioContext } from "../../models/scenario";
import { SPAN_PARAMS, SPAN_SCENARIOS, type SpanParams, type SpanScenario } from "./params";

export { SPAN_PARAMS, SPAN_SCENARIOS, type SpanParams, type SpanScenario } from "./params";

export const RISK_ARRAY_SIZE = SPAN_SCENARIOS.length;

/** The price move of a scenario, as a fraction: thirds/3 × range, or for an extreme extremeMultiple × range. */
export function scenarioPriceMove(s: SpanScenario, priceScanRange: number, extremeMultiple: number): number {
  const range = s.extreme ? dec(priceScanRange).times(extremeMultiple) : dec(priceScanRange);
  return range.times(s.thirds).div(3).toNumber();
}

/** The vol move of a scenario, in vol points: ±volScanRange or 0. */
export function scenarioVolMove(s: SpanScenario, volScanRange: number): number {
  return s.vol * volScanRange;
}

/** The weight of a scenario's P&L: extremeCover for the extreme moves, 1 otherwise. */
export function scenarioWeight(s: SpanScenario, extremeCover: number): number {
  return s.extreme ? extremeCover : 1;
}

function checkScanRanges(priceScanRange: number, volScanRange: number, p: SpanParams): void {
  if (!(priceScanRange >= 0)) throw numError(`priceScanRange: ${priceScanRange} cannot be negative (a fraction of the price, 0.08 = 8 %)`);
  if (!(volScanRange >= 0)) throw numError(`volScanRange: ${volScanRange} cannot be negative (vol points, 0.04 = 4 points)`);
  const extreme = priceScanRange * p.extremeMultiple;
  if (extreme >= 1) {
    throw numError(`priceScanRange: the extreme down move (${p.extremeMultiple} × ${priceScanRange}) is a fall of 100 % or more`);
  }
}

/** A scenario's description for a labelled risk array, with the extreme multiple and cover filled in. */
export function scenarioLabel(s: SpanScenario, p: Pick<SpanParams, "extremeMultiple" | "extremeCover">): string {
  const text = s.extreme
    ? `price ${s.thirds > 0 ? "up" : "down"} ${p.extremeMultiple} × range, vol unchanged, × ${p.extremeCover}`
    : s.label;
  return `${s.n}: ${text}`;
}

/** The 16-value risk array: P&L of the positions in each scenario (extremes weighted). */
export function spanRiskArray(positions: readonly Position[], priceScanRange: number, volScanRange: number, params: Partial<SpanParams> = {}): number[] {
  const p: SpanParams = { ...defaults(SPAN_PARAMS), ...params };
  checkScanRanges(priceScanRange, volScanRange, p);
  const priceMoves = [...new Set(SPAN_SCENARIOS.map((s) => scenarioPriceMove(s, priceScanRange, p.extremeMultiple)))];
  const volMoves = [...new Set(SPAN_SCENARIOS.map((s) => scenarioVolMove(s, volScanRange)))];
  const grid = bookGrid(compileBook(positions, scenarioContext(p)), priceMoves, volMoves);
  return SPAN_SCENARIOS.map((s) => {
    const i = priceMoves.indexOf(scenarioPriceMove(s, priceScanRange, p.extremeMultiple));
    const j = volMoves.indexOf(scenarioVolMove(s, volScanRange));
    const pnl = grid.cells[i * volMoves.length + j];
    const w = scenarioWeight(s, p.extremeCover);
    return w === 1 ? pnl : dec(pnl).times(w).toNumber();
  });
}

/** Scan risk: the largest loss of the risk array, max(0, −min). */
export function scanRisk(riskArray: readonly number[]): number {
  const worst = Math.min(0, ...riskArray);
  return worst < 0 ? -worst : 0;
}

/**
 * Reads a risk array: 16 numbers as one row or one column, or SPANARRAY's labelled output (two
 * columns, scenario and P&L, optionally under a header row), whose last column is read.
 */
export function readRiskArray(v: unknown, what = "riskArray"): number[] {
  let grid = toGrid(v, what).filter((r) => !r.every(isBlank));
  if (grid.length > 1 && grid[0].length === 2) {
    if (typeof grid[0][1] === "string" && Number.isNaN(Number(grid[0][1]))) grid = grid.slice(1);
    grid = grid.map((r) => [r[1]]);
  }
  const values = readNumberLine(grid, what, `the ${RISK_ARRAY_SIZE} values`);
  if (values.length !== RISK_ARRAY_SIZE) throw valueError(`${what}: a SPAN risk array has ${RISK_ARRAY_SIZE} values, got ${values.length}`);
  return values;
}
