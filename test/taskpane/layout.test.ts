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
  fieldApplies,
  importFromPaste,
  priceMoves,
  rowFromForm,
  rowsFromPaste,
  scenarioPlan,
  sheetRef,
  summaryPlan,
  textCell,
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

test("text Excel would misread as a formula, number, boolean or date is written with Excel's text prefix", () => {
  // Range.values reads text as typed: '=…', '+…', '-…' are formulas, '0700' the number 700, 'Mar-24' a date.
  expect(["=HYPERLINK(\"x\")", "-ES", "+1", "@x", "0700", "1E5", "(100)", "#N/A", "TRUE", "false", "Mar-24", "June 2026", "'quoted"].map(textCell)).toEqual([
    "'=HYPERLINK(\"x\")",
    "'-ES",
    "'+1",
    "'@x",
    "'0700",
    "'1E5",
    "'(100)",
    "'#N/A",
    "'TRUE",
    "'false",
    "'Mar-24",
    "'June 2026",
    "''quoted",
  ]);
  // Ordinary symbols stay as they are.
  expect(["AAPL", "BTC-USDT-SWAP", "ESZ6", "AAPL 240621C200", "_x", ""].map(textCell)).toEqual(["AAPL", "BTC-USDT-SWAP", "ESZ6", "AAPL 240621C200", "_x", ""]);
  // The table row carries the prefixed text (the core parsed it as text first).
  expect(rowFromForm({ Type: "STOCK", Underlying: "0700", Symbol: "-HK", Quantity: "100", Price: "300" }).slice(0, 2)).toEqual(["'-HK", "'0700"]);
});

test("form fields a type does not use are left out of the row, whatever they still hold", () => {
  expect(["Strike", "Expiry", "IV", "UnderlyingPrice", "Settle"].filter((f) => fieldApplies("STOCK", f))).toEqual([]);
  expect(["Strike", "Expiry", "IV", "UnderlyingPrice", "Settle", "Leverage"].every((f) => fieldApplies("put", f))).toBe(true);
  expect(fieldApplies("FUTURE", "Expiry") && !fieldApplies("FUTURE", "Strike")).toBe(true);
  expect(fieldApplies("PERP", "UnderlyingPrice") && !fieldApplies("PERP", "Expiry")).toBe(true);
  // A stock typed after a put: the put's strike, expiry, underlying price and IV stay out of the stock row.
  const left = { Strike: "180", Expiry: "2027-06-18", UnderlyingPrice: "190", IV: "25%", Settle: "USDT" };
  expect(rowFromForm({ ...left, Type: "STOCK", Underlying: "MSFT", Quantity: "100", Price: "410" })).toEqual(["", "MSFT", "STOCK", 100, "", "", 410, "", "", "", "", "", ""]);
});

test("a broker statement: other columns left out and named, every bad row named at once", () => {
  const ok = importFromPaste("Symbol,Description,Qty,Price,Type,Underlying,Market Value\nAAPL,APPLE INC,100,190,STOCK,AAPL,\"19,000.00\"");
  expect(ok.ignored).toEqual(["Description", "Market Value"]);
  expect(ok.rows).toEqual([["AAPL", "AAPL", "STOCK", 100, "", "", 190, "", "", "", "", "", ""]]);

  const problem = (text: string) => {
    try {
      importFromPaste(text);
    } catch (e) {
      return e as InputProblem;
    }
    throw new Error("no problem reported");
  };
  // Rows 3 and 5 (header = row 1) are wrong: both are named, the first one's field is marked.
  const two = problem("Underlying,Type,Quantity,Price,Notes\nAAPL,STOCK,100,190,a\nXYZ,STOCK,ten,5,b\nMSFT,STOCK,5,400,c\nIBM,BOND,1,100,d");
  expect(two.message.split("\n")).toEqual([
    "2 pasted rows need fixing; nothing was imported. (Columns left out: Notes.)",
    "Pasted row 3, Quantity: 'ten' is not a number",
    expect.stringMatching(/^Pasted row 5, Type: unknown instrument type 'BOND'/),
  ]);
  expect([two.field, two.row]).toEqual(["Quantity", 3]);
  // One bad row keeps the one-line message; seven list five and say how many more.
  expect(problem("Underlying,Type,Quantity,Price\nAAPL,STOCK,x,1").message).toBe("Pasted row 2, Quantity: 'x' is not a number");
  const seven = problem(["Underlying,Type,Quantity,Price", ...Array.from({ length: 7 }, (_, i) => `S${i},STOCK,x,1`)].join("\n"));
  expect(seven.message.split("\n")).toHaveLength(7);
  expect(seven.message).toMatch(/^7 pasted rows need fixing/);
  expect(seven.message).toMatch(/… and 2 more\.$/);
  // A header without a required column is still refused, naming what was left out.
  expect(problem("Underlying,Type,Quantty,Price\nAAPL,STOCK,1,1").message).toMatch(/no Quantity column.*\(Columns left out: Quantty\.\)$/);
});

test("moves typed as whole numbers (5 meaning 5 %) are refused with the way to write them", () => {
  expect(() => volMoves("-5, 0, 5")).toThrow(/^Vol moves: -5 would move implied vol by -500 points; write 5% or 0\.05 for 5 vol points$/);
  expect(volMoves("-99%, 0.5")).toEqual([-0.99, 0.5]);
  expect(() => priceMoves("0", "15", "5")).toThrow(/^Step: 5 would step the price by 500 %; write 3% or 0\.03/);
  expect(priceMoves("-15%", "15%", "3%")).toHaveLength(11);
});

test("a book with both securities and crypto rows: the margin level counts the crypto MMR too", () => {
  const plan = summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: true, crypto: true, basis: "regtMaintenance", params: {} });
  const cell = (label: string) => plan.formulaCells.find((c) => c.label === label)!;
  const used = cell("Used margin (Reg T maintenance + crypto MMR)");
  expect(used.formula).toBe(`=${address(cell("Reg T maintenance").row, 1)}+${address(cell("Crypto MMR").row, 1)}`);
  expect(cell("Margin level").formula).toBe(`=MARGIN.MARGINLEVEL(B5,${address(used.row, 1)})`);
  const pm = summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: true, crypto: true, basis: "portfolio", params: {} });
  expect(pm.formulaCells.map((c) => c.label)).toContain("Used margin (Portfolio margin + crypto MMR)");
  // Crypto MMR chosen on its own stays on its own.
  const crypto = summaryPlan({ sheetName: "S", table: "T", equity: 1, securities: true, crypto: true, basis: "cryptoMmr", params: {} });
  expect(crypto.formulaCells.map((c) => c.label)).toContain("Used margin (Crypto MMR)");
});
