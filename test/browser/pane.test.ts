/**
 * The task pane in a real browser (headless Chromium) on the workbook preview: for each capability the
 * test acts as a user (types into the form, pastes CSV, clicks) and asserts what lands in the sheet:
 * the table, the formulas, the values HyperFormula computes from them with the MARGIN functions,
 * formats, the chart, and the refusal to overwrite. Screenshots go to test-artifacts/browser/.
 */
import type { Page } from "playwright-core";
import { customFunctions } from "../../functions/index";
import { asDate } from "../../src/instruments/cells";
import { POSITION_COLUMNS } from "../../src/instruments/positions";
import { cell, choose, openSection, outcome, paste, shot, useHarness, type as typeInto, wb } from "./harness";

jest.setTimeout(60_000);

const h = useHarness();
let page: Page | undefined;

const HEADERS = POSITION_COLUMNS.map((c) => c.name);
const STOCKS = "Symbol,Underlying,Type,Qty,Price\nAAPL,AAPL,STOCK,100,190\nQQQ,QQQ,STOCK,-50,440";

interface TableInfo {
  name: string;
  sheet: string;
  rect: { row: number; col: number; rows: number; cols: number };
  headers: string[];
}

async function tables(p: Page): Promise<TableInfo[]> {
  return wb<TableInfo[]>(p, "tables");
}

/** Column B of a sheet, rows 1..n, as [formula, value] pairs keyed by the label in column A. */
async function labelled(p: Page, sheet: string, rows = 40): Promise<Map<string, { formula: unknown; value: unknown; format?: string; row: number }>> {
  const out = new Map<string, { formula: unknown; value: unknown; format?: string; row: number }>();
  for (let r = 1; r <= rows; r++) {
    const a = await cell(p, sheet, `A${r}`);
    const b = await cell(p, sheet, `B${r}`);
    if (typeof a.value === "string" && a.value !== "") out.set(a.value, { formula: b.formula, value: b.value, format: b.format.numberFormat, row: r });
  }
  return out;
}

const registered = (ids: string[], formula: unknown): boolean => {
  const m = /MARGIN\.([A-Z0-9]+)/.exec(String(formula));
  return !m || ids.includes(m[1]);
};

test("the preview opens on a computed example workbook, beside the pane", async () => {
  page = await h.open();
  expect(await wb<string[]>(page, "sheets")).toEqual(["Positions", "Account"]);
  // Balance 10,000 + floating 500 = 10,500; / used 2,000 = 5.25 (525 %).
  expect((await cell(page, "Account", "B5")).value).toBe(10500);
  const level = await cell(page, "Account", "B7");
  expect(level.value).toBe(5.25);
  expect(level.text).toBe("525.00%");
  expect((await cell(page, "Account", "B8")).value).toBe("OK");
  // SPEC §3: BSPRICE("call",100,100,1,0.05,0.2) = 10.4506.
  expect((await cell(page, "Account", "B13")).value).toBeCloseTo(10.4506, 4);
  // BSGREEKS spills a header row and the Greeks below it.
  expect(await wb(page, "values", "Account", "A15:E15")).toEqual([["Delta", "Gamma", "Vega", "Theta", "Rho"]]);
  expect(typeof (await cell(page, "Account", "A16")).value).toBe("number");
  for (const a1 of ["B10", "B11"]) {
    const c = await cell(page, "Account", a1);
    expect(typeof c.value).toBe("number");
  }
  expect(await page.isVisible("#sec-positions")).toBe(true);
  await shot(page, "01-example-workbook");
});

test("position builder: the form creates the Positions table with SPEC headers and lists, and names a wrong field", async () => {
  page = await h.open("?workbook=blank");
  await choose(page, "pos-Type", "PUT");
  await typeInto(page, "pos-Underlying", "aapl");
  await typeInto(page, "pos-Quantity", "-2");
  await typeInto(page, "pos-Strike", "180");
  await typeInto(page, "pos-Expiry", "2031-06-20");
  await typeInto(page, "pos-Price", "3.20");
  await typeInto(page, "pos-UnderlyingPrice", "190");
  await typeInto(page, "pos-IV", "25%");
  await page.click("#add-position");
  const ok = await outcome(page, "sec-positions");
  expect(ok.kind).toBe("ok");
  expect(ok.text).toMatch(/Added 1 position/);

  const [t] = await tables(page);
  expect(t).toMatchObject({ name: "Positions", sheet: "Positions", rect: { row: 0, col: 0, rows: 2, cols: 13 } });
  expect(t.headers).toEqual(HEADERS);
  const expiry = asDate("2031-06-20", "expiry");
  expect(await wb(page, "values", "Positions", "A2:M2")).toEqual([["", "AAPL", "PUT", -2, 180, expiry, 3.2, 190, 0.25, "", "", "", ""]]);
  expect((await cell(page, "Positions", "F2")).text).toBe("2031-06-20");
  expect((await cell(page, "Positions", "I2")).format.numberFormat).toBe("0.0%");

  const lists = (await wb<{ rect: { col: number }; rule: { list: { source: string } } }[]>(page, "validations", "Positions")).map((v) => [HEADERS[v.rect.col], v.rule.list.source]);
  expect(lists).toEqual([
    ["Type", "STOCK,CALL,PUT,FUTURE,PERP,SPOT"],
    ["Class", "EQUITY,BROAD_INDEX,NARROW_INDEX,ETF"],
    ["Settle", "USDT,USDC,USD"],
  ]);

  // A call without a strike: the pane names the field, marks it, and writes nothing.
  await choose(page, "pos-Type", "CALL");
  await typeInto(page, "pos-Strike", "");
  await page.click("#add-position");
  const bad = await outcome(page, "sec-positions");
  expect(bad.kind).toBe("error");
  expect(bad.text).toBe("Strike: an option needs a strike");
  expect(await page.getAttribute("#pos-Strike", "aria-invalid")).toBe("true");
  expect((await tables(page))[0].rect.rows).toBe(2);

  // A second valid row is appended to the same table; the list extends to it.
  await typeInto(page, "pos-Strike", "200");
  await page.click("#add-position");
  expect((await outcome(page, "sec-positions")).kind).toBe("ok");
  expect((await tables(page))[0].rect.rows).toBe(3);
  expect((await cell(page, "Positions", "C3")).value).toBe("CALL");
  const typeList = (await wb<{ rect: { col: number; rows: number } }[]>(page, "validations", "Positions")).find((v) => v.rect.col === 2);
  expect(typeList?.rect.rows).toBe(2);
  await shot(page, "02-position-form");
});

test("position builder: pasted CSV and tab-separated rows are checked first, then imported", async () => {
  page = await h.open("?workbook=blank");
  // Row 4 of the paste (header = row 1) has text where the quantity goes: nothing is written.
  const bad = await paste(page, `${STOCKS}\nXYZ,XYZ,STOCK,ten,5`);
  expect(bad.kind).toBe("error");
  expect(bad.text).toMatch(/^Pasted row 4, Quantity: 'ten' is not a number/);
  expect(await tables(page)).toEqual([]);

  const ok = await paste(page, STOCKS);
  expect(ok.text).toMatch(/Added 2 positions/);
  // The header used an alias (Qty) and another column order; the table has SPEC order.
  expect(await wb(page, "values", "Positions", "A2:G3")).toEqual([
    ["AAPL", "AAPL", "STOCK", 100, "", "", 190],
    ["QQQ", "QQQ", "STOCK", -50, "", "", 440],
  ]);
  // Tab-separated rows as copied from a sheet, without a header, in SPEC column order; C means CALL.
  const tsv = ["", "MSFT", "C", "1", "450", "2031-01-17", "12.5", "440", "0.3"].join("\t");
  expect((await paste(page, tsv)).kind).toBe("ok");
  expect((await tables(page))[0].rect.rows).toBe(4);
  expect(await wb(page, "values", "Positions", "B4:E4")).toEqual([["MSFT", "CALL", 1, 450]]);
  expect(await page.$eval("#paste-rows", (e) => (e as unknown as { value: string }).value)).toBe("");
  await shot(page, "03-paste-import");
});

test("scenario grid: a new sheet with one live PMSCENARIO, labelled axes, colour scale, worst cell and a line chart", async () => {
  page = await h.open("?workbook=blank");
  await paste(page, STOCKS);
  await openSection(page, "sec-scenario");
  await typeInto(page, "scen-from", "-0.1");
  await typeInto(page, "scen-to", "0.1");
  await typeInto(page, "scen-step", "0.05");
  await typeInto(page, "scen-vols", "-5%, 0, 5%");
  await page.click("#write-scenario");
  const out = await outcome(page, "sec-scenario");
  expect(out.kind).toBe("ok");
  expect(await wb<string[]>(page, "sheets")).toContain("Scenario");

  expect((await cell(page, "Scenario", "B7")).formula).toBe("=MARGIN.PMSCENARIO(Positions[#All],$A$7:$A$11,$B$6:$D$6)");
  expect(await wb(page, "values", "Scenario", "A7:A11")).toEqual([[-0.1], [-0.05], [0], [0.05], [0.1]]);
  expect(await wb(page, "values", "Scenario", "B6:D6")).toEqual([[-0.05, 0, 0.05]]);
  expect((await cell(page, "Scenario", "A6")).value).toBe("Price move ↓");
  expect((await cell(page, "Scenario", "B5")).value).toBe("Vol move →");
  // Long 100 AAPL at 190 and short 50 QQQ at 440: P&L = 19,000 m − 22,000 m = −3,000 m, whatever the vol.
  const grid = await wb<number[][]>(page, "values", "Scenario", "B7:D11");
  [-0.1, -0.05, 0, 0.05, 0.1].forEach((m, i) => grid[i].forEach((v) => expect(v).toBeCloseTo(-3000 * m, 6)));
  expect((await cell(page, "Scenario", "B3")).value).toBeCloseTo(-300, 6);
  expect((await cell(page, "Scenario", "B3")).formula).toBe("=MIN($B$7:$D$11)");
  expect((await cell(page, "Scenario", "C9")).format.numberFormat).toBe("#,##0.00;[Red]-#,##0.00");
  expect((await cell(page, "Scenario", "A8")).text).toBe("-5.0%");

  const cfs = await wb<{ type: string; rect: object; colorScale?: { criteria: Record<string, { type: string; formula?: string }> }; topBottom?: { rule: object; format: { bold: boolean } } }[]>(
    page,
    "conditionalFormats",
    "Scenario",
  );
  expect(cfs.map((c) => c.type)).toEqual(["ColorScale", "TopBottom"]);
  expect(cfs[0].rect).toEqual({ row: 6, col: 1, rows: 5, cols: 3 });
  expect(cfs[0].colorScale?.criteria.minimum.type).toBe("LowestValue");
  expect(cfs[0].colorScale?.criteria.midpoint).toMatchObject({ type: "Number", formula: "0" });
  expect(cfs[0].colorScale?.criteria.maximum.type).toBe("HighestValue");
  expect(cfs[1].topBottom).toMatchObject({ rule: { rank: 1, type: "BottomItems" }, format: { bold: true } });
  // The renderer marks the worst row (+10 %: −300 in every vol column).
  const marked = await page.$$eval('td[data-cf~="bottom"]', (tds) => tds.map((td) => td.getAttribute("data-cell")));
  expect(marked).toEqual(["B11", "C11", "D11"]);

  const [chart] = await wb<{ type: string; title: string; categoryTitle: string; valueTitle: string; series: { name: string; values: object; x: object }[] }[]>(page, "charts", "Scenario");
  expect(chart).toMatchObject({ type: "Line", categoryTitle: "Price move", valueTitle: "P&L" });
  expect(chart.title).toMatch(/P&L by price move/);
  expect(chart.series.map((s) => s.name)).toEqual(["Vol -5%", "Vol 0%", "Vol +5%"]);
  chart.series.forEach((s, i) => {
    expect(s.values).toEqual({ row: 6, col: 1 + i, rows: 5, cols: 1 });
    expect(s.x).toEqual({ row: 6, col: 0, rows: 5, cols: 1 });
  });
  expect(await page.$$eval("figure.chart polyline", (ls) => ls.length)).toBe(3);

  // Live: edit a price move in the sheet and the grid recalculates (−3,000 × −0.2 = 600).
  await wb(page, "setCell", "Scenario", "A7", -0.2);
  expect((await cell(page, "Scenario", "B7")).value).toBeCloseTo(600, 6);
  await shot(page, "04-scenario-grid");
});

test("scenario grid on the example book computes what the custom functions compute", async () => {
  page = await h.open();
  await openSection(page, "sec-scenario");
  await page.click("#write-scenario");
  expect((await outcome(page, "sec-scenario")).kind).toBe("ok");
  const positions = await wb<unknown[][]>(page, "values", "Positions", "A1:M6");
  const moves = await wb<number[][]>(page, "values", "Scenario", "A7:A17");
  const vols = await wb<number[][]>(page, "values", "Scenario", "B6:D6");
  const expected = customFunctions.PMSCENARIO(positions, moves, vols) as number[][];
  const grid = await wb<number[][]>(page, "values", "Scenario", "B7:D17");
  expect(grid.length).toBe(11);
  grid.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)));
  await shot(page, "05-scenario-example");
});

test("margin summary: live Reg T, PM, margin level and status with number formats", async () => {
  page = await h.open();
  await openSection(page, "sec-summary");
  await typeInto(page, "sum-equity", "150000");
  await page.click("#write-summary");
  const out = await outcome(page, "sec-summary");
  expect(out.kind).toBe("ok");
  const ids = await wb<string[]>(page, "functionIds");
  const rows = await labelled(page, "Margin Summary");
  for (const label of ["Reg T initial", "Reg T maintenance", "Portfolio margin (PM)", "Capital released by PM", "Margin level", "Status"]) {
    expect(rows.has(label)).toBe(true);
  }
  expect(rows.get("Reg T initial")?.formula).toBe('=MARGIN.REGTMARGIN(Positions[#All],"initial")');
  expect(rows.get("Portfolio margin (PM)")?.formula).toBe("=MARGIN.PMMARGIN(Positions[#All])");
  let formulas = 0;
  for (const [label, r] of rows) {
    if (typeof r.formula !== "string" || !r.formula.startsWith("=")) continue;
    formulas++;
    if (!registered(ids, r.formula)) {
      expect(r.value).toBe("#NAME?"); // written by id; computes once that engine is registered
    } else if (label === "Status") {
      expect(["OK", "WARNING", "MARGIN CALL", "STOP OUT"]).toContain(r.value);
    } else {
      expect({ label, value: typeof r.value }).toEqual({ label, value: "number" });
    }
  }
  expect(formulas).toBeGreaterThanOrEqual(7);
  // What the functions give for the same table, through the custom functions in Node.
  const positions = await wb<unknown[][]>(page, "values", "Positions", "A1:M6");
  if (ids.includes("REGTMARGIN")) expect(rows.get("Reg T initial")?.value).toBeCloseTo(customFunctions.REGTMARGIN(positions, "initial") as number, 6);
  const used = rows.get("Used margin (Reg T maintenance)");
  expect(used).toBeDefined();
  if (typeof used?.value === "number") expect(rows.get("Margin level")?.value).toBeCloseTo(150000 / used.value, 10);
  expect(rows.get("Account equity")).toMatchObject({ value: 150000, format: "$#,##0.00" });
  expect(rows.get("Reg T initial")?.format).toBe("$#,##0.00");
  expect(rows.get("Margin level")?.format).toBe("0.00%");
  expect(rows.has("Crypto MMR")).toBe(false); // no crypto rows in this book
  await shot(page, "06-margin-summary");
});

test("margin summary of a crypto book: MMR, IMR and margin ratio", async () => {
  page = await h.open("?workbook=blank");
  await paste(page, "Underlying,Type,Quantity,Price,UnderlyingPrice,Multiplier,Settle\nBTC,PERP,2,60000,60000,1,USDT");
  await openSection(page, "sec-summary");
  await typeInto(page, "sum-equity", "50000");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  const rows = await labelled(page, "Margin Summary");
  expect(rows.has("Reg T initial")).toBe(false);
  const ids = await wb<string[]>(page, "functionIds");
  for (const label of ["Crypto MMR", "Crypto IMR", "Crypto margin ratio"]) {
    const r = rows.get(label);
    expect(r).toBeDefined();
    expect(String(r?.formula)).toMatch(/^=MARGIN\.PM(MMR|IMR|MARGINRATIO)\(Positions\[#All\],\$A\$\d+:\$B\$\d+\)$/);
    if (registered(ids, r?.formula)) expect(typeof r?.value).toBe("number");
  }
  const mmr = rows.get("Crypto MMR")?.value;
  if (typeof mmr === "number") {
    expect(mmr).toBeGreaterThan(0);
    // 50,000 USDT of equity at a USD price of 1 and discount 1: ratio = 50,000 / MMR; IMR = 1.3 × MMR.
    expect(rows.get("Crypto margin ratio")?.value).toBeCloseTo(50000 / mmr, 8);
    expect(rows.get("Crypto IMR")?.value).toBeCloseTo(1.3 * mmr, 8);
    expect(rows.get("Used margin (Crypto MMR)")?.value).toBe(mmr);
  }
  expect(rows.get("Crypto margin ratio")?.format).toBe("0.00%");
  await shot(page, "07-crypto-summary");
});

test("parameters sheet: named ranges the formulas pass, so editing a rate recalculates the book", async () => {
  page = await h.open("?workbook=blank");
  await paste(page, "Underlying,Type,Quantity,Price\nAAPL,STOCK,100,190");
  await openSection(page, "sec-parameters");
  await page.click("#write-parameters");
  expect((await outcome(page, "sec-parameters")).kind).toBe("ok");
  const names = await wb<{ name: string; formula: string }[]>(page, "names");
  const byName = new Map(names.map((n) => [n.name, n.formula]));
  for (const n of ["REGT_PARAMS", "PM_PARAMS", "SPAN_PARAMS", "CRYPTO_PARAMS", "CRYPTO_MR9_TIERS"]) {
    expect(byName.get(n)).toMatch(/^=Parameters!\$A\$\d+:\$[A-Z]\$\d+$/);
  }
  const regt = /\$A\$(\d+):\$B\$(\d+)/.exec(byName.get("REGT_PARAMS") ?? "");
  expect(regt).not.toBeNull();
  const [first, last] = [Number(regt?.[1]), Number(regt?.[2])];
  expect(await wb(page, "values", "Parameters", `A${first}:B${first}`)).toEqual([["Name", "Value"]]);
  let rateRow = 0;
  for (let r = first + 1; r <= last; r++) if ((await cell(page, "Parameters", `A${r}`)).value === "longStockInitial") rateRow = r;
  expect(rateRow).toBeGreaterThan(0);
  expect((await cell(page, "Parameters", `B${rateRow}`)).value).toBe(0.5);

  await openSection(page, "sec-summary");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  const rows = await labelled(page, "Margin Summary");
  expect(rows.get("Reg T initial")?.formula).toBe('=MARGIN.REGTMARGIN(Positions[#All],"initial",REGT_PARAMS)');
  expect(rows.get("Portfolio margin (PM)")?.formula).toBe("=MARGIN.PMMARGIN(Positions[#All],PM_PARAMS)");
  // Long 100 shares at 190: Reg T initial 50 % × 19,000 = 9,500; PM worst case −15 % = 2,850.
  expect(rows.get("Reg T initial")?.value).toBeCloseTo(9500, 8);
  expect(rows.get("Portfolio margin (PM)")?.value).toBeCloseTo(2850, 8);
  // The user edits the rate on the Parameters sheet: 60 % × 19,000 = 11,400.
  await wb(page, "setCell", "Parameters", `B${rateRow}`, 0.6);
  expect((await cell(page, "Margin Summary", `B${rows.get("Reg T initial")?.row}`)).value).toBeCloseTo(11400, 8);
  await wb(page, "setCell", "Parameters", "A1", "Parameters"); // keep the sheet looking edited for the screenshot
  await page.click('.tabs .tab:text("Parameters")');
  await shot(page, "08-parameters");
});

test("never overwrites a non-empty cell without a confirmation naming the range", async () => {
  page = await h.open();
  await openSection(page, "sec-summary");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  await wb(page, "setCell", "Margin Summary", "A1", "my note");

  // Second write: the dialog names the range; Cancel writes nothing.
  await page.click("#write-summary");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  const named = await page.$$eval("#confirm-ranges li", (lis) => lis.map((li) => li.textContent));
  expect(named).toEqual([expect.stringMatching(/^'Margin Summary'!A1:B\d+$/)]);
  expect(await page.textContent("#confirm-text")).toMatch(/is not empty\. Overwrite it with the new margin summary\?/);
  await shot(page, "09-confirm-overwrite");
  await page.click("#confirm-cancel");
  const cancelled = await outcome(page, "sec-summary");
  expect(cancelled.text).toMatch(/Nothing was written/);
  expect((await cell(page, "Margin Summary", "A1")).value).toBe("my note");

  // Escape also declines.
  await page.click("#write-summary");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  await page.keyboard.press("Escape");
  expect((await outcome(page, "sec-summary")).text).toMatch(/Nothing was written/);
  expect((await cell(page, "Margin Summary", "A1")).value).toBe("my note");

  // Overwrite writes.
  await page.click("#write-summary");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  await page.click("#confirm-overwrite");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  expect((await cell(page, "Margin Summary", "A1")).value).toBe("Margin summary: Positions");

  // Creating the Positions table on a sheet that already has content asks too.
  const p2 = await h.open("?workbook=blank");
  try {
    await p2.evaluate(() =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("Positions").getRange("B2").values = [["keep me"]];
        await ctx.sync();
      }),
    );
    await typeInto(p2, "pos-Underlying", "AAPL");
    await typeInto(p2, "pos-Quantity", "10");
    await typeInto(p2, "pos-Price", "190");
    await p2.click("#add-position");
    await p2.waitForSelector("#confirm-overwrite", { state: "visible" });
    expect(await p2.$$eval("#confirm-ranges li", (lis) => lis.map((li) => li.textContent))).toEqual(["Positions!A1:M2"]);
    await p2.click("#confirm-cancel");
    expect((await outcome(p2, "sec-positions")).text).toMatch(/Nothing was written/);
    expect((await cell(p2, "Positions", "B2")).value).toBe("keep me");
    expect(await tables(p2)).toEqual([]);
  } finally {
    await p2.close();
  }
});

test("a failing write leaves the workbook as it was, and the error is said in plain words", async () => {
  page = await h.open();
  const before = await wb<string[]>(page, "sheets");
  await openSection(page, "sec-scenario");
  await wb(page, "failAfterWrites", 4);
  await page.click("#write-scenario");
  const failed = await outcome(page, "sec-scenario");
  expect(failed.kind).toBe("error");
  expect(failed.text).toMatch(/^Excel could not complete the change\..*The workbook was left as it was\.$/);
  expect(await wb<string[]>(page, "sheets")).toEqual(before);

  // Overwriting an existing sheet: the cells come back.
  await openSection(page, "sec-summary");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  await wb(page, "setCell", "Margin Summary", "A1", "my note");
  await wb(page, "setCell", "Margin Summary", "B5", 1234);
  await wb(page, "failAfterWrites", 6);
  await page.click("#write-summary");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  await page.click("#confirm-overwrite");
  expect((await outcome(page, "sec-summary")).text).toMatch(/left as it was/);
  expect((await cell(page, "Margin Summary", "A1")).value).toBe("my note");
  expect((await cell(page, "Margin Summary", "B5")).value).toBe(1234);

  // A bad input is refused before anything is written.
  await typeInto(page, "scen-step", "0");
  await page.click("#write-scenario");
  expect(await outcome(page, "sec-scenario")).toEqual({ kind: "error", text: "Step: the step must be greater than zero" });
  expect(await page.getAttribute("#scen-step", "aria-invalid")).toBe("true");
});

test("keyboard only, at 320 px and 450 px: labelled fields, Tab order, Enter adds the position", async () => {
  for (const width of [320, 450]) {
    const p = await h.open(`?workbook=blank&pane=${width}`, 900);
    try {
      const pane = await p.$eval("#pane", (e) => ({ width: e.clientWidth, scroll: e.scrollWidth }));
      expect(pane.width).toBe(width);
      expect(pane.scroll).toBeLessThanOrEqual(width); // nothing sticks out sideways
      // Every text field has a visible label wired to its input.
      const unlabelled = await p.$$eval("fluent-text-field, fluent-text-area", (fs) =>
        fs.filter((f) => !(f.textContent ?? "").trim()).map((f) => f.id),
      );
      expect(unlabelled).toEqual([]);
      const selects = await p.$$eval("fluent-select", (ss) => ss.map((s) => document.getElementById(s.getAttribute("aria-labelledby") ?? "")?.textContent ?? ""));
      expect(selects.every((t) => t.length > 0)).toBe(true);

      await p.focus("#pos-Underlying input");
      await p.keyboard.type("MSFT");
      await p.keyboard.press("Tab");
      await p.keyboard.type("10");
      await p.keyboard.press("Tab"); // Price: a STOCK's strike and expiry fields are disabled, out of the Tab order
      await p.keyboard.type("400");
      await p.keyboard.press("Enter");
      expect((await outcome(p, "sec-positions")).kind).toBe("ok");
      expect(await wb(p, "values", "Positions", "B2:G2")).toEqual([["MSFT", "STOCK", 10, "", "", 400]]);
      await shot(p, `10-pane-${width}px`);
    } finally {
      await p.close();
    }
  }
});

test("no network call but the preview's own files, no CSP violation, no page error", async () => {
  page = await h.open();
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute("content"));
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(h.external).toEqual([]);
  expect(h.consoleErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
});
