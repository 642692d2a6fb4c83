/**
 * The scenario engine (SPEC §5): revalues a book of positions over underlying price moves ×
 * volatility moves and returns the P&L grid (value after the move − value now; a gain is positive).
 *
 * - Value now is the model value at today's inputs (not the Price column of an option row).
 * - After a move: underlying × (1 + move); implied vol + vol move (absolute vol points), floored at
 *   `volFloor` (default 0.0001, i.e. 0.01 vol points, so that a large down-move of vol still prices);
 *   the clock advanced by `horizonDays` (default 1; 365-day years). An option that expires within the
 *   horizon is worth its intrinsic value at the moved price.
 * - Options: Black–Scholes–Merton with `rate` and `dividendYield` (default 0), the option's
 *   UnderlyingPrice as spot. With `model` = BLACK76 every option is priced as an option on a future:
 *   UnderlyingPrice is the futures price and the dividend yield is replaced by the rate (Black-76).
 * - Linear instruments exactly: STOCK and SPOT, FUTURE and PERP, P&L = quantity × multiplier × Price ×
 *   move, whatever the vol move and horizon.
 * - Every underlying moves by the same fraction of its own price in a grid row.
 *
 * The heavy lifting is in scenarioKernel.ts; scenarioParallel.ts (Node only) splits big grids across
 * worker threads. `positionPnl` below is the plain, definitional revaluation through bsPrice, used as
 * the reference the kernel is tested against.
 */
import { numError, valueError } from "../errors";
import { byUnderlying, checkNotExpired, isOption, type Position, requireIv, yearsToExpiry } from "../instruments/positions";
import { readNumberLine, toGrid } from "../instruments/table";
import { D, dec } from "../money";
import { choiceParam, dateParam, numberParam, type ParamSpec, type ParamValues, valuationDate } from "../params";
import { bsPrice, type OptionKind } from "./blackScholes";
import { CODY_ERFC } from "./normal";
import { makeScenarioKernel, type SeriesArrays } from "./scenarioKernel";

/** The single-thread kernel, built once. */
export const revalueSeries = makeScenarioKernel(CODY_ERFC);

export const PRICING_MODELS = ["BSM", "BLACK76"] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/**
 * The `model` parameter of every rule set that revalues options (PM, SPAN, crypto PM): BSM or BLACK76,
 * in any letter case; "bs" is also read as BSM (crypto PM's former spelling).
 */
export function modelParam(description: string): ParamSpec<PricingModel> {
  return choiceParam<PricingModel>("BSM", PRICING_MODELS, description, { bs: "BSM" });
}

/** The scenario model's parameters (shared by the PM and SPAN rule sets' parameter tables). */
export const SCENARIO_PARAMS = {
  horizonDays: numberParam(1, "Days the clock moves forward in every scenario (365-day years).", { min: 0 }),
  rate: numberParam(0, "Continuously compounded risk-free rate, fraction (0.05 = 5 %)."),
  dividendYield: numberParam(0, "Continuous dividend yield of the underlyings, fraction (Black–Scholes–Merton only)."),
  valuationDate: dateParam("Valuation date for time to expiry; default today (UTC). Set it to make a workbook reproducible."),
  model: modelParam(
    "Option model: BSM (Black–Scholes–Merton on the underlying price) or BLACK76 (options on futures: UnderlyingPrice is the futures price).",
  ),
  volFloor: numberParam(0.0001, "Lowest volatility after a vol move, fraction (0.0001 = 0.01 vol points).", {
    min: 0,
    minExclusive: true,
  }),
};
export type ScenarioParams = ParamValues<typeof SCENARIO_PARAMS>;

/** The model inputs a scenario run needs, resolved (valuation date fixed, model chosen). */
export interface ScenarioContext {
  valuationDate: number;
  horizonDays: number;
  rate: number;
  /** The yield used in the formula: dividendYield under BSM, the rate under Black-76. */
  carry: number;
  volFloor: number;
}

export function scenarioContext(p: ScenarioParams): ScenarioContext {
  return {
    valuationDate: valuationDate(p),
    horizonDays: p.horizonDays,
    rate: p.rate,
    carry: p.model === "BLACK76" ? p.rate : p.dividendYield,
    volFloor: p.volFloor,
  };
}

const optionKindOf = (p: Position): OptionKind => (p.type === "CALL" ? "call" : "put");

/** Years to expiry after the horizon (0 once the option has expired). */
function yearsAfterHorizon(p: Position, ctx: ScenarioContext): number {
  return yearsToExpiry(p, ctx.valuationDate + ctx.horizonDays);
}

/** Per-unit P&L factor of a linear instrument: quantity × multiplier × Price (× move gives the P&L). */
export function linearExposure(p: Position): number {
  return p.quantity * p.multiplier * p.price;
}

/**
 * The P&L of one position in one scenario, by the definition (a plain bsPrice revaluation). The
 * reference the kernel is tested against; also handy for a single cell.
 */
export function positionPnl(p: Position, priceMove: number, volMove: number, ctx: ScenarioContext): number {
  if (!isOption(p)) return linearExposure(p) * priceMove;
  const k = p.strike as number;
  const iv = requireIv(p);
  const kind = optionKindOf(p);
  const w = p.quantity * p.multiplier;
  const now = bsPrice(kind, p.underlyingPrice, k, yearsToExpiry(p, ctx.valuationDate), ctx.rate, iv, ctx.carry);
  const sigma = Math.max(iv + volMove, ctx.volFloor);
  const after = bsPrice(kind, p.underlyingPrice * (1 + priceMove), k, yearsAfterHorizon(p, ctx), ctx.rate, sigma, ctx.carry);
  return w * (after - now);
}

/** One underlying's slice of a compiled book. */
export interface BookGroup {
  underlying: string;
  /** The positions of this underlying, in table order. */
  positions: Position[];
  /** Its option series are series[start, end). */
  start: number;
  end: number;
  /** Σ quantity × multiplier × Price of its linear instruments: their P&L is linear × move. */
  linear: number;
}

/** A book prepared for revaluation: option series netted and hoisted, linear exposure summed. */
export interface CompiledBook {
  ctx: ScenarioContext;
  groups: BookGroup[];
  series: SeriesArrays;
  /** Number of option series (after netting identical contracts). */
  size: number;
}

interface SeriesDraft {
  spot: number;
  strike: number;
  t0: number;
  t1: number;
  iv: number;
  wCall: number;
  wPut: number;
}

/**
 * Validates the positions and prepares them for the kernel. Options of one underlying with the same
 * underlying price, strike, expiry and IV form one series (calls and puts together); their
 * quantity × multiplier are netted, so a long and a short of the same contract cancel exactly.
 */
export function compileBook(positions: readonly Position[], ctx: ScenarioContext): CompiledBook {
  checkNotExpired(positions, ctx.valuationDate);
  const groups: BookGroup[] = [];
  const drafts: SeriesDraft[] = [];
  for (const [underlying, ps] of byUnderlying(positions)) {
    const start = drafts.length;
    const index = new Map<string, SeriesDraft>();
    let linear = D(0);
    for (const p of ps) {
      if (!isOption(p)) {
        linear = linear.plus(dec(p.quantity).times(p.multiplier).times(p.price));
        continue;
      }
      const iv = requireIv(p);
      const t0 = yearsToExpiry(p, ctx.valuationDate);
      const t1 = yearsAfterHorizon(p, ctx);
      const key = `${p.underlyingPrice}|${p.strike}|${p.expiry}|${iv}`;
      let d = index.get(key);
      if (!d) {
        d = { spot: p.underlyingPrice, strike: p.strike as number, t0, t1, iv, wCall: 0, wPut: 0 };
        index.set(key, d);
        drafts.push(d);
      }
      if (p.type === "CALL") d.wCall += p.quantity * p.multiplier;
      else d.wPut += p.quantity * p.multiplier;
    }
    groups.push({ underlying, positions: ps, start, end: drafts.length, linear: linear.toNumber() });
  }

  const n = drafts.length;
  const arr = (): Float64Array => new Float64Array(n);
  const series: SeriesArrays = {
    x0: arr(), sqrtT: arr(), iv: arr(), fwd: arr(), kdr: arr(), spot: arr(), strike: arr(), wCall: arr(), wPut: arr(), now: arr(),
  };
  const { rate: r, carry: q } = ctx;
  drafts.forEach((d, c) => {
    series.x0[c] = Math.log(d.spot / d.strike) + (r - q) * d.t1;
    series.sqrtT[c] = Math.sqrt(d.t1);
    series.iv[c] = d.iv;
    series.fwd[c] = d.spot * Math.exp(-q * d.t1);
    series.kdr[c] = d.strike * Math.exp(-r * d.t1);
    series.spot[c] = d.spot;
    series.strike[c] = d.strike;
    series.wCall[c] = d.wCall;
    series.wPut[c] = d.wPut;
    let now = 0;
    if (d.wCall !== 0) now += d.wCall * bsPrice("call", d.spot, d.strike, d.t0, r, d.iv, q);
    if (d.wPut !== 0) now += d.wPut * bsPrice("put", d.spot, d.strike, d.t0, r, d.iv, q);
    series.now[c] = now;
  });
  return { ctx, groups, series, size: n };
}

/** A P&L grid: rows = price moves, columns = vol moves, cells row-major. */
export interface PnlGrid {
  priceMoves: number[];
  volMoves: number[];
  cells: Float64Array;
}

export function gridRows(g: PnlGrid): number[][] {
  const nV = g.volMoves.length;
  return g.priceMoves.map((_, i) => Array.from(g.cells.subarray(i * nV, (i + 1) * nV)));
}

export function checkMoves(priceMoves: readonly number[], volMoves: readonly number[]): void {
  if (priceMoves.length === 0) throw valueError("priceMoves: at least one price move is needed");
  if (volMoves.length === 0) throw valueError("volMoves: at least one vol move is needed");
  priceMoves.forEach((m, i) => {
    if (!Number.isFinite(m) || m <= -1) throw numError(`priceMoves, value ${i + 1}: ${m} must be greater than -1 (a fall of 100 %)`);
  });
  volMoves.forEach((v, j) => {
    if (!Number.isFinite(v)) throw numError(`volMoves, value ${j + 1}: ${v} is not a finite number`);
  });
}

/** Σ linear exposure of some groups (decimal sum). */
export function linearTotal(groups: readonly BookGroup[]): number {
  return groups.reduce((a, g) => a.plus(g.linear), D(0)).toNumber();
}

/** Adds the linear instruments' P&L (linear × move) to every column of the grid. */
export function addLinear(cells: Float64Array, linear: number, priceMoves: readonly number[], nV: number): void {
  if (linear === 0) return;
  priceMoves.forEach((m, i) => {
    const v = linear * m;
    for (let j = 0; j < nV; j++) cells[i * nV + j] += v;
  });
}

/** Every cell must be a finite number (a huge move can overflow); the message names the scenario. */
export function checkFiniteGrid(g: PnlGrid): PnlGrid {
  const nV = g.volMoves.length;
  const bad = g.cells.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw numError(
      `the P&L at price move ${g.priceMoves[Math.floor(bad / nV)]} and vol move ${g.volMoves[bad % nV]} is not a finite number: ` +
        "the moves or the positions are too large to value",
    );
  }
  return g;
}

/** Revalues the given groups of a compiled book into one grid (single thread). */
function revalueGroups(book: CompiledBook, groups: readonly BookGroup[], priceMoves: readonly number[], volMoves: readonly number[]): PnlGrid {
  checkMoves(priceMoves, volMoves);
  const nV = volMoves.length;
  const cells = new Float64Array(priceMoves.length * nV);
  for (const g of groups) revalueSeries(book.series, g.start, g.end, priceMoves, volMoves, book.ctx.volFloor, cells);
  addLinear(cells, linearTotal(groups), priceMoves, nV);
  return checkFiniteGrid({ priceMoves: [...priceMoves], volMoves: [...volMoves], cells });
}

/** The whole book's P&L grid: every underlying moved by the same fraction in each row. */
export function bookGrid(book: CompiledBook, priceMoves: readonly number[], volMoves: readonly number[]): PnlGrid {
  return revalueGroups(book, book.groups, priceMoves, volMoves);
}

/** One underlying's P&L grid over its own moves. */
export function groupGrid(book: CompiledBook, group: BookGroup, priceMoves: readonly number[], volMoves: readonly number[]): PnlGrid {
  return revalueGroups(book, [group], priceMoves, volMoves);
}

/** Positions → P&L grid in one call. */
export function scenarioGrid(positions: readonly Position[], priceMoves: readonly number[], volMoves: readonly number[], ctx: ScenarioContext): PnlGrid {
  checkMoves(priceMoves, volMoves);
  return bookGrid(compileBook(positions, ctx), priceMoves, volMoves);
}

/**
 * Reads a list of moves given as one row or one column (or a single number). Blank cells are
 * skipped; text and error values are errors naming the argument and the value's position.
 */
export function readMoves(v: unknown, what: string): number[] {
  const moves = readNumberLine(toGrid(v, what), what, "the moves");
  if (moves.length === 0) throw valueError(`${what}: no moves given`);
  return moves;
}

/** The reference grid: every position revalued through bsPrice, cell by cell (slow; for tests). */
export function referenceGrid(positions: readonly Position[], priceMoves: readonly number[], volMoves: readonly number[], ctx: ScenarioContext): PnlGrid {
  checkMoves(priceMoves, volMoves);
  const nV = volMoves.length;
  const cells = new Float64Array(priceMoves.length * nV);
  for (const p of positions) {
    priceMoves.forEach((m, i) => {
      volMoves.forEach((dv, j) => {
        cells[i * nV + j] += positionPnl(p, m, dv, ctx);
      });
    });
  }
  return { priceMoves: [...priceMoves], volMoves: [...volMoves], cells };
}
