/**
 * The book as Reg T sees it: per underlying, one stock leg (net shares) and one leg per distinct
 * option contract (type, strike, expiry, multiplier) with its net quantity. Netting first makes the
 * requirement independent of row order and of how a position is split across rows. Rows are netted
 * when they agree on every field the rules read (type, strike, expiry, multiplier, price, underlying
 * price, class, leverage); option rows of one contract given different marks stay separate legs.
 * Stock rows of one underlying must agree on the share price (one stock leg per underlying).
 */
import { valueError } from "../../errors";
import { type Dec, dec, sum, ZERO } from "../../money";
import { at, byUnderlying, type Position } from "../../instruments/positions";
import type { OptionTerms, StockTerms } from "./rules";

/** A net option position: the contract's terms (decimal) and its net quantity. */
export interface OptionLeg extends OptionTerms<Dec> {
  kind: "option";
  underlying: string;
  /** Net contracts, signed (never zero). */
  quantity: Dec;
  /** The rows that make up this leg. */
  positions: Position[];
}

/** The net stock position of an underlying. */
export interface StockLeg extends StockTerms<Dec> {
  kind: "stock";
  underlying: string;
  /** Net shares (Quantity × Multiplier), signed (never zero). */
  shares: Dec;
  positions: Position[];
}

export type Leg = OptionLeg | StockLeg;

export interface UnderlyingBook {
  underlying: string;
  stock?: StockLeg;
  /** Canonical order: calls before puts, then expiry, strike, multiplier. */
  options: OptionLeg[];
}

const SECURITY_TYPES = ["STOCK", "CALL", "PUT"];

function checkSecurity(p: Position): void {
  if (!SECURITY_TYPES.includes(p.type)) {
    throw valueError(
      `${at(p.row, "Type")}: ${p.type} is not margined under Reg T strategy-based rules (stocks and options only); ` +
        `leave it out of this table`,
    );
  }
}

const optionKey = (p: Position): string =>
  [p.type, p.strike, p.expiry, p.multiplier, p.price, p.underlyingPrice, p.assetClass, p.leverage].join("|");

export function compareOptions(a: OptionLeg, b: OptionLeg): number {
  if (a.type !== b.type) return a.type === "CALL" ? -1 : 1;
  if (a.expiry !== b.expiry) return a.expiry - b.expiry;
  for (const [x, y] of [[a.strike, b.strike], [a.multiplier, b.multiplier], [a.price, b.price], [a.underlyingPrice, b.underlyingPrice], [a.leverage, b.leverage]]) {
    const c = x.comparedTo(y);
    if (c !== 0) return c;
  }
  return a.assetClass < b.assetClass ? -1 : a.assetClass > b.assetClass ? 1 : 0;
}

function byRow(a: Position, b: Position): number {
  return a.row - b.row;
}

function optionLeg(rows: Position[]): OptionLeg | undefined {
  rows.sort(byRow);
  const f = rows[0];
  const quantity = sum(rows.map((p) => p.quantity));
  if (quantity.isZero()) return undefined;
  return {
    kind: "option",
    underlying: f.underlying,
    type: f.type as "CALL" | "PUT",
    strike: dec(f.strike as number),
    expiry: f.expiry as number,
    multiplier: dec(f.multiplier),
    price: dec(f.price),
    underlyingPrice: dec(f.underlyingPrice),
    assetClass: f.assetClass,
    leverage: dec(f.leverage),
    quantity,
    positions: rows,
  };
}

function stockLeg(rows: Position[]): StockLeg | undefined {
  rows.sort(byRow);
  const f = rows[0];
  for (const p of rows.slice(1)) {
    if (p.price !== f.price) {
      throw valueError(`${at(p.row, "Price")}: ${p.price} differs from the share price in row ${f.row} (${f.price}); give one price per stock`);
    }
  }
  const shares = rows.reduce((s, p) => s.plus(dec(p.quantity).times(p.multiplier)), ZERO);
  if (shares.isZero()) return undefined;
  return { kind: "stock", underlying: f.underlying, price: dec(f.price), shares, positions: rows };
}

/** Nets the positions into legs, per underlying (underlyings in order of first appearance). */
export function netBook(positions: readonly Position[]): UnderlyingBook[] {
  positions.forEach(checkSecurity);
  const books: UnderlyingBook[] = [];
  for (const [underlying, rows] of byUnderlying(positions)) {
    const stockRows = rows.filter((p) => p.type === "STOCK");
    const contracts = new Map<string, Position[]>();
    for (const p of rows) {
      if (p.type === "STOCK") continue;
      const key = optionKey(p);
      const list = contracts.get(key);
      if (list) list.push(p);
      else contracts.set(key, [p]);
    }
    const options = [...contracts.values()].map(optionLeg).filter((l): l is OptionLeg => l !== undefined);
    options.sort(compareOptions);
    const stock = stockRows.length > 0 ? stockLeg(stockRows) : undefined;
    books.push({ underlying, stock, options });
  }
  return books;
}

