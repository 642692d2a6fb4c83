/**
 * MR4 basis (SPEC §6): Σ over perps, futures and spot in use of rate × |cash delta|, where cash delta
 * = quantity × multiplier × mark price × settlement-currency USD rate, and rate = max(minBasis,
 * e^(AMR × years to expiry) − 1) for a future; perps and spot use minBasis. Defaults by coin group:
 * minBasis A 0.2 %, B 0.8 %, O 1.5 %; AMR A 5 %, B 15 %, O 30 % (`params` minBasisA.., amrA..).
 * Each perp and future row is charged on its own |cash delta| (no netting between rows); the spot in
 * use, one signed amount of the coin, on the |cash delta| of its rows netted.
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type GroupTable } from "./tables";
import { type Holding, type LegKind } from "./types";

/** The basis rate of a perp, future or spot leg. */
export function mr4BasisRate(kind: LegKind, years: number | undefined, g: Pick<GroupTable, "minBasis" | "amr">): Dec {
  const min = dec(g.minBasis);
  if (kind !== "future") return min;
  if (g.amr * (years ?? 0) <= Math.log1p(g.minBasis)) return min; // e^(AMR × years) − 1 ≤ minBasis
  // e^x − 1 by Math.expm1 (full double precision, then exact decimal from here on): a decimal.js exp
  // at 40 digits costs ~0.1 ms per future, which a 2,000-row book cannot afford.
  return D.max(min, dec(Math.expm1(g.amr * (years ?? 0))));
}

/** MR4 of a unit's holdings. */
export function mr4Basis(holdings: readonly Holding[]): Dec {
  let s = ZERO;
  // Spot in use is one signed amount of the coin, however many SPOT rows hold it: its |cash delta| is
  // taken after netting the rows (+5 and −2 coins in use are 3 coins, not 7).
  let spot = ZERO;
  let spotRate: Dec | undefined;
  for (const { leg, quantity } of holdings) {
    if (leg.kind === "option" || quantity === 0) continue;
    if (leg.kind === "spot") {
      spot = spot.plus(leg.cash.times(quantity));
      spotRate = leg.basisRate;
    } else s = s.plus(leg.basisRate.times(leg.cash.times(quantity).abs()));
  }
  return spotRate ? s.plus(spotRate.times(spot.abs())) : s;
}
