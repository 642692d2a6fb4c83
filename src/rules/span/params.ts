/**
 * SPAN (SPEC §7; CME SPAN): the 16 risk-array scenarios and the rule set's constants, as data.
 */
import { boolParam, numberParam, type ParamValues } from "../../params";
import { SCENARIO_PARAMS } from "../../models/scenario";

export const SPAN_PARAMS = {
  ...SCENARIO_PARAMS,
  extremeMultiple: numberParam(2, "Extreme moves (scenarios 15–16) as a multiple of the price scan range.", { min: 0, minExclusive: true }),
  extremeCover: numberParam(0.35, "Share of the extreme moves' P&L that counts (the cover fraction), 0–1.", { min: 0, max: 1 }),
  withLabels: boolParam(false, "SPANARRAY: add a first column describing each scenario and a header row."),
};
export type SpanParams = ParamValues<typeof SPAN_PARAMS>;

export interface SpanScenario {
  /** 1–16, CME's numbering. */
  n: number;
  /** Price move in thirds of the price scan range (0, ±1, ±2, ±3); extremes: ±3 thirds of extremeMultiple × range. */
  thirds: number;
  /** Vol move as a multiple of the vol scan range: +1 up, −1 down, 0 unchanged. */
  vol: number;
  /** Extreme move: the price move is ±extremeMultiple × range and the P&L is weighted by extremeCover. */
  extreme: boolean;
  label: string;
}

const s = (n: number, thirds: number, vol: number, label: string, extreme = false): SpanScenario => ({ n, thirds, vol, extreme, label });

/** CME's standard 16 scenarios, in their order. */
export const SPAN_SCENARIOS: readonly SpanScenario[] = [
  s(1, 0, 1, "price unchanged, vol up"),
  s(2, 0, -1, "price unchanged, vol down"),
  s(3, 1, 1, "price up 1/3 range, vol up"),
  s(4, 1, -1, "price up 1/3 range, vol down"),
  s(5, -1, 1, "price down 1/3 range, vol up"),
  s(6, -1, -1, "price down 1/3 range, vol down"),
  s(7, 2, 1, "price up 2/3 range, vol up"),
  s(8, 2, -1, "price up 2/3 range, vol down"),
  s(9, -2, 1, "price down 2/3 range, vol up"),
  s(10, -2, -1, "price down 2/3 range, vol down"),
  s(11, 3, 1, "price up 3/3 range, vol up"),
  s(12, 3, -1, "price up 3/3 range, vol down"),
  s(13, -3, 1, "price down 3/3 range, vol up"),
  s(14, -3, -1, "price down 3/3 range, vol down"),
  s(15, 3, 0, "price up extremeMultiple × range, vol unchanged, × extremeCover", true),
  s(16, -3, 0, "price down extremeMultiple × range, vol unchanged, × extremeCover", true),
];
