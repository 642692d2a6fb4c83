/**
 * Big grids on worker threads (Node only): the same numbers as the single-thread kernel.
 */
import fc from "fast-check";
import { compileBook, scenarioGrid } from "../../src/models/scenario";
import { ScenarioPool, scenarioGridParallel } from "../../src/models/scenarioParallel";
import { ctx, expectGridsAgree, grossScale, positionArb } from "./helpers";

const book = fc.sample(positionArb, { numRuns: 600, seed: 11 }).map((p, i) => ({ ...p, underlying: `U${i % 7}`, row: i + 2 }));
const pm = Array.from({ length: 21 }, (_, i) => -0.1 + 0.01 * i);
const vm = [-0.05, 0, 0.05];
const c = ctx({ rate: 0.03, carry: 0.01 });

test("a pool of 3 threads gives the single-thread grid, and its workers did the work", async () => {
  const pool = new ScenarioPool(3);
  try {
    const compiled = compileBook(book, c);
    expect(compiled.size).toBeGreaterThan(3 * 64); // enough series to split
    const par = await pool.grid(compiled, pm, vm);
    expectGridsAgree(par, scenarioGrid(book, pm, vm, c), grossScale(book));
    expect(pool.fallbackReason).toBeUndefined();
    expect(pool.workerChunks).toBe(2);
    // a second grid reuses the same workers
    const again = await pool.grid(compiled, [0.05], [0]);
    expectGridsAgree(again, scenarioGrid(book, [0.05], [0], c), grossScale(book));
    expect(pool.workerChunks).toBe(4);
  } finally {
    await pool.close();
  }
});

test("one-shot scenarioGridParallel on 2 threads", async () => {
  const par = await scenarioGridParallel(book, pm, vm, c, 2);
  expectGridsAgree(par, scenarioGrid(book, pm, vm, c), grossScale(book));
});

test("a small book stays on the calling thread", async () => {
  const pool = new ScenarioPool(4);
  try {
    const small = book.slice(0, 20);
    const g = await pool.grid(compileBook(small, c), pm, vm);
    expectGridsAgree(g, scenarioGrid(small, pm, vm, c), grossScale(small));
    expect(pool.workerChunks).toBe(0);
  } finally {
    await pool.close();
  }
});

test("bad moves are rejected before any work", async () => {
  const pool = new ScenarioPool(2);
  await expect(pool.grid(compileBook(book, c), [-2], [0])).rejects.toThrow(/priceMoves, value 1/);
  await pool.close();
});
