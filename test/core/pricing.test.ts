import fc from "fast-check";
import Decimal from "decimal.js";
import { customFunctions as f } from "../../functions/index";
import { bsPrice, black76Price, bsGreeks } from "../../src/models/blackScholes";
import { normCdf } from "../../src/models/normal";
import { expectExcelError } from "../helpers";

/** Φ(x) to 40 digits: 1/2 + φ(x) Σ x^(2n+1) / (1·3·5···(2n+1)), computed in decimal. */
function phiReference(x: number): number {
  const H = Decimal.clone({ precision: 60 });
  const X = new H(x);
  const pdf = X.pow(2).neg().div(2).exp().div(new H(2).times(H.acos(-1)).sqrt());
  let term = X;
  let total = X;
  for (let n = 1; n < 2000; n++) {
    term = term.times(X.pow(2)).div(2 * n + 1);
    total = total.plus(term);
    if (term.abs().lt("1e-45")) break;
  }
  return new H(0.5).plus(pdf.times(total)).toNumber();
}

describe("normal CDF", () => {
  test("agrees with a 60-digit series to 1e-15 absolute on [-9, 9]", () => {
    let worst = 0;
    for (let x = -9; x <= 9; x += 0.0625 * 1.37) {
      worst = Math.max(worst, Math.abs(normCdf(x) - phiReference(x)));
    }
    expect(worst).toBeLessThan(1e-15);
  });
  test("known values", () => {
    expect(normCdf(0)).toBe(0.5);
    // Φ(1.96) = 0.975002104851780 (tables), Φ(-3) = 0.00134989803163009
    expect(normCdf(1.96)).toBeCloseTo(0.97500210485178, 14);
    expect(Math.abs(normCdf(-3) - 0.00134989803163009) / 0.00134989803163009).toBeLessThan(1e-13);
  });
});

describe("SPEC §3 option pricing", () => {
  test("BSPRICE(call,100,100,1,0.05,0.2) = 10.4506, put 5.5735", () => {
    expect(f.BSPRICE("call", 100, 100, 1, 0.05, 0.2)).toBeCloseTo(10.4506, 4);
    expect(f.BSPRICE("put", 100, 100, 1, 0.05, 0.2)).toBeCloseTo(5.5735, 4);
  });
  test("BSPRICE(call,42,40,0.5,0.1,0.2) = 4.7594, put 0.8086 (Hull's example)", () => {
    expect(f.BSPRICE("call", 42, 40, 0.5, 0.1, 0.2)).toBeCloseTo(4.7594, 4);
    expect(f.BSPRICE("put", 42, 40, 0.5, 0.1, 0.2)).toBeCloseTo(0.8086, 4);
  });
  test("at expiry the price is intrinsic", () => {
    expect(f.BSPRICE("call", 110, 100, 0, 0.05, 0.2)).toBe(10);
    expect(f.BSPRICE("put", 110, 100, 0, 0.05, 0.2)).toBe(0);
    expect(f.BSPRICE("P", 90, 100, 0, 0.05, 0.2)).toBe(10);
  });
  test("put-call parity holds to 1e-10 (with dividend yield)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: -0.05, max: 0.15, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (s, kRatio, t, r, vol, q) => {
          const k = s * kRatio;
          const c = bsPrice("call", s, k, t, r, vol, q);
          const p = bsPrice("put", s, k, t, r, vol, q);
          const parity = s * Math.exp(-q * t) - k * Math.exp(-r * t);
          expect(Math.abs(c - p - parity)).toBeLessThan(1e-10 * Math.max(1, s));
        },
      ),
    );
  });
  test("Black-76: F = K = 20, r = 9 %, 4 months, σ = 25 %: put 1.1166 (Hull's futures-option example prints 1.12)", () => {
    // Black (1976): c = e^(−rT)[F N(d1) − K N(d2)]; for F = K, c = p = e^(−rT) F (2N(σ√T/2) − 1)
    const f76 = black76Price("put", 20, 20, 4 / 12, 0.09, 0.25);
    const closed = Math.exp(-0.09 / 3) * 20 * (2 * normCdf((0.25 * Math.sqrt(1 / 3)) / 2) - 1);
    expect(f76).toBeCloseTo(closed, 12);
    expect(f76).toBeCloseTo(1.1166, 4);
    expect(f.BLACKPRICE("put", 20, 20, 4 / 12, 0.09, 0.25)).toBeCloseTo(1.1166, 4);
  });
  test("BSGREEKS spills a header and delta, gamma, vega, theta, rho matching finite differences", () => {
    const out = f.BSGREEKS("call", 100, 100, 1, 0.05, 0.2) as unknown[][];
    expect(out[0]).toEqual(["Delta", "Gamma", "Vega", "Theta", "Rho"]);
    const [delta, gamma, vega, theta, rho] = out[1] as number[];
    const h = 1e-4;
    const p = (s: number, t: number, r: number, v: number) => bsPrice("call", s, 100, t, r, v);
    expect(delta).toBeCloseTo((p(100 + h, 1, 0.05, 0.2) - p(100 - h, 1, 0.05, 0.2)) / (2 * h), 6);
    expect(gamma).toBeCloseTo((p(100 + 0.01, 1, 0.05, 0.2) - 2 * p(100, 1, 0.05, 0.2) + p(100 - 0.01, 1, 0.05, 0.2)) / 1e-4, 5);
    expect(vega).toBeCloseTo((p(100, 1, 0.05, 0.2 + h) - p(100, 1, 0.05, 0.2 - h)) / (2 * h), 5);
    expect(theta).toBeCloseTo(-(p(100, 1 + h, 0.05, 0.2) - p(100, 1 - h, 0.05, 0.2)) / (2 * h), 5);
    expect(rho).toBeCloseTo((p(100, 1, 0.05 + h, 0.2) - p(100, 1, 0.05 - h, 0.2)) / (2 * h), 5);
    // textbook: delta of the ATM 1-year call at 5 %, 20 % is N(0.35) = 0.636831
    expect(delta).toBeCloseTo(0.636831, 6);
  });
  test("put greeks: delta(put) = delta(call) − 1 without dividends", () => {
    const c = bsGreeks("call", 95, 100, 0.5, 0.03, 0.3);
    const p = bsGreeks("put", 95, 100, 0.5, 0.03, 0.3);
    expect(p.delta).toBeCloseTo(c.delta - 1, 14);
    expect(p.gamma).toBeCloseTo(c.gamma, 14);
  });
  test("bad inputs name the argument", () => {
    expectExcelError(f.BSPRICE("straddle", 100, 100, 1, 0.05, 0.2), "#VALUE!", /type/);
    expectExcelError(f.BSPRICE("call", -1, 100, 1, 0.05, 0.2), "#NUM!", /spot/);
    expectExcelError(f.BSPRICE("call", 100, 100, 1, 0.05, 0), "#NUM!", /vol/);
    expectExcelError(f.BSPRICE("call", 100, 100, -1, 0.05, 0.2), "#NUM!", /years/);
    expectExcelError(f.BSGREEKS("call", 100, "x", 1, 0.05, 0.2), "#VALUE!", /strike/);
    expectExcelError(f.BLACKPRICE("call", 0, 100, 1, 0.05, 0.2), "#NUM!", /forward/);
  });
});
