/**
 * Securities portfolio margin (SPEC §5): the scenario grid of a book (PMSCENARIO) and the risk-based
 * requirement (PMMARGIN). PMCOMPARE (with Reg T) calls `pmMargin` and `grossMarketValue`.
 */
import { type AssetClass, type Position, securitiesOnly } from "../../instruments/positions";
import { type Dec, dec, sum, toNum } from "../../money";
import { defaults } from "../../params";
import { bookGrid, compileBook, groupGrid, type PnlGrid, scenarioContext } from "../../models/scenario";
import { CLASS_OFFSET_PARAM, PM_PARAMS, type PmParams } from "./params";
import {
  checkLeveragedRange,
  classOffsetCredit,
  classPriceMoves,
  defaultScenarioMoves,
  marginVolMoves,
  perContractMinimum,
  underlyingClass,
  underlyingLeverage,
  underlyingRequirement,
  withHouseMultiplier,
  worstLoss,
} from "./rules";

export { CLASS_PRICE_RANGES, PM_PARAMS, type PmParams } from "./params";
export * from "./rules";

function withDefaults(params: Partial<PmParams> = {}): PmParams {
  return { ...defaults(PM_PARAMS), ...params };
}

/**
 * PMSCENARIO: the book's P&L grid. Without price moves, the class grid (equity, or broad index when
 * every position is one); without vol moves, {0}.
 */
export function pmScenario(positions: readonly Position[], priceMoves?: readonly number[], volMoves?: readonly number[], params: Partial<PmParams> = {}): PnlGrid {
  const p = withDefaults(params);
  const book = compileBook(positions, scenarioContext(p));
  return bookGrid(book, priceMoves ?? defaultScenarioMoves(positions), volMoves ?? [0]);
}

export interface UnderlyingMargin {
  underlying: string;
  /** The class whose grid was used. */
  assetClass: AssetClass;
  leverage: number;
  priceMoves: number[];
  volMoves: number[];
  /** Worst scenario loss (≥ 0) and where it occurs. */
  worstLoss: number;
  worstPriceMove: number;
  worstVolMove: number;
  /** Per-contract minimum of this underlying's options and futures. */
  minimum: number;
  /** houseMultiplier × max(worstLoss, minimum). */
  requirement: number;
}

export interface PmMarginResult {
  /** The portfolio-margin requirement: Σ requirements − offset credit. */
  total: number;
  byUnderlying: UnderlyingMargin[];
  /** Credit from class offsets (after the house multiplier); 0 unless offsets are given. */
  offsetCredit: number;
  houseMultiplier: number;
}

/**
 * PMMARGIN: per underlying the worst loss over its own class grid, floored at its per-contract
 * minimum; summed across underlyings (less any class offsets); times the house multiplier.
 */
export function pmMargin(positions: readonly Position[], params: Partial<PmParams> = {}): PmMarginResult {
  const p = withDefaults(params);
  const book = compileBook(securitiesOnly(positions), scenarioContext(p));
  const volMoves = marginVolMoves(p.volShift);

  interface Item {
    out: UnderlyingMargin;
    grid: PnlGrid;
    worst: Dec;
    minimum: Dec;
    requirement: Dec;
  }
  const items: Item[] = book.groups.map((g) => {
    const assetClass = underlyingClass(g.positions);
    checkLeveragedRange(g.positions, assetClass);
    const leverage = underlyingLeverage(g.positions);
    const grid = groupGrid(book, g, classPriceMoves(assetClass, leverage), volMoves);
    const w = worstLoss(grid);
    const worst = dec(w.loss);
    const minimum = perContractMinimum(g.positions, p.minPerContract);
    const requirement = underlyingRequirement(worst, minimum);
    const out: UnderlyingMargin = {
      underlying: g.underlying,
      assetClass,
      leverage,
      priceMoves: grid.priceMoves,
      volMoves,
      worstLoss: w.loss,
      worstPriceMove: w.priceMove,
      worstVolMove: w.volMove,
      minimum: toNum(minimum),
      requirement: toNum(withHouseMultiplier(requirement, p.houseMultiplier)),
    };
    return { out, grid, worst, minimum, requirement };
  });

  const credits: Dec[] = [];
  for (const [cls, param] of Object.entries(CLASS_OFFSET_PARAM) as [AssetClass, (typeof CLASS_OFFSET_PARAM)[AssetClass]][]) {
    const members = items.filter((i) => i.out.assetClass === cls);
    if (members.length < 2 || !(p[param] > 0)) continue;
    const combined = new Float64Array(members[0].grid.cells.length);
    for (const m of members) m.grid.cells.forEach((v, c) => (combined[c] += v));
    const combinedWorst = dec(worstLoss({ ...members[0].grid, cells: combined }).loss);
    credits.push(
      classOffsetCredit(
        p[param],
        members.map((m) => m.requirement),
        members.map((m) => m.worst),
        members.map((m) => m.minimum),
        combinedWorst,
      ),
    );
  }

  const gross = withHouseMultiplier(sum(items.map((i) => i.requirement)), p.houseMultiplier);
  const credit = withHouseMultiplier(sum(credits), p.houseMultiplier);
  return {
    total: toNum(gross.minus(credit)),
    byUnderlying: items.map((i) => i.out),
    offsetCredit: toNum(credit),
    houseMultiplier: p.houseMultiplier,
  };
}
