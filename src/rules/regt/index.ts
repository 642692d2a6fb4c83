/**
 * Strategy-based margin: Regulation T / FINRA 4210 / CBOE (SPEC §4).
 *
 * regtMargin nets the book into legs per underlying (identical contracts added up), finds the
 * grouping of each underlying's legs into strategies with the lowest total requirement (pairing.ts:
 * exact branch and bound for up to 12 option contracts per underlying, a budgeted search beyond,
 * never above margining every leg alone), and prices every group by its rule (rules.ts, rates in
 * params.ts). Stock pairs with options of the same underlying only.
 */
import { checkNotExpired, isCryptoPosition, type Position, securitiesOnly } from "../../instruments/positions";
import { sum } from "../../money";
import { choiceParam, valuationDate } from "../../params";
import { netBook } from "./book";
import { describeLegs, groupPositions, isStockAlone, type Pairing, pairUnderlying, type PairingOptions } from "./pairing";
import type { RegTParams } from "./params";
import { type RegTRequirement, type RuleContext, show } from "./rules";

export { REGT_PARAMS, type RegTParams } from "./params";
export type { RegTRequirement } from "./rules";
export { EXACT_LEGS } from "./pairing";

/** The `requirement` argument: "initial" (default) or "maintenance". */
export const REQUIREMENT = choiceParam<RegTRequirement>(
  "initial",
  ["initial", "maintenance"],
  'Which requirement: "initial" (Reg T, to open) or "maintenance" (FINRA 4210, to hold).',
);

export interface RegTGroup {
  underlying: string;
  /** Strategy name: "Iron condor", "Covered call", "Naked put", ... */
  strategy: string;
  /** The legs and quantities in the group, e.g. "+1 PUT 120 2026-06-19, -1 PUT 125 2026-06-19". */
  legs: string;
  requirement: number;
  /** The rule applied and its arithmetic. */
  rule: string;
  /** The group's positions (each leg's first row, with the quantity the group holds). */
  positions: Position[];
}

export interface RegTResult {
  total: number;
  groups: RegTGroup[];
  /** True when every underlying's grouping is proven the cheapest (see pairing.ts). */
  exact: boolean;
  /** The requirement with every leg margined alone (the total is never above it). */
  allLegsAlone: number;
  /** Crypto rows (isCryptoPosition), left to the crypto functions: not part of the total. */
  excluded: Position[];
}

/** The pairing of every underlying (for tests and for callers that want the decimal figures). */
export function regtPairings(
  positions: readonly Position[],
  requirement: RegTRequirement,
  params: RegTParams,
  options: PairingOptions = {},
): Pairing[] {
  const ctx: RuleContext = { requirement, params, valuationDate: valuationDate(params) };
  checkNotExpired(positions, ctx.valuationDate);
  return netBook(positions).map((book) => pairUnderlying(book, ctx, options));
}

function groupsOf(p: Pairing): RegTGroup[] {
  return p.groups.map((g) => {
    let rule: string | undefined;
    return {
      underlying: p.underlying,
      strategy: g.template.name,
      legs: describeLegs(p, g),
      requirement: g.requirement.toNumber(),
      get rule(): string {
        rule ??= `${g.template.charge().rule()}; × ${show(g.units)}${isStockAlone(g.template) ? " shares" : ""} = ${show(g.requirement)}`;
        return rule;
      },
      positions: groupPositions(p, g),
    };
  });
}

/**
 * Reg T strategy-based requirement of a securities book, with the groups that explain it. Crypto rows
 * (a Settle currency, PERP or SPOT) are outside Reg T: they are returned as `excluded`, not margined.
 */
export function regtMargin(positions: readonly Position[], requirement: RegTRequirement, params: RegTParams): RegTResult {
  const pairings = regtPairings(securitiesOnly(positions), requirement, params);
  return {
    total: sum(pairings.map((p) => p.total)).toNumber(),
    groups: pairings.flatMap(groupsOf),
    exact: pairings.every((p) => p.exact),
    allLegsAlone: sum(pairings.map((p) => p.allAlone)).toNumber(),
    excluded: positions.filter(isCryptoPosition),
  };
}

