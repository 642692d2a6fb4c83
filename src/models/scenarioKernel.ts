/**
 * The scenario kernel: revalues netted option series over a grid of price moves × volatility moves
 * and adds each series' weighted P&L (value after the move − value now) into a grid.
 *
 * It computes exactly what `bsPrice` computes (Black–Scholes–Merton with a continuous yield; Black-76
 * is the case q = r), only faster:
 * - what does not depend on the scenario is hoisted: ln(S/K) + (r − q)t, S·e^(−qt), K·e^(−rt) and √t
 *   per series; ln(S(1+m)/K) = ln(S/K) + ln(1+m), so one log1p per price move for the whole book;
 *   σ√t and 1/(σ√t) once per series and vol move;
 * - N(d) comes from the tail Φ(−|d|), which gives Φ(d) and Φ(−d) both at full precision (so calls and
 *   puts on the same series share one evaluation); the tail is a table of the Mills ratio built at
 *   start-up from Cody's erfc (the coefficients of src/models/normal.ts, passed in): see below;
 * - e^(−d2²/2) is not a second exp: S·e^(−qt)(1+m)·φ(d1) = K·e^(−rt)·φ(d2), so
 *   e^(−d2²/2) = e^(−d1²/2) × F / (K·e^(−rt)) (F the moved forward value), exact to rounding;
 * - identical contracts are netted before the kernel sees them (src/models/scenario.ts).
 * Every cell agrees with a plain revaluation through bsPrice well within 1e-9 relative, the tests'
 * bound (typically ~1e-13; more only where a cell is a sum that nearly cancels, and then by about
 * 1e-16 of the book's gross value, the reference's own rounding).
 *
 * SELF-CONTAINED on purpose: makeScenarioKernel refers to nothing outside its own body (the only
 * import is a type; the coefficients come in as its argument), so its source text runs unchanged
 * inside a worker thread (src/models/scenarioParallel.ts) or a Web Worker.
 */
import type { CodyErfc } from "./normal";

/** Option series of a book as parallel arrays (one entry per netted series). */
export interface SeriesArrays {
  /** ln(S/K) + (r − q)·t, with t the years to expiry after the horizon. */
  x0: Float64Array;
  /** √t; 0 when the option expires within the horizon (then it is worth its intrinsic value). */
  sqrtT: Float64Array;
  /** Implied volatility now. */
  iv: Float64Array;
  /** S·e^(−qt). */
  fwd: Float64Array;
  /** K·e^(−rt). */
  kdr: Float64Array;
  /** Underlying price now. */
  spot: Float64Array;
  strike: Float64Array;
  /** Σ quantity × multiplier of the calls of this series (signed). */
  wCall: Float64Array;
  /** Σ quantity × multiplier of the puts of this series (signed). */
  wPut: Float64Array;
  /** Weighted model value now: wCall × call value + wPut × put value, at today's inputs. */
  now: Float64Array;
}

/** Adds the P&L of series [from, to) into `out`; see makeScenarioKernel. */
export type ScenarioKernel = ((
  s: SeriesArrays,
  from: number,
  to: number,
  priceMoves: ArrayLike<number>,
  volMoves: ArrayLike<number>,
  volFloor: number,
  out: Float64Array,
) => void) & {
  /** The kernel's normal tail Φ(−a), a ≥ 0, given e^(−a²/2) (exposed for tests). */
  normalTail(a: number, ea: number): number;
};

/**
 * Builds the kernel around Cody's coefficients. The kernel adds the P&L of series [from, to) into
 * `out`, laid out row-major: out[i × volMoves.length + j] for price move i and vol move j. The
 * volatility after a move is max(iv + volMove, volFloor).
 *
 * The normal tail: Φ(−a) = φ(a)·R(a), with R the Mills ratio, smooth on a ≥ 0. At start-up R and its
 * derivatives are tabulated at a = k/32 (k = 0 … 38 × 32) from Cody's erfc (R(a) = √(π/2)·erfc(a/√2)·
 * e^(a²/2)) and the recurrence R' = aR − 1, R⁽ⁿ⁺¹⁾ = nR⁽ⁿ⁻¹⁾ + aR⁽ⁿ⁾; in the loop R(a) is the node's
 * degree-6 Taylor polynomial at |a − k/32| ≤ 1/64 (truncation below 2e-15 relative, since
 * |R⁽⁷⁾| ≤ 48): six multiply-adds and no division or branch, where Cody's rational needs about
 * sixteen and a division. φ(a) = e^(−a²/2)/√(2π) comes from the one exp per cell (see above). Against
 * normCdf the tail agrees to about 1e-15 relative for a < 5 and 3e-13 out to a = 37.5, where both
 * become 0 (Cody's limit); the relative error grows with a² from the rounding of a²/2 inside exp.
 */
export function makeScenarioKernel(cody: CodyErfc): ScenarioKernel {
  const [a0, a1, a2, a3, a4] = cody.A;
  const [b0, b1, b2, b3] = cody.B;
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = cody.C;
  const [e0, e1, e2, e3, e4, e5, e6, e7] = cody.D;
  const [p0, p1, p2, p3, p4, p5] = cody.P;
  const [q0, q1, q2, q3, q4] = cody.Q;
  const STEP = 32; // table nodes per unit of a
  const ORDER = 7; // Taylor coefficients per node (degree 6)
  const RSQRT2 = 0.7071067811865476;
  const SQRT_HALF_PI = 1.2533141373155003;
  const INV_SQRT_2PI = 0.3989422804014327;
  /** Φ(−a) is 0 from here on, as Cody's erfc is beyond XBIG. */
  const aZero = cody.XBIG / RSQRT2;

  /** erfc(y)·e^(y²) by Cody, used only to build the table. */
  const scaledErfc = (y: number): number => {
    if (y <= cody.THRESH) {
      const ysq = y * y;
      let xnum = a4 * ysq;
      let xden = ysq;
      for (const [a, b] of [[a0, b0], [a1, b1], [a2, b2]]) {
        xnum = (xnum + a) * ysq;
        xden = (xden + b) * ysq;
      }
      return (1 - (y * (xnum + a3)) / (xden + b3)) * Math.exp(ysq);
    }
    if (y <= 4) {
      let xnum = c8 * y;
      let xden = y;
      for (const [c, e] of [[c0, e0], [c1, e1], [c2, e2], [c3, e3], [c4, e4], [c5, e5], [c6, e6]]) {
        xnum = (xnum + c) * y;
        xden = (xden + e) * y;
      }
      return (xnum + c7) / (xden + e7);
    }
    const z = 1 / (y * y);
    let xnum = p5 * z;
    let xden = z;
    for (const [p, q] of [[p0, q0], [p1, q1], [p2, q2], [p3, q3]]) {
      xnum = (xnum + p) * z;
      xden = (xden + q) * z;
    }
    return (cody.SQRPI - (z * (xnum + p4)) / (xden + q4)) / y;
  };

  // Taylor coefficients R⁽ⁿ⁾(a_k)/n! of the Mills ratio at each node a_k = k/STEP.
  const nodes = Math.ceil(aZero * STEP) + 2;
  const mills = new Float64Array(nodes * ORDER);
  const d = new Float64Array(ORDER);
  for (let k = 0; k < nodes; k++) {
    const a = k / STEP;
    d[0] = SQRT_HALF_PI * scaledErfc(a * RSQRT2);
    d[1] = a * d[0] - 1;
    for (let n = 1; n < ORDER - 1; n++) d[n + 1] = n * d[n - 1] + a * d[n];
    let factorial = 1;
    for (let n = 0; n < ORDER; n++) {
      if (n > 0) factorial *= n;
      mills[k * ORDER + n] = d[n] / factorial;
    }
  }

  /** Φ(−a) for a ≥ 0, given ea = e^(−a²/2). */
  function tail(a: number, ea: number): number {
    if (a >= aZero) return 0;
    const k = (a * STEP + 0.5) | 0;
    const h = a - k / STEP;
    const o = k * ORDER;
    const r = mills[o] + h * (mills[o + 1] + h * (mills[o + 2] + h * (mills[o + 3] + h * (mills[o + 4] + h * (mills[o + 5] + h * mills[o + 6])))));
    return INV_SQRT_2PI * ea * r;
  }

  function revalueSeries(
    s: SeriesArrays,
    from: number,
    to: number,
    priceMoves: ArrayLike<number>,
    volMoves: ArrayLike<number>,
    volFloor: number,
    out: Float64Array,
  ): void {
    const nP = priceMoves.length;
    const nV = volMoves.length;
    const lnMove = new Float64Array(nP);
    const grossMove = new Float64Array(nP);
    const volMove = Float64Array.from(volMoves);
    for (let i = 0; i < nP; i++) {
      lnMove[i] = Math.log1p(priceMoves[i]);
      grossMove[i] = 1 + priceMoves[i];
    }
    for (let c = from; c < to; c++) {
      const wc = s.wCall[c];
      const wp = s.wPut[c];
      if (wc === 0 && wp === 0) continue;
      const now = s.now[c];
      const sqrtT = s.sqrtT[c];
      if (sqrtT === 0) {
        // Expires within the horizon: intrinsic value at the moved price, whatever the volatility.
        const spot = s.spot[c];
        const k = s.strike[c];
        for (let i = 0; i < nP; i++) {
          const f = spot * grossMove[i];
          const v = wc * (f > k ? f - k : 0) + wp * (k > f ? k - f : 0) - now;
          for (let j = 0; j < nV; j++) out[i * nV + j] += v;
        }
        continue;
      }
      const x0 = s.x0[c];
      const iv = s.iv[c];
      const fwd = s.fwd[c];
      const kdr = s.kdr[c];
      const invKdr = 1 / kdr;
      for (let j = 0; j < nV; j++) {
        let sigma = iv + volMove[j];
        if (!(sigma > volFloor)) sigma = volFloor;
        const sd = sigma * sqrtT;
        const invSd = 1 / sd;
        const halfSd = 0.5 * sd;
        for (let i = 0; i < nP; i++) {
          const d1 = (x0 + lnMove[i]) * invSd + halfSd;
          const d2 = d1 - sd;
          const f = fwd * grossMove[i];
          const ea1 = Math.exp(-0.5 * d1 * d1);
          // φ(d2)/φ(d1) = F/(K·e^(−rt)); below 1e-300 the product would lose digits, so exp directly.
          const ea2 = ea1 > 1e-300 ? ea1 * f * invKdr : Math.exp(-0.5 * d2 * d2);
          const t1 = tail(d1 < 0 ? -d1 : d1, ea1);
          const t2 = tail(d2 < 0 ? -d2 : d2, ea2);
          // Φ(±d) from the tail Φ(−|d|), each at full precision.
          const nd1 = d1 >= 0 ? 1 - t1 : t1;
          const nmd1 = d1 >= 0 ? t1 : 1 - t1;
          const nd2 = d2 >= 0 ? 1 - t2 : t2;
          const nmd2 = d2 >= 0 ? t2 : 1 - t2;
          let v = -now;
          if (wc !== 0) v += wc * (f * nd1 - kdr * nd2);
          if (wp !== 0) v += wp * (kdr * nmd2 - f * nmd1);
          out[i * nV + j] += v;
        }
      }
    }
  }
  return Object.assign(revalueSeries, { normalTail: tail });
}
