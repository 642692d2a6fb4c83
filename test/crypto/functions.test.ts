/**
 * The crypto functions as Excel sees them: metadata (help text for every argument, ranges declared as
 * matrices so Excel passes whole ranges), no raw exception for any input, and the default parameter
 * tables the task pane writes, which read back as the defaults.
 */
import path from "path";
import fc from "fast-check";
import { customFunctions as f } from "../../functions/index";
import { ExcelError } from "../../functions/excel";
import { cryptoParameterTables, readBrackets, readBorrowRates, readDiscountTiers, readTierTable } from "../../src/rules/crypto/index";
import { BORROW_RATES, DISCOUNT_TIERS, MR7_BRACKETS, MR9_TIERS } from "../../src/rules/crypto/tables";
import { NONE, PARAMS, assets, book, withParams } from "./book";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const IDS = ["PMRISKUNITS", "PMMMR", "PMIMR", "PMMARGINRATIO", "MR1GRID", "MR9TIER", "MR9CHARGE", "BORROWMARGIN", "LIQPLAN"];
const RANGE_ARGS = ["positions", "assets", "params", "mr9Tiers", "mr7Brackets", "discountTiers", "borrowRates", "tierTable"];

interface Param { name: string; description?: string; optional?: boolean; dimensionality?: string }
interface Fn { id: string; description?: string; parameters: Param[]; result: { dimensionality?: string } }

describe("metadata of functions/crypto.ts", () => {
  let fns: Fn[];
  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata([path.join(__dirname, "../../functions/crypto.ts")], true);
    expect(r.errors).toEqual([]);
    fns = JSON.parse(r.metadataJson).functions;
  }, 60_000);

  test("the nine functions, registered and described, every argument with help text", () => {
    expect(fns.map((x) => x.id).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(typeof (f as Record<string, unknown>)[id]).toBe("function");
    for (const fn of fns) {
      expect((fn.description ?? "").length).toBeGreaterThan(80);
      for (const p of fn.parameters) expect({ id: fn.id, p: p.name, ok: (p.description ?? "").length > 10 }).toEqual({ id: fn.id, p: p.name, ok: true });
    }
  });

  test("table arguments are matrices (Excel passes the whole range); spilling functions return matrices", () => {
    for (const fn of fns) {
      for (const p of fn.parameters) {
        expect({ id: fn.id, p: p.name, matrix: p.dimensionality === "matrix" }).toEqual({ id: fn.id, p: p.name, matrix: RANGE_ARGS.includes(p.name) });
      }
    }
    const spills = fns.filter((x) => x.result.dimensionality === "matrix").map((x) => x.id).sort();
    expect(spills).toEqual(["BORROWMARGIN", "LIQPLAN", "MR1GRID", "PMRISKUNITS"]);
  });

  test("each MR is traceable from the help text to its SPEC definition", () => {
    const help = fns.find((x) => x.id === "PMRISKUNITS")?.description ?? "";
    for (const phrase of ["MR1 spot shock", "MR2 24-hour time decay", "MR3 vol term-structure", "MR4 basis", "MR5 ±1 % rate shift", "MR6 half the extreme-move loss", "MR7 minimum charge", "MR8 the account's borrowing MMR", "MR9 stablecoin-depeg", "max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7)", "SPEC §6"]) {
      expect(help).toContain(phrase);
    }
    expect(fns.find((x) => x.id === "PMMMR")?.description).toContain("max(derivatives MMR, derivatives-and-spot MMR) + borrowing MMR");
    expect(fns.find((x) => x.id === "PMIMR")?.description).toContain("1.3 × derivatives MMR + borrowing IMR");
    expect(fns.find((x) => x.id === "MR9CHARGE")?.description).toContain("202,500");
  });
});

describe("no raw exception escapes", () => {
  const scalar = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -1, 1, 0.99, 1e308, NaN, Infinity, -Infinity, "", "BTC", "USDT", "abc", "#N/A", null, undefined, true),
  );
  const grid = fc.array(fc.array(scalar, { maxLength: 4 }), { maxLength: 4 });
  const legs = fc.array(
    fc.record({
      type: fc.constantFrom("PERP", "FUTURE", "CALL", "PUT", "SPOT", "STOCK", "SWAP"),
      qty: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(1e300, -1e300)),
      strike: fc.constantFrom(1, 40_000, 50_000, 1e9),
      expiry: fc.constantFrom("2025-12-01", "2026-01-02", "2026-01-03", "2027-01-01", "2036-01-01"),
      price: fc.constantFrom(0, 1e-9, 50_000, 1e12),
      index: fc.constantFrom(1e-9, 50_000, 1e12),
      iv: fc.constantFrom(1e-9, 0.5, 5, 50),
      settle: fc.constantFrom("USDT", "USDC", "USD", null),
    }),
    { minLength: 1, maxLength: 5 },
  );
  const positions = legs.map((ls) => book(...ls));
  const arg = fc.oneof(scalar, grid, positions);

  function check(v: unknown): void {
    const cells = Array.isArray(v) ? (v as unknown[][]).flat() : [v];
    for (const c of cells) {
      if (c instanceof ExcelError) {
        expect(["#VALUE!", "#NUM!", "#DIV/0!", "#N/A"]).toContain(c.code);
        expect(c.message).not.toMatch(/^unexpected error/);
      } else if (typeof c === "number") expect(Number.isFinite(c)).toBe(true);
      else expect(["string", "boolean"]).toContain(typeof c);
    }
  }

  test("random arguments to every crypto function", () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDS), fc.array(arg, { maxLength: 7 }), (id, args) => {
        check((f as unknown as Record<string, (...a: unknown[]) => unknown>)[id](...args));
      }),
      { numRuns: 400 },
    );
  });

  test("extreme but valid books return numbers or a named error", () => {
    fc.assert(
      fc.property(positions, fc.constantFrom("larger", "withSpot"), (t, mode) => {
        const params = withParams(["spotOffset", mode]);
        check(f.PMRISKUNITS(t, NONE, params));
        check(f.PMMARGINRATIO(t, assets(["USDT", 1e6]), params));
        check(f.LIQPLAN(t, assets(["USDT", 1]), params));
      }),
      { numRuns: 150 },
    );
  });
});

describe("default parameter tables for the parameters sheet", () => {
  const tables = cryptoParameterTables();
  const grid = (name: string) => tables.find((t) => t.name === name)?.grid as unknown[][];

  test("five tables, each naming the functions that take it", () => {
    expect(tables.map((t) => t.name)).toEqual(["CRYPTO_PARAMS", "CRYPTO_MR9_TIERS", "CRYPTO_MR7_BRACKETS", "CRYPTO_DISCOUNT_TIERS", "CRYPTO_BORROW_RATES"]);
    for (const t of tables) for (const id of t.usedBy) expect(IDS).toContain(id);
    const params = tables[0];
    expect(params.grid[0]).toEqual(["Name", "Value"]);
    expect(params.descriptions).toHaveLength(params.grid.length - 1);
    expect(params.grid.find((r) => r[0] === "moveA3")).toEqual(["moveA3", 0.12]);
    expect(params.grid.find((r) => r[0] === "groupB")).toEqual(["groupB", "SOL,DOGE,PEPE,XRP,BNB,SHIB,LTC,ORDI,WLD,BCH,ADA"]);
    expect(params.grid.find((r) => r[0] === "valuationDate")).toEqual(["valuationDate", ""]);
  });

  test("each table read back through its argument gives the defaults", () => {
    expect(readTierTable(grid("CRYPTO_MR9_TIERS"))).toEqual(MR9_TIERS);
    expect(readBrackets(grid("CRYPTO_MR7_BRACKETS"))).toEqual(MR7_BRACKETS);
    expect(readDiscountTiers(grid("CRYPTO_DISCOUNT_TIERS"))).toEqual(DISCOUNT_TIERS);
    expect(readBorrowRates(grid("CRYPTO_BORROW_RATES"))).toEqual(BORROW_RATES);
  });

  test("passing every written table gives the same figures as passing none", () => {
    const t = book(
      { type: "PERP", qty: 10_000, price: 50_000, mult: 0.01, settle: "USDT" },
      { type: "PERP", qty: -40_000, price: 50_000, mult: 0.002, settle: "USD" },
      { type: "CALL", qty: -3, strike: 55_000, expiry: "2026-02-27", price: 1_500, index: 50_000, iv: 0.55, settle: "USD" },
    );
    const a = assets(["BTC", 30, 50_000], ["USDT", -200_000], ["USDC", 10_000]);
    const written = [...grid("CRYPTO_PARAMS").map((r) => (r[0] === "valuationDate" ? [r[0], "2026-01-02"] : r))];
    const tableArgs = ["CRYPTO_MR9_TIERS", "CRYPTO_MR7_BRACKETS", "CRYPTO_DISCOUNT_TIERS", "CRYPTO_BORROW_RATES"].map(grid);
    for (const fn of [f.PMRISKUNITS, f.PMMMR, f.PMIMR, f.PMMARGINRATIO] as ((...a: unknown[]) => unknown)[]) {
      expect(fn(t, a, written, ...tableArgs)).toEqual(fn(t, a, PARAMS));
    }
    expect(f.MR9CHARGE(7_000_000, 0.97, grid("CRYPTO_MR9_TIERS"))).toBe(f.MR9CHARGE(7_000_000, 0.97));
  });
});
