/** Builders for Reg T test books. */
import { customFunctions as f } from "../../functions/index";

export const VAL = "2026-01-02";
export const EXP = "2026-03-20";

export interface Row {
  u?: string;
  type: string;
  qty: number;
  k?: number;
  exp?: string | number;
  price: number;
  s?: number;
  mult?: number;
  cls?: string;
  lev?: number;
}

export const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "Multiplier", "Class", "Leverage"];

/** A positions range with a header row; options default to underlying XYZ and expiry EXP. */
export function table(rows: Row[]): unknown[][] {
  return [
    HEADER,
    ...rows.map((r) => {
      const option = r.type !== "STOCK";
      return [
        r.u ?? "XYZ",
        r.type,
        r.qty,
        r.k ?? null,
        r.exp ?? (option ? EXP : null),
        r.price,
        r.s ?? null,
        r.mult ?? null,
        r.cls ?? null,
        r.lev ?? null,
      ];
    }),
  ];
}

export type Params = Record<string, unknown>;

/** A params range: valuationDate VAL unless given, plus the overrides. */
export function params(over: Params = {}): unknown[][] {
  const all: Params = { valuationDate: VAL, ...over };
  return Object.entries(all).map(([k, v]) => [k, v]);
}

export function margin(rows: Row[], requirement: string | null = null, over: Params = {}): number {
  const r = f.REGTMARGIN(table(rows), requirement, params(over));
  if (typeof r !== "number") throw new Error(`REGTMARGIN failed: ${String(r)}`);
  return r;
}

export function detail(rows: Row[], requirement: string | null = null, over: Params = {}): (string | number | boolean)[][] {
  const r = f.REGTDETAIL(table(rows), requirement, params(over));
  const grid = r as unknown[][];
  if (typeof grid[0][0] !== "string") throw new Error(`REGTDETAIL failed: ${String(grid[0][0])}`);
  return grid as (string | number | boolean)[][];
}
