/**
 * The pane as an analyst uses it, in headless Chromium on the workbook preview: the rough edges an
 * audit found (stale form fields written into a stock row, a broker statement refused for one extra
 * column, one bad row named at a time, text Excel would turn into formulas or numbers, moves typed as
 * whole numbers, a mixed book whose margin level ignored the crypto half, stale rows left under a
 * re-written summary, focus lost after every action, outcomes below the fold at 320 px, a parameters
 * rewrite that did not say edits are lost) and what Excel does differently from a lenient preview
 * (chart series inferred from a grid still calculating, a failed write into an existing empty sheet,
 * an Excel without the API set the pane needs). Screenshots go to test-artifacts/browser/.
 */
import type { Page } from "playwright-core";
import { cell, choose, openSection, outcome, paste, shot, useHarness, type as typeInto, wb } from "./harness";

jest.setTimeout(60_000);

const h = useHarness();
let page: Page | undefined;

/** Column B by the label in column A, rows 1..n of a sheet (one read of the block). */
async function labelled(p: Page, sheet: string, rows = 30): Promise<Map<string, { value: unknown; row: number }>> {
  const values = await wb<unknown[][]>(p, "values", sheet, `A1:B${rows}`);
  const out = new Map<string, { value: unknown; row: number }>();
  values.forEach(([a, b], i) => {
    if (typeof a === "string" && a !== "") out.set(a, { value: b, row: i + 1 });
  });
  return out;
}

const tables = (p: Page) => wb<{ name: string; rect: { rows: number } }[]>(p, "tables");
/** Waits until the element with this id has the focus (focus returns a task after the outcome). */
const focusOn = async (p: Page, id: string): Promise<string> => {
  await p.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 2000 }).catch(() => undefined);
  return p.evaluate(() => document.activeElement?.id ?? "");
};

test("the form: fields a type does not use are greyed out, keep their text and are never written", async () => {
  page = await h.open("?workbook=blank");
  // An existing, empty Positions sheet, and a write that fails part-way: nothing may be left behind.
  await page.evaluate(() =>
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("Positions");
      await ctx.sync();
    }),
  );
  await choose(page, "pos-Type", "PUT");
  for (const [f, v] of [["Underlying", "AAPL"], ["Quantity", "3"], ["Strike", "180"], ["Expiry", "2031-06-20"], ["Price", "5.4"], ["UnderlyingPrice", "190"], ["IV", "29%"]]) {
    await typeInto(page, `pos-${f}`, v);
  }
  await wb(page, "failAfterWrites", 3);
  await page.click("#add-position");
  expect((await outcome(page, "sec-positions")).text).toMatch(/The workbook was left as it was\.$/);
  expect(await tables(page)).toEqual([]);
  expect((await wb<unknown[][]>(page, "values", "Positions", "A1:M2")).flat().filter((v) => v !== "")).toEqual([]);
  await page.click("#add-position");
  expect((await outcome(page, "sec-positions")).kind).toBe("ok");

  // Now a stock: the put's strike, expiry, underlying price and IV are greyed out and stay out of the row.
  await choose(page, "pos-Type", "STOCK");
  const disabled = await page.evaluate(() => [...document.querySelectorAll("#position-form [data-field][disabled]")].map((e) => e.id));
  expect(disabled).toEqual(["pos-Strike", "pos-Expiry", "pos-UnderlyingPrice", "pos-IV", "pos-Settle"]);
  expect(await page.textContent("#pos-type-hint")).toBe("A STOCK row has no strike, expiry, underlying price, implied vol, settlement currency: those fields are greyed out.");
  await typeInto(page, "pos-Underlying", "MSFT");
  await typeInto(page, "pos-Quantity", "100");
  await typeInto(page, "pos-Price", "410");
  await page.click("#add-position");
  expect((await outcome(page, "sec-positions")).kind).toBe("ok");
  expect(await wb(page, "values", "Positions", "A3:M3")).toEqual([["", "MSFT", "STOCK", 100, "", "", 410, "", "", "", "", "", ""]]);
  await shot(page, "11-form-by-type");
  // Back to a put: the option fields are live again with what was typed (no input lost).
  await choose(page, "pos-Type", "PUT");
  expect(await page.getAttribute("#pos-Strike", "disabled")).toBeNull();
  expect(await page.$eval("#pos-Strike", (e) => (e as unknown as { value: string }).value)).toBe("180");
});

test("a broker statement: other columns left out, every bad row named at once, text kept as typed", async () => {
  page = await h.open("?workbook=blank");
  const header = "Symbol,Description,Quantity,Price,Type,Underlying,Strike,Expiration,Underlying Price,Implied Vol";
  const good = [
    "AAPL C200,APPLE CALL,-2,6.10,CALL,AAPL,200,2031-06-20,190,27%",
    '"=HYPERLINK(""http://example.invalid"")",HK LISTING,1000,300,STOCK,0700,,,,',
    "-ES,PLACEHOLDER,1,10,STOCK,ES,,,,",
  ];
  const bad = ["XYZ,BAD QTY,ten,5,STOCK,XYZ,,,,", "SPY P450,BAD IV,1,4.2,PUT,SPY,450,2031-03-21,470,-20%"];
  const refused = await paste(page, [header, good[0], bad[0], good[1], bad[1], good[2]].join("\n"));
  expect(refused.kind).toBe("error");
  expect(refused.text.split("\n")).toEqual([
    "2 pasted rows need fixing; nothing was imported. (Columns left out: Description.)",
    "Pasted row 3, Quantity: 'ten' is not a number",
    expect.stringMatching(/^Pasted row 5, IV: implied volatility -0\.2 cannot be negative/),
  ]);
  expect(await tables(page)).toEqual([]);
  expect(await page.$eval("#paste-rows", (e) => (e as unknown as { value: string }).value)).toMatch(/^Symbol,Description/); // the paste is kept to fix
  await shot(page, "12-statement-bad-rows");

  const ok = await paste(page, [header, ...good].join("\n"));
  expect(ok).toEqual({ kind: "ok", text: "Added 3 positions to new table Positions at Positions!A1:M4. Columns left out: Description." });
  // A pasted formula stays inert text, a Hong Kong ticker keeps its leading zero, "-ES" is not a formula.
  expect(await wb(page, "values", "Positions", "A3:B4")).toEqual([
    ['=HYPERLINK("http://example.invalid")', "0700"],
    ["-ES", "ES"],
  ]);
  expect((await cell(page, "Positions", "B3")).value).toBe("0700");
  await shot(page, "13-statement-imported");
});

test("scenario grid: whole-number moves are refused with the way to write them; one chart series per vol move, whatever Excel inferred", async () => {
  page = await h.open("?workbook=blank");
  await paste(page, "Underlying,Type,Quantity,Price\nAAPL,STOCK,100,190");
  // A table the analyst makes in Excel meanwhile is offered once the section is opened.
  await page.evaluate(() =>
    Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:D2").values = [["Underlying", "Type", "Quantity", "Price"], ["MSFT", "STOCK", 10, 400]];
      ctx.workbook.tables.add("Sheet1!A1:D2", true).name = "Book";
      await ctx.sync();
    }),
  );
  await openSection(page, "sec-scenario");
  await page.waitForSelector('#scen-table fluent-option[value="Book"]', { state: "attached" });
  expect(await page.$eval("#scen-table", (e) => (e as unknown as { value: string }).value)).toBe("Positions");
  await typeInto(page, "scen-vols", "-5, 0, 5");
  await page.click("#write-scenario");
  expect(await outcome(page, "sec-scenario")).toEqual({
    kind: "error",
    text: "Vol moves: -5 would move implied vol by -500 points; write 5% or 0.05 for 5 vol points",
  });
  expect(await page.getAttribute("#scen-vols", "aria-invalid")).toBe("true");
  expect(await wb<string[]>(page, "sheets")).not.toContain("Scenario");

  // The defaults read as the sheet shows them (-15 % … +15 % by 3 %); Excel inferred one series only.
  await typeInto(page, "scen-vols", "-5%, 0%, 5%");
  await wb(page, "chartSeries", 1);
  await page.click("#write-scenario");
  expect((await outcome(page, "sec-scenario")).kind).toBe("ok");
  const series = async (sheet: string) =>
    (await wb<{ series: { name: string; values: object; x: object }[] }[]>(page as Page, "charts", sheet))[0].series;
  const expected = ["Vol -5%", "Vol 0%", "Vol +5%"].map((name, i) => ({ name, values: { row: 6, col: 1 + i, rows: 11, cols: 1 }, x: { row: 6, col: 0, rows: 11, cols: 1 } }));
  expect(await series("Scenario")).toEqual(expected);
  // … or five: the extra ones go.
  await wb(page, "chartSeries", 5);
  await page.click("#write-scenario");
  expect((await outcome(page, "sec-scenario")).kind).toBe("ok");
  expect(await series("Scenario 2")).toEqual(expected);
  await shot(page, "14-scenario-series");
});

test("margin summary of a book mixing equity options and crypto perps; a re-run clears the old, longer report", async () => {
  page = await h.open("?workbook=blank");
  const book = [
    "Symbol,Underlying,Type,Quantity,Strike,Expiry,Price,UnderlyingPrice,IV,Multiplier,Settle",
    "AAPL C200,AAPL,CALL,-2,200,2031-06-20,6.10,190,0.27,,",
    "AAPL P180,AAPL,PUT,3,180,2031-06-20,5.40,190,0.29,,",
    "MSFT,MSFT,STOCK,100,,,410,,,,",
    "BTC-USDT-SWAP,BTC,PERP,50,,,60000,60010,,0.01,USDT",
    "ETH-USDT-SWAP,ETH,PERP,-200,,,3000,3001,,0.1,USDT",
  ].join("\n");
  expect((await paste(page, book)).kind).toBe("ok");
  await openSection(page, "sec-summary");
  await typeInto(page, "sum-equity", "250000");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  const first = await labelled(page, "Margin Summary");
  const regt = first.get("Reg T maintenance")?.value as number;
  const mmr = first.get("Crypto MMR")?.value as number;
  expect([typeof regt, typeof mmr]).toEqual(["number", "number"]);
  expect(regt).toBeGreaterThan(0);
  expect(mmr).toBeGreaterThan(0);
  // One account, one equity: the level is 250,000 / (Reg T maintenance + crypto MMR).
  const used = first.get("Used margin (Reg T maintenance + crypto MMR)");
  expect(used?.value).toBeCloseTo(regt + mmr, 8);
  expect(first.get("Margin level")?.value).toBeCloseTo(250000 / (regt + mmr), 10);
  const lastRow = Math.max(...[...first.values()].map((r) => r.row));
  await shot(page, "15-mixed-summary");

  // The perps are closed (their table rows deleted) and the summary written again: the old report was
  // longer, so the question names all of it, and nothing of it stays below the new one.
  await page.evaluate(() =>
    Excel.run(async (ctx) => {
      const rows = ctx.workbook.tables.getItem("Positions").rows;
      rows.getItemAt(4).delete();
      rows.getItemAt(3).delete();
      await ctx.sync();
    }),
  );
  await page.click("#write-summary");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  expect(await page.$$eval("#confirm-ranges li", (lis) => lis.map((li) => li.textContent))).toEqual([`'Margin Summary'!A1:B${lastRow}`]);
  expect(await page.textContent("#confirm-text")).toMatch(/The old report in these cells is cleared first\.$/);
  await page.click("#confirm-overwrite");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  const second = await labelled(page, "Margin Summary");
  expect([...second.keys()].filter((k) => /crypto/i.test(k))).toEqual([]);
  expect(second.has("Used margin (Reg T maintenance)")).toBe(true);
  const end = Math.max(...[...second.values()].map((r) => r.row));
  for (let r = end + 1; r <= lastRow; r++) {
    const a = await cell(page, "Margin Summary", `A${r}`);
    expect({ row: r, value: a.value, format: a.format }).toEqual({ row: r, value: "", format: {} });
  }
});

test("keyboard only at 320 px: focus comes back to the button after an action and after the dialog; the outcome is in view", async () => {
  page = await h.open("?pane=320", 900);
  const inView = (sel: string) =>
    (page as Page).$eval(sel, (e) => {
      const pane = document.getElementById("pane")!.getBoundingClientRect();
      const r = e.getBoundingClientRect();
      return r.height > 0 && r.top >= pane.top && r.bottom <= pane.bottom;
    });
  // Add a position from the keyboard: the outcome is right under the form, in view.
  await page.focus("#pos-Underlying input");
  await page.keyboard.type("IBM");
  await page.keyboard.press("Tab");
  await page.keyboard.type("10");
  await page.keyboard.press("Tab");
  await page.keyboard.type("250");
  await page.keyboard.press("Enter");
  expect((await outcome(page, "sec-positions")).kind).toBe("ok");
  expect(await inView("#sec-positions-message p")).toBe(true);

  await page.focus("#sec-summary button[part='button']");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#sec-summary[expanded]");
  await page.focus("#write-summary");
  await page.keyboard.press("Enter");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  expect(await focusOn(page, "write-summary")).toBe("write-summary");
  expect(await inView("#sec-summary-message p")).toBe(true);
  // Again: the dialog has the focus on Cancel; Escape closes it and the focus is back on the button.
  await page.keyboard.press("Enter");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  expect(await focusOn(page, "confirm-cancel")).toBe("confirm-cancel");
  // The modal overlay covers the pane: no section heading shows (or takes a click) through it.
  const onTop = await page.$eval("#sec-scenario", (e) => {
    const r = e.getBoundingClientRect();
    return document.elementFromPoint(r.right - 20, r.top + 20)?.tagName.toLowerCase();
  });
  expect(onTop).toBe("fluent-dialog");
  await shot(page, "16-keyboard-320px-dialog");
  await page.keyboard.press("Escape");
  expect((await outcome(page, "sec-summary")).text).toMatch(/Nothing was written/);
  expect(await focusOn(page, "write-summary")).toBe("write-summary");
  await shot(page, "16-keyboard-320px");
});

test("parameters: re-writing says edited values go back to defaults, and the formulas using the names keep computing", async () => {
  page = await h.open("?workbook=blank");
  await paste(page, "Underlying,Type,Quantity,Price\nAAPL,STOCK,100,190");
  await openSection(page, "sec-parameters");
  await page.click("#write-parameters");
  expect((await outcome(page, "sec-parameters")).kind).toBe("ok");
  const names = async () => (await wb<{ name: string; formula: string }[]>(page as Page, "names")).map((n) => `${n.name}=${n.formula}`);
  const before = await names();
  await openSection(page, "sec-summary");
  await page.click("#write-summary");
  expect((await outcome(page, "sec-summary")).kind).toBe("ok");
  const initial = (await labelled(page, "Margin Summary")).get("Reg T initial")?.row;
  const rate = (await wb<unknown[][]>(page, "values", "Parameters", "A1:A140")).findIndex(([a]) => a === "longStockInitial") + 1;
  expect(rate).toBeGreaterThan(0);
  // The analyst edits the rate: 60 % × 19,000 = 11,400.
  await wb(page, "setCell", "Parameters", `B${rate}`, 0.6);
  expect((await cell(page, "Margin Summary", `B${initial}`)).value).toBeCloseTo(11400, 8);

  await page.click("#write-parameters");
  await page.waitForSelector("#confirm-overwrite", { state: "visible" });
  expect(await page.textContent("#confirm-text")).toMatch(/Every value edited there goes back to its default\.$/);
  await page.click("#confirm-overwrite");
  expect((await outcome(page, "sec-parameters")).kind).toBe("ok");
  // Back to 50 % × 19,000 = 9,500, through the same named range, redefined in place.
  const reg = await cell(page, "Margin Summary", `B${initial}`);
  expect(reg.formula).toBe('=MARGIN.REGTMARGIN(Positions[#All],"initial",REGT_PARAMS)');
  expect(reg.value).toBeCloseTo(9500, 8);
  expect(await names()).toEqual(before);
});

test("an Excel without the API set the pane needs: the pane says so (the functions still work) instead of failing later", async () => {
  page = await h.open("?excelapi=1.7");
  expect(await page.textContent("#unsupported")).toMatch(/Excel JavaScript API 1\.8.*The MARGIN functions still work/);
  expect(await page.$("#sec-positions")).toBeNull();
  // The example book's formulas compute all the same.
  expect((await cell(page, "Account", "B7")).value).toBe(5.25);
  await shot(page, "17-older-excel");
});
