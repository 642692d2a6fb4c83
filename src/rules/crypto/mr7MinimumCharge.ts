/**
 * MR7 minimum charge (SPEC §6). Raw = Σ over perps and futures of rate × |cash delta| (A 0.45 %,
 * B 0.70 %, O 1.0 %) + Σ over short option contracts of option rate × underlying notional
 * (|quantity| × multiplier × index × rate; A 0.5 %, B 1 %, O 2 %). Spot is not charged (OKX's example:
 * 10 BTC spot hedged by a −10 BTC perp has MR7 ≈ 0.45 % of the perp's notional alone); long options
 * are not charged. Adjusted = the raw charge taken through the multiplier brackets like tax brackets
 * (default 0–250k × 1, 250k–500k × 2, 500k–1M × 4, 1M–2M × 6, 2M–3M × 8, 3M–4M × 10, above × 12):
 * each slice at its own multiplier, so the charge never jumps.
 */
import { type Dec, ZERO, progressive } from "../../money";
import { type Bracket, type GroupTable } from "./tables";
import { type Holding } from "./types";

/** The raw minimum charge of a unit's holdings (USD). */
export function mr7Raw(holdings: readonly Holding[], g: Pick<GroupTable, "mr7Rate" | "mr7OptionRate">): Dec {
  let linear = ZERO;
  let options = ZERO;
  for (const { leg, quantity } of holdings) {
    if (quantity === 0) continue;
    if (leg.kind === "perp" || leg.kind === "future") linear = linear.plus(leg.cash.times(quantity).abs());
    else if (leg.kind === "option" && quantity < 0 && leg.option) options = options.plus(leg.option.notional.times(-quantity));
  }
  return linear.times(g.mr7Rate).plus(options.times(g.mr7OptionRate));
}

/**
 * A raw charge through the brackets: Σ over brackets of (the part of raw between the previous bound
 * and this bound) × multiplier. The last bracket is open-ended (above its bound, its multiplier).
 */
export function bracketed(raw: Dec, brackets: readonly Bracket[]): Dec {
  return progressive(raw, brackets.map((b) => ({ upTo: b.upTo, rate: b.multiplier })));
}

export interface Mr7Result {
  raw: Dec;
  mr7: Dec;
}

/** MR7 of a unit: the raw charge and the adjusted (bracketed) charge. */
export function mr7MinimumCharge(holdings: readonly Holding[], g: GroupTable, brackets: readonly Bracket[]): Mr7Result {
  const raw = mr7Raw(holdings, g);
  return { raw, mr7: bracketed(raw, brackets) };
}
