/**
 * Securities portfolio margin (SPEC §5; FINRA 4210(g), OCC TIMS): the rule set's constants as data.
 * One parameter table serves PMSCENARIO and PMMARGIN, so the same params range can be passed to both.
 */
import type { AssetClass } from "../../instruments/positions";
import { boolParam, numberParam, type ParamValues } from "../../params";
import { SCENARIO_PARAMS } from "../../models/scenario";

export const PM_PARAMS = {
  ...SCENARIO_PARAMS,
  minPerContract: numberParam(
    0.375,
    "Minimum requirement per option or future contract, per unit of multiplier (0.375 × 100 = $37.50 per equity option contract).",
    { min: 0 },
  ),
  houseMultiplier: numberParam(1, "The broker's house multiplier applied to the rule's requirement (seed 000 uses 1.2); at least 1.", { min: 1 }),
  volShift: numberParam(
    0,
    "PMMARGIN only: implied-vol shift in absolute vol points; when above 0 every price move is also valued with vol − volShift and vol + volShift.",
    { min: 0 },
  ),
  offsetEquity: numberParam(
    0,
    "Offset between EQUITY underlyings, 0–1: the class is credited this share of (Σ their worst losses − the worst loss of their P&L added scenario by scenario).",
    { min: 0, max: 1 },
  ),
  offsetBroadIndex: numberParam(0, "Offset between BROAD_INDEX underlyings, 0–1 (e.g. 0.9 for highly correlated broad indexes).", { min: 0, max: 1 }),
  offsetNarrowIndex: numberParam(0, "Offset between NARROW_INDEX underlyings, 0–1.", { min: 0, max: 1 }),
  offsetEtf: numberParam(0, "Offset between ETF underlyings, 0–1.", { min: 0, max: 1 }),
  withLabels: boolParam(false, "PMSCENARIO only: add the price moves as a first column and the vol moves as a header row."),
};
export type PmParams = ParamValues<typeof PM_PARAMS>;

/**
 * Price-move range of each class: the low and high ends, each reached in `steps` equal steps from 0
 * (FINRA 4210(g)(2)(F)): ±15 % for equities, narrow indexes and ETFs; −8 % … +6 % for broad-based
 * (high-capitalisation) indexes.
 */
export const CLASS_PRICE_RANGES: Readonly<Record<AssetClass, { low: number; high: number; steps: number }>> = {
  EQUITY: { low: -0.15, high: 0.15, steps: 5 },
  NARROW_INDEX: { low: -0.15, high: 0.15, steps: 5 },
  ETF: { low: -0.15, high: 0.15, steps: 5 },
  BROAD_INDEX: { low: -0.08, high: 0.06, steps: 5 },
};

/** The offset parameter of each class. */
export const CLASS_OFFSET_PARAM: Readonly<Record<AssetClass, "offsetEquity" | "offsetBroadIndex" | "offsetNarrowIndex" | "offsetEtf">> = {
  EQUITY: "offsetEquity",
  BROAD_INDEX: "offsetBroadIndex",
  NARROW_INDEX: "offsetNarrowIndex",
  ETF: "offsetEtf",
};
