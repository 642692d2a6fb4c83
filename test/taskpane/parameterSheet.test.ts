/**
 * The parameters sheet: every rule set's defaults, each as a named range the functions accept.
 */
import { customFunctions } from "../../functions/index";
import { namedArguments, parameterSections, parameterSheetLayout } from "../../src/parameterSheet";
import { isExcelError } from "../../functions/excel";

const sections = parameterSections();

test("every rule set publishes its table, under a valid, distinct defined name", () => {
  const names = sections.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(["REGT_PARAMS", "PM_PARAMS", "SPAN_PARAMS", "CRYPTO_PARAMS", "CRYPTO_MR9_TIERS"]));
  expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
  for (const n of names) {
    expect(n).toMatch(/^[A-Z_][A-Z0-9_]*$/);
    expect(n).not.toMatch(/^[A-Z]{1,3}\d+$/); // not a cell address
  }
  for (const s of sections) for (const id of s.usedBy) if (id !== "PMCOMPARE") expect(Object.keys(customFunctions)).toContain(id);
});

test("the layout: titles, header rows and named blocks that do not overlap", () => {
  const layout = parameterSheetLayout();
  expect(layout.cells.every((r) => r.length === layout.width)).toBe(true);
  expect(layout.names.map((n) => n.name)).toEqual(sections.map((s) => s.name));
  const rows = new Set<number>();
  for (const n of layout.names) {
    for (let r = n.firstRow; r <= n.lastRow; r++) {
      expect(rows.has(r)).toBe(false);
      rows.add(r);
    }
  }
  const regt = layout.names.find((n) => n.name === "REGT_PARAMS")!;
  expect(layout.cells[regt.firstRow].slice(0, 3)).toEqual(["Name", "Value", "Description"]);
  expect(layout.cells[regt.firstRow + 1][0]).toBe("longStockInitial");
  expect(layout.cells[regt.firstRow + 1][1]).toBe(0.5);
});

/** The block of a named range, as Excel would pass it to a function. */
function block(name: string): unknown[][] {
  const layout = parameterSheetLayout();
  const n = layout.names.find((x) => x.name === name)!;
  return layout.cells.slice(n.firstRow, n.lastRow + 1).map((r) => r.slice(n.firstColumn, n.lastColumn + 1).map((v) => (v === "" ? null : v)));
}

test("each params range, as written, is accepted by its functions and gives the defaults' result", () => {
  const book = [
    ["Underlying", "Type", "Quantity", "Price"],
    ["AAPL", "STOCK", 100, 50],
  ];
  // Long 100 at $50: Reg T initial 50 % × 5,000 = 2,500; PM worst −15 % = 750 (SPEC §4, §5).
  expect(customFunctions.REGTMARGIN(book, "initial", block("REGT_PARAMS"))).toBe(2500);
  expect(customFunctions.PMMARGIN(book, block("PM_PARAMS"))).toBeCloseTo(750, 9);
  const grid = customFunctions.PMSCENARIO(book, [[-0.15]], [[0]], block("PM_PARAMS"));
  expect((grid as number[][])[0][0]).toBeCloseTo(-750, 9);
  const crypto = [
    ["Underlying", "Type", "Quantity", "Price", "UnderlyingPrice", "Multiplier", "Settle"],
    ["BTC", "PERP", 1, 60000, 60000, 1, "USDT"],
  ];
  const assets = [["Currency", "Balance"], ["USDT", 10000]];
  const args = ["CRYPTO_PARAMS", "CRYPTO_MR9_TIERS", "CRYPTO_MR7_BRACKETS", "CRYPTO_DISCOUNT_TIERS", "CRYPTO_BORROW_RATES"].map(block);
  const [params, mr9, mr7, discount, borrow] = args as never[];
  const withTables = customFunctions.PMMMR(crypto, assets, params, mr9, mr7, discount, borrow);
  expect(isExcelError(withTables)).toBe(false);
  expect(withTables).toBe(customFunctions.PMMMR(crypto, assets));
  expect(customFunctions.MR9TIER(2_000_000, 0.985, block("CRYPTO_MR9_TIERS"))).toBe(customFunctions.MR9TIER(2_000_000, 0.985));
});

test("named arguments: only the sections present in the workbook, by argument", () => {
  const present = new Set(["CRYPTO_PARAMS", "CRYPTO_MR9_TIERS", "REGT_PARAMS"]);
  expect(namedArguments("PMMMR", present)).toEqual({ params: "CRYPTO_PARAMS", mr9Tiers: "CRYPTO_MR9_TIERS" });
  expect(namedArguments("REGTMARGIN", present)).toEqual({ params: "REGT_PARAMS" });
  expect(namedArguments("PMSCENARIO", present)).toEqual({});
});
