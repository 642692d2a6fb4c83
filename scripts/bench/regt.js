/**
 * Reg T strategy-based margin (issue 3): REGTMARGIN on random securities books. Target: a 500-leg book
 * across 20 underlyings (25 legs each: stock, calls and puts, long and short, three expiries) in under
 * 50 ms. Prints one JSON line per case: {"name", "size", "seconds" (best of 3), "perSecond"}.
 * Needs the compiled library: `npx tsc -p tsconfig.lib.json` (npm run bench builds it).
 */
const { customFunctions: f } = require("../../dist/node/lib/index.js");
const { measure, rng } = require("./_measure");


const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice"];
const EXPIRIES = ["2026-02-20", "2026-06-19", "2027-01-15"];

/** A book of `underlyings` × `legs` rows: one stock row and legs − 1 option rows per underlying. */
function book(underlyings, legs, seed) {
  const r = rng(seed);
  const rows = [HEADER];
  for (let u = 0; u < underlyings; u++) {
    const name = `U${String(u).padStart(2, "0")}`;
    const s = Math.round(50 + r() * 450);
    const step = s < 100 ? 2.5 : 5;
    rows.push([name, "STOCK", Math.round((r() - 0.3) * 10) * 100 || 100, null, null, s, null]);
    for (let i = 1; i < legs; i++) {
      const type = r() < 0.5 ? "CALL" : "PUT";
      const k = Math.round((s * (0.8 + r() * 0.4)) / step) * step;
      const e = Math.floor(r() * EXPIRIES.length);
      // One mark per contract: intrinsic value + a time value that falls away from the money.
      const intrinsic = Math.max(0, type === "CALL" ? s - k : k - s);
      const timeValue = s * 0.03 * Math.sqrt(e + 1) * Math.exp(-(((k - s) / (0.15 * s)) ** 2)) + 0.05;
      const price = Math.round((intrinsic + timeValue) * 100) / 100;
      const qty = (r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 10));
      rows.push([name, type, qty, k, EXPIRIES[e], price, s]);
    }
  }
  return rows;
}

const PARAMS = [["valuationDate", "2026-01-02"]];

/** Best of 3 after warm-up (Excel recalculates the same formula many times); an error result fails the case. */
function time(name, size, fn) {
  measure(name, size, () => {
    const out = fn();
    if (typeof out !== "number" && !Array.isArray(out)) throw new Error(`${name}: ${String(out)}`);
  }, size);
}

function main() {
  const big = book(20, 25, 1);
  time("REGTMARGIN 500 legs, 20 underlyings", 500, () => f.REGTMARGIN(big, "initial", PARAMS));
  time("REGTMARGIN 500 legs, 20 underlyings, maintenance", 500, () => f.REGTMARGIN(big, "maintenance", PARAMS));
  time("REGTDETAIL 500 legs, 20 underlyings", 500, () => f.REGTDETAIL(big, "initial", PARAMS));
  for (const seed of [2, 3, 4]) {
    const other = book(20, 25, seed);
    time(`REGTMARGIN 500 legs, 20 underlyings (book ${seed})`, 500, () => f.REGTMARGIN(other, "initial", PARAMS));
  }
  const exact = book(1, 13, 7);
  time("REGTMARGIN one underlying, 12 option rows (exact search)", 13, () => f.REGTMARGIN(exact, "initial", PARAMS));
}

module.exports = { book };
if (require.main === module) main();
