/**
 * NODE ONLY: big scenario grids on several cores with worker_threads. Nothing the add-in bundles
 * imports this module (the custom functions stay synchronous: Excel's and HyperFormula's recalculation
 * call them synchronously); Node callers and the benchmark load it directly:
 *
 *   const { ScenarioPool } = require("margin-desk/dist/node/src/models/scenarioParallel");
 *   const pool = new ScenarioPool();                       // one thread per core
 *   const grid = await pool.grid(book, priceMoves, volMoves);
 *   await pool.close();
 *
 * The option series are split into contiguous chunks; the calling thread revalues the first chunk
 * while the workers revalue the others, and the partial grids are added. The workers run the very
 * same kernel (its source text, see scenarioKernel.ts), so results equal the single-thread ones up to
 * the order of the additions. If a worker cannot run (or fails), its chunk is revalued on the calling
 * thread and `fallbackReason` says why.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CODY_ERFC } from "./normal";
import { addLinear, checkFiniteGrid, type CompiledBook, checkMoves, compileBook, linearTotal, type PnlGrid, revalueSeries, type ScenarioContext } from "./scenario";
import { makeScenarioKernel, type SeriesArrays } from "./scenarioKernel";
import type { Position } from "../instruments/positions";

/** Below this many option series per thread, messaging costs more than it saves. */
export const MIN_SERIES_PER_THREAD = 64;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const revalueSeries = (${makeScenarioKernel.toString()})(workerData.cody);
parentPort.on("message", (m) => {
  try {
    const out = new Float64Array(m.size);
    revalueSeries(m.series, 0, m.count, m.priceMoves, m.volMoves, m.volFloor, out);
    parentPort.postMessage({ id: m.id, out }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface Task {
  resolve(out: Float64Array): void;
  reject(e: Error): void;
  worker: Worker;
}

function sliceSeries(s: SeriesArrays, from: number, to: number): SeriesArrays {
  const out = {} as Record<keyof SeriesArrays, Float64Array>;
  for (const k of Object.keys(s) as (keyof SeriesArrays)[]) out[k] = s[k].slice(from, to);
  return out;
}

export class ScenarioPool {
  /** Threads used for a big grid, the calling thread included. */
  readonly threads: number;
  /** Set when a worker could not be used; its work was done on the calling thread instead. */
  fallbackReason?: string;
  /** Chunks revalued by workers so far (for tests and benchmarks). */
  workerChunks = 0;
  private workers: Worker[] = [];
  private busy = new Map<Worker, number>();
  private tasks = new Map<number, Task>();
  private nextId = 1;

  constructor(threads: number = availableParallelism()) {
    this.threads = Math.max(1, Math.floor(threads));
  }

  private worker(k: number): Worker {
    while (this.workers.length <= k) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { cody: CODY_ERFC } });
      w.unref();
      this.busy.set(w, 0);
      w.on("message", (m: { id: number; out?: Float64Array; error?: string }) => {
        const task = this.tasks.get(m.id);
        if (!task) return;
        this.done(m.id, task);
        if (m.out) task.resolve(m.out);
        else task.reject(new Error(m.error ?? "worker failed"));
      });
      const failAll = (e: Error): void => {
        for (const [id, task] of this.tasks) {
          if (task.worker !== w) continue;
          this.done(id, task);
          task.reject(e);
        }
        this.workers = this.workers.filter((x) => x !== w);
      };
      w.on("error", failAll);
      w.on("exit", (code) => failAll(new Error(`worker exited with code ${code}`)));
      this.workers.push(w);
    }
    return this.workers[k];
  }

  private done(id: number, task: Task): void {
    this.tasks.delete(id);
    const n = (this.busy.get(task.worker) ?? 1) - 1;
    this.busy.set(task.worker, n);
    if (n === 0) task.worker.unref();
  }

  private run(k: number, message: Record<string, unknown>): Promise<Float64Array> {
    const worker = this.worker(k);
    const id = this.nextId++;
    return new Promise<Float64Array>((resolve, reject) => {
      this.tasks.set(id, { resolve, reject, worker });
      this.busy.set(worker, (this.busy.get(worker) ?? 0) + 1);
      worker.ref();
      const transfer = Object.values(message.series as SeriesArrays).map((a) => a.buffer);
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** The whole book's P&L grid, computed on up to `threads` threads. */
  async grid(book: CompiledBook, priceMoves: readonly number[], volMoves: readonly number[]): Promise<PnlGrid> {
    checkMoves(priceMoves, volMoves);
    const nV = volMoves.length;
    const size = priceMoves.length * nV;
    const cells = new Float64Array(size);
    const n = book.size;
    const threads = Math.max(1, Math.min(this.threads, Math.floor(n / MIN_SERIES_PER_THREAD)));
    const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.round((k * n) / threads));
    const pm = Float64Array.from(priceMoves);
    const vm = Float64Array.from(volMoves);
    const volFloor = book.ctx.volFloor;

    const parts = bounds.slice(1, -1).map((from, idx) => {
      const to = bounds[idx + 2];
      const message = { series: sliceSeries(book.series, from, to), count: to - from, priceMoves: pm, volMoves: vm, volFloor, size };
      return this.run(idx, message).then(
        (out) => {
          this.workerChunks++;
          return out;
        },
        (e: Error) => {
          this.fallbackReason = e.message;
          const out = new Float64Array(size);
          revalueSeries(book.series, from, to, pm, vm, volFloor, out);
          return out;
        },
      );
    });
    revalueSeries(book.series, 0, bounds[1], pm, vm, volFloor, cells);
    for (const out of await Promise.all(parts)) {
      for (let c = 0; c < size; c++) cells[c] += out[c];
    }
    addLinear(cells, linearTotal(book.groups), priceMoves, nV);
    return checkFiniteGrid({ priceMoves: [...priceMoves], volMoves: [...volMoves], cells });
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

/** One-shot: compiles the book, revalues it on up to `threads` threads, and stops the workers. */
export async function scenarioGridParallel(
  positions: readonly Position[],
  priceMoves: readonly number[],
  volMoves: readonly number[],
  ctx: ScenarioContext,
  threads: number = availableParallelism(),
): Promise<PnlGrid> {
  const pool = new ScenarioPool(threads);
  try {
    return await pool.grid(compileBook(positions, ctx), priceMoves, volMoves);
  } finally {
    await pool.close();
  }
}
