/**
 * `npm run bench`: builds the Node library, then runs every scripts/bench/*.js; each prints one JSON
 * line per case: {"name", "size", "seconds" (best of 3), "perSecond"}. Benchmarks are not tests.
 */
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const dir = path.join(__dirname, "bench");
const only = process.argv.slice(2);
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js") && !f.startsWith("_")).sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  execFileSync(process.execPath, [path.join(dir, file)], { stdio: "inherit" });
}
