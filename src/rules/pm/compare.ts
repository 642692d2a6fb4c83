/**
 * PMCOMPARE (SPEC §5): the same securities book under Reg T (initial) and under risk-based portfolio
 * margin, side by side: the capital portfolio margin releases and the effective leverage each allows
 * (gross market value / requirement). One params table serves both rule sets: names they share
 * (valuationDate) apply to both.
 */
import { type Position, securitiesOnly } from "../../instruments/positions";
import { dec, toNum } from "../../money";
import type { ParamValues } from "../../params";
import { REGT_PARAMS, regtMargin } from "../regt/index";
import { pmMargin } from "./index";
import { PM_PARAMS } from "./params";
import { grossMarketValue } from "./rules";

export const COMPARE_PARAMS = { ...REGT_PARAMS, ...PM_PARAMS };
export type CompareParams = ParamValues<typeof COMPARE_PARAMS>;

export interface Comparison {
  regtInitial: number;
  portfolioMargin: number;
  /** Reg T initial − portfolio margin (negative when PM charges more). */
  capitalReleased: number;
  /** Σ |quantity × multiplier × Price| of the securities rows. */
  grossMarketValue: number;
  /** Gross market value / requirement; undefined when the requirement is 0. */
  leverageRegT?: number;
  leveragePm?: number;
}

/** Effective leverage: gross market value per unit of requirement. */
export function effectiveLeverage(gmv: number, requirement: number): number | undefined {
  return requirement > 0 ? toNum(dec(gmv).div(requirement)) : undefined;
}

export function compareMargins(positions: readonly Position[], params: CompareParams): Comparison {
  const regtInitial = regtMargin(positions, "initial", params).total;
  const portfolioMargin = pmMargin(positions, params).total;
  const gmv = grossMarketValue(securitiesOnly(positions));
  return {
    regtInitial,
    portfolioMargin,
    capitalReleased: toNum(dec(regtInitial).minus(portfolioMargin)),
    grossMarketValue: gmv,
    leverageRegT: effectiveLeverage(gmv, regtInitial),
    leveragePm: effectiveLeverage(gmv, portfolioMargin),
  };
}
