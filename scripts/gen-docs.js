/**
 * Writes docs/functions.md, the function reference, from the custom functions' metadata (their JSDoc).
 * `node scripts/gen-docs.js` writes it; `node scripts/gen-docs.js --check` exits 1 when it is stale.
 * test/functions/docs.test.ts fails when the committed reference is stale.
 */
const fs = require("fs");
const path = require("path");
const { loadMetadata } = require("./metadata");

const OUT = path.join(__dirname, "..", "docs", "functions.md");

function escape(s) {
  return String(s).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function render(metadata) {
  const fns = metadata.functions;
  const lines = [
    "# Margin Desk function reference",
    "",
    "Generated from the functions' metadata by `npm run docs` (scripts/gen-docs.js); do not edit by hand.",
    "Every function lives in the `MARGIN` namespace: type `=MARGIN.` in a cell to list them.",
    "Optional arguments may be omitted or left as an empty cell; both mean the default.",
    "Rates, levels and moves are fractions (30 % is 0.3). Errors: `#VALUE!` wrong type or shape, `#NUM!` a",
    "number outside its domain, `#DIV/0!` a zero denominator, `#N/A` a value that does not exist; the",
    "message names the argument (or the row and column of a table).",
    "",
    "| function | what it returns |",
    "| --- | --- |",
    ...fns.map((f) => `| [${f.name}](#${f.name.toLowerCase()}) | ${escape(f.description.split(/(?<=\.)\s/)[0])} |`),
    "",
  ];
  for (const f of fns) {
    const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    lines.push(`## ${f.name}`, "", "```", `=MARGIN.${f.name}(${args})`, "```", "", escape(f.description), "");
    if (f.parameters.length > 0) {
      lines.push("| argument | required | description |", "| --- | --- | --- |");
      for (const p of f.parameters) lines.push(`| ${p.name} | ${p.optional ? "no" : "yes"} | ${escape(p.description || "")} |`);
      lines.push("");
    }
    lines.push(`Result: ${f.result && f.result.dimensionality === "matrix" ? "a spilled range" : "a single value"}.`, "");
  }
  return lines.join("\n");
}

async function main() {
  const metadata = await loadMetadata();
  const text = render(metadata);
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
    if (current !== text) {
      console.error("docs/functions.md is stale: run `npm run docs`");
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(process.cwd(), OUT)} (${metadata.functions.length} functions)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}

module.exports = { render, OUT };
