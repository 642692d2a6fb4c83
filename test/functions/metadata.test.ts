/**
 * The generated functions.json: every function and argument described, ids safe for Excel, and the
 * metadata in step with the registry the Node library exports.
 */
import { customFunctions } from "../../functions/index";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadMetadata } = require("../../scripts/metadata.js");

interface Param { name: string; description?: string; optional?: boolean; dimensionality?: string }
interface Fn { id: string; name: string; description?: string; parameters: Param[] }

/** Excel 4 macro (XLM) function names Microsoft says not to use as custom function ids. */
const XLM_NAMES = [
  "RUN", "CALL", "REGISTER", "REGISTER.ID", "EXEC", "EXECUTE", "HALT", "RETURN", "GOTO", "FOPEN", "FCLOSE", "FREAD",
  "FWRITE", "FSIZE", "FPOS", "FILES", "SEND.KEYS", "INITIATE", "POKE", "REQUEST", "TERMINATE", "ECHO", "ERROR",
  "EVALUATE", "FORMULA", "GET.CELL", "GET.WORKSPACE", "SET.VALUE", "ALERT", "INPUT", "MESSAGE", "ARGUMENT", "RESULT",
  "DOCUMENTS", "WORKBOOK", "SELECTION", "ACTIVE.CELL", "OFFSET", "CALLER", "NAMES", "DIRECTORY",
];

let functions: Fn[];
beforeAll(async () => {
  functions = (await loadMetadata()).functions;
}, 60_000);

test("every registered function is in the metadata and vice versa", () => {
  expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(customFunctions).sort());
});

test("ids are upper case, unique, not cell addresses, not Excel 4 macro names", () => {
  const ids = functions.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(id).toMatch(/^[A-Z][A-Z0-9]*$/);
    expect(id).not.toMatch(/^[A-Z]{1,3}[0-9]{1,7}$/); // A1-style address (XFD1048576 is the last)
    expect(id).not.toMatch(/^R[0-9]*C[0-9]*$/); // R1C1-style address
    expect(XLM_NAMES).not.toContain(id);
  }
});

test("every function and every argument has help text", () => {
  for (const f of functions) {
    expect({ id: f.id, description: (f.description ?? "").length > 20 }).toEqual({ id: f.id, description: true });
    for (const p of f.parameters) {
      expect({ id: f.id, param: p.name, described: (p.description ?? "").length > 5 }).toEqual({ id: f.id, param: p.name, described: true });
    }
  }
});

test("optional arguments come last", () => {
  for (const f of functions) {
    const firstOptional = f.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect({ id: f.id, rest: f.parameters.slice(firstOptional).every((p) => p.optional) }).toEqual({ id: f.id, rest: true });
  }
});

test("table and list arguments are declared as ranges, so Excel passes the whole range", () => {
  // a parameter the metadata calls scalar receives one cell in Excel, never a range
  const rangeLike = /^(positions|assets|params|priceMoves|volMoves|riskArray|tierTable|mr9Tiers|mr7Brackets|discountTiers|borrowRates)$/;
  const ranges = functions.flatMap((f) => f.parameters.filter((p) => rangeLike.test(p.name)).map((p) => ({ id: f.id, param: p.name, dimensionality: p.dimensionality })));
  expect(ranges.length).toBeGreaterThan(20);
  for (const r of ranges) expect(r).toEqual({ ...r, dimensionality: "matrix" });
});
