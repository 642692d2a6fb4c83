/**
 * The scenario engine (SPEC §5): the fast kernel against a plain bsPrice revaluation, and the
 * properties every P&L grid must have.
 */
import fc from "fast-check";
import { black76Price, bsPrice } from "../../src/models/blackScholes";
import { normCdf } from "../../src/models/normal";
import { bookGrid, compileBook, positionPnl, readMoves, referenceGrid, revalueSeries, scenarioGrid } from "../../src/models/scenario";
import { bookArb, cell, ctx, ctxArb, expectGridsAgree, grossScale, pos, positionArb, priceMovesArb, VAL, volMovesArb } from "./helpers";

describe("the kernel's normal tail (Mills-ratio table) against normCdf", () => {
  const tail = (a: number): number => revalueSeries.normalTail(a, Math.exp(-0.5 * a * a));
  test("1e-14 relative for 0 ≤ a < 5 (at the table nodes and between them)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5, noNaN: true }), (a) => {
        expect(Math.abs(tail(a) - normCdf(-a))).toBeLessThanOrEqual(1e-14 * normCdf(-a));
      }),
      { numRuns: 20000 },
    );
    for (let k = 0; k <= 160; k++) expect(Math.abs(tail(k / 32) - normCdf(-k / 32))).toBeLessThanOrEqual(1e-14 * normCdf(-k / 32));
  });
  test("1e-12 relative out to a = 37.5 (exp's rounding of a²/2 grows with a²); 0 beyond, as normCdf", () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 37.5, noNaN: true }), (a) => {
        expect(Math.abs(tail(a) - normCdf(-a))).toBeLessThanOrEqual(1e-12 * normCdf(-a));
      }),
      { numRuns: 20000 },
    );
    expect(tail(37.6)).toBe(0);
    expect(normCdf(-37.6)).toBe(0);
    expect(tail(0)).toBeCloseTo(0.5, 15);
  });
});

describe("kernel agrees with a plain Black–Scholes revaluation to 1e-9", () => {
  test("random books, moves, horizons, rates and yields (fast-check)", () => {
    fc.assert(
      fc.property(bookArb, priceMovesArb, volMovesArb, ctxArb, (book, pm, vm, c) => {
        expectGridsAgree(scenarioGrid(book, pm, vm, c), referenceGrid(book, pm, vm, c), grossScale(book));
      }),
      { numRuns: 400 },
    );
  });

  test("a single position, cell by cell: 1e-9 relative, or 1e-14 of the values where after − now cancels", () => {
    fc.assert(
      fc.property(positionArb, priceMovesArb, volMovesArb, ctxArb, (p, pm, vm, c) => {
        const fast = scenarioGrid([p], pm, vm, c);
        const ref = referenceGrid([p], pm, vm, c);
        const w = Math.abs(p.quantity * p.multiplier);
        ref.cells.forEach((r, k) => {
          // the values themselves are at most S(1 + m) + K; their last bits are the reference's own noise
          const m = pm[Math.floor(k / vm.length)];
          const noise = 1e-14 * w * (p.underlyingPrice * (2 + m) + (p.strike ?? 0));
          expect(Math.abs(fast.cells[k] - r)).toBeLessThanOrEqual(1e-9 * Math.abs(r) + noise);
        });
      }),
      { numRuns: 400 },
    );
  });

  test("a fine grid (101 × 11) on 200 options over 5 underlyings", () => {
    const book = fc.sample(positionArb, { numRuns: 200, seed: 7 }).map((p, i) => ({ ...p, underlying: `U${i % 5}`, row: i + 2 }));
    const pm = Array.from({ length: 101 }, (_, i) => -0.15 + 0.003 * i);
    const vm = Array.from({ length: 11 }, (_, j) => -0.05 + 0.01 * j);
    const c = ctx({ rate: 0.04, carry: 0.01 });
    expectGridsAgree(scenarioGrid(book, pm, vm, c), referenceGrid(book, pm, vm, c), grossScale(book));
  });

  test("BLACK76 (carry = rate) matches black76Price", () => {
    // call on a future at 4,000, strike 4,100, 180 days, rate 5 %, vol 22 %; after +2 % and +1 vol point, one day later
    const p = pos({ type: "CALL", quantity: 2, multiplier: 50, underlyingPrice: 4000, strike: 4100, expiry: VAL + 180, iv: 0.22 });
    const c = ctx({ rate: 0.05, carry: 0.05 });
    const g = scenarioGrid([p], [0.02], [0.01], c);
    const expected = 2 * 50 * (black76Price("call", 4080, 4100, 179 / 365, 0.05, 0.23) - black76Price("call", 4000, 4100, 180 / 365, 0.05, 0.22));
    expect(cell(g, 0, 0)).toBeCloseTo(expected, 8);
  });
});

describe("properties of the grid", () => {
  test("a stock-only grid is linear in the move: Σ quantity × multiplier × Price × move, in every vol column", () => {
    const linear = positionArb.filter((p) => p.type !== "CALL" && p.type !== "PUT");
    fc.assert(
      fc.property(fc.array(linear, { minLength: 1, maxLength: 8 }), priceMovesArb, volMovesArb, ctxArb, (book, pm, vm, c) => {
        const g = scenarioGrid(book, pm, vm, c);
        const exposure = book.reduce((a, p) => a + p.quantity * p.multiplier * p.price, 0);
        pm.forEach((m, i) => {
          for (let j = 0; j < vm.length; j++) {
            expect(Math.abs(cell(g, i, j) - exposure * m)).toBeLessThanOrEqual(1e-12 * (Math.abs(exposure * m) + 1));
            expect(cell(g, i, j)).toBe(cell(g, i, 0));
          }
        });
      }),
    );
  });

  test("long 100 shares at $50: P&L = 5,000 × move (hand check: −15 % → −750)", () => {
    const g = scenarioGrid([pos({ type: "STOCK", quantity: 100, price: 50 })], [-0.15, 0, 0.03], [0], ctx());
    expect(Array.from(g.cells)).toEqual([-750, 0, 150]);
  });

  test("a hedged pair (long and short the same contract) nets to exactly zero", () => {
    fc.assert(
      fc.property(positionArb, priceMovesArb, volMovesArb, ctxArb, (p, pm, vm, c) => {
        const g = scenarioGrid([p, { ...p, quantity: -p.quantity, row: p.row + 1 }], pm, vm, c);
        g.cells.forEach((v) => expect(v).toBe(0));
      }),
    );
  });

  test("a long option never loses more than its value now", () => {
    const longOption = positionArb.filter((p) => (p.type === "CALL" || p.type === "PUT") && p.quantity > 0);
    fc.assert(
      fc.property(longOption, priceMovesArb, volMovesArb, ctxArb, (p, pm, vm, c) => {
        const t = Math.max(0, (p.expiry! - c.valuationDate) / 365);
        const value = p.quantity * p.multiplier * bsPrice(p.type === "CALL" ? "call" : "put", p.underlyingPrice, p.strike!, t, c.rate, p.iv!, c.carry);
        scenarioGrid([p], pm, vm, c).cells.forEach((v) => expect(v).toBeGreaterThanOrEqual(-value * (1 + 1e-12)));
      }),
    );
  });

  test("put–call parity across the grid: call − put = S(1+m)e^(−q t1) − S e^(−q t0) − K(e^(−r t1) − e^(−r t0)), per unit", () => {
    fc.assert(
      fc.property(positionArb.filter((p) => p.type === "CALL" && p.expiry! - VAL > 7), priceMovesArb, volMovesArb, ctxArb, (call, pm, vm, c) => {
        const put = { ...call, type: "PUT" as const };
        const gc = scenarioGrid([call], pm, vm, c);
        const gp = scenarioGrid([put], pm, vm, c);
        const t0 = (call.expiry! - VAL) / 365;
        // an option past expiry at the horizon is worth its intrinsic value: time stops at 0
        const t1 = Math.max(0, (call.expiry! - VAL - c.horizonDays) / 365);
        const { rate: r, carry: q } = c;
        const s = call.underlyingPrice;
        const k = call.strike!;
        const w = call.quantity * call.multiplier;
        pm.forEach((m, i) => {
          const parity = w * (s * (1 + m) * Math.exp(-q * t1) - s * Math.exp(-q * t0) - k * (Math.exp(-r * t1) - Math.exp(-r * t0)));
          for (let j = 0; j < vm.length; j++) {
            const diff = cell(gc, i, j) - cell(gp, i, j);
            expect(Math.abs(diff - parity)).toBeLessThanOrEqual(1e-10 * Math.abs(w) * (s * (1 + m) + s + k));
          }
        });
        // the same book netted into one series (call and put share the kernel's evaluation)
        const synthetic = scenarioGrid([call, { ...put, quantity: -call.quantity, row: 3 }], pm, vm, c);
        pm.forEach((m, i) => {
          const parity = w * (s * (1 + m) * Math.exp(-q * t1) - s * Math.exp(-q * t0) - k * (Math.exp(-r * t1) - Math.exp(-r * t0)));
          expect(Math.abs(cell(synthetic, i, 0) - parity)).toBeLessThanOrEqual(1e-10 * Math.abs(w) * (s * (1 + m) + s + k));
        });
      }),
    );
  });

  test("an option expiring within the horizon is worth its intrinsic value (hand check)", () => {
    // call 100 expiring today, spot 100: value now 0; after +10 %: (110 − 100) × 100 = 1,000; after −10 %: 0
    const p = pos({ type: "CALL", quantity: 1, strike: 100, expiry: VAL, underlyingPrice: 100 });
    const g = scenarioGrid([p], [-0.1, 0.1], [0, 0.5], ctx());
    expect([cell(g, 0, 0), cell(g, 0, 1)]).toEqual([0, 0]);
    expect(cell(g, 1, 0)).toBeCloseTo(1000, 9); // 100 × 1.1 is 110.00000000000001 in binary
    expect(cell(g, 1, 1)).toBe(cell(g, 1, 0));
  });

  test("vol moves are floored at volFloor: vol −100 points prices as vol 0.0001", () => {
    const p = pos({ type: "PUT", quantity: -3, strike: 95, expiry: VAL + 30, iv: 0.3 });
    const c = ctx({ rate: 0.03 });
    const floored = scenarioGrid([p], [-0.05], [-1], c);
    expect(cell(floored, 0, 0)).toBeCloseTo(positionPnl({ ...p }, -0.05, 0.0001 - 0.3, c), 9);
  });

  test("value now is the model value, not the Price column", () => {
    const p = pos({ type: "CALL", quantity: 1, price: 999, strike: 100, expiry: VAL + 365, iv: 0.2 });
    // at a zero move with horizon 0 nothing changes
    expect(cell(scenarioGrid([p], [0], [0], ctx({ horizonDays: 0 })), 0, 0)).toBe(0);
  });

  test("netting: identical contracts in several rows give the same grid as one row", () => {
    const p = pos({ type: "PUT", quantity: 4, strike: 90, iv: 0.4 });
    const split = [{ ...p, quantity: 1 }, { ...p, quantity: 3, row: 3 }];
    const c = ctx({ rate: 0.02 });
    expect(compileBook(split, c).size).toBe(1);
    expectGridsAgree(bookGrid(compileBook(split, c), [-0.1, 0.1], [0]), scenarioGrid([p], [-0.1, 0.1], [0], c), grossScale([p]));
  });
});

describe("errors", () => {
  test("a move of −100 % or less is #NUM! naming the value", () => {
    expect(() => scenarioGrid([pos({ type: "STOCK", quantity: 1 })], [0.1, -1], [0], ctx())).toThrow(/priceMoves, value 2: -1 must be greater than -1/);
  });
  test("an option without IV names its row", () => {
    expect(() => scenarioGrid([pos({ type: "CALL", quantity: 1, iv: undefined }, 5)], [0], [0], ctx())).toThrow(/row 5, IV/);
  });
  test("a move so large the P&L overflows is #NUM!, not Infinity", () => {
    expect(() => scenarioGrid([pos({ type: "STOCK", quantity: 1e200, price: 1e200 })], [0.5], [0], ctx())).toThrow(/not a finite number/);
  });
  test("readMoves: one row or one column, blanks skipped, text named", () => {
    expect(readMoves([[-0.1, 0, 0.1]], "priceMoves")).toEqual([-0.1, 0, 0.1]);
    expect(readMoves([[-0.1], [null], [0.1]], "priceMoves")).toEqual([-0.1, 0.1]);
    expect(readMoves(0.05, "volMoves")).toEqual([0.05]);
    expect(() => readMoves([[1, 2], [3, 4]], "priceMoves")).toThrow(/one row or one column/);
    expect(() => readMoves([["x"]], "volMoves")).toThrow(/volMoves, value 1: 'x' is not a number/);
  });
});
