/**
 * Shared by the benchmark scripts: time a case best-of-3 and print its JSON line.
 *   measure(name, size, fn, units) — units: how many operations one call of fn performs.
 */
function measure(name, size, fn, units = 1) {
  // warm-up until the JIT has settled: at least 3 calls, then up to 1 s or 20 calls
  const warmUntil = Date.now() + 1000;
  for (let i = 0; i < 20 && (i < 3 || Date.now() < warmUntil); i++) fn();
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return print(name, size, best, units);
}

/** Prints a case's JSON line (best time in seconds) and returns it. */
function print(name, size, best, units) {
  const line = { name, size, seconds: Number(best.toFixed(6)), perSecond: Math.round(units / best) };
  console.log(JSON.stringify(line));
  return line;
}

/** The async variant, for cases that run on worker threads. */
async function measureAsync(name, size, fn, units = 1) {
  await fn();
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return print(name, size, best, units);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same books. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { measure, measureAsync, rng };
