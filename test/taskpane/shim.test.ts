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
  const hooks: { failAfterWrites?: number; chartSeries?: number } = {};
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

// ---- Where Excel is strict, the shim is too (so pane code Excel would reject fails here first) ----

const cells = (wb: Workbook, a1: string[]) =>
  a1.map((a) => {
    const m = /^([A-Z])(\d+)$/.exec(a)!;
    return wb.value(wb.sheet("Sheet1")!, Number(m[2]) - 1, m[1].charCodeAt(0) - 65);
  });

test("values are read as Excel reads typed input: null leaves a cell, '' clears it, +/- text is a formula, ' keeps text", async () => {
  const { excel, wb } = setup();
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
    r.values = [["keep", "clear", 1]];
    await ctx.sync();
    r.values = [[null, "", 2]];
    await ctx.sync();
  });
  expect(cells(wb, ["A1", "B1", "C1"])).toEqual(["keep", "", 2]);
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A2:F2").values = [["'0700", "0700", "-5", "+A1", "-ES", "'=1+1"]];
    await ctx.sync();
  });
  // "+A1" is the formula =+A1 ("keep"); "-ES" the formula =-ES (#NAME?, as Excel gives).
  expect(cells(wb, ["A2", "B2", "C2", "D2", "E2", "F2"])).toEqual(["0700", 700, -5, "keep", "#NAME?", "=1+1"]);
  // Text Excel cannot read as a formula rejects the batch (a broker's "--" placeholder, a broken formula).
  for (const bad of ["--", "=SUM(", "+("]) {
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A3").values = [[bad]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  }
});

test("names, table names and sheet names follow Excel's rules", async () => {
  const { excel, wb } = setup();
  const add = (name: string, comment = "") =>
    excel.run(async (ctx) => {
      ctx.workbook.names.add(name, "=Sheet1!$A$1", comment);
      await ctx.sync();
    });
  for (const bad of ["A1", "xfd1048576", "R1C1", "rc", "R", "c12", "1st", "has space", "a-b", "x".repeat(256)]) {
    await expect(add(bad)).rejects.toMatchObject({ code: "InvalidArgument" });
  }
  // (Excel also takes look-alikes past its grid, XFE1 or A1048577, and names starting with \; HyperFormula
  // does not, so the preview refuses them: stricter, never more lenient.)
  for (const good of ["R1_C1", "_rates", "PM_PARAMS", "x.y"]) await add(good);
  expect(wb.listNames()).toHaveLength(4);
  await expect(add("Comment", "c".repeat(256))).rejects.toMatchObject({ code: "InvalidArgument" });
  await expect(add("pm_params")).rejects.toMatchObject({ code: "ItemAlreadyExists" });

  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("H1:H2").values = [["Underlying"], ["AAPL"]];
    await ctx.sync();
  });
  for (const bad of ["B2", "R2C3", "My table", "PM_PARAMS"]) {
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.tables.add("Sheet1!H1:H2", true).name = bad;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: bad === "PM_PARAMS" ? "ItemAlreadyExists" : "InvalidArgument" });
    wb.tables.splice(0); // the table made before the rename failed
  }
  for (const bad of ["A sheet name longer than 31 chars", "a/b", "a:b", "[x]", "'q", "History"]) {
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.add(bad);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  }
});

test("a name redefined in place keeps the formulas that use it computing", async () => {
  const { excel, wb } = setup();
  await excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1:B1").values = [[2, 3]];
    ctx.workbook.names.add("RATE", "=Sheet1!$A$1", "old");
    s.getRange("C1").formulas = [["=RATE*10"]];
    await ctx.sync();
    const n = ctx.workbook.names.getItem("RATE");
    n.formula = "=Sheet1!$B$1";
    n.comment = "new";
    n.load("formula,comment");
    await ctx.sync();
    expect([n.formula, n.comment]).toEqual(["=Sheet1!$B$1", "new"]);
  });
  expect(cells(wb, ["C1"])).toEqual([30]);
});

test("data validation keeps Excel's limits; a range's used part; chart series read, added, pointed and deleted", async () => {
  const { excel, wb, hooks } = setup();
  const rule = (source: string, title = "t") =>
    excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.errorAlert = { showAlert: true, style: "Warning", title, message: "m" };
      await ctx.sync();
    });
  await rule("A,B");
  await expect(rule("x".repeat(256))).rejects.toMatchObject({ code: "InvalidArgument" });
  await expect(rule("A,B", "a title longer than thirty-two chars")).rejects.toMatchObject({ code: "InvalidArgument" });

  await excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("C2:D4").values = [[1, 2], [3, 4], [5, 6]];
    await ctx.sync();
    const used = s.getRange("C:D").getUsedRangeOrNullObject();
    const none = s.getRange("K:L").getUsedRangeOrNullObject();
    used.load("address,rowIndex,rowCount");
    await ctx.sync();
    expect([used.address, used.rowIndex + used.rowCount, none.isNullObject]).toEqual(["Sheet1!C1:D4", 4, true]);

    hooks.chartSeries = 1; // Excel inferred one series only
    const chart = s.charts.add("Line", s.getRange("C2:D4"), "Columns");
    chart.series.load("items/name");
    await ctx.sync();
    expect(chart.series.items.map((x) => x.name)).toEqual(["Series1"]);
    const second = chart.series.add("Second");
    second.setValues(s.getRange("D2:D4"));
    chart.series.getItemAt(0).delete();
    await ctx.sync();
  });
  const [model] = wb.sheet("Sheet1")!.charts;
  expect(model.series.map((x) => [x.name, x.values.rect])).toEqual([["Second", { row: 1, col: 3, rows: 3, cols: 1 }]]);
});

test("table rows added at the end (index -1 too) shift what is below; cutting through another table is refused", async () => {
  const { excel, wb } = setup();
  const header = [["Underlying", "Type", "Quantity", "Price"], ["AAPL", "STOCK", 100, 50]];
  await excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("A1:D2").values = header;
    ctx.workbook.tables.add("Sheet1!A1:D2", true).name = "Book";
    s.getRange("A4:B5").values = [["Note", "X"], ["n", 1]];
    ctx.workbook.tables.add("Sheet1!A4:B5", true).name = "Notes";
    await ctx.sync();
    ctx.workbook.tables.getItem("Book").rows.add(-1, [["MSFT", "STOCK", 10, 400]]);
    await ctx.sync();
  });
  // Row 3 was empty: nothing moved. The next row needs row 4, where Notes sits inside Book's columns: it moves down.
  expect(wb.table("Notes")!.rect.row).toBe(3);
  await excel.run(async (ctx) => {
    ctx.workbook.tables.getItem("Book").rows.add(null as unknown as number, [["IBM", "STOCK", 1, 250]]);
    await ctx.sync();
  });
  expect([wb.table("Book")!.rect.rows, wb.table("Notes")!.rect.row]).toEqual([4, 4]);
  expect(cells(wb, ["A5", "A6"])).toEqual(["Note", "n"]);
  // A table reaching past Book's columns cannot be cut: Excel refuses, so does the preview.
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("D8:F9").values = [["P", "Q", "R"], [1, 2, 3]];
    ctx.workbook.tables.add("Sheet1!D8:F9", true).name = "Wide";
    await ctx.sync();
  });
  await expect(
    excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("Book").rows.add(undefined, [["T", "STOCK", 1, 1]]);
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InsertDeleteConflict" });
});

test("a value typed into a spilled range blocks it (#SPILL!); clearing the blocker spills it again, as in Excel", async () => {
  const { excel, wb } = setup();
  const write = (a1: string, v: unknown) =>
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange(a1).formulas = [[v]];
      await ctx.sync();
    });
  await write("A10", '=MARGIN.BSGREEKS("call",100,100,1,0.05,0.2)');
  expect(cells(wb, ["A10", "E10"])).toEqual(["Delta", "Rho"]);
  await write("C11", "in the way");
  expect(cells(wb, ["A10"])).toEqual(["#SPILL!"]);
  await write("C11", "");
  expect(cells(wb, ["A10", "E10"])).toEqual(["Delta", "Rho"]);
});
