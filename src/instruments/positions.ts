/**
 * The positions table (SPEC §1): the one parser every function and the task pane use.
 */
import { numError, valueError } from "../errors";
import { asDate, asNumber, asText, isBlank, isoFromSerial, show } from "./cells";
import { type ColumnSpec, readTable } from "./table";

export const INSTRUMENT_TYPES = ["STOCK", "CALL", "PUT", "FUTURE", "PERP", "SPOT"] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export const ASSET_CLASSES = ["EQUITY", "BROAD_INDEX", "NARROW_INDEX", "ETF"] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];
export const SETTLE_CURRENCIES = ["USDT", "USDC", "USD"] as const;
export type Settle = (typeof SETTLE_CURRENCIES)[number];

/** Accepted spellings of each instrument type (upper case, spaces removed). */
export const TYPE_ALIASES: Readonly<Record<string, InstrumentType>> = {
  STOCK: "STOCK", STK: "STOCK", SHARE: "STOCK", SHARES: "STOCK",
  CALL: "CALL", C: "CALL",
  PUT: "PUT", P: "PUT",
  FUTURE: "FUTURE", FUTURES: "FUTURE", FUT: "FUTURE",
  PERP: "PERP", SWAP: "PERP", PERPETUAL: "PERP",
  SPOT: "SPOT",
};

const CLASS_ALIASES: Readonly<Record<string, AssetClass>> = {
  EQUITY: "EQUITY", STOCK: "EQUITY",
  BROAD_INDEX: "BROAD_INDEX", BROADINDEX: "BROAD_INDEX", BROAD: "BROAD_INDEX",
  NARROW_INDEX: "NARROW_INDEX", NARROWINDEX: "NARROW_INDEX", NARROW: "NARROW_INDEX",
  ETF: "ETF",
};

/** Column order of a table without a header row, and the header names accepted. */
export const POSITION_COLUMNS: readonly ColumnSpec[] = [
  { name: "Symbol", aliases: ["Ticker", "Name"] },
  { name: "Underlying", aliases: ["Und", "Root"] },
  { name: "Type", aliases: ["InstrumentType", "Instrument", "PutCall"] },
  { name: "Quantity", aliases: ["Qty", "Position", "Contracts"] },
  { name: "Strike", aliases: ["StrikePrice"] },
  { name: "Expiry", aliases: ["Expiration", "ExpiryDate", "Maturity"] },
  { name: "Price", aliases: ["Mark", "MarkPrice", "Premium"] },
  { name: "UnderlyingPrice", aliases: ["UndPrice", "Spot", "IndexPrice", "Index"] },
  { name: "IV", aliases: ["Vol", "Volatility", "ImpliedVol", "ImpliedVolatility"] },
  { name: "Multiplier", aliases: ["Mult", "ContractSize", "CtVal"] },
  { name: "Class", aliases: ["AssetClass"] },
  { name: "Leverage", aliases: ["LeverageFactor"] },
  { name: "Settle", aliases: ["Settlement", "SettleCurrency", "SettleCcy"] },
];

export interface Position {
  /** 1-based row within the positions range, for messages. */
  row: number;
  symbol: string;
  underlying: string;
  type: InstrumentType;
  quantity: number;
  strike?: number;
  /** Expiry as an Excel date serial. */
  expiry?: number;
  price: number;
  underlyingPrice: number;
  iv?: number;
  multiplier: number;
  assetClass: AssetClass;
  leverage: number;
  settle?: Settle;
}

export const isOption = (p: Pick<Position, "type">): boolean => p.type === "CALL" || p.type === "PUT";
export const isLinearDerivative = (p: Pick<Position, "type">): boolean => p.type === "FUTURE" || p.type === "PERP";
export const isCash = (p: Pick<Position, "type">): boolean => p.type === "STOCK" || p.type === "SPOT";

/**
 * A crypto row (SPEC §1, §6): it has a settlement currency, or it is a perpetual or crypto spot.
 * Crypto rows are margined by the crypto portfolio-margin functions; the securities rule sets
 * (Reg T, securities PM) leave them out, so one positions table can hold both books.
 */
export const isCryptoPosition = (p: Pick<Position, "type" | "settle">): boolean =>
  p.settle !== undefined || p.type === "PERP" || p.type === "SPOT";

/** The rows the securities rule sets (Reg T, securities PM) apply to. */
export const securitiesOnly = <P extends Pick<Position, "type" | "settle">>(positions: readonly P[]): P[] =>
  positions.filter((p) => !isCryptoPosition(p));

/** "row 4, Strike" — the location phrase every positions message starts with. */
export const at = (row: number, column: string): string => `row ${row}, ${column}`;

function parseType(v: unknown, row: number): InstrumentType {
  const where = at(row, "Type");
  if (isBlank(v)) throw valueError(`${where}: the instrument type is required (${INSTRUMENT_TYPES.join(", ")})`);
  const t = asText(v, where).toUpperCase().replace(/\s+/g, "");
  const type = TYPE_ALIASES[t];
  if (!type) throw valueError(`${where}: unknown instrument type ${show(v)}; use one of ${INSTRUMENT_TYPES.join(", ")} (or C, P, SWAP)`);
  return type;
}

function parseClass(v: unknown, row: number): AssetClass {
  if (isBlank(v)) return "EQUITY";
  const where = at(row, "Class");
  const c = asText(v, where).toUpperCase().trim().replace(/[\s-]+/g, "_");
  const cls = CLASS_ALIASES[c];
  if (!cls) throw valueError(`${where}: unknown class ${show(v)}; use one of ${ASSET_CLASSES.join(", ")}`);
  return cls;
}

function parseSettle(v: unknown, row: number): Settle | undefined {
  if (isBlank(v)) return undefined;
  const where = at(row, "Settle");
  const s = asText(v, where).toUpperCase();
  if (!(SETTLE_CURRENCIES as readonly string[]).includes(s)) {
    throw valueError(`${where}: unknown settlement currency ${show(v)}; use USDT, USDC (linear) or USD (coin-margined)`);
  }
  return s as Settle;
}

function positive(x: number, where: string, allowZero = false): number {
  if (allowZero ? x < 0 : x <= 0) throw numError(`${where}: ${x} must be ${allowZero ? "zero or more" : "greater than zero"}`);
  return x;
}

function optNumber(v: unknown, row: number, column: string): number | undefined {
  return isBlank(v) ? undefined : asNumber(v, at(row, column));
}

/** Parses one non-blank row of the positions table. */
export function parsePosition(cells: Record<string, unknown>, row: number): Position {
  const underlyingCell = cells.Underlying;
  if (isBlank(underlyingCell)) throw valueError(`${at(row, "Underlying")}: the underlying is required`);
  const underlying = asText(underlyingCell, at(row, "Underlying")).toUpperCase();
  const type = parseType(cells.Type, row);
  if (isBlank(cells.Quantity)) throw valueError(`${at(row, "Quantity")}: the quantity is required`);
  const quantity = asNumber(cells.Quantity, at(row, "Quantity"));
  if (isBlank(cells.Price)) throw valueError(`${at(row, "Price")}: the price is required`);
  const price = positive(asNumber(cells.Price, at(row, "Price")), at(row, "Price"), true);
  const option = isOption({ type });

  let strike: number | undefined;
  if (option) {
    if (isBlank(cells.Strike)) throw valueError(`${at(row, "Strike")}: an option needs a strike`);
    strike = positive(asNumber(cells.Strike, at(row, "Strike")), at(row, "Strike"));
  } else {
    strike = optNumber(cells.Strike, row, "Strike");
  }

  let expiry: number | undefined;
  if (isBlank(cells.Expiry)) {
    if (option || type === "FUTURE") throw valueError(`${at(row, "Expiry")}: ${option ? "an option" : "a future"} needs an expiry date`);
  } else {
    expiry = asDate(cells.Expiry, at(row, "Expiry"));
  }

  let underlyingPrice = optNumber(cells.UnderlyingPrice, row, "UnderlyingPrice");
  if (underlyingPrice === undefined) {
    if (option) throw valueError(`${at(row, "UnderlyingPrice")}: an option needs the underlying price`);
    underlyingPrice = price;
  }
  positive(underlyingPrice, at(row, "UnderlyingPrice"), !option);

  const iv = optNumber(cells.IV, row, "IV");
  if (iv !== undefined && iv < 0) throw numError(`${at(row, "IV")}: implied volatility ${iv} cannot be negative`);

  const settle = parseSettle(cells.Settle, row);
  const multiplierCell = optNumber(cells.Multiplier, row, "Multiplier");
  const multiplier =
    multiplierCell === undefined ? (option && settle === undefined ? 100 : 1) : positive(multiplierCell, at(row, "Multiplier"));
  const leverageCell = optNumber(cells.Leverage, row, "Leverage");
  const leverage = leverageCell === undefined ? 1 : positive(leverageCell, at(row, "Leverage"));

  return {
    row,
    symbol: isBlank(cells.Symbol) ? "" : asText(cells.Symbol, at(row, "Symbol")),
    underlying,
    type,
    quantity,
    strike,
    expiry,
    price,
    underlyingPrice,
    iv,
    multiplier,
    assetClass: parseClass(cells.Class, row),
    leverage,
    settle,
  };
}

/**
 * Parses a positions range: header row in any order (or the SPEC §1 column order without one),
 * blank rows skipped. Throws a MarginError naming row and column on the first bad cell.
 */
export function parsePositions(v: unknown, what = "positions"): Position[] {
  const table = readTable(v, POSITION_COLUMNS, what);
  if (table.hasHeader) {
    for (const required of ["Underlying", "Type", "Quantity", "Price"]) {
      if (!table.columns.includes(required)) {
        throw valueError(`${what}: the header has no ${required} column (required: Underlying, Type, Quantity, Price)`);
      }
    }
  }
  const positions = table.rows.map((r) => parsePosition(r.cells, r.row));
  if (positions.length === 0) throw valueError(`${what}: the table has no positions`);
  return positions;
}

/** Years of 365 days from the valuation date to the position's expiry (0 when expired). */
export function yearsToExpiry(p: Pick<Position, "expiry" | "row">, valuationDate: number): number {
  if (p.expiry === undefined) throw valueError(`${at(p.row, "Expiry")}: an expiry date is required`);
  return Math.max(0, (p.expiry - valuationDate) / 365);
}

/**
 * An option or future that expired before the valuation date no longer exists: margining or revaluing
 * its row would give a number for a position the account does not hold, so the row is reported.
 * (One expiring on the valuation date itself is live, worth its intrinsic value at expiry.)
 */
export function checkNotExpired(positions: readonly Position[], valuationDate: number): void {
  for (const p of positions) {
    if (p.expiry === undefined || !(isOption(p) || p.type === "FUTURE")) continue;
    if (Math.floor(p.expiry) < Math.floor(valuationDate)) {
      throw numError(
        `${at(p.row, "Expiry")}: the ${p.type.toLowerCase()} expired on ${isoFromSerial(p.expiry)}, before the valuation date ` +
          `${isoFromSerial(Math.floor(valuationDate))}; remove the row, or give valuationDate in params`,
      );
    }
  }
}

/** The position's implied volatility, required to revalue an option. */
export function requireIv(p: Pick<Position, "iv" | "row">): number {
  if (p.iv === undefined) throw valueError(`${at(p.row, "IV")}: implied volatility is required to revalue an option`);
  if (!(p.iv > 0)) throw numError(`${at(p.row, "IV")}: implied volatility must be greater than zero`);
  return p.iv;
}

/** Groups positions by underlying, keeping first-appearance order. */
export function byUnderlying<P extends Pick<Position, "underlying">>(positions: readonly P[]): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const p of positions) {
    const g = groups.get(p.underlying);
    if (g) g.push(p);
    else groups.set(p.underlying, [p]);
  }
  return groups;
}
