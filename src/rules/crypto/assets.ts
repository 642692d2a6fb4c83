/**
 * The `assets` table of crypto portfolio margin (SPEC §6): one row per currency, columns
 * `Currency`, `Balance` (the currency's equity, negative for a liability; it already includes the
 * unrealised P&L of positions settled in it) and optional `USDPrice` (default 1 for USDT, USDC and
 * USD; for a coin, required unless a position on that coin gives its index price). An optional
 * fourth column `SpotInUseCap` caps, in coins, how much of that coin's spot may join its risk unit
 * (blank: automatic). Header row optional, as for every table.
 */
import { numError, valueError } from "../../errors";
import { asNumber, asText, isBlank } from "../../instruments/cells";
import { type Position } from "../../instruments/positions";
import { readTable } from "../../instruments/table";
import { STABLECOINS } from "./tables";

export const ASSET_COLUMNS = [
  { name: "Currency", aliases: ["Ccy", "Coin", "Asset"] },
  { name: "Balance", aliases: ["Equity", "Eq", "Amount"] },
  { name: "USDPrice", aliases: ["PriceUSD", "USDRate", "Price"] },
  { name: "SpotInUseCap", aliases: ["SpotCap", "SpotInUse"] },
] as const;

export interface Asset {
  row: number;
  currency: string;
  balance: number;
  /** As given; undefined when the cell is blank (see `usdPrice`). */
  usdPrice?: number;
  spotInUseCap?: number;
}

/** Parses the assets table (blank argument: no assets). Currencies are upper-cased and must be unique. */
export function parseAssets(v: unknown, what = "assets"): Asset[] {
  if (isBlank(v)) return [];
  const t = readTable(v, ASSET_COLUMNS, what);
  if (t.hasHeader) {
    for (const c of ["Currency", "Balance"]) {
      if (!t.columns.includes(c)) throw valueError(`${what}: the header has no ${c} column (required: Currency, Balance)`);
    }
  }
  const seen = new Set<string>();
  return t.rows.map(({ row, cells }) => {
    const where = (c: string) => `${what}, row ${row}, ${c}`;
    if (isBlank(cells.Currency)) throw valueError(`${where("Currency")}: the currency is required`);
    const currency = asText(cells.Currency, where("Currency")).toUpperCase();
    if (seen.has(currency)) throw valueError(`${where("Currency")}: ${currency} appears twice`);
    seen.add(currency);
    if (isBlank(cells.Balance)) throw valueError(`${where("Balance")}: the balance is required`);
    const balance = asNumber(cells.Balance, where("Balance"));
    let usdPrice: number | undefined;
    if (!isBlank(cells.USDPrice)) {
      usdPrice = asNumber(cells.USDPrice, where("USDPrice"));
      if (!(usdPrice > 0)) throw numError(`${where("USDPrice")}: ${usdPrice} must be greater than zero`);
    }
    let spotInUseCap: number | undefined;
    if (!isBlank(cells.SpotInUseCap)) {
      spotInUseCap = asNumber(cells.SpotInUseCap, where("SpotInUseCap"));
      if (spotInUseCap < 0) throw numError(`${where("SpotInUseCap")}: ${spotInUseCap} cannot be negative`);
    }
    return { row, currency, balance, usdPrice, spotInUseCap };
  });
}

/**
 * USD prices of every currency: the assets table's USDPrice; else 1 for USDT, USDC and USD; else the
 * index price (UnderlyingPrice) of the first position on that coin, times the USD rate of its Settle
 * currency (a BTC-USDT index of 51,200 at USDT 0.975 is 49,920 USD).
 */
export class UsdPrices {
  private readonly given = new Map<string, number>();
  private readonly index = new Map<string, number>();
  private readonly rows = new Map<string, number>();

  constructor(assets: readonly Asset[], positions: readonly Position[] = []) {
    for (const a of assets) {
      this.rows.set(a.currency, a.row);
      if (a.usdPrice !== undefined) this.given.set(a.currency, a.usdPrice);
    }
    // The index of a USDT/USDC-settled row is quoted in that stablecoin: its USD price is index × the
    // stablecoin's USD rate, as the risk units value it (SPEC §6); SPOT without Settle is already in USD.
    for (const p of positions) {
      if (!this.index.has(p.underlying) && p.underlyingPrice > 0) this.index.set(p.underlying, p.underlyingPrice * (p.settle === undefined ? 1 : this.settle(p.settle)));
    }
  }

  /** The USD price of a currency; #VALUE! naming the assets row when none can be found. */
  of(currency: string, what = "assets"): number {
    const g = this.given.get(currency);
    if (g !== undefined) return g;
    if (STABLECOINS.includes(currency)) return 1;
    const i = this.index.get(currency);
    if (i !== undefined) return i;
    const row = this.rows.get(currency);
    throw valueError(
      `${what}${row === undefined ? "" : `, row ${row}`}, USDPrice: a USD price is required for ${currency} (no position on ${currency} gives its index price)`,
    );
  }

  /** The USD rate of a settlement currency (USDT, USDC, USD): assets USDPrice, default 1. */
  settle(currency: string): number {
    return this.given.get(currency) ?? 1;
  }
}
