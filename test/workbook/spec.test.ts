/**
 * Workbook tests through a real formula engine: SPEC worked examples typed as an analyst would type
 * them — =MARGIN.* formulas over cells and ranges, omitted and empty arguments, a positions table
 * with a header — and evaluated by HyperFormula with every MARGIN function registered (the preview's
 * engine). Results must equal what the Node library returns for the same arguments.
 */
import { Workbook } from "../../preview/workbook";

const wb = new Workbook();
const sheet = wb.addSheet("Book");
const put = (a1: string, rows: (string | number | boolean | null)[][]) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  wb.setContents(sheet, Number(m[2]) - 1, col, rows);
  wb.changed(); // as the shim does after each sync: spills whose size is learned on evaluation are re-entered
};
const at = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { value: wb.value(sheet, Number(m[2]) - 1, col), message: wb.errorMessage(sheet, Number(m[2]) - 1, col) };
};

// A positions table in A1:I4 (header row, columns in SPEC order up to IV)
put("A1", [
  ["Symbol", "Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV"],
  ["XYZ", "XYZ", "STOCK", 100, null, null, 50, null, null],
  ["put", "ABC", "PUT", -1, 80, "2027-06-18", 2, 95, 0.3],
  [null, null, null, null, null, null, null, null, null],
]);
put("K1", [["Name", "Value"], ["valuationDate", "2026-11-20"]]);
put("M1", [[10000], [500], [2000], [""]]);

test("account health: =MARGIN.MARGINLEVEL(MARGIN.EQUITY(M1,M2),M3) is 5.25; an empty cell is an omitted argument", () => {
  put("A10", [["=MARGIN.MARGINLEVEL(MARGIN.EQUITY(M1,M2),M3)", "=MARGIN.EQUITY(M1,M4,M4)", "=MARGIN.EQUITY(0.1,0.2)", "=MARGIN.NOSUCHFUNCTION()"]]);
  expect(at("A10").value).toBe(5.25);
  expect(at("B10").value).toBe(10000);
  expect(at("C10").value).toBe(0.3);
  expect(at("D10").value).toBe("#NAME?");
});

test("FX examples and errors with their messages", () => {
  put("A12", [["=MARGIN.FXMARGIN(1,100000,100,1.18)", "=MARGIN.FXMARGIN(0.5,100000,30,1.35)", "=MARGIN.MARGINLEVEL(1,0)", '=MARGIN.MARGINLEVEL("abc",1)']]);
  expect(at("A12").value).toBe(1180);
  expect(at("B12").value).toBe(2250);
  expect(at("C12").value).toBe("#DIV/0!");
  expect(at("C12").message).toMatch(/no margin in use/);
  expect(at("D12").value).toBe("#VALUE!");
  expect(at("D12").message).toMatch(/equity: 'abc' is not a number/);
});

test("book functions over the table range: Reg T, PM and the spilled comparison", () => {
  // the naked put: 2.00 premium + max(20 % × 95 − 15 OTM, 10 % × 80) = 2 + 8 = 10 per share → 1,000; the stock 50 % × 5,000 = 2,500
  put("A14", [["=MARGIN.REGTMARGIN(A1:I4,,K1:L2)", "=MARGIN.PMMARGIN(A1:I4,K1:L2)"]]);
  expect(at("A14").value).toBe(3500);
  expect(typeof at("B14").value).toBe("number");
  put("A16", [["=MARGIN.PMCOMPARE(A1:I2,K1:L2)"]]);
  expect([at("A16").value, at("B16").value, at("C16").value]).toEqual(["Reg T initial", "Portfolio margin", "Capital released"]);
  expect(at("A17").value).toBe(2500);
  expect(at("B17").value).toBeCloseTo(750, 9);
  expect(at("C17").value).toBeCloseTo(1750, 9);
});

test("a bad cell in the table is reported by row and column", () => {
  put("E3", [["abc"]]);
  put("A19", [["=MARGIN.REGTMARGIN(A1:I4,,K1:L2)"]]);
  expect(at("A19").value).toBe("#VALUE!");
  expect(at("A19").message).toBe("row 3, Strike: 'abc' is not a number");
  put("E3", [[80]]);
  expect(at("A19").value).toBe(3500); // recalculated live once the cell is fixed
});
