/**
 * Crypto unified-account portfolio margin (SPEC §6, OKX method): risk units, MR1–MR9, borrowing,
 * account totals and the liquidation waterfall. The public API of the rule set, and its default
 * parameter tables for the parameters sheet.
 */
import { paramTable } from "../../params";
import { CRYPTO_PARAMS, tierTableGrid } from "./params";
import { BORROW_RATES, DISCOUNT_TIERS, MR7_BRACKETS, MR9_TIERS } from "./tables";

export * from "./tables";
export * from "./params";
export * from "./assets";
export * from "./types";
export * from "./revalue";
export * from "./riskUnits";
export * from "./mr1SpotShock";
export * from "./mr2TimeDecay";
export * from "./mr3VegaTermStructure";
export * from "./mr4Basis";
export * from "./mr5InterestRate";
export * from "./mr6ExtremeMove";
export * from "./mr7MinimumCharge";
export * from "./mr8Borrowing";
export * from "./mr9StablecoinDepeg";
export * from "./account";
export * from "./liquidation";

/** Functions whose `params` argument takes the crypto name/value table. */
const PARAMS_USERS = ["PMRISKUNITS", "PMMMR", "PMIMR", "PMMARGINRATIO", "MR1GRID", "LIQPLAN"];
const TABLE_USERS = ["PMRISKUNITS", "PMMMR", "PMIMR", "PMMARGINRATIO", "LIQPLAN"];

export interface CryptoParameterTable {
  /** Defined name the parameters sheet gives the range. */
  name: string;
  title: string;
  /** Which argument of which functions takes it. */
  argument: string;
  usedBy: string[];
  /** The table as a 2-D range, in the layout its argument accepts (header row included). */
  grid: (string | number)[][];
  /** Descriptions, one per data row, for the name/value table (empty for tier tables). */
  descriptions: string[];
}

const open = (x: number | undefined): string | number => (x === undefined ? "" : x);

/**
 * Every default table of crypto PM as 2-D arrays, for the task pane's parameters sheet: the name/value
 * pairs (`params`) and the four tier tables, each in the layout its argument accepts.
 */
export function cryptoParameterTables(): CryptoParameterTable[] {
  const pairs = paramTable(CRYPTO_PARAMS);
  return [
    {
      name: "CRYPTO_PARAMS",
      title: "Crypto portfolio margin: parameters (SPEC §6)",
      argument: "params",
      usedBy: PARAMS_USERS,
      grid: [["Name", "Value"], ...pairs.map(([n, v]) => [n, v as string | number])],
      descriptions: pairs.map(([, , d]) => d),
    },
    {
      name: "CRYPTO_MR9_TIERS",
      title: "Crypto PM: MR9 stablecoin depeg tiers, hedged volume up to (USD) × index price level (SPEC §6.1)",
      argument: "mr9Tiers / tierTable",
      usedBy: [...TABLE_USERS, "MR9TIER", "MR9CHARGE"],
      grid: tierTableGrid(MR9_TIERS),
      descriptions: [],
    },
    {
      name: "CRYPTO_MR7_BRACKETS",
      title: "Crypto PM: MR7 minimum-charge multiplier brackets (raw charge up to, USD; blank = above)",
      argument: "mr7Brackets",
      usedBy: TABLE_USERS,
      grid: [["UpTo", "Multiplier"], ...MR7_BRACKETS.map((b) => [open(b.upTo), b.multiplier])],
      descriptions: [],
    },
    {
      name: "CRYPTO_DISCOUNT_TIERS",
      title: "Crypto PM: adjusted-equity discount tiers per currency (amount up to, in coins; blank = above; * = all others)",
      argument: "discountTiers",
      usedBy: TABLE_USERS,
      grid: [["Currency", "UpTo", "Discount"], ...DISCOUNT_TIERS.map((t) => [t.currency, open(t.upTo), t.discount])],
      descriptions: [],
    },
    {
      name: "CRYPTO_BORROW_RATES",
      title: "Crypto PM: borrowing max leverage and MMR rate per currency (* = all others)",
      argument: "borrowRates",
      usedBy: TABLE_USERS,
      grid: [["Currency", "MaxLeverage", "MMRRate"], ...BORROW_RATES.map((b) => [b.currency, b.maxLeverage, b.mmrRate])],
      descriptions: [],
    },
  ];
}
