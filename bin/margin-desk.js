#!/usr/bin/env node
/**
 * margin-desk: the custom functions from a terminal, on the same core as the add-in.
 *
 *   margin-desk list                              every function with its help text
 *   margin-desk help FUNCTION                     one function's arguments
 *   margin-desk FUNCTION [ARG ...]                call it; an argument @file.csv (or .tsv) is a table
 *   margin-desk report BOOK.csv [BOOK2.csv ...] [--assets FILE] [--params FILE] [--json]
 *                                                 every rule set that applies to each book, side by side
 *
 * Examples:
 *   margin-desk MARGINLEVEL 10500 2000            → 5.25
 *   margin-desk BSGREEKS call 100 100 1 0.05 0.2  → a header row and the Greeks, tab-separated
 *   margin-desk REGTMARGIN @book.csv maintenance
 *   margin-desk report book.csv --params params.csv
 * An empty argument ("") means "use the default". Errors print "#CODE message" on stderr, exit code 1.
 */
const fs = require("fs");
const path = require("path");

function load() {
  const lib = path.join(__dirname, "..", "dist", "node", "lib", "index.js");
  if (!fs.existsSync(lib)) {
    console.error("margin-desk: the library is not built; run `npm run build` first");
    process.exit(2);
  }
  return require(lib);
}

function metadata() {
  const file = path.join(__dirname, "..", "dist", "functions.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).functions : [];
}

function argument(a, core) {
  if (a.startsWith("@")) return core.parseDelimited(fs.readFileSync(a.slice(1), "utf8"));
  if (a === "") return null;
  if (/^(true|false)$/i.test(a)) return /^true$/i.test(a);
  const n = Number(a);
  return a.trim() !== "" && Number.isFinite(n) ? n : a;
}

function show(v, isError) {
  if (isError(v)) return { text: `${v.code} ${v.message}`, error: true };
  if (Array.isArray(v)) {
    const cells = v.flat();
    const err = cells.find(isError);
    if (err) return { text: `${err.code} ${err.message}`, error: true };
    return { text: v.map((r) => r.join("\t")).join("\n"), error: false };
  }
  return { text: String(v), error: false };
}

const money = (x) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x) => `${(x * 100).toFixed(2)} %`;

/** `report`: one margin report per positions file (the core's marginReport), as text or JSON. */
function report(args, core) {
  const files = [];
  const opts = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--assets" || a === "--params") {
      if (!args[i + 1]) throw new Error(`${a} needs a file`);
      opts[a.slice(2)] = core.parseDelimited(fs.readFileSync(args[++i], "utf8"));
    } else files.push(a);
  }
  if (files.length === 0) throw new Error("report needs at least one positions file (CSV or tab-separated)");
  const out = [];
  for (const file of files) {
    let r;
    try {
      r = core.marginReport(core.parsePositions(core.parseDelimited(fs.readFileSync(file, "utf8")), file), opts);
    } catch (e) {
      if (e && e.code && e.code.startsWith("#")) throw new Error(`${file}: ${e.code} ${e.message}`);
      throw e;
    }
    if (json) {
      out.push({ file, ...r });
      continue;
    }
    const lines = [`${file}: ${r.positions} positions (${r.securities} securities, ${r.crypto} crypto)`];
    const row = (label, value) => lines.push(`  ${label.padEnd(28)} ${value}`);
    if (r.regt) {
      row("Reg T initial", money(r.regt.initial));
      row("Reg T maintenance", money(r.regt.maintenance));
      row("Portfolio margin", money(r.pm.total));
      row("Capital released by PM", money(r.comparison.capitalReleased));
      row("Gross market value", money(r.comparison.grossMarketValue));
      if (r.comparison.leverageRegT !== undefined) row("Leverage Reg T / PM", `${r.comparison.leverageRegT.toFixed(2)} / ${r.comparison.leveragePm !== undefined ? r.comparison.leveragePm.toFixed(2) : "n/a"}`);
      lines.push("  Reg T groups (initial):");
      for (const g of r.regt.groups) lines.push(`    ${g.underlying.padEnd(8)} ${g.strategy.padEnd(22)} ${money(g.requirement).padStart(14)}  ${g.legs}`);
      if (!r.regt.exact) lines.push("  (the Reg T grouping of a large underlying is the best found within the search budget)");
    }
    if (r.cryptoAccount) {
      const c = r.cryptoAccount;
      row(`Crypto MMR (${c.units.join(", ")})`, money(c.mmr));
      row("Crypto IMR", money(c.imr));
      if (c.ratio !== undefined) row("Crypto margin ratio", pct(c.ratio));
      else if (!opts.assets) row("Crypto margin ratio", "n/a (give --assets for the equity)");
    }
    out.push(lines.join("\n"));
  }
  console.log(json ? JSON.stringify(out.length === 1 ? out[0] : out, null, 2) : out.join("\n\n"));
  return 0;
}

function main(argv) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "--help" || cmd === "-h") {
    console.log(fs.readFileSync(__filename, "utf8").split("*/")[0].replace(/^[\s\S]*?\/\*\*\n/, "").replace(/^ \* ?/gm, ""));
    return 0;
  }
  const { customFunctions, isExcelError, core } = load();
  const meta = metadata();
  if (cmd === "list") {
    for (const id of Object.keys(customFunctions)) {
      const m = meta.find((f) => f.id === id);
      console.log(`${id.padEnd(16)} ${m ? m.description.split(/(?<=\.)\s/)[0] : ""}`);
    }
    return 0;
  }
  if (cmd === "help") {
    const id = String(rest[0] || "").toUpperCase();
    const m = meta.find((f) => f.id === id);
    if (!m) {
      console.error(`margin-desk: no function ${id}; try \`margin-desk list\``);
      return 1;
    }
    console.log(`=MARGIN.${m.id}(${m.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})\n\n${m.description}\n`);
    for (const p of m.parameters) console.log(`  ${p.name}${p.optional ? " (optional)" : ""}: ${p.description}`);
    return 0;
  }
  if (cmd === "report") {
    try {
      return report(rest, core);
    } catch (e) {
      console.error(`margin-desk report: ${e.message}`);
      return 1;
    }
  }
  const id = cmd.toUpperCase();
  const fn = customFunctions[id];
  if (!fn) {
    console.error(`margin-desk: no function ${cmd}; try \`margin-desk list\``);
    return 1;
  }
  const out = show(fn(...rest.map((a) => argument(a, core))), isExcelError);
  (out.error ? console.error : console.log)(out.text);
  return out.error ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
