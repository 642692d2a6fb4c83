/** The integer packing kernel against exhaustive search. */
import fc from "fast-check";
import { greedyPacking, type PackingColumn, solvePacking } from "../../src/rules/regt/packing";
import { bruteForce } from "./brute";

const problem = fc
  .record({
    resources: fc.integer({ min: 1, max: 5 }),
    columns: fc.array(
      fc.record({
        uses: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }),
        value: fc.integer({ min: 1, max: 1000 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    capacity: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ resources, columns, capacity }) => {
    const cols: PackingColumn[] = columns.map((c) => {
      const uses = new Map<number, number>();
      for (const [i, a] of c.uses) uses.set(i % resources, a);
      return { uses: [...uses], value: c.value };
    });
    return { capacity: capacity.slice(0, resources), columns: cols };
  });

function check(capacity: readonly number[], columns: readonly PackingColumn[], counts: readonly number[]): number {
  const used = capacity.map(() => 0);
  let value = 0;
  counts.forEach((k, j) => {
    expect(Number.isInteger(k) && k >= 0).toBe(true);
    for (const [i, a] of columns[j].uses) used[i] += k * a;
    value += k * columns[j].value;
  });
  used.forEach((u, i) => expect(u).toBeLessThanOrEqual(capacity[i] + 1e-9));
  return value;
}

describe("integer packing (branch and bound on the LP relaxation)", () => {
  test("a small case by hand: a 2-for-1 column against two singles", () => {
    // capacity 2 of A; column 0 uses 2 A for 5; column 1 uses 1 A for 3: best is 2 × column 1 = 6
    const cols: PackingColumn[] = [
      { uses: [[0, 2]], value: 5 },
      { uses: [[0, 1]], value: 3 },
    ];
    const r = solvePacking([2], cols, 1e6);
    expect(r.counts).toEqual([0, 2]);
    expect(r.value).toBeCloseTo(6, 9);
    expect(r.exact).toBe(true);
  });

  test("an LP with a fractional optimum: the integer optimum is found", () => {
    // three resources of 1, three pair columns (odd cycle): LP 1.5 × value, integer best one column
    const cols: PackingColumn[] = [
      { uses: [[0, 1], [1, 1]], value: 10 },
      { uses: [[1, 1], [2, 1]], value: 10 },
      { uses: [[0, 1], [2, 1]], value: 10 },
      { uses: [[0, 1]], value: 4 },
    ];
    const r = solvePacking([1, 1, 1], cols, 1e6);
    expect(r.value).toBeCloseTo(14, 9); // one pair + the single on the resource left
    expect(r.exact).toBe(true);
  });

  test("equals exhaustive search on random problems", () => {
    fc.assert(
      fc.property(problem, ({ capacity, columns }) => {
        const r = solvePacking(capacity, columns, 1e8);
        expect(r.exact).toBe(true);
        const value = check(capacity, columns, r.counts);
        expect(value).toBeCloseTo(bruteForce(capacity, columns), 6);
        expect(r.value).toBeCloseTo(value, 6);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test("out of budget: a feasible packing, no better than the optimum, marked not exact", () => {
    fc.assert(
      fc.property(problem, ({ capacity, columns }) => {
        const r = solvePacking(capacity, columns, 1);
        expect(r.exact).toBe(false);
        const value = check(capacity, columns, r.counts);
        expect(value).toBeLessThanOrEqual(bruteForce(capacity, columns) + 1e-6);
        expect(greedyPacking(capacity, columns).length).toBe(columns.length);
      }),
      { numRuns: 100, seed: 4 },
    );
  });
});
