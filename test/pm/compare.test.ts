import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";

const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Settle"];
const PARAMS = [["valuationDate", "2026-01-02"]];

describe("PMCOMPARE (SPEC §5)", () => {
  test("long 100 shares at $50: Reg T 2,500, PM 750 (−15 %), 1,750 released, leverage 5,000/2,500 = 2 and 5,000/750", () => {
    const out = f.PMCOMPARE([HEADER, ["XYZ", "STOCK", 100, null, null, 50]], PARAMS) as unknown[][];
    expect(out[0]).toEqual(["Reg T initial", "Portfolio margin", "Capital released", "Gross market value", "Leverage (Reg T)", "Leverage (PM)"]);
    const [regt, pm, released, gmv, levRegT, levPm] = out[1] as number[];
    expect(regt).toBe(2500);
    expect(pm).toBeCloseTo(750, 9);
    expect(released).toBeCloseTo(1750, 9);
    expect(gmv).toBe(5000);
    expect(levRegT).toBe(2);
    expect(levPm).toBeCloseTo(5000 / 750, 9);
  });
  test("agrees with REGTMARGIN and PMMARGIN on an options book, with one params table for both", () => {
    const book = [
      HEADER,
      ["AAPL", "STOCK", 200, null, null, 150],
      ["AAPL", "PUT", 2, 141, "2026-03-20", 2.4, 150, 0.3],
      ["AAPL", "CALL", -2, 160, "2026-03-20", 3.1, 150, 0.28],
    ];
    const regtParams = [...PARAMS, ["longStockInitial", 0.5]];
    const pmParams = [...PARAMS, ["houseMultiplier", 1.2]];
    const out = f.PMCOMPARE(book, [...regtParams, ["houseMultiplier", 1.2]]) as unknown[][];
    // collar: the stock's 50 % of 30,000 plus the long put paid in full (2 × 100 × 2.40); the call is covered
    expect(out[1][0]).toBe(15480);
    expect(out[1][0]).toBe(f.REGTMARGIN(book, "initial", regtParams));
    expect(out[1][1]).toBe(f.PMMARGIN(book, pmParams));
    // gross market value: 200 × 150 + 2 × 100 × 2.4 + 2 × 100 × 3.1 = 30,000 + 480 + 620
    expect(out[1][3]).toBeCloseTo(31100, 9);
  });
  test("crypto rows are left out of both securities rule sets", () => {
    const stock = [HEADER, ["XYZ", "STOCK", 100, null, null, 50]];
    const mixed = [...stock, ["BTC", "PERP", -1, null, null, 40000, 40000, null, "USDT"], ["BTC", "SPOT", 1, null, null, 40000]];
    expect(f.PMCOMPARE(mixed, PARAMS)).toEqual(f.PMCOMPARE(stock, PARAMS));
    expect(f.REGTMARGIN(mixed, "initial", PARAMS)).toBe(2500);
    const detail = f.REGTDETAIL(mixed, "initial", PARAMS) as unknown[][];
    expect(detail.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["XYZ", "Long stock", 2500],
      ["BTC", "Not Reg T (crypto)", 0],
      ["BTC", "Not Reg T (crypto)", 0],
    ]);
  });
  test("a book with no securities: requirements 0 and leverage n/a", () => {
    const out = f.PMCOMPARE([HEADER, ["BTC", "PERP", -1, null, null, 40000, 40000, null, "USDT"]], PARAMS) as unknown[][];
    expect(out[1]).toEqual([0, 0, 0, 0, "n/a", "n/a"]);
  });
  test("bad params name the parameter", () => {
    expectExcelError(f.PMCOMPARE([HEADER, ["XYZ", "STOCK", 100, null, null, 50]], [["houseMultiplyer", 1.2]]), "#VALUE!", /unknown parameter 'houseMultiplyer'/);
  });
});
