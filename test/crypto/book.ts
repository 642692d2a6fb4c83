import { type LiquidationPlan } from "../../src/rules/crypto/index";

/** Builders shared by the crypto tests: positions and assets tables, and reading PMRISKUNITS rows by name. */
export const HEADER = ["Symbol", "Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Settle"];

/** Valuation date of every test (reproducible time to expiry). */
export const VD = "2026-01-02";
export const PARAMS: unknown[][] = [["Name", "Value"], ["valuationDate", VD]];
export const withParams = (...more: [string, unknown][]): unknown[][] => [...PARAMS, ...more];

export interface Leg {
  sym?: string;
  und?: string;
  type: string;
  qty: number;
  strike?: number;
  expiry?: string;
  price: number;
  index?: number;
  iv?: number;
  mult?: number;
  settle?: string | null;
}

export const row = (l: Leg): unknown[] => [
  l.sym ?? "",
  l.und ?? "BTC",
  l.type,
  l.qty,
  l.strike ?? null,
  l.expiry ?? null,
  l.price,
  l.index ?? null,
  l.iv ?? null,
  l.mult ?? null,
  l.settle === undefined ? "USDT" : l.settle,
];

export const book = (...legs: Leg[]): unknown[][] => [HEADER, ...legs.map(row)];

export const assets = (...rows: [string, number, number?][]): unknown[][] => [
  ["Currency", "Balance", "USDPrice"],
  ...rows.map(([c, b, p]) => [c, b, p ?? null]),
];

/** PMRISKUNITS output as records keyed by header, one per unit. */
export function units(result: unknown): Record<string, Record<string, number>> {
  const grid = result as unknown[][];
  if (!Array.isArray(grid) || !Array.isArray(grid[0]) || grid[0][0] !== "RiskUnit") throw new Error(`not a PMRISKUNITS result: ${String(grid?.[0]?.[0])}`);
  const head = grid[0] as string[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of grid.slice(1)) {
    const rec: Record<string, number> = {};
    head.forEach((h, j) => (rec[h] = r[j] as number));
    out[r[0] as string] = rec;
  }
  return out;
}

/** The positions table after the plan's trades (new hedge perps appended as rows). */
export function replay(positions: unknown[][], p: LiquidationPlan): unknown[][] {
  const out = positions.map((r) => [...r]);
  const q = HEADER.indexOf("Quantity");
  const added = new Map<unknown, unknown[]>();
  for (const r of p.rows) {
    const pos = r.leg.pos;
    if (pos.row > 0) out[pos.row - 1][q] = (out[pos.row - 1][q] as number) + r.quantity;
    else {
      const row = added.get(r.leg) ?? [pos.symbol, pos.underlying, "PERP", 0, null, null, pos.price, pos.underlyingPrice, null, 1, pos.settle];
      row[q] = (row[q] as number) + r.quantity;
      added.set(r.leg, row);
    }
  }
  return [...out, ...added.values()];
}


/** An omitted optional argument as Excel passes it: null (typed as the missing argument it stands for). */
export const NONE = null as unknown as undefined;
