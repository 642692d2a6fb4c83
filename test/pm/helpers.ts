/** Shared fixtures for the portfolio-margin and SPAN suites. */
import fc from "fast-check";
import type { Position } from "../../src/instruments/positions";
import { type PnlGrid, type ScenarioContext } from "../../src/models/scenario";

/** 2026-01-01 as an Excel serial: every test fixes the valuation date. */
export const VAL = 46023;

export const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Class", "Leverage"];

/** A position for core-level tests (row numbers from 2, as under a header row). */
export function pos(p: Partial<Position> & Pick<Position, "type" | "quantity">, row = 2): Position {
  const option = p.type === "CALL" || p.type === "PUT";
  return {
    row,
    symbol: "",
    underlying: "XYZ",
    price: 100,
    underlyingPrice: p.price ?? 100,
    multiplier: option ? 100 : 1,
    assetClass: "EQUITY",
    leverage: 1,
    ...(option ? { strike: 100, expiry: VAL + 90, iv: 0.25 } : {}),
    ...p,
  };
}

export function ctx(over: Partial<ScenarioContext> = {}): ScenarioContext {
  return { valuationDate: VAL, horizonDays: 1, rate: 0, carry: 0, volFloor: 0.0001, ...over };
}

export const cell = (g: PnlGrid, i: number, j: number): number => g.cells[i * g.volMoves.length + j];

/** Gross scale of a book, for the absolute part of the tolerance: Σ |qty × mult| × (spot + strike). */
export function grossScale(ps: readonly Position[]): number {
  return ps.reduce((a, p) => a + Math.abs(p.quantity * p.multiplier) * (p.underlyingPrice + (p.strike ?? 0) + p.price), 0);
}

/**
 * Kernel vs reference: 1e-9 relative, with an absolute floor of 1e-12 of the book's gross scale for
 * cells that cancel to (nearly) zero — the rounding noise of the reference itself is about 1e-16 of it.
 */
export function expectGridsAgree(fast: PnlGrid, ref: PnlGrid, gross: number): void {
  expect(fast.cells.length).toBe(ref.cells.length);
  ref.cells.forEach((r, c) => {
    const tol = 1e-9 * Math.abs(r) + 1e-12 * gross;
    if (!(Math.abs(fast.cells[c] - r) <= tol)) {
      throw new Error(`cell ${c}: kernel ${fast.cells[c]} vs reference ${r} (tolerance ${tol})`);
    }
  });
}

/** Random option or linear positions over up to three underlyings. */
export const positionArb: fc.Arbitrary<Position> = fc
  .record({
    underlying: fc.constantFrom("AAA", "BBB", "CCC"),
    type: fc.constantFrom("CALL", "PUT", "CALL", "PUT", "STOCK", "FUTURE", "SPOT", "PERP"),
    quantity: fc.integer({ min: -50, max: 50 }),
    spot: fc.double({ min: 5, max: 5000, noNaN: true }),
    moneyness: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
    days: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1200 })),
    iv: fc.double({ min: 0.005, max: 2.5, noNaN: true }),
    multiplier: fc.constantFrom(1, 10, 50, 100, 0.01),
  })
  .map((r) => {
    const option = r.type === "CALL" || r.type === "PUT";
    return pos({
      underlying: r.underlying,
      type: r.type as Position["type"],
      quantity: r.quantity,
      price: option ? 1 : r.spot,
      underlyingPrice: r.spot,
      multiplier: r.multiplier,
      ...(option ? { strike: Math.round(r.spot * r.moneyness * 100) / 100, expiry: VAL + r.days, iv: r.iv } : { expiry: VAL + r.days }),
    });
  });

export const bookArb = fc.array(positionArb, { minLength: 1, maxLength: 12 }).map((ps) => ps.map((p, i) => ({ ...p, row: i + 2 })));

export const priceMovesArb = fc.array(fc.double({ min: -0.6, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 6 });
export const volMovesArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

export const ctxArb: fc.Arbitrary<ScenarioContext> = fc.record({
  valuationDate: fc.constant(VAL),
  horizonDays: fc.constantFrom(0, 1, 1, 2, 7, 30),
  rate: fc.double({ min: -0.02, max: 0.12, noNaN: true }),
  carry: fc.double({ min: 0, max: 0.08, noNaN: true }),
  volFloor: fc.constantFrom(0.0001, 0.01),
});
