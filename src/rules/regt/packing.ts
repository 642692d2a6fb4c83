/**
 * Integer packing: choose whole counts x_j ≥ 0 of columns (strategy templates) to maximise
 * Σ value_j x_j subject to Σ_j use_ij x_j ≤ capacity_i for every resource i (the legs of a book), with
 * use_ij ≥ 0. This is the search kernel of the Reg T pairing (pairing.ts), on plain numbers.
 *
 * Method: branch and bound on the linear-programming relaxation. Each node's LP is solved by a dense
 * primal simplex started from the all-slack basis (a packing LP with capacity ≥ 0 is feasible at 0, so
 * no phase 1 is needed); Dantzig's entering rule, switching to Bland's rule after a run of degenerate
 * pivots so that it cannot cycle. At every node the LP solution rounded down (always feasible, since
 * every use is ≥ 0) and completed greedily gives an incumbent; a node whose LP bound does not beat the
 * incumbent is pruned; otherwise the most fractional count is branched on, x_j ≥ ⌈x̄_j⌉ first. Usually
 * the root LP is already integral. The search is exact when it finishes within `workBudget` (counted
 * in tableau-cell updates); otherwise it returns the best grouping found and `exact: false`.
 */

export interface PackingColumn {
  /** [resource index, amount used per unit], amounts > 0. */
  uses: ReadonlyArray<readonly [number, number]>;
  /** Value of one unit (> 0). */
  value: number;
}

export interface PackingResult {
  counts: number[];
  value: number;
  /** True when the optimum was proven within the work budget. */
  exact: boolean;
  /** Work spent (tableau-cell updates), for tests and benchmarks. */
  work: number;
}

const EPS = 1e-9;
const INT_TOL = 1e-6;

/** Work spent so far against the budget (tableau-cell updates). */
interface Work {
  budget: number;
  spent: number;
}

const outOfWork = (w: Work): boolean => w.spent >= w.budget;

interface LpResult {
  x: Float64Array;
  value: number;
  optimal: boolean;
}

/**
 * max Σ v_j x_j  s.t.  Σ_j A_ij x_j ≤ b_i,  x_j ≤ upper_j (when given),  x ≥ 0.
 * Out of work, it stops early with `optimal` false (the solution so far is still feasible).
 */
function simplex(
  b: Float64Array,
  columns: readonly PackingColumn[],
  values: Float64Array,
  upper: ReadonlyMap<number, number>,
  work: Work,
): LpResult {
  const n = columns.length;
  const upperVars = [...upper.keys()].sort((a, c) => a - c);
  const m = b.length + upperVars.length;
  const width = n + m + 1;
  const rhs = width - 1;
  const cells = new Float64Array(m * width); // one buffer, a view per row
  const t: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = cells.subarray(i * width, (i + 1) * width);
    row[n + i] = 1;
    t.push(row);
  }
  for (let j = 0; j < n; j++) for (const [i, a] of columns[j].uses) t[i][j] = a;
  for (let i = 0; i < b.length; i++) t[i][rhs] = Math.max(0, b[i]);
  upperVars.forEach((j, k) => {
    const row = t[b.length + k];
    row[j] = 1;
    row[rhs] = Math.max(0, upper.get(j) as number);
  });
  const obj = new Float64Array(width);
  for (let j = 0; j < n; j++) obj[j] = values[j];
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) basis[i] = n + i;
  work.spent += m * width; // setting up the tableau

  let degenerateRun = 0;
  let optimal = false;
  for (;;) {
    if (outOfWork(work)) break;
    const bland = degenerateRun > 25;
    let e = -1;
    let best = EPS;
    for (let j = 0; j < width - 1; j++) {
      if (obj[j] > best) {
        e = j;
        if (bland) break;
        best = obj[j];
      }
    }
    if (e < 0) {
      optimal = true;
      break;
    }
    let r = -1;
    let ratio = Infinity;
    for (let i = 0; i < m; i++) {
      const a = t[i][e];
      if (a > EPS) {
        const q = t[i][rhs] / a;
        if (q < ratio - 1e-12 || (Math.abs(q - ratio) <= 1e-12 && r >= 0 && basis[i] < basis[r])) {
          ratio = q;
          r = i;
        }
      }
    }
    if (r < 0) break; // unbounded: impossible for a packing LP with positive uses
    degenerateRun = ratio <= 1e-12 ? degenerateRun + 1 : 0;
    const pivotRow = t[r];
    const p = pivotRow[e];
    for (let j = 0; j < width; j++) pivotRow[j] /= p;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = t[i];
      const f = row[e];
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j] -= f * pivotRow[j];
      if (row[rhs] < 0) row[rhs] = 0;
    }
    const f = obj[e];
    for (let j = 0; j < width; j++) obj[j] -= f * pivotRow[j];
    basis[r] = e;
    work.spent += m * width;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) if (basis[i] < n) x[basis[i]] = t[i][rhs];
  let value = 0;
  for (let j = 0; j < n; j++) value += values[j] * x[j];
  return { x, value, optimal };
}

/** Adds whole units of columns, best value first, while they fit in the residual capacity. */
function greedyFill(counts: number[], residual: Float64Array, columns: readonly PackingColumn[], order: readonly number[]): void {
  for (const j of order) {
    let k = Infinity;
    for (const [i, a] of columns[j].uses) k = Math.min(k, Math.floor(residual[i] / a + EPS));
    if (k >= 1) {
      counts[j] += k;
      for (const [i, a] of columns[j].uses) residual[i] -= k * a;
    }
  }
}

function valueOf(counts: readonly number[], values: Float64Array): number {
  let v = 0;
  for (let j = 0; j < counts.length; j++) v += counts[j] * values[j];
  return v;
}

/** Column indices, highest value first (ties: lower index first): the greedy order. */
function bestFirst(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, j) => j).sort((a, c) => values[c] - values[a] || a - c);
}

/** The greedy grouping on its own: the heuristic used when there is no budget for anything else. */
export function greedyPacking(capacity: readonly number[], columns: readonly PackingColumn[]): number[] {
  const order = bestFirst(columns.map((c) => c.value));
  const counts = new Array<number>(columns.length).fill(0);
  greedyFill(counts, Float64Array.from(capacity), columns, order);
  return counts;
}

interface Node {
  lower: Map<number, number>;
  upper: Map<number, number>;
}

export function solvePacking(capacity: readonly number[], columns: readonly PackingColumn[], workBudget: number): PackingResult {
  const n = columns.length;
  if (n === 0) return { counts: [], value: 0, exact: true, work: 0 };
  const scale = Math.max(...columns.map((c) => c.value));
  const values = Float64Array.from(columns, (c) => c.value / scale);
  const order = bestFirst(values);
  const work: Work = { budget: workBudget, spent: 0 };

  let best = greedyPacking(capacity, columns);
  let bestValue = valueOf(best, values);
  let exact = true;

  const stack: Node[] = [{ lower: new Map(), upper: new Map() }];
  while (stack.length > 0) {
    if (outOfWork(work)) {
      exact = false;
      break;
    }
    const node = stack.pop() as Node;
    // x_j = lower_j + x'_j: the lower bounds use up capacity.
    const b = Float64Array.from(capacity);
    let base = 0;
    let feasible = true;
    for (const [j, lo] of node.lower) {
      base += lo * values[j];
      for (const [i, a] of columns[j].uses) b[i] -= lo * a;
    }
    for (let i = 0; i < b.length; i++) if (b[i] < -EPS) feasible = false;
    const upper = new Map<number, number>();
    for (const [j, hi] of node.upper) {
      const u = hi - (node.lower.get(j) ?? 0);
      if (u < 0) feasible = false;
      upper.set(j, u);
    }
    if (!feasible) continue;

    const lp = simplex(b, columns, values, upper, work);
    const bound = base + lp.value;
    // Incumbent: the LP solution rounded down, completed greedily.
    const counts = new Array<number>(n).fill(0);
    const residual = Float64Array.from(b);
    for (let j = 0; j < n; j++) {
      const k = Math.floor(lp.x[j] + INT_TOL);
      if (k > 0) {
        counts[j] = k;
        for (const [i, a] of columns[j].uses) residual[i] -= k * a;
      }
    }
    for (let i = 0; i < residual.length; i++) if (residual[i] < 0) residual[i] = 0;
    greedyFill(counts, residual, columns, order);
    for (const [j, lo] of node.lower) counts[j] += lo;
    const v = valueOf(counts, values);
    if (v > bestValue + EPS) {
      best = counts;
      bestValue = v;
    }
    if (!lp.optimal) {
      exact = false;
      break;
    }
    if (bound <= bestValue + EPS) continue;
    // Branch on the most fractional count.
    let jBranch = -1;
    let frac = INT_TOL;
    for (let j = 0; j < n; j++) {
      const f = lp.x[j] - Math.floor(lp.x[j]);
      const d = Math.min(f, 1 - f);
      if (d > frac) {
        frac = d;
        jBranch = j;
      }
    }
    if (jBranch < 0) continue; // integral, and already taken as the incumbent
    const xj = (node.lower.get(jBranch) ?? 0) + lp.x[jBranch];
    const down: Node = { lower: node.lower, upper: new Map(node.upper).set(jBranch, Math.floor(xj)) };
    const up: Node = { lower: new Map(node.lower).set(jBranch, Math.ceil(xj)), upper: node.upper };
    stack.push(down, up);
  }
  return { counts: best, value: bestValue * scale, exact, work: work.spent };
}
