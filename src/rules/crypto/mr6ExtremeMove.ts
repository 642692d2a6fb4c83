/**
 * MR6 extreme move (SPEC §6): `params` extremeFraction (default 50 %) of the worst loss of the unit
 * at ± the extreme index move, vol unchanged: A ±24 %, B ±36 %, O ±50 % (`params` extremeA..).
 * Linear legs lose quantity × multiplier × index × rate × move; options are revalued.
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type CryptoParams } from "./params";
import { type OptionTerms, optionValue } from "./revalue";
import { type GroupTable } from "./tables";
import { SC, type UnitAggregate } from "./types";

/** An option's P&L per unit of underlying at index × (1 + e) and index × (1 − e). */
export function mr6OptionScenarios(o: OptionTerms, s: number, base: number, p: CryptoParams, g: GroupTable): [number, number] {
  const e = g.extremeMove;
  return [optionValue(o, s * (1 + e), o.sigma, o.years, p.rate, p) - base, optionValue(o, s * (1 - e), o.sigma, o.years, p.rate, p) - base];
}

/** MR6 = extremeFraction × max(0, −min(P&L at +e, P&L at −e)). */
export function mr6ExtremeMove(agg: UnitAggregate, g: GroupTable, p: Pick<CryptoParams, "extremeFraction">): Dec {
  const e = g.extremeMove;
  const up = agg.linearIndexCash.times(e).plus(agg.hasOptions ? dec(agg.optionScen[SC.extreme]) : ZERO);
  const down = agg.linearIndexCash.times(-e).plus(agg.hasOptions ? dec(agg.optionScen[SC.extreme + 1]) : ZERO);
  return D.max(ZERO, D.min(up, down).negated()).times(p.extremeFraction);
}
