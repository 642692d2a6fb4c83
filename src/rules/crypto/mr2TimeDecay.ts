/**
 * MR2 time decay (SPEC §6, options): the loss of the unit's option value over 24 hours (`params`
 * decayDays, default 1 day), index and IV unchanged, ≥ 0. An option with less than the horizon left
 * decays to its value at expiry (intrinsic).
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type CryptoParams } from "./params";
import { type OptionTerms, optionValue } from "./revalue";
import { SC, type UnitAggregate } from "./types";

/** An option's value change per unit of underlying over the decay horizon. */
export function mr2OptionScenario(o: OptionTerms, s: number, base: number, p: CryptoParams): number {
  return optionValue(o, s, o.sigma, Math.max(0, o.years - p.decayDays / 365), p.rate, p) - base;
}

/** MR2 = max(0, −Σ option value change over the horizon). */
export function mr2TimeDecay(agg: UnitAggregate): Dec {
  return agg.hasOptions ? D.max(ZERO, dec(agg.optionScen[SC.decay]).negated()) : ZERO;
}
