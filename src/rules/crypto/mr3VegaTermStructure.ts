/**
 * MR3 vega term structure (SPEC §6, options): the worst loss under two twists of the vol curve about
 * a pivot (`params` termPivotDays, default 30 days):
 *   twist A — expiries shorter than the pivot: vol up; longer: vol down;
 *   twist B — the reverse.
 * Each option's vol moves by the same Δσ as in MR1 for its days to expiry (down capped at σ itself);
 * an option exactly at the pivot does not move. Index unchanged. MR3 = max(0, −min(P&L A, P&L B)).
 * Choice where SPEC leaves it open: the twist is a step at the pivot with the full MR1 shock on each
 * side, so a unit whose options all lie on one side of the pivot is charged as for a parallel vol move
 * (conservative: MR3 is added to max(MR1, MR2, MR6)); a calendar spread across the pivot is charged
 * for both legs moving against it.
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type CryptoParams } from "./params";
import { type OptionTerms, optionValue, shockedVol, volShock } from "./revalue";
import { SC, type UnitAggregate } from "./types";

/** +1 for an expiry shorter than the pivot, −1 for longer, 0 at the pivot (twist A's direction). */
export function twistDirection(days: number, p: Pick<CryptoParams, "volShock">): -1 | 0 | 1 {
  const pivot = p.volShock.termPivotDays;
  return days < pivot ? 1 : days > pivot ? -1 : 0;
}

/** An option's P&L per unit of underlying under twist A and twist B. */
export function mr3OptionScenarios(o: OptionTerms, s: number, base: number, p: CryptoParams): [number, number] {
  const shock = volShock(o.days, p);
  const dir = twistDirection(o.days, p);
  const a = optionValue(o, s, shockedVol(o.sigma, shock, dir), o.years, p.rate, p) - base;
  const b = optionValue(o, s, shockedVol(o.sigma, shock, (-dir || 0) as -1 | 0 | 1), o.years, p.rate, p) - base;
  return [a, b];
}

/** MR3 = max(0, −min(twist A P&L, twist B P&L)). */
export function mr3VegaTermStructure(agg: UnitAggregate): Dec {
  if (!agg.hasOptions) return ZERO;
  const worst = Math.min(agg.optionScen[SC.twist], agg.optionScen[SC.twist + 1]);
  return D.max(ZERO, dec(worst).negated());
}
