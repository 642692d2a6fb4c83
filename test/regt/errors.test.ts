/** Bad tables and arguments give Excel errors naming the row and column (or the argument). */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";
import { HEADER, params, table } from "./helpers";

const put = ["XYZ", "PUT", -1, 80, "2026-03-20", 2, 95, null, null, null];

describe("REGTMARGIN and REGTDETAIL errors", () => {
  test("unknown instrument type: #VALUE! naming row and column", () => {
    const t = [HEADER, put, ["XYZ", "SWAPTION", 1, 80, "2026-03-20", 2, 95, null, null, null]];
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /row 3, Type: unknown instrument type 'SWAPTION'/);
    expectExcelError(f.REGTDETAIL(t, null, params()), "#VALUE!", /row 3, Type/);
  });

  test("missing required column: #VALUE! naming the column", () => {
    const t = [["Underlying", "Type", "Quantity", "Strike", "Expiry", "UnderlyingPrice"], ["XYZ", "PUT", -1, 80, "2026-03-20", 95]];
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /no Price column/);
  });

  test("an option without a strike: #VALUE! naming row and column", () => {
    const t = [HEADER, put, ["XYZ", "CALL", -1, null, "2026-03-20", 2, 95, null, null, null]];
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /row 3, Strike: an option needs a strike/);
  });

  test("an option without an expiry or underlying price: #VALUE! naming row and column", () => {
    expectExcelError(f.REGTMARGIN([HEADER, ["XYZ", "PUT", -1, 80, null, 2, 95, null, null, null]], null, params()), "#VALUE!", /row 2, Expiry/);
    expectExcelError(f.REGTMARGIN([HEADER, ["XYZ", "PUT", -1, 80, "2026-03-20", 2, null, null, null, null]], null, params()), "#VALUE!", /row 2, UnderlyingPrice/);
  });

  test("text where a number is needed: #VALUE! naming row and column", () => {
    const t = [HEADER, ["XYZ", "PUT", "ten", 80, "2026-03-20", 2, 95, null, null, null]];
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /row 2, Quantity: 'ten' is not a number/);
  });

  test("futures, perpetuals and spot are not Reg T securities: #VALUE! naming the row", () => {
    const t = [HEADER, put, ["ES", "FUTURE", 1, null, "2026-03-20", 5000, null, 50, null, null]];
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /row 3, Type: FUTURE is not margined under Reg T/);
  });

  test("stock rows of one underlying at different prices: #VALUE! naming the row", () => {
    const t = table([
      { type: "STOCK", qty: 100, price: 50 },
      { type: "STOCK", qty: 100, price: 51 },
    ]);
    expectExcelError(f.REGTMARGIN(t, null, params()), "#VALUE!", /row 3, Price: 51 differs from the share price in row 2/);
  });

  test("an empty table: #VALUE!", () => {
    expectExcelError(f.REGTMARGIN([HEADER], null, params()), "#VALUE!", /no positions/);
  });

  test("requirement other than initial or maintenance: #VALUE!", () => {
    expectExcelError(f.REGTMARGIN(table([{ type: "STOCK", qty: 100, price: 50 }]), "overnight", params()), "#VALUE!", /requirement: 'overnight' is not one of initial, maintenance/);
  });

  test("requirement is case-insensitive; omitted (null, undefined, empty) means initial", () => {
    const t = table([{ type: "STOCK", qty: 100, price: 50 }]);
    expect(f.REGTMARGIN(t, "Maintenance", params())).toBe(1250);
    expect(f.REGTMARGIN(t, undefined, params())).toBe(2500);
    expect(f.REGTMARGIN(t, "", params())).toBe(2500);
    expect(f.REGTMARGIN(t)).toBe(2500); // no params at all
  });

  test("params: unknown names, bad values", () => {
    const t = table([{ type: "STOCK", qty: 100, price: 50 }]);
    expectExcelError(f.REGTMARGIN(t, null, [["nakedRatio", 0.2]]), "#VALUE!", /unknown parameter 'nakedRatio'/);
    expectExcelError(f.REGTMARGIN(t, null, [["nakedRate", -0.2]]), "#NUM!", /nakedRate: -0.2 must be at least 0/);
    expectExcelError(f.REGTMARGIN(t, null, [["longTermMonths", 9.5]]), "#NUM!", /longTermMonths: 9.5 must be a whole number of months/);
    expectExcelError(f.REGTMARGIN(t, null, [["netOfProceeds", "maybe"]]), "#VALUE!", /netOfProceeds/);
    expectExcelError(f.REGTMARGIN(t, null, [["valuationDate", "next week"]]), "#VALUE!", /valuationDate/);
  });

  test("params accept a header row and are matched case- and space-insensitively", () => {
    const t = table([{ type: "STOCK", qty: 100, price: 50 }]);
    expect(f.REGTMARGIN(t, null, [["Name", "Value"], ["long stock initial", 0.3]])).toBe(1500);
  });

  test("a table without a header row takes the SPEC §1 column order", () => {
    // Symbol, Underlying, Type, Quantity, Strike, Expiry, Price, UnderlyingPrice
    const t = [["", "XYZ", "PUT", -1, 80, "2026-03-20", 2, 95]];
    expect(f.REGTMARGIN(t, null, params())).toBe(1000);
  });
});
