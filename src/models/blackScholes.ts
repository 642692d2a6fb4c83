/**
 * Black–Scholes–Merton (continuous dividend yield q) and Black-76 (options on futures) prices and
 * Greeks (SPEC §3). Prices are per unit of underlying. At expiry (years = 0) the price is intrinsic.
 */
import { numError, valueError } from "../errors";
import { normCdf, normPdf } from "./normal";

export type OptionKind = "call" | "put";

export interface Greeks {
  delta: number;
  gamma: number;
  /** Per 1.00 of volatility (divide by 100 for one vol point). */
  vega: number;
  /** Per year (divide by 365 for one calendar day). */
  theta: number;
  /** Per 1.00 of interest rate. */
  rho: number;
}

export function optionKind(v: string, where = "type"): OptionKind {
  const t = v.trim().toLowerCase();
  if (t === "call" || t === "c") return "call";
  if (t === "put" || t === "p") return "put";
  throw valueError(`${where}: '${v}' is not an option type; use "call" or "put"`);
}

export interface OptionInputs {
  kind: OptionKind;
  /** Spot (BSM) or forward/futures price (Black-76). */
  s: number;
  k: number;
  t: number;
  r: number;
  sigma: number;
  q?: number;
}

export function checkOptionInputs(o: OptionInputs, names = { s: "spot", k: "strike", t: "years", sigma: "vol" }): void {
  if (!(o.s > 0)) throw numError(`${names.s}: ${o.s} must be greater than zero`);
  if (!(o.k > 0)) throw numError(`${names.k}: ${o.k} must be greater than zero`);
  if (!(o.t >= 0)) throw numError(`${names.t}: ${o.t} cannot be negative`);
  if (!(o.sigma > 0)) throw numError(`${names.sigma}: volatility ${o.sigma} must be greater than zero`);
}

/** BSM price with continuous dividend yield q. Inputs are assumed valid (see checkOptionInputs). */
export function bsPrice(kind: OptionKind, s: number, k: number, t: number, r: number, sigma: number, q = 0): number {
  if (t <= 0) return kind === "call" ? Math.max(s - k, 0) : Math.max(k - s, 0);
  const sd = sigma * Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sd;
  const d2 = d1 - sd;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  return kind === "call"
    ? s * dq * normCdf(d1) - k * dr * normCdf(d2)
    : k * dr * normCdf(-d2) - s * dq * normCdf(-d1);
}

/** Black-76 price of an option on a future/forward f, discounted at r. */
export function black76Price(kind: OptionKind, f: number, k: number, t: number, r: number, sigma: number): number {
  // Black-76 is BSM with the dividend yield equal to the rate (the forward carries no drift).
  return bsPrice(kind, f, k, t, r, sigma, r);
}

/** BSM Greeks. At expiry: delta is the intrinsic indicator, the others 0. */
export function bsGreeks(kind: OptionKind, s: number, k: number, t: number, r: number, sigma: number, q = 0): Greeks {
  const call = kind === "call";
  if (t <= 0) {
    const itm = call ? s > k : s < k;
    return { delta: itm ? (call ? 1 : -1) : 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  }
  const sqrtT = Math.sqrt(t);
  const sd = sigma * sqrtT;
  const d1 = (Math.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sd;
  const d2 = d1 - sd;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  const pdf = normPdf(d1);
  const gamma = (dq * pdf) / (s * sd);
  const vega = s * dq * pdf * sqrtT;
  if (call) {
    return {
      delta: dq * normCdf(d1),
      gamma,
      vega,
      theta: (-s * dq * pdf * sigma) / (2 * sqrtT) - r * k * dr * normCdf(d2) + q * s * dq * normCdf(d1),
      rho: k * t * dr * normCdf(d2),
    };
  }
  return {
    delta: -dq * normCdf(-d1),
    gamma,
    vega,
    theta: (-s * dq * pdf * sigma) / (2 * sqrtT) + r * k * dr * normCdf(-d2) - q * s * dq * normCdf(-d1),
    rho: -k * t * dr * normCdf(-d2),
  };
}

/** Black-76 Greeks with respect to the futures price. */
export function black76Greeks(kind: OptionKind, f: number, k: number, t: number, r: number, sigma: number): Greeks {
  const g = bsGreeks(kind, f, k, t, r, sigma, r);
  // With q = r, BSM's rho mixes the forward's carry; Black-76's rho is −t × price.
  return { ...g, rho: -t * black76Price(kind, f, k, t, r, sigma) };
}
