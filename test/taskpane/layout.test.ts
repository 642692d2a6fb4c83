/**
 * The pane's pure layouts: addresses, input parsing and validation (through the core parsers), and the
 * formulas the scenario grid and the margin summary write.
 */
import { customFunctions } from "../../functions/index";
import {
  InputProblem,
  address,
  bookKinds,
  columnLetter,
  priceMoves,
  rowFromForm,
  rowsFromPaste,
  scenarioPlan,
  sheetRef,
  summaryPlan,
  volMoves,
} from "../../taskpane/layout";
import { asDate } from "../../src/instruments/cells";

test("column letters and addresses", () => {
  expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  expect(address(6, 1)).toBe("B7");
  expect(address(6, 1, 5, 3, true)).toBe("$B$7:$D$11");
  expect(sheetRef("Positions")).toBe("Positions");
  expect(sheetRef("Margin Summary")).toBe("'Margin Summary'");
  expect(sheetRef("Bob's book")).toBe("'Bob''s book'");
});

test("price moves from/to/step, vol moves with or without %", () => {
  // −15 % … +15 % in 3 % steps: the FINRA equity grid, 11 points with 0.
  expect(priceMoves("-0.15", "0.15", "0.03")).toEqual([-0.15, -0.12, -0.09, -0.06, -0.03, 0, 0.03, 0.06, 0.09, 0.12, 0.15]);
  expect(priceMoves("-10%", "10%", "5%")).toEqual([-0.1, -0.05, 0, 0.05, 0.1]);
  // A step that does not land on `to` still ends there.
  expect(priceMoves("0", "0.1", "0.04")).toEqual([0, 0.04, 0.08, 0.1]);
  expect(() => priceMoves("0.1", "-0.1", "0.05")).toThrow(/To: the last price move must be above the first/);
  expect(() => priceMoves("-0.1", "0.1", "0")).toThrow(InputProblem);
  expect(() => priceMoves("-1.5", "0.1", "0.1")).toThrow(/From: a price cannot fall by 100 %/);
  expect(() => priceMoves("-0.5", "0.5", "0.001")).toThrow(/too many/);
  expect(volMoves("-0.05, 0, 0.05")).toEqual([-0.05, 0, 0.05]);
  expect(volMoves("-5% 0% 5%")).toEqual([-0.05, 0, 0.05]);
  expect(volMoves("")).toEqual([0]);
  expect(() => volMoves("-5%, up")).toThrow(/'up' is not a number/);
});

test("a form row is validated by the core parser and normalised for the table", () => {
  const row = rowFromForm({ Underlying: "aapl", Type: "p", Quantity: "-2", Strike: "180", Expiry: "2027-06-18", Price: "3.20", UnderlyingPrice: "190", IV: "25%" });
  expect(row).toEqual(["", "AAPL", "PUT", -2, 180, asDate("2027-06-18", "e"), 3.2, 190, 0.25, "", "", "", ""]);
  // Blank optional cells stay blank (the defaults stay defaults).
  expect(rowFromForm({ Underlying: "BTC", Type: "PERP", Quantity: "1", Price: "60000", Settle: "usdt" })).toEqual(["", "BTC", "PERP", 1, "", "", 60000, "", "", "", "", "", "USDT"]);
  const problem = (f: Record<string, string>) => {
    try {
      rowFromForm(f);
    } catch (e) {
      return e as InputProblem;
    }
    throw new Error("no problem reported");
  };
  expect(problem({ Underlying: "AAPL", Type: "CALL", Quantity: "1", Price: "2", UnderlyingPrice: "190", Expiry: "2027-01-01" })).toMatchObject({
    message: "Strike: an option needs a strike",
    field: "Strike",
  });
  expect(problem({ Underlying: "AAPL", Type: "STOCK", Quantity: "ten", Price: "2" })).toMatchObject({ field: "Quantity" });
  expect(problem({ Type: "STOCK", Quantity: "1", Price: "2" }).field).toBe("Underlying");
});

test("pasted rows: header in any order with aliases, or none; the wrong row and field are named", () => {
  expect(rowsFromPaste("Qty,Underlying,Type,Mark\n100,AAPL,STOCK,190")).toEqual([["", "AAPL", "STOCK", 100, "", "", 190, "", "", "", "", "", ""]]);
  expect(rowsFromPaste("\tSPX\tP\t-1\t4900\t2027-03-19\t62\t5000\t0.17\t\tbroad")[0].slice(1, 4)).toEqual(["SPX", "PUT", -1]);
  expect(() => rowsFromPaste("Underlying,Type,Quantity,Price\nAAPL,STOCK,100,190\nXYZ,BOND,1,100")).toThrow(/^Pasted row 3, Type: unknown instrument type 'BOND'/);
  expect(() => rowsFromPaste("Underlying,Type,Price\nAAPL,STOCK,190")).toThrow(/no Quantity column/);
  expect(() => rowsFromPaste("  \n ")).toThrow(/Nothing to import/);
});

test("the scenario plan: one PMSCENARIO over the axis cells, chart and worst cell", () => {
  const plan = scenarioPlan({ sheetName: "Scenario", table: "Positions", priceMoves: [-0.1, 0, 0.1], volMoves: [-0.05, 0.05] });
  expect(plan.formula).toBe("=MARGIN.PMSCENARIO(Positions[#All],$A$7:$A$9,$B$6:$C$6)");
  expect(plan.grid).toEqual({ row: 6, col: 1, rows: 3, cols: 2 });
  expect(plan.chart.seriesNames).toEqual(["Vol -5%", "Vol +5%"]);
  const withParams = scenarioPlan({ sheetName: "S", table: "Book", priceMoves: [0], volMoves: [0], paramsName: "PM_PARAMS" });
  expect(withParams.formula).toBe("=MARGIN.PMSCENARIO(Book[#All],$A$7,$B$6,PM_PARAMS)");
});

test("the summary plan: securities and crypto blocks, named parameter tables in argument order", () => {
  const sec = summaryPlan({ sheetName: "S", table: "Positions", equity: 1000, securities: true, crypto: false, basis: "portfolio", params: {} });
  const f = Object.fromEntries(sec.formulaCells.map((c) => [c.label, c.formula]));
  expect(f["Reg T initial"]).toBe('=MARGIN.REGTMARGIN(Positions[#All],"initial")');
  expect(f["Used margin (Portfolio margin)"]).toBe(`=${address(sec.formulaCells.find((c) => c.label === "Portfolio margin (PM)")!.row, 1)}`);
  expect(f["Crypto MMR"]).toBeUndefined();

  const both = summaryPlan({
    sheetName: "S",
    table: "T",
    equity: 1,
    securities: true,
    crypto: true,
    basis: "cryptoMmr",
    params: { regt: { params: "REGT_PARAMS" }, crypto: { params: "CRYPTO_PARAMS", mr7Brackets: "CRYPTO_MR7_BRACKETS" } },
  });
  const g = Object.fromEntries(both.formulaCells.map((c) => [c.label, c.formula]));
  expect(g["Reg T maintenance"]).toBe('=MARGIN.REGTMARGIN(T[#All],"maintenance",REGT_PARAMS)');
  expect(g["Crypto MMR"]).toMatch(/^=MARGIN\.PMMMR\(T\[#All\],\$A\$\d+:\$B\$\d+,CRYPTO_PARAMS,,CRYPTO_MR7_BRACKETS\)$/);
  expect(g["Used margin (Crypto MMR)"]).toBeDefined();
  // A basis that does not exist in the book falls back to one that does.
  const cryptoOnly = summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: false, crypto: true, basis: "regtMaintenance", params: {} });
  expect(cryptoOnly.formulaCells.map((c) => c.label)).toContain("Used margin (Crypto MMR)");
  expect(() => summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: false, crypto: false, basis: "portfolio", params: {} })).toThrow(/no positions/);
});

test("book kinds: crypto rows are those with a Settle, or perps and spot", () => {
  const header = ["Underlying", "Type", "Quantity", "Price", "Settle"];
  expect(bookKinds([header, ["AAPL", "STOCK", 1, 1, ""]])).toEqual({ securities: true, crypto: false });
  expect(bookKinds([header, ["BTC", "CALL", 1, 1, "USD"], ["ETH", "SWAP", 1, 1, ""]])).toEqual({ securities: false, crypto: true });
});

test("every function the pane writes is a registered custom function", () => {
  const ids = Object.keys(customFunctions);
  const sec = summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: true, crypto: true, basis: "portfolio", params: {} });
  const used = new Set([...sec.formulaCells.map((c) => c.formula), scenarioPlan({ sheetName: "S", table: "T", priceMoves: [0], volMoves: [0] }).formula].flatMap((f) => [...f.matchAll(/MARGIN\.([A-Z0-9]+)/g)].map((m) => m[1])));
  expect([...used].filter((id) => !ids.includes(id))).toEqual([]);
});
