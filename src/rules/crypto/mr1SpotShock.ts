/**
 * MR1 spot shock (SPEC §6): the worst loss of the risk unit over a grid of 7 index moves × 3 vol
 * states. Moves by coin group (`params` moveA1..moveO3): A ±0, 4, 8, 12 %; B ±0, 6, 12, 18 %;
 * O ±0, 8, 16, 25 %. Vol states down / unchanged / up move each option's IV by the vol shock
 * Δσ = 0.30 × (30 / days to expiry)^0.3 (down capped at σ itself; see revalue.ts); they change only
 * options. P&L of a cell: linear legs (perps, futures, spot in use) quantity × multiplier × index ×
 * settlement rate × move; options revalued with Black–Scholes on the moved index at the shocked vol,
 * minus their value now. MR1 = max(0, −min over the 21 cells).
 */
import { D, type Dec, ZERO, dec } from "../../money";
import { type CryptoParams } from "./params";
import { type OptionTerms, optionValue, shockedVol, volShock } from "./revalue";
import { type GroupTable } from "./tables";
import { SC, type UnitAggregate } from "./types";

export const VOL_STATES = ["down", "unchanged", "up"] as const;
export type VolState = (typeof VOL_STATES)[number];
const DIRECTIONS = [-1, 0, 1] as const;

/** The 7 index moves of a coin group, ascending: −m3, −m2, −m1, 0, +m1, +m2, +m3. */
export function mr1Moves(g: Pick<GroupTable, "moves">): number[] {
  const [a, b, c] = g.moves;
  return [-c, -b, -a, 0, a, b, c];
}

/** An option's 21 MR1 cells per unit of underlying: value at (index × (1 + move), shocked vol) − value now. */
export function mr1OptionScenarios(o: OptionTerms, s: number, base: number, p: CryptoParams, g: GroupTable): number[] {
  const shock = volShock(o.days, p);
  const out: number[] = [];
  for (const m of mr1Moves(g)) {
    for (const dir of DIRECTIONS) out.push(optionValue(o, s * (1 + m), shockedVol(o.sigma, shock, dir), o.years, p.rate, p) - base);
  }
  return out;
}

export interface Mr1Result {
  moves: number[];
  /** P&L in USD, rows = moves ascending, columns = vol down, unchanged, up. */
  grid: Dec[][];
  worst: { move: number; vol: VolState; pnl: Dec };
  mr1: Dec;
}

/** MR1 of a unit from its aggregate: the 7 × 3 grid of P&L, the worst cell and max(0, −worst). */
export function mr1SpotShock(agg: UnitAggregate, g: GroupTable): Mr1Result {
  const moves = mr1Moves(g);
  const grid = moves.map((m, i) =>
    VOL_STATES.map((_, j) => agg.linearIndexCash.times(m).plus(agg.hasOptions ? dec(agg.optionScen[SC.grid + i * 3 + j]) : ZERO)),
  );
  // The worst cell; on a tie the unchanged-vol cell is reported first, then down, then up.
  let worst = { move: moves[3], vol: "unchanged" as VolState, pnl: grid[3][1] };
  for (const j of [1, 0, 2]) {
    moves.forEach((m, i) => {
      if (grid[i][j].lessThan(worst.pnl)) worst = { move: m, vol: VOL_STATES[j], pnl: grid[i][j] };
    });
  }
  return { moves, grid, worst, mr1: D.max(ZERO, worst.pnl.negated()) };
}
