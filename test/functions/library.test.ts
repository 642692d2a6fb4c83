/**
 * The built Node library and CLI (npm test builds before jest): `require(<project>)` exports the very
 * functions Excel calls, and the core's typed API.
 */
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import path from "path";

const ROOT = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, pkg.main))) throw new Error(`${pkg.main} is missing: run \`npm run build\` before jest`);
});

test("require(project).customFunctions.MARGINLEVEL(10500, 2000) is 5.25", () => {
  const out = execFileSync(process.execPath, ["-e", `const m = require(${JSON.stringify(ROOT)}); console.log(JSON.stringify([m.customFunctions.MARGINLEVEL(10500, 2000), m.customFunctions.MARGINLEVEL(1, 0), typeof m.core.parsePositions]))`], { encoding: "utf8" });
  const [level, err, parser] = JSON.parse(out);
  expect(level).toBe(5.25);
  expect(err).toMatchObject({ code: "#DIV/0!", message: expect.stringMatching(/no margin in use/) });
  expect(parser).toBe("function");
});

test("the library and the add-in bundle register the same function ids", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(path.join(ROOT, pkg.main));
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8"));
  expect(Object.keys(lib.customFunctions).sort()).toEqual(json.functions.map((f: { id: string }) => f.id).sort());
  const bundle = fs.readFileSync(path.join(ROOT, "dist", "functions.js"), "utf8");
  for (const f of json.functions) expect(bundle).toContain(`CustomFunctions.associate("${f.id}"`);
});

test("the margin-desk CLI calls a function, reads a CSV table, and reports errors on stderr", () => {
  const cli = path.join(ROOT, "bin", "margin-desk.js");
  expect(execFileSync(process.execPath, [cli, "MARGINLEVEL", "10500", "2000"], { encoding: "utf8" }).trim()).toBe("5.25");
  const bad = spawnSync(process.execPath, [cli, "MARGINLEVEL", "abc", "2000"], { encoding: "utf8" });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/^#VALUE! equity: 'abc' is not a number/);
  expect(execFileSync(process.execPath, [cli, "list"], { encoding: "utf8" })).toMatch(/^MARGINLEVEL\s+Margin level/m);
});

test("margin-desk report: every rule set for a mixed book, with one params file routed to the rule sets", () => {
  const cli = path.join(ROOT, "bin", "margin-desk.js");
  const ex = (f: string) => path.join(ROOT, "examples", f);
  const out = execFileSync(process.execPath, [cli, "report", ex("book.csv"), "--assets", ex("assets.csv"), "--params", ex("params.csv"), "--json"], { encoding: "utf8" });
  const r = JSON.parse(out);
  expect([r.positions, r.securities, r.crypto]).toEqual([7, 5, 2]);
  // AAPL collar: 50 % × 200 × 150 + the long puts 2 × 100 × 4.10 = 15,820;
  // SPX bull put spread: the long put paid in full 98 × 100 + the width (5,600 − 5,500) × 100 = 19,800
  expect(r.regt.initial).toBe(35620);
  expect(r.regt.groups.map((g: { strategy: string; requirement: number }) => [g.strategy, g.requirement])).toEqual([
    ["Collar", 15820],
    ["Bull put spread", 19800],
  ]);
  expect(r.comparison.capitalReleased).toBeCloseTo(r.regt.initial - r.pm.total, 9);
  expect(r.cryptoAccount.units).toEqual(["BTC"]);
  expect(r.cryptoAccount.ratio).toBeGreaterThan(0);
  const bad = spawnSync(process.execPath, [cli, "report", ex("book.csv"), "--params", ex("book.csv")], { encoding: "utf8" });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/expected two columns|unknown parameter/);
});
