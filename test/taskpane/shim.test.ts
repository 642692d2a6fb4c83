/**
 * The preview's Excel API shim keeps Office.js's batch semantics, so pane code that passes here is
 * written as Excel needs it; and its HyperFormula workbook evaluates MARGIN functions as Excel does.
 */
import { Workbook } from "../../preview/workbook";
import { createExcel } from "../../preview/excelShim";
import { customFunctions } from "../../functions/index";

function setup() {
  const wb = new Workbook();
  wb.addSheet("Sheet1");
  const hooks: { failAfterWrites?: number } = {};
  const excel = createExcel(wb, hooks) as unknown as typeof Excel;
  return { wb, hooks, excel };
}

test("properties are readable only after load and sync; writes apply at sync", async () => {
  const { excel } = setup();
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    r.values = [[2, "=A1*3"]];
    expect(() => r.values).toThrow(/not available/);
    r.load("values,formulas,address");
    await ctx.sync();
    expect(r.values).toEqual([[2, 6]]);
    expect(r.formulas).toEqual([[2, "=A1*3"]]);
    expect(r.address).toBe("Sheet1!A1:B1");
  });
});

test("null objects, shape checks, and a failing command leaving earlier ones applied (as in Excel)", async () => {
  const { excel, wb } = setup();
  await excel.run(async (ctx) => {
    const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
    const there = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
    await ctx.sync();
    expect([missing.isNullObject, there.isNullObject]).toEqual([true, false]);
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1").values = [[1]];
    s.getRange("A2:B2").values = [[1]] as unknown as unknown[][];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });
  expect(wb.value(wb.sheet("Sheet1")!, 0, 0)).toBe(1);
  await expect(excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Missing").getRange("A1").values = [[1]];
    await ctx.sync();
  })).rejects.toMatchObject({ code: "ItemNotFound" });
});

test("the failure hook stops a batch after n writes", async () => {
  const { excel, hooks, wb } = setup();
  hooks.failAfterWrites = 1;
  await expect(excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1").values = [["first"]];
    s.getRange("A2").values = [["second"]];
    await ctx.sync();
  })).rejects.toMatchObject({ code: "GeneralException" });
  const s = wb.sheet("Sheet1")!;
  expect([wb.value(s, 0, 0), wb.value(s, 1, 0)]).toEqual(["first", ""]);
});

test("structured references follow the table as rows are added; names feed functions", async () => {
  const { excel, wb } = setup();
  await excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1:D2").values = [["Underlying", "Type", "Quantity", "Price"], ["AAPL", "STOCK", 100, 50]];
    const t = ctx.workbook.tables.add("Sheet1!A1:D2", true);
    t.name = "Book";
    s.getRange("F1").formulas = [["=MARGIN.REGTMARGIN(Book[#All])"]];
    s.getRange("H1:I2").values = [["Name", "Value"], ["longStockInitial", 0.6]];
    ctx.workbook.names.add("RATES", "=Sheet1!$H$1:$I$2");
    s.getRange("F2").formulas = [["=MARGIN.REGTMARGIN(Book[#All],\"initial\",RATES)"]];
    await ctx.sync();
    const f = s.getRange("F1:F2");
    f.load("values,formulas");
    await ctx.sync();
    // 50 % × 100 × 50 = 2,500; with the named rates 60 % = 3,000.
    expect(f.values).toEqual([[2500], [3000]]);
    expect(f.formulas[0][0]).toBe("=MARGIN.REGTMARGIN(Book[#All])");
    t.rows.add(undefined, [["MSFT", "STOCK", 10, 400]]);
    f.load("values");
    await ctx.sync();
    // + 50 % × 10 × 400 = 2,000.
    expect(f.values[0][0]).toBe(4500);
  });
  expect(wb.tables[0].rect.rows).toBe(3);
});

test("spilled MARGIN results take their real size, whatever the function", async () => {
  const { excel, wb } = setup();
  const book = [["Underlying", "Type", "Quantity", "Price"], ["AAPL", "STOCK", 100, 50], ["MSFT", "STOCK", -10, 400]];
  await excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1:D3").values = book;
    s.getRange("F1").formulas = [["=MARGIN.REGTDETAIL(A1:D3)"]];
    s.getRange("A10").formulas = [['=MARGIN.BSGREEKS("call",100,100,1,0.05,0.2)']];
    await ctx.sync();
  });
  const s = wb.sheet("Sheet1")!;
  const detail = customFunctions.REGTDETAIL(book) as unknown[][];
  expect(detail.length).toBeGreaterThan(1);
  detail.forEach((row, i) => row.forEach((v, j) => expect(wb.value(s, i, 5 + j)).toEqual(v === "" ? "" : v)));
  expect(wb.value(s, 10, 0)).toBeCloseTo(0.6368306512, 9);
  expect(wb.value(s, 9, 4)).toBe("Rho");
});

test("function errors keep their code and message", async () => {
  const { excel, wb } = setup();
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").formulas = [["=MARGIN.MARGINLEVEL(100,0)"], ["=MARGIN.NOSUCH(1)"]];
    await ctx.sync();
  });
  const s = wb.sheet("Sheet1")!;
  expect(wb.value(s, 0, 0)).toBe("#DIV/0!");
  expect(wb.errorMessage(s, 0, 0)).toMatch(/no margin in use/);
  expect(wb.value(s, 1, 0)).toBe("#NAME?");
});
