/**
 * Shared by the benchmark scripts: time a case best-of-3 and print its JSON line.
 *   measure(name, size, fn, units) — units: how many operations one call of fn performs.
 */
function measure(name, size, fn, units = 1) {
  fn(); // warm-up
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
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
  const line = { name, size, seconds: Number(best.toFixed(6)), perSecond: Math.round(units / best) };
  console.log(JSON.stringify(line));
  return line;
}

module.exports = { measure, measureAsync };
