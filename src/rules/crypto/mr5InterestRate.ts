/**
 * MR5 interest rate (SPEC §6, options): the worst loss of the unit's options for a parallel shift of
 * the rate by ± `params` rateShift (default 0.01), index and IV unchanged, ≥ 0.
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type CryptoParams } from "./params";
import { type OptionTerms, optionValue } from "./revalue";
import { SC, type UnitAggregate } from "./types";

/** An option's P&L per unit of underlying at rate + shift and rate − shift. */
export function mr5OptionScenarios(o: OptionTerms, s: number, base: number, p: CryptoParams): [number, number] {
  return [
    optionValue(o, s, o.sigma, o.years, p.rate + p.rateShift, p) - base,
    optionValue(o, s, o.sigma, o.years, p.rate - p.rateShift, p) - base,
  ];
}

/** MR5 = max(0, −min(P&L up, P&L down)). */
export function mr5InterestRate(agg: UnitAggregate): Dec {
  if (!agg.hasOptions) return ZERO;
  return D.max(ZERO, dec(Math.min(agg.optionScen[SC.rate], agg.optionScen[SC.rate + 1])).negated());
}
