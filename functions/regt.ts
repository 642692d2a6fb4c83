/**
 * Strategy-based margin (SPEC §4): Regulation T / FINRA 4210 / CBOE, with the cheapest legal pairing.
 */
import { parsePositions } from "../src/instruments/positions";
import { optional } from "../src/instruments/cells";
import { readParams } from "../src/params";
import { REGT_PARAMS, type RegTRequirement, regtMargin, REQUIREMENT } from "../src/rules/regt/index";
import { type Cell, type ExcelErrorValue, run, runGrid } from "./excel";

function compute(positions: unknown, requirement: unknown, params: unknown) {
  const book = parsePositions(positions);
  const which: RegTRequirement = optional(requirement, REQUIREMENT.default, REQUIREMENT.read, "requirement");
  return regtMargin(book, which, readParams(REGT_PARAMS, params));
}

/**
 * Reg T / FINRA 4210 / CBOE strategy-based margin of a stock and option book. Identical contracts are netted, then each underlying's legs are grouped into the strategies (spreads, butterflies, condors, boxes, straddles, covered and protective positions, collars) with the lowest total: an exact branch-and-bound search up to 12 option contracts per underlying, a budgeted search beyond, never above margining each leg alone. REGTDETAIL shows the groups. Crypto rows (with a Settle currency, PERP or SPOT) are left to the crypto functions and add nothing here.
 * @customfunction
 * @param positions Positions table (header row recommended): Underlying, Type (STOCK, CALL, PUT), Quantity (signed), Strike, Expiry, Price, UnderlyingPrice; optional Multiplier (default 100 for options), Class (BROAD_INDEX for 15 %), Leverage.
 * @param [requirement] "initial" (default, Reg T) or "maintenance" (FINRA 4210).
 * @param [params] Two-column range of name and value overriding defaults: netOfProceeds (TRUE subtracts short-option proceeds), roundPerShare (TRUE rounds per-share figures up to the cent), valuationDate (for the 9-month long-option rule; default today), and every rate by name (longStockInitial, nakedRate, ...).
 * @returns The total requirement in account currency.
 */
export function REGTMARGIN(positions: unknown[][], requirement?: unknown, params?: unknown[][]): number | ExcelErrorValue {
  return run(() => compute(positions, requirement, params).total);
}

/**
 * How REGTMARGIN's figure was found: spills a header row (Underlying, Strategy, Legs, Requirement, Rule) and one row per strategy group of the cheapest grouping (and a 0 row per crypto row left out); the requirements add up to REGTMARGIN.
 * @customfunction
 * @param positions Positions table (header row recommended): Underlying, Type (STOCK, CALL, PUT), Quantity (signed), Strike, Expiry, Price, UnderlyingPrice; optional Multiplier, Class, Leverage.
 * @param [requirement] "initial" (default, Reg T) or "maintenance" (FINRA 4210).
 * @param [params] Two-column range of name and value overriding defaults, as for REGTMARGIN.
 * @returns A range: header row, then Underlying, Strategy, Legs, Requirement and Rule per group.
 */
export function REGTDETAIL(positions: unknown[][], requirement?: unknown, params?: unknown[][]): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const r = compute(positions, requirement, params);
    return [
      ["Underlying", "Strategy", "Legs", "Requirement", "Rule"],
      ...r.groups.map((g) => [g.underlying, g.strategy, g.legs, g.requirement, g.rule]),
      ...r.excluded.map((p) => [p.underlying, "Not Reg T (crypto)", `row ${p.row}: ${p.quantity} ${p.type}${p.settle ? " " + p.settle : ""}`, 0, "crypto rows are margined by PMMMR"]),
    ];
  });
}
