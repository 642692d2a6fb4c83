#!/usr/bin/env node
/**
 * margin-desk: the custom functions from a terminal, on the same core as the add-in.
 *
 *   margin-desk list                              every function with its help text
 *   margin-desk help FUNCTION                     one function's arguments
 *   margin-desk FUNCTION [ARG ...]                call it; an argument @file.csv (or .tsv) is a table
 *
 * Examples:
 *   margin-desk MARGINLEVEL 10500 2000            → 5.25
 *   margin-desk BSGREEKS call 100 100 1 0.05 0.2  → a header row and the Greeks, tab-separated
 *   margin-desk REGTMARGIN @book.csv maintenance
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
