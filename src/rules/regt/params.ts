/**
 * Reg T / FINRA 4210 / CBOE strategy-based margin (SPEC §4): the rate table. Every figure a rule
 * uses is a named parameter here, with the rulebook default; a user overrides any of them by name in
 * the `params` range (rates are fractions: 0.3 = 30 %).
 */
import { numError } from "../../errors";
import { boolParam, dateParam, numberParam, type ParamSpec, type ParamValues } from "../../params";

const rate = (def: number, description: string): ParamSpec<number> => numberParam(def, description, { min: 0 });
const dollars = (def: number, description: string): ParamSpec<number> => numberParam(def, description, { min: 0 });

function wholeMonths(def: number, description: string): ParamSpec<number> {
  const base = numberParam(def, description, { min: 0 });
  return {
    ...base,
    read(v, where) {
      const x = base.read(v, where);
      if (!Number.isInteger(x)) throw numError(`${where}: ${x} must be a whole number of months`);
      return x;
    },
  };
}

export const REGT_PARAMS = {
  longStockInitial: rate(0.5, "Long stock, initial requirement: fraction of market value (Reg T 50 %)."),
  longStockMaintenance: rate(0.25, "Long stock, maintenance requirement: fraction of market value (FINRA 4210: 25 %)."),
  shortStockInitial: rate(0.5, "Short stock, initial requirement: fraction of market value (Reg T 50 %; the proceeds stay in the account)."),
  shortStockMaintenance: rate(0.3, "Short stock at or above lowPriceThreshold, maintenance: fraction of market value (30 %)."),
  shortStockMinimum: dollars(5, "Short stock at or above lowPriceThreshold, maintenance: minimum per share ($5)."),
  lowPriceThreshold: dollars(5, "Share price below which the low-priced short stock rule applies ($5)."),
  lowPriceShortRate: rate(1, "Short stock below lowPriceThreshold, maintenance: fraction of market value (100 %)."),
  lowPriceShortMinimum: dollars(2.5, "Short stock below lowPriceThreshold, maintenance: minimum per share ($2.50)."),
  longOptionRate: rate(1, "Long option, fraction of its value to pay (100 %: options up to longTermMonths have no loan value)."),
  longTermOptionRate: rate(0.75, "Long listed option with more than longTermMonths to expiry: fraction of its value (75 %)."),
  longTermMonths: wholeMonths(9, "Months to expiry beyond which a long option may be margined at longTermOptionRate (9)."),
  nakedRate: rate(0.2, "Naked short option: fraction of the underlying value, before subtracting the out-of-the-money amount (20 %)."),
  nakedBroadIndexRate: rate(0.15, "Naked short option on a broad-based index (Class BROAD_INDEX): in place of nakedRate (15 %)."),
  nakedCallMinimum: rate(0.1, "Naked short call: minimum, as a fraction of the underlying value (10 % of S)."),
  nakedPutMinimum: rate(0.1, "Naked short put: minimum, as a fraction of the strike value (10 % of K)."),
  protectivePutRate: rate(0.1, "Protective put or collar, maintenance cap: this fraction of the put strike plus the put's out-of-the-money amount (10 %)."),
  collarCallRate: rate(0.25, "Collar, maintenance cap: this fraction of the call strike (25 %)."),
  netOfProceeds: boolParam(false, "TRUE subtracts all short-option proceeds from each group (the cash to add, as in the CBOE tables); FALSE (default) gives the requirement as the rules state it (gross)."),
  roundPerShare: boolParam(false, "TRUE rounds every per-share figure up to the next cent before multiplying by shares or the multiplier, as some brokers do; FALSE (default) is exact."),
  valuationDate: dateParam("Valuation date for the long-option 9-month rule (default: today, UTC). Give it to make a workbook reproducible."),
} as const;

export type RegTParams = ParamValues<typeof REGT_PARAMS>;
