/**
 * Option revaluation for the crypto stress tests (SPEC §6): the project's one Black–Scholes code
 * (src/models/blackScholes.ts) applied on the index price, and the vol shock shared by MR1 and MR3.
 * Plain floating point, as SPEC §0 allows for pricing kernels.
 *
 * - Model (`params` model, formerly optionModel): BSM (default) — Black–Scholes with the index as spot,
 *   no yield, at the `rate` parameter (default 0); BLACK76 — Black-76 with the index as the forward.
 *   With the default rate of 0 both give the same values.
 * - Vol shock: Δσ(days) = volShockBase × (volShockRefDays / max(days, volShockMinDays))^volShockPower,
 *   in absolute vol (default 0.30 × (30 / days)^0.3). Up: σ + Δσ. Down: σ − min(Δσ, σ) (capped at σ
 *   itself); a vol of zero is evaluated at 1e-8, i.e. at the σ → 0 limit.
 */
import { type Greeks, type OptionKind, black76Greeks, black76Price, bsGreeks, bsPrice } from "../../models/blackScholes";
import { type CryptoParams } from "./params";
import { MIN_VOL } from "./tables";

export interface OptionTerms {
  kind: OptionKind;
  strike: number;
  /** Years to expiry (365-day years). */
  years: number;
  /** Days to expiry (years × 365). */
  days: number;
  /** Implied volatility (IV column). */
  sigma: number;
}

/** Value per unit of underlying at index s, vol sigma, years t and rate r, under the chosen model. */
export function optionValue(o: OptionTerms, s: number, sigma: number, t: number, r: number, p: Pick<CryptoParams, "model">): number {
  const vol = Math.max(sigma, MIN_VOL);
  return p.model === "BLACK76" ? black76Price(o.kind, s, o.strike, t, r, vol) : bsPrice(o.kind, s, o.strike, t, r, vol);
}

/** Greeks per unit of underlying under the chosen model (vega per 1.00 of vol, theta per year). */
export function optionGreeks(o: OptionTerms, s: number, r: number, p: Pick<CryptoParams, "model">): Greeks {
  return p.model === "BLACK76" ? black76Greeks(o.kind, s, o.strike, o.years, r, o.sigma) : bsGreeks(o.kind, s, o.strike, o.years, r, o.sigma);
}

/** Δσ for an option `days` from expiry: base × (refDays / max(days, minDays))^power. */
export function volShock(days: number, p: Pick<CryptoParams, "volShock">): number {
  const v = p.volShock;
  return v.base * Math.pow(v.refDays / Math.max(days, v.minDays), v.power);
}

/** σ after a shock of `direction` × Δσ: up adds Δσ; down subtracts at most σ itself. */
export function shockedVol(sigma: number, shock: number, direction: -1 | 0 | 1): number {
  if (direction === 0) return sigma;
  return direction > 0 ? sigma + shock : sigma - Math.min(shock, sigma);
}
