/**
 * Parameters of crypto portfolio margin (SPEC §0, §6): the `params` range (name, value) and the four
 * tier-table arguments (MR9 tiers, MR7 brackets, discount tiers, borrowing rates). Every default comes
 * from `tables.ts`; this module only declares how each is named, described, overridden and validated.
 */
import { numError, valueError } from "../../errors";
import { asNumber, asText, isBlank, show } from "../../instruments/cells";
import { type ColumnSpec, readTable, type TableRow, toGrid } from "../../instruments/table";
import {
  type ParamSpec,
  type ParamSpecs,
  type ParamValues,
  choiceParam,
  dateParam,
  numberParam,
  readParams,
  valuationDate,
} from "../../params";
import {
  BORROW_RATES,
  type BorrowRate,
  type Bracket,
  COIN_GROUPS,
  type CoinGroup,
  DISCOUNT_TIERS,
  type DiscountTier,
  GROUP_TABLE,
  type GroupTable,
  MR7_BRACKETS,
  MR9_TIERS,
  RULE_CONSTANTS,
  type TierTable,
  VOL_SHOCK,
} from "./tables";
import { modelParam, type PricingModel } from "../../models/scenario";

/** A comma-separated list of coin symbols (upper-cased, blanks dropped). */
function listParam(def: readonly string[], description: string): ParamSpec<string> {
  return {
    kind: "text",
    default: def.join(","),
    description,
    read(v, where) {
      const t = asText(v, where);
      if (!/^[A-Za-z0-9_\s,;-]*$/.test(t)) throw valueError(`${where}: ${show(v)} is not a comma-separated list of coins`);
      return t;
    },
  };
}

const splitList = (s: string): string[] =>
  s
    .split(/[,;\s]+/)
    .map((x) => x.trim().toUpperCase())
    .filter((x) => x !== "");

const rate = (def: number, description: string) => numberParam(def, description, { min: 0 });
const positive = (def: number, description: string) => numberParam(def, description, { min: 0, minExclusive: true });

function groupSpecs(): ParamSpecs {
  const specs: ParamSpecs = {};
  const label: Record<CoinGroup, string> = { A: "group A (BTC, ETH)", B: "group B", O: "group O (all other coins)" };
  for (const g of COIN_GROUPS) {
    const t = GROUP_TABLE[g];
    t.moves.forEach((m, i) => {
      specs[`move${g}${i + 1}`] = positive(m, `MR1: index move ${i + 1} of 3 (±) for ${label[g]}; moves must ascend`);
    });
  }
  for (const g of COIN_GROUPS) specs[`extreme${g}`] = positive(GROUP_TABLE[g].extremeMove, `MR6: extreme index move (±) for ${label[g]}`);
  for (const g of COIN_GROUPS) specs[`minBasis${g}`] = rate(GROUP_TABLE[g].minBasis, `MR4: minimum basis rate (perps, spot in use, futures floor) for ${label[g]}`);
  for (const g of COIN_GROUPS) specs[`amr${g}`] = rate(GROUP_TABLE[g].amr, `MR4: annualised move risk; a future's rate is max(minBasis, e^(AMR × years) − 1), ${label[g]}`);
  for (const g of COIN_GROUPS) specs[`mr7Rate${g}`] = rate(GROUP_TABLE[g].mr7Rate, `MR7: rate on |cash delta| of perps and futures, ${label[g]}`);
  for (const g of COIN_GROUPS) {
    specs[`mr7OptionRate${g}`] = rate(GROUP_TABLE[g].mr7OptionRate, `MR7: rate on the underlying notional of each short option contract, ${label[g]}`);
  }
  return specs;
}

/** The name/value parameters of crypto PM, with their defaults (the `params` argument). */
export const CRYPTO_PARAMS = {
  valuationDate: dateParam("Valuation date for time to expiry (blank: today, UTC)"),
  rate: numberParam(0, "Risk-free rate used to revalue options (continuously compounded, fraction)"),
  model: {
    ...modelParam("Option revaluation on the index: BSM (Black–Scholes, index as spot; bs also accepted) or BLACK76 (Black-76, index as forward); formerly named optionModel"),
    aliases: ["optionModel"],
  },
  spotOffset: choiceParam<"larger" | "withSpot">(
    "larger",
    ["larger", "withSpot"],
    "larger: total MMR = max(derivatives MMR, derivatives-and-spot MMR) as SPEC §6; withSpot: units always include spot in use (OKX spot-derivatives offset)",
  ),
  groupA: listParam(GROUP_TABLE.A.members, "Coins of group A (comma-separated)"),
  groupB: listParam(GROUP_TABLE.B.members, "Coins of group B (comma-separated); every other coin is group O"),
  ...groupSpecs(),
  volShockBase: rate(VOL_SHOCK.base, "MR1/MR3 vol shock Δσ = base × (refDays / days to expiry)^power: the base (absolute vol)"),
  volShockRefDays: positive(VOL_SHOCK.refDays, "MR1/MR3 vol shock: reference days"),
  volShockPower: rate(VOL_SHOCK.power, "MR1/MR3 vol shock: power"),
  volShockMinDays: positive(VOL_SHOCK.minDays, "MR1/MR3 vol shock: days to expiry below this count as this"),
  termPivotDays: positive(VOL_SHOCK.termPivotDays, "MR3: pivot of the vol-curve twist, days (shorter expiries move one way, longer the other)"),
  decayDays: positive(RULE_CONSTANTS.decayDays, "MR2: time-decay horizon in days (1 = 24 hours)"),
  rateShift: rate(RULE_CONSTANTS.rateShift, "MR5: parallel rate shift, ± (0.01 = 1 %)"),
  extremeFraction: rate(RULE_CONSTANTS.extremeFraction, "MR6: share of the extreme-move loss charged"),
  imrFactor: positive(RULE_CONSTANTS.imrFactor, "IMR = imrFactor × derivatives MMR + borrowing IMR"),
  liquidationTrigger: positive(RULE_CONSTANTS.liquidationTrigger, "Liquidation starts when the maintenance margin ratio is at or below this"),
  liquidationTarget: positive(RULE_CONSTANTS.liquidationTarget, "The liquidation waterfall stops once the ratio is above this"),
} satisfies ParamSpecs;

export type CryptoParamValues = ParamValues<typeof CRYPTO_PARAMS>;

export interface CryptoParams {
  valuationDate: number;
  rate: number;
  model: PricingModel;
  spotOffset: "larger" | "withSpot";
  groups: Record<CoinGroup, GroupTable>;
  volShock: { base: number; refDays: number; power: number; minDays: number; termPivotDays: number };
  decayDays: number;
  rateShift: number;
  extremeFraction: number;
  imrFactor: number;
  liquidationTrigger: number;
  liquidationTarget: number;
}

/** Reads the `params` argument (range or object) into structured crypto parameters, validated. */
export function readCryptoParams(v: unknown, what = "params"): CryptoParams {
  const p = readParams(CRYPTO_PARAMS, v, what) as CryptoParamValues & Record<string, unknown>;
  const num = (k: string) => p[k] as number;
  const a = splitList(p.groupA);
  const b = splitList(p.groupB);
  for (const c of a) if (b.includes(c)) throw valueError(`${what}: ${c} is in both groupA and groupB`);
  const groups = {} as Record<CoinGroup, GroupTable>;
  for (const g of COIN_GROUPS) {
    const moves: [number, number, number] = [num(`move${g}1`), num(`move${g}2`), num(`move${g}3`)];
    if (!(moves[0] < moves[1] && moves[1] < moves[2])) {
      throw numError(`${what}, move${g}1..move${g}3: the MR1 moves must ascend (got ${moves.join(", ")})`);
    }
    if (!(moves[2] < 1)) throw numError(`${what}, move${g}3: ${moves[2]} must be below 1 (a fall of 100 % or more)`);
    if (!(num(`extreme${g}`) < 1)) throw numError(`${what}, extreme${g}: ${num(`extreme${g}`)} must be below 1 (a fall of 100 % or more)`);
    groups[g] = {
      members: g === "A" ? a : g === "B" ? b : [],
      moves,
      extremeMove: num(`extreme${g}`),
      minBasis: num(`minBasis${g}`),
      amr: num(`amr${g}`),
      mr7Rate: num(`mr7Rate${g}`),
      mr7OptionRate: num(`mr7OptionRate${g}`),
    };
  }
  if (!(p.liquidationTrigger <= p.liquidationTarget)) {
    throw numError(`${what}, liquidationTarget: ${p.liquidationTarget} is below liquidationTrigger ${p.liquidationTrigger}`);
  }
  return {
    valuationDate: valuationDate(p),
    rate: p.rate,
    model: p.model,
    spotOffset: p.spotOffset,
    groups,
    volShock: {
      base: p.volShockBase,
      refDays: p.volShockRefDays,
      power: p.volShockPower,
      minDays: p.volShockMinDays,
      termPivotDays: p.termPivotDays,
    },
    decayDays: p.decayDays,
    rateShift: p.rateShift,
    extremeFraction: p.extremeFraction,
    imrFactor: p.imrFactor,
    liquidationTrigger: p.liquidationTrigger,
    liquidationTarget: p.liquidationTarget,
  };
}

/** The coin group of an underlying under these parameters: A, B, or O for all others. */
export function coinGroup(coin: string, p: Pick<CryptoParams, "groups">): CoinGroup {
  if (p.groups.A.members.includes(coin)) return "A";
  if (p.groups.B.members.includes(coin)) return "B";
  return "O";
}

// ---------------------------------------------------------------------------------------------
// Tier-table arguments

function cellNumber(v: unknown, where: string): number {
  if (isBlank(v)) throw valueError(`${where}: a number is required`);
  return asNumber(v, where);
}

/**
 * Reads an MR9 `tierTable` (SPEC §6.1 layout): the first row is an empty corner cell (or a label)
 * and then the price levels, descending; each following row is a tier's upper bound of hedged volume
 * followed by its rates, one per level. Blank argument: the default table.
 */
export function readTierTable(v: unknown, what = "tierTable"): TierTable {
  if (isBlank(v) || (Array.isArray(v) && toGrid(v, what).every((r) => r.every(isBlank)))) return MR9_TIERS;
  const grid = toGrid(v, what)
    .map((r, i) => ({ r, row: i + 1 }))
    .filter((x) => !x.r.every(isBlank));
  if (grid.length < 2 || grid[0].r.length < 2) {
    throw valueError(`${what}: expected a corner cell and price levels in the first row, then one row per tier (bound, rates...)`);
  }
  const head = grid[0];
  const levels = head.r.slice(1).map((c, j) => cellNumber(c, `${what}, row ${head.row}, column ${j + 2} (price level)`));
  levels.forEach((l, j) => {
    if (!(l > 0)) throw numError(`${what}, row ${head.row}, column ${j + 2}: price level ${l} must be greater than zero`);
    if (j > 0 && !(l < levels[j - 1])) throw numError(`${what}, row ${head.row}: price levels must descend (${levels.join(", ")})`);
  });
  const bounds: number[] = [];
  const rates: number[][] = [];
  for (const { r, row } of grid.slice(1)) {
    const bound = cellNumber(r[0], `${what}, row ${row}, column 1 (hedged volume up to)`);
    if (!(bound > 0)) throw numError(`${what}, row ${row}, column 1: tier bound ${bound} must be greater than zero`);
    if (bounds.length && !(bound > bounds[bounds.length - 1])) throw numError(`${what}, row ${row}, column 1: tier bounds must ascend`);
    const rs = levels.map((_, j) => {
      const x = cellNumber(r[j + 1], `${what}, row ${row}, column ${j + 2} (rate)`);
      if (x < 0) throw numError(`${what}, row ${row}, column ${j + 2}: rate ${x} cannot be negative`);
      return x;
    });
    bounds.push(bound);
    rates.push(rs);
  }
  return { levels, bounds, rates };
}

/** An MR9 tier table as a 2-D range in the layout `readTierTable` accepts. */
export function tierTableGrid(t: TierTable): (string | number)[][] {
  return [["", ...t.levels], ...t.bounds.map((b, i) => [b, ...t.rates[i]])];
}

function optionalBound(v: unknown, where: string): number | undefined {
  if (isBlank(v)) return undefined;
  const x = asNumber(v, where);
  if (!(x > 0)) throw numError(`${where}: ${x} must be greater than zero (leave blank for "and above")`);
  return x;
}

/** Checks ascending bounds with only the last open ("and above"); `where(i)` names row i. */
function checkBounds(bounds: (number | undefined)[], where: (i: number) => string): void {
  bounds.forEach((b, i) => {
    if (b === undefined && i !== bounds.length - 1) throw valueError(`${where(i)}: only the last tier may be open-ended (blank)`);
    if (i > 0 && b !== undefined && !(b > (bounds[i - 1] as number))) throw numError(`${where(i)}: bounds must ascend`);
  });
}

/** The data rows of a table argument; undefined when it is blank or has none (the default table applies). */
function givenRows(v: unknown, columns: readonly ColumnSpec[], what: string): TableRow[] | undefined {
  if (isBlank(v)) return undefined;
  const { rows } = readTable(v, columns, what);
  return rows.length === 0 ? undefined : rows;
}

export const BRACKET_COLUMNS = [
  { name: "UpTo", aliases: ["RawChargeUpTo", "Bound", "UpperBound", "Up to"] },
  { name: "Multiplier", aliases: ["Mult", "Factor"] },
] as const;

/** Reads the MR7 brackets argument: columns UpTo (USD of raw charge; blank = and above) and Multiplier. */
export function readBrackets(v: unknown, what = "mr7Brackets"): Bracket[] {
  const rows = givenRows(v, BRACKET_COLUMNS, what);
  if (!rows) return [...MR7_BRACKETS];
  const out = rows.map(({ row, cells }) => {
    const multiplier = cellNumber(cells.Multiplier, `${what}, row ${row}, Multiplier`);
    if (multiplier < 0) throw numError(`${what}, row ${row}, Multiplier: ${multiplier} cannot be negative`);
    return { upTo: optionalBound(cells.UpTo, `${what}, row ${row}, UpTo`), multiplier };
  });
  checkBounds(
    out.map((b) => b.upTo),
    (i) => `${what}, row ${rows[i].row}, UpTo`,
  );
  return out;
}

export const DISCOUNT_COLUMNS = [
  { name: "Currency", aliases: ["Ccy", "Coin"] },
  { name: "UpTo", aliases: ["AmountUpTo", "Bound", "UpperBound", "Up to"] },
  { name: "Discount", aliases: ["DiscountRate", "Rate", "Haircut"] },
] as const;

const currencyCell = (v: unknown, where: string): string => {
  if (isBlank(v)) throw valueError(`${where}: a currency is required (or * for all others)`);
  return asText(v, where).toUpperCase();
};

/** Reads the discount tiers argument: Currency (or *), UpTo (coins; blank = and above), Discount (0–1]. */
export function readDiscountTiers(v: unknown, what = "discountTiers"): DiscountTier[] {
  const given = givenRows(v, DISCOUNT_COLUMNS, what);
  if (!given) return [...DISCOUNT_TIERS];
  const out = given.map(({ row, cells }) => {
    const discount = cellNumber(cells.Discount, `${what}, row ${row}, Discount`);
    if (!(discount > 0 && discount <= 1)) throw numError(`${what}, row ${row}, Discount: ${discount} must be above 0 and at most 1`);
    return { row, currency: currencyCell(cells.Currency, `${what}, row ${row}, Currency`), upTo: optionalBound(cells.UpTo, `${what}, row ${row}, UpTo`), discount };
  });
  for (const c of new Set(out.map((x) => x.currency))) {
    const rows = out.filter((x) => x.currency === c);
    checkBounds(
      rows.map((x) => x.upTo),
      (i) => `${what}, row ${rows[i].row}, UpTo`,
    );
  }
  return out.map(({ currency, upTo, discount }) => ({ currency, upTo, discount }));
}

export const BORROW_COLUMNS = [
  { name: "Currency", aliases: ["Ccy", "Coin"] },
  { name: "MaxLeverage", aliases: ["Leverage", "MaxLev"] },
  { name: "MMRRate", aliases: ["MMR", "MaintenanceRate", "MMRPct"] },
] as const;

/** Reads the borrowing argument: Currency (or *), MaxLeverage (> 0), MMRRate (≥ 0). */
export function readBorrowRates(v: unknown, what = "borrowRates"): BorrowRate[] {
  const rows = givenRows(v, BORROW_COLUMNS, what);
  if (!rows) return [...BORROW_RATES];
  const seen = new Set<string>();
  return rows.map(({ row, cells }) => {
    const currency = currencyCell(cells.Currency, `${what}, row ${row}, Currency`);
    if (seen.has(currency)) throw valueError(`${what}, row ${row}, Currency: ${currency} appears twice`);
    seen.add(currency);
    const maxLeverage = cellNumber(cells.MaxLeverage, `${what}, row ${row}, MaxLeverage`);
    if (!(maxLeverage > 0)) throw numError(`${what}, row ${row}, MaxLeverage: ${maxLeverage} must be greater than zero`);
    const mmrRate = cellNumber(cells.MMRRate, `${what}, row ${row}, MMRRate`);
    if (mmrRate < 0) throw numError(`${what}, row ${row}, MMRRate: ${mmrRate} cannot be negative`);
    return { currency, maxLeverage, mmrRate };
  });
}

/** Everything a crypto PM calculation reads besides positions and assets. */
export interface CryptoContext {
  params: CryptoParams;
  mr9Tiers: TierTable;
  mr7Brackets: Bracket[];
  discountTiers: DiscountTier[];
  borrowRates: BorrowRate[];
}

export interface CryptoArgs {
  params?: unknown;
  mr9Tiers?: unknown;
  mr7Brackets?: unknown;
  discountTiers?: unknown;
  borrowRates?: unknown;
}

/** Reads every optional parameter argument (blank → defaults). */
export function readCryptoContext(a: CryptoArgs = {}): CryptoContext {
  return {
    params: readCryptoParams(a.params),
    mr9Tiers: readTierTable(a.mr9Tiers, "mr9Tiers"),
    mr7Brackets: readBrackets(a.mr7Brackets),
    discountTiers: readDiscountTiers(a.discountTiers),
    borrowRates: readBorrowRates(a.borrowRates),
  };
}
