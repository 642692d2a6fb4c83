/**
 * A margin report of one book: every rule set that applies to it, side by side — Reg T initial and
 * maintenance with the strategy groups, securities portfolio margin and the comparison, and for crypto
 * rows the unified-account MMR, IMR and margin ratio. The CLI's `report` command prints it; it is the
 * batch counterpart of the task pane's margin summary.
 *
 * One params table serves the whole report: each name goes to every rule set that defines it or accepts
 * it as an alias (valuationDate to all of them; rate and model to portfolio margin and crypto); a name no
 * rule set defines is an error listing the valid ones.
 */
import { valueError } from "./errors";
import { asText, isBlank, show } from "./instruments/cells";
import { isCryptoPosition, type Position } from "./instruments/positions";
import { normaliseName } from "./instruments/table";
import { toNum } from "./money";
import { paramNames, paramPairs, type ParamSpecs, readParams } from "./params";
import { accountRatio, CRYPTO_PARAMS, evaluateAccount, parseAssets, readCryptoContext } from "./rules/crypto/index";
import { compareMargins, type Comparison } from "./rules/pm/compare";
import { PM_PARAMS, pmMargin, type UnderlyingMargin } from "./rules/pm/index";
import { REGT_PARAMS, type RegTGroup, regtMargin } from "./rules/regt/index";

export interface MarginReport {
  positions: number;
  securities: number;
  crypto: number;
  regt?: { initial: number; maintenance: number; exact: boolean; groups: RegTGroup[] };
  pm?: { total: number; byUnderlying: UnderlyingMargin[] };
  comparison?: Comparison;
  cryptoAccount?: { mmr: number; imr: number; adjustedEquity?: number; ratio?: number; units: string[] };
}

const RULE_SETS: Record<"regt" | "pm" | "crypto", ParamSpecs> = { regt: REGT_PARAMS, pm: PM_PARAMS, crypto: CRYPTO_PARAMS };

/** Routes a combined params range to the rule sets that define each name (or accept it as an alias). */
export function routeParams(v: unknown, what = "params"): Record<keyof typeof RULE_SETS, [string, unknown][]> {
  const out = { regt: [] as [string, unknown][], pm: [] as [string, unknown][], crypto: [] as [string, unknown][] };
  for (const [nameCell, value] of paramPairs(v, what)) {
    if (isBlank(nameCell)) continue;
    const name = asText(nameCell, `${what}, name`);
    const sets = (Object.keys(RULE_SETS) as (keyof typeof RULE_SETS)[]).filter((k) => paramNames(RULE_SETS[k]).has(normaliseName(name)));
    if (sets.length === 0) {
      const valid = [...new Set(Object.values(RULE_SETS).flatMap((s) => Object.keys(s)))].join(", ");
      throw valueError(`${what}: unknown parameter ${show(name)}; valid names: ${valid}`);
    }
    for (const k of sets) out[k].push([name, value]);
  }
  return out;
}

export function marginReport(positions: readonly Position[], opts: { assets?: unknown; params?: unknown } = {}): MarginReport {
  const routed = routeParams(opts.params);
  const crypto = positions.filter(isCryptoPosition);
  const report: MarginReport = { positions: positions.length, securities: positions.length - crypto.length, crypto: crypto.length };
  if (report.securities > 0) {
    const regtParams = readParams(REGT_PARAMS, routed.regt);
    const initial = regtMargin(positions, "initial", regtParams);
    const maintenance = regtMargin(positions, "maintenance", regtParams);
    report.regt = { initial: initial.total, maintenance: maintenance.total, exact: initial.exact && maintenance.exact, groups: initial.groups };
    const pmParams = readParams(PM_PARAMS, routed.pm);
    const pm = pmMargin(positions, pmParams);
    report.pm = { total: pm.total, byUnderlying: pm.byUnderlying };
    report.comparison = compareMargins(positions, { ...regtParams, ...pmParams });
  }
  if (report.crypto > 0) {
    const account = evaluateAccount(positions, parseAssets(opts.assets), readCryptoContext({ params: routed.crypto }));
    const out: NonNullable<MarginReport["cryptoAccount"]> = {
      mmr: toNum(account.totals.totalMmr),
      imr: toNum(account.totals.totalImr),
      units: account.units.map((u) => u.coin),
    };
    if (!isBlank(opts.assets) && account.totals.totalMmr.gt(0)) {
      const r = accountRatio(account);
      out.adjustedEquity = toNum(r.adjustedEquity);
      out.ratio = toNum(r.ratio);
    }
    report.cryptoAccount = out;
  }
  return report;
}
