/**
 * The standard normal distribution to double precision.
 *
 * erfc follows W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969) 631–637 (the CALERF routine of SPECFUN): maximal relative error below
 * 1.2e-16 in each of its three ranges. Φ(x) = erfc(−x/√2)/2 is then accurate to about 1e-16
 * absolute everywhere and keeps full relative precision in the lower tail.
 */

// Coefficients as published (18 digits); the extra digits round to the nearest double.
/* eslint-disable no-loss-of-precision */
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const Dq = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const Q = [2.56852019228982242, 1.87295284992346725, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const SQRPI = 0.56418958354775628695; // 1/√π
/* eslint-enable no-loss-of-precision */
const THRESH = 0.46875;
const XBIG = 26.543;

/** erf(x) for |x| ≤ 0.46875. */
function erfSmall(x: number): number {
  const ysq = x * x;
  let xnum = A[4] * ysq;
  let xden = ysq;
  for (let i = 0; i < 3; i++) {
    xnum = (xnum + A[i]) * ysq;
    xden = (xden + B[i]) * ysq;
  }
  return (x * (xnum + A[3])) / (xden + B[3]);
}

/** erfc(y) for y > 0.46875, computed without cancellation. */
function erfcLarge(y: number): number {
  if (y >= XBIG) return 0;
  let r: number;
  if (y <= 4) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + Dq[i]) * y;
    }
    r = (xnum + C[7]) / (xden + Dq[7]);
  } else {
    const ysq = 1 / (y * y);
    let xnum = P[5] * ysq;
    let xden = ysq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]) * ysq;
      xden = (xden + Q[i]) * ysq;
    }
    r = (ysq * (xnum + P[4])) / (xden + Q[4]);
    r = (SQRPI - r) / y;
  }
  // exp(−y²) split so that y² is formed exactly in its leading part.
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del) * r;
}

export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESH) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}

export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESH) return erfSmall(x);
  const r = 1 - erfcLarge(y);
  return x < 0 ? -r : r;
}

// eslint-disable-next-line no-loss-of-precision
const INV_SQRT2 = 0.70710678118654752440;
// eslint-disable-next-line no-loss-of-precision
const INV_SQRT_2PI = 0.39894228040143267794;

/** Φ(x), the standard normal cumulative distribution function. */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x * INV_SQRT2);
}

/** φ(x), the standard normal density. */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Cody's coefficients and range limits, shared with the scenario kernel (src/models/scenarioKernel.ts),
 * which builds its fast normal tail from them at start-up: one set of constants, never a second copy.
 */
export const CODY_ERFC = { A, B, C, D: Dq, P, Q, SQRPI, THRESH, XBIG } as const;
export type CodyErfc = typeof CODY_ERFC;
