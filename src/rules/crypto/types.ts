/**
 * Shared shapes of crypto portfolio margin (SPEC §6): a leg is one crypto row of the positions table,
 * valued in USD; a holding is a leg at a quantity (LIQPLAN and spot in use change quantities, never
 * the leg); a unit aggregate is what the MR rules read.
 */
import { type Position, type Settle } from "../../instruments/positions";
import { type Dec } from "../../money";
import { type OptionTerms } from "./revalue";
import { type CoinGroup, type GroupTable } from "./tables";

export type LegKind = "perp" | "future" | "option" | "spot";

/** Per-contract scenario P&L vector of an option (USD per contract): where each rule's block sits. */
export const SC = {
  /** MR1: 7 moves × 3 vol states, cell (i, j) at i × 3 + j (moves ascending; vol down, unchanged, up). */
  grid: 0,
  /** MR2: value change over the decay horizon. */
  decay: 21,
  /** MR3: twist A (short-dated up, long-dated down), twist B (the reverse). */
  twist: 22,
  /** MR5: rate + shift, rate − shift. */
  rate: 24,
  /** MR6: + extreme move, − extreme move (vol unchanged). */
  extreme: 26,
  length: 28,
} as const;

export interface OptionData extends OptionTerms {
  /** Model value per unit of underlying at the index and IV. */
  value: number;
  /** Scenario P&L per contract in USD (× multiplier × settlement rate); layout `SC`. */
  scen: Float64Array;
  /** Greeks per contract in USD terms (× multiplier × settlement rate): vega per 1.00 vol, theta per year. */
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  /** Coins of underlying per contract of delta (δ × multiplier), for spot in use. */
  coinDelta: number;
  /** Cash delta per contract in USD: δ × multiplier × index × rate (MR9). */
  cashDelta: number;
  /** Underlying notional per contract in USD: multiplier × index × rate (MR7 on short options). */
  notional: Dec;
}

export interface Leg {
  pos: Position;
  kind: LegKind;
  coin: string;
  /** The MR9 bucket: the row's Settle; spot without Settle counts as USD. */
  bucket: Settle;
  /** Contracts (coins for spot) as given in the row. */
  quantity: number;
  multiplier: number;
  /** USD price of the settlement currency (1 for spot without Settle). */
  rate: number;
  /** Index price (UnderlyingPrice). */
  index: number;
  /** Mark price (Price). */
  mark: number;
  /** Years to expiry (futures, options). */
  years?: number;
  /** Linear legs: cash delta per contract, multiplier × mark × rate (USD). */
  cash: Dec;
  /** Linear legs: USD value of the index exposure per contract, multiplier × index × rate (scenario P&L per unit move). */
  indexCash: Dec;
  /** MR4 basis rate of this leg (perps and spot: minBasis; futures: max(minBasis, e^(AMR × years) − 1)). */
  basisRate: Dec;
  option?: OptionData;
}

export interface Holding {
  leg: Leg;
  quantity: number;
}

/** One coin's risk unit: its derivatives and the spot rows that may hedge them. */
export interface RiskUnit {
  coin: string;
  group: CoinGroup;
  groupTable: GroupTable;
  derivatives: Leg[];
  spot: Leg[];
  /** User cap on spot in use, in coins (assets SpotInUseCap). */
  spotCap?: number;
}

/** Sums over a unit's holdings that the MR rules read. */
export interface UnitAggregate {
  /** Σ linear quantity × indexCash: the USD P&L of the linear legs per 1.00 index move. */
  linearIndexCash: Dec;
  /** Σ option quantity × scenario vector (USD). */
  optionScen: Float64Array;
  hasOptions: boolean;
  /** Cash delta per settlement currency (USD): linear at the mark, options δ × notional. */
  buckets: Record<Settle, Dec>;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}
