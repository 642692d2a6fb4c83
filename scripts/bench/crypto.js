/**
 * Crypto portfolio margin (issue 5): PMRISKUNITS on a 2,000-row unified account across 20 risk units
 * (100 rows each: 50 options, 50 perps/futures/spot over USDT, USDC and USD settlement). Target: under
 * 100 ms. Also PMMMR on the same book, LIQPLAN on a smaller distressed account, and MR9CHARGE.
 * Prints one JSON line per case: {"name", "size", "seconds" (best of 3), "perSecond"}.
 * Needs the compiled library: `npx tsc -p tsconfig.lib.json` (npm run bench builds it).
 */
const { customFunctions: f } = require("../../dist/node/lib/index.js");
const { measure, rng } = require("./_measure");


const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Settle"];
const COINS = ["BTC", "ETH", "SOL", "DOGE", "XRP", "BNB", "LTC", "ADA", "BCH", "WLD", "AVAX", "DOT", "LINK", "TRX", "UNI", "NEAR", "APT", "ARB", "OP", "TON"];
const EXPIRIES = ["2026-01-30", "2026-02-27", "2026-03-27", "2026-06-26", "2026-12-25"];
const SETTLES = ["USDT", "USDC", "USD"];
const PARAMS = [["valuationDate", "2026-01-02"]];

/** `units` coins × `rows` rows per coin, half of them options. */
function book(units, rows, seed) {
  const r = rng(seed);
  const out = [HEADER];
  for (let u = 0; u < units; u++) {
    const coin = COINS[u % COINS.length];
    const s = 1 + r() * 60000;
    for (let i = 0; i < rows; i++) {
      const qty = (r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 20));
      if (i % 2 === 0) {
        const type = r() < 0.5 ? "CALL" : "PUT";
        const k = Math.round(s * (0.7 + r() * 0.6) * 100) / 100;
        out.push([coin, type, qty, k, EXPIRIES[Math.floor(r() * EXPIRIES.length)], s * 0.05, s, 0.4 + r() * 0.6, 0.1, "USD"]);
      } else {
        const kind = i % 5 === 1 ? "SPOT" : i % 3 === 0 ? "FUTURE" : "PERP";
        const expiry = kind === "FUTURE" ? EXPIRIES[Math.floor(r() * EXPIRIES.length)] : null;
        out.push([coin, kind, qty, null, expiry, s * (1 + (r() - 0.5) * 0.01), s, null, 0.01, SETTLES[Math.floor(r() * 3)]]);
      }
    }
  }
  return out;
}

const big = book(20, 100, 7);
const check = f.PMRISKUNITS(big, null, PARAMS);
if (!Array.isArray(check) || check.length !== 21 || typeof check[1][1] !== "number") {
  throw new Error(`PMRISKUNITS did not return 20 units: ${JSON.stringify(check).slice(0, 300)}`);
}
measure("PMRISKUNITS 2,000 rows, 20 units, 1,000 options", 2000, () => f.PMRISKUNITS(big, null, PARAMS), 2000);
measure("PMMMR 2,000 rows, 20 units, 1,000 options", 2000, () => f.PMMMR(big, null, PARAMS), 2000);

const small = book(3, 20, 11);
const assets = [["Currency", "Balance", "USDPrice"], ["USDT", 20000, 1]];
measure("LIQPLAN 60 rows, 3 units", 60, () => f.LIQPLAN(small, assets, PARAMS), 60);
measure("MR9CHARGE", 1, () => {
  for (let i = 0; i < 1000; i++) f.MR9CHARGE(i * 12345, 0.97);
}, 1000);
