/** Reference for the search: the best integer packing by exhaustive search, memoised on what is left. */
import type { PackingColumn } from "../../src/rules/regt/packing";

export function bruteForce(capacity: readonly number[], columns: readonly PackingColumn[]): number {
  const memo = new Map<string, number>();
  const rec = (j: number, cap: number[]): number => {
    if (j === columns.length) return 0;
    const key = `${j}|${cap.join(",")}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let most = Infinity;
    for (const [i, a] of columns[j].uses) most = Math.min(most, Math.floor(cap[i] / a + 1e-9));
    let best = -Infinity;
    for (let k = 0; k <= most; k++) {
      const next = [...cap];
      for (const [i, a] of columns[j].uses) next[i] -= k * a;
      best = Math.max(best, k * columns[j].value + rec(j + 1, next));
    }
    memo.set(key, best);
    return best;
  };
  return rec(0, [...capacity]);
}
