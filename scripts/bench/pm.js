/**
 * Scenario engine and portfolio margin (issue 4). Prints one JSON line per case:
 * {"name", "size", "seconds" (best of 3 after a warm-up), "perSecond"}; size and perSecond count
 * revaluations (option × price move × vol move) for the scenario cases, calls for the others.
 *
 * Target: PMSCENARIO on a 10,000-option book over 50 underlyings × 101 price moves × 11 vol moves
 * (11.1 million revaluations) in at most 0.6 s on this 2-core machine. The custom function is
 * synchronous (Excel and the HyperFormula preview call it synchronously), so it is measured on one
 * thread, from the raw table to the spilled grid; the worker-thread path (core API, Node only) is
 * measured separately, warm (pool already started) and cold (one-shot, workers started and stopped).
 * The book is the worst case for the engine: every row a distinct contract (its own IV), so netting
 * identical contracts saves nothing.
 *
 * Needs the compiled library: `npx tsc -p tsconfig.lib.json` (npm run bench builds it).
 */
const { customFunctions: f, core } = require("../../dist/node/lib/index.js");
const scenario = require("../../dist/node/src/models/scenario.js");
const { ScenarioPool, scenarioGridParallel } = require("../../dist/node/src/models/scenarioParallel.js");
const { measure, measureAsync, rng } = require("./_measure");


const VALUATION = "2026-01-02";
const EXPIRIES = ["2026-01-16", "2026-02-20", "2026-03-20", "2026-06-18", "2026-09-18", "2026-12-18", "2027-06-17", "2028-01-21"];
const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV"];

/** `options` option rows spread over `underlyings`, strikes 70 %–130 % of spot, IV 12 %–70 % with a smile. */
function optionBook(options, underlyings, seed) {
  const r = rng(seed);
  const spots = Array.from({ length: underlyings }, () => Math.round(20 + r() * 980));
  const rows = [HEADER];
  for (let i = 0; i < options; i++) {
    const u = i % underlyings;
    const s = spots[u];
    const k = Math.round(s * (0.7 + 0.6 * r()) * 2) / 2;
    const smile = 0.25 + 0.6 * (k / s - 1) ** 2;
    const iv = Math.round((smile + (r() - 0.5) * 0.1) * 1e6) / 1e6; // own IV per row: no two rows net
    const qty = (r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 20));
    rows.push([`U${u}`, r() < 0.5 ? "CALL" : "PUT", qty, k, EXPIRIES[Math.floor(r() * EXPIRIES.length)], 1, s, iv]);
  }
  return rows;
}

function range(from, to, n) {
  return Array.from({ length: n }, (_, i) => Math.round((from + ((to - from) * i) / (n - 1)) * 1e6) / 1e6);
}

function check(out, name) {
  if (Array.isArray(out) && Array.isArray(out[0]) && typeof out[0][0] === "number") return out;
  if (typeof out === "number") return out;
  throw new Error(`${name}: ${String(Array.isArray(out) ? out[0][0] : out)}`);
}

async function main() {
  const big = optionBook(10000, 50, 1);
  const priceMoves = [range(-0.15, 0.15, 101)];
  const volMoves = [range(-0.05, 0.05, 11)];
  const params = [["valuationDate", VALUATION], ["rate", 0.04], ["dividendYield", 0.01]];
  const cells = 10000 * 101 * 11;

  const name1 = "PMSCENARIO 10,000 options, 50 underlyings, 101 × 11 moves, 1 thread (custom function, table to grid)";
  measure(name1, cells, () => check(f.PMSCENARIO(big, priceMoves, volMoves, params), name1), cells);

  // The same work through the core API, to show where the time goes.
  const p = core.readParams(require("../../dist/node/src/rules/pm/index.js").PM_PARAMS, params);
  const ctx = scenario.scenarioContext(p);
  const positions = core.parsePositions(big);
  const book = scenario.compileBook(positions, ctx);
  if (book.size !== 10000) throw new Error(`expected 10,000 distinct series, got ${book.size}`);
  measure("parse 10,000-row positions table", 10000, () => core.parsePositions(big), 10000);
  measure("compile 10,000 options (net, hoist, value now)", 10000, () => scenario.compileBook(positions, ctx), 10000);
  measure("scenario kernel 10,000 options × 101 × 11, 1 thread", cells, () => scenario.bookGrid(book, priceMoves[0], volMoves[0]), cells);

  const pool = new ScenarioPool(2);
  await measureAsync(
    "scenario kernel 10,000 options × 101 × 11, 2 threads, warm pool (compiled book: compare with the 1-thread kernel)",
    cells,
    () => pool.grid(book, priceMoves[0], volMoves[0]),
    cells,
  );
  await measureAsync(
    "scenario grid 10,000 options × 101 × 11, 2 threads, warm pool (parse + compile + grid)",
    cells,
    () => pool.grid(scenario.compileBook(core.parsePositions(big), ctx), priceMoves[0], volMoves[0]),
    cells,
  );
  if (pool.fallbackReason) throw new Error(`worker fell back: ${pool.fallbackReason}`);
  await pool.close();
  await measureAsync(
    "scenario grid 10,000 options × 101 × 11, 2 threads, cold (workers started per call)",
    cells,
    () => scenarioGridParallel(core.parsePositions(big), priceMoves[0], volMoves[0], ctx, 2),
    cells,
  );

  const everyday = optionBook(1000, 20, 2);
  const moves21 = [range(-0.1, 0.1, 21)];
  const name2 = "PMSCENARIO 1,000 options × 21 scenarios (everyday recalculation)";
  measure(name2, 21000, () => check(f.PMSCENARIO(everyday, moves21, null, params), name2), 21000);
  const name3 = "PMMARGIN 1,000 options, 20 underlyings (11 moves each)";
  measure(name3, 11000, () => check(f.PMMARGIN(everyday, params), name3), 11000);

  measure("MARGINLEVEL × 10,000 through customFunctions (the path Excel uses)", 10000, () => {
    for (let i = 0; i < 10000; i++) check(f.MARGINLEVEL(10500 + i, 2000), "MARGINLEVEL");
  }, 10000);
  measure("marginLevel × 10,000 called on the core directly (baseline for the layer's overhead)", 10000, () => {
    for (let i = 0; i < 10000; i++) core.marginLevel(10500 + i, 2000);
  }, 10000);
}

module.exports = { optionBook, range };
if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
