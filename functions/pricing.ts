/**
 * Option pricing (SPEC §3): Black–Scholes–Merton and Black-76.
 */
import { type OptionInputs, black76Price, bsGreeks, bsPrice, checkOptionInputs, optionKind } from "../src/models/blackScholes";
import { num, optNum, text } from "./args";
import { type Cell, type ExcelErrorValue, run, runGrid } from "./excel";

function inputs(type: unknown, s: unknown, k: unknown, years: unknown, rate: unknown, vol: unknown, q: unknown, spotName: string): Required<OptionInputs> {
  const o = {
    kind: optionKind(text(type, "type")),
    s: num(s, spotName),
    k: num(k, "strike"),
    t: num(years, "years"),
    r: num(rate, "rate"),
    sigma: num(vol, "vol"),
    q: optNum(q, "dividendYield", 0),
  };
  checkOptionInputs(o, { s: spotName, k: "strike", t: "years", sigma: "vol" });
  return o;
}

/**
 * Black–Scholes–Merton option price per unit of underlying. At expiry (years = 0) the intrinsic value.
 * @customfunction
 * @param type "call" or "put" (also "C", "P").
 * @param spot Underlying price (> 0).
 * @param strike Strike price (> 0).
 * @param years Time to expiry in years (365-day years; ≥ 0).
 * @param rate Continuously compounded risk-free rate, fraction (0.05 = 5 %).
 * @param vol Volatility, fraction per year (0.2 = 20 %; > 0).
 * @param [dividendYield] Continuous dividend yield, fraction. Default 0.
 * @returns The option price.
 */
export function BSPRICE(type: unknown, spot: unknown, strike: unknown, years: unknown, rate: unknown, vol: unknown, dividendYield?: unknown): number | ExcelErrorValue {
  return run(() => {
    const o = inputs(type, spot, strike, years, rate, vol, dividendYield, "spot");
    return bsPrice(o.kind, o.s, o.k, o.t, o.r, o.sigma, o.q);
  });
}

/**
 * Black–Scholes–Merton Greeks: spills a header row and one row of Delta, Gamma, Vega (per 1.00 of vol), Theta (per year), Rho (per 1.00 of rate).
 * @customfunction
 * @param type "call" or "put" (also "C", "P").
 * @param spot Underlying price (> 0).
 * @param strike Strike price (> 0).
 * @param years Time to expiry in years (365-day years; ≥ 0).
 * @param rate Continuously compounded risk-free rate, fraction.
 * @param vol Volatility, fraction per year (> 0).
 * @param [dividendYield] Continuous dividend yield, fraction. Default 0.
 * @returns A 2 × 5 range: header row, then the Greeks.
 */
export function BSGREEKS(type: unknown, spot: unknown, strike: unknown, years: unknown, rate: unknown, vol: unknown, dividendYield?: unknown): Array<Array<Cell | ExcelErrorValue>> {
  return runGrid(() => {
    const o = inputs(type, spot, strike, years, rate, vol, dividendYield, "spot");
    const g = bsGreeks(o.kind, o.s, o.k, o.t, o.r, o.sigma, o.q);
    return [
      ["Delta", "Gamma", "Vega", "Theta", "Rho"],
      [g.delta, g.gamma, g.vega, g.theta, g.rho],
    ];
  });
}

/**
 * Black-76 price of an option on a future or forward, per unit of underlying, discounted at rate.
 * @customfunction
 * @param type "call" or "put" (also "C", "P").
 * @param forward Futures or forward price (> 0).
 * @param strike Strike price (> 0).
 * @param years Time to expiry in years (365-day years; ≥ 0).
 * @param rate Continuously compounded discount rate, fraction.
 * @param vol Volatility of the futures price, fraction per year (> 0).
 * @returns The option price.
 */
export function BLACKPRICE(type: unknown, forward: unknown, strike: unknown, years: unknown, rate: unknown, vol: unknown): number | ExcelErrorValue {
  return run(() => {
    const o = inputs(type, forward, strike, years, rate, vol, 0, "forward");
    return black76Price(o.kind, o.s, o.k, o.t, o.r, o.sigma);
  });
}
