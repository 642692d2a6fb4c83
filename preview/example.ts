/**
 * The example workbook the preview opens on: a small securities book in an Excel table named
 * Positions and an Account sheet of live MARGIN.* formulas, built through the same Excel API the pane
 * uses. Expiries are set relative to today, so the example never expires.
 */
const HEADERS = ["Symbol", "Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Class", "Leverage", "Settle"];

function serialInDays(days: number): number {
  return Math.floor(Date.now() / 86400000) + 25569 + days;
}

export function examplePositions(): (string | number)[][] {
  const d60 = serialInDays(60);
  const d90 = serialInDays(90);
  return [
    ["AAPL", "AAPL", "STOCK", 100, "", "", 190, "", "", "", "", "", ""],
    ["AAPL 200C", "AAPL", "CALL", -1, 200, d60, 3.1, 190, 0.25, "", "", "", ""],
    ["SPX 4800P", "SPX", "PUT", 1, 4800, d90, 45.5, 5000, 0.18, "", "BROAD_INDEX", "", ""],
    ["SPX 4900P", "SPX", "PUT", -1, 4900, d90, 62, 5000, 0.17, "", "BROAD_INDEX", "", ""],
    ["QQQ", "QQQ", "STOCK", -50, "", "", 440, "", "", "", "ETF", "", ""],
  ];
}

export async function buildExample(): Promise<void> {
  await Excel.run(async (ctx) => {
    const positions = ctx.workbook.worksheets.add("Positions");
    const rows = examplePositions();
    const block = `A1:M${rows.length + 1}`;
    positions.getRange(block).values = [HEADERS, ...rows];
    const table = ctx.workbook.tables.add(`Positions!${block}`, true);
    table.name = "Positions";
    positions.getRange(`F2:F${rows.length + 1}`).numberFormat = rows.map(() => ["yyyy-mm-dd"]);
    positions.getRange(`I2:I${rows.length + 1}`).numberFormat = rows.map(() => ["0.0%"]);
    positions.getRange(block).format.autofitColumns();

    const account = ctx.workbook.worksheets.add("Account");
    const cells: (string | number)[][] = [
      ["Account health (live MARGIN.* formulas)", ""],
      ["", ""],
      ["Balance", 10000],
      ["Floating P&L", 500],
      ["Equity", "=MARGIN.EQUITY(B3,B4)"],
      ["Used margin", 2000],
      ["Margin level", "=MARGIN.MARGINLEVEL(B5,B6)"],
      ["Status", "=MARGIN.MARGINSTATUS(B7)"],
      ["", ""],
      ["Reg T initial, table Positions", '=MARGIN.REGTMARGIN(Positions[#All],"initial")'],
      ["Portfolio margin, table Positions", "=MARGIN.PMMARGIN(Positions[#All])"],
      ["", ""],
      ["Call 100/100, 1y, 5 %, 20 % vol", '=MARGIN.BSPRICE("call",100,100,1,0.05,0.2)'],
      ["Greeks (spilled)", ""],
    ];
    account.getRange(`A1:B${cells.length}`).formulas = cells;
    account.getRange("A15").formulas = [['=MARGIN.BSGREEKS("call",100,100,1,0.05,0.2)']];
    account.getRange("A1").format.font.bold = true;
    account.getRange("A1").format.font.size = 14;
    account.getRange("B3:B6").numberFormat = [["$#,##0.00"], ["$#,##0.00"], ["$#,##0.00"], ["$#,##0.00"]];
    account.getRange("B7").numberFormat = [["0.00%"]];
    account.getRange("B10:B11").numberFormat = [["$#,##0.00"], ["$#,##0.00"]];
    account.getRange("B13").numberFormat = [["0.0000"]];
    account.getRange("A:A").format.columnWidth = 190;
    account.getRange("B:B").format.columnWidth = 100;
    account.activate();
    await ctx.sync();
  });
}
