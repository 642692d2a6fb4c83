import { parsePositions } from "../../src/instruments/positions";
import { readParams, numberParam, boolParam, dateParam, choiceParam } from "../../src/params";
import { MarginError } from "../../src/errors";

const HEADER = ["Symbol", "Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Multiplier", "Class", "Leverage", "Settle"];

function errorOf(fn: () => unknown): MarginError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MarginError);
    return e as MarginError;
  }
  throw new Error("expected an error");
}

describe("positions table (SPEC §1)", () => {
  test("header row in any order, case and spacing; defaults applied", () => {
    const rows = [
      ["quantity", " TYPE ", "underlying", "price", "Strike", "expiry", "Underlying Price", "iv"],
      [-1, "put", "spy", 2, 80, "2026-12-18", 95, 0.3],
      [100, "Stock", "spy", 50, null, null, null, null],
    ];
    const [put, stock] = parsePositions(rows);
    expect(put).toMatchObject({ row: 2, underlying: "SPY", type: "PUT", quantity: -1, strike: 80, price: 2, underlyingPrice: 95, iv: 0.3, multiplier: 100, assetClass: "EQUITY", leverage: 1 });
    // 2026-12-18 is Excel serial 46374
    expect(put.expiry).toBe(46374);
    expect(stock).toMatchObject({ row: 3, type: "STOCK", multiplier: 1, underlyingPrice: 50 });
  });
  test("positional columns without a header follow the SPEC order; blank rows skipped", () => {
    const rows = [
      ["", "AAPL", "C", 2, 200, 46374, 5.1, 190, 0.25],
      [null, null, null, null, null, null, null, null, null],
      ["", "AAPL", "P", -2, 180, 46374, 3.2, 190, 0.27],
    ];
    const ps = parsePositions(rows);
    expect(ps.map((p) => [p.row, p.type, p.quantity])).toEqual([
      [1, "CALL", 2],
      [3, "PUT", -2],
    ]);
  });
  test("type aliases: C, P, SWAP", () => {
    const ps = parsePositions([
      ["Underlying", "Type", "Quantity", "Price", "Settle"],
      ["BTC", "swap", 1, 40000, "USDT"],
      ["BTC", "spot", 1, 40000, ""],
    ]);
    expect(ps.map((p) => p.type)).toEqual(["PERP", "SPOT"]);
    expect(ps[0].multiplier).toBe(1);
  });
  test("crypto option rows default to multiplier 1", () => {
    const [p] = parsePositions([
      ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Settle"],
      ["BTC", "C", -1, 50000, "2026-12-25", 1000, 45000, 0.6, "USD"],
    ]);
    expect(p.multiplier).toBe(1);
    expect(p.settle).toBe("USD");
  });
  test("each error names row and column", () => {
    const bad = (cells: unknown[]) => errorOf(() => parsePositions([HEADER, ["", "AAPL", "CALL", 1, 100, "2026-12-18", 5, 100, 0.2], cells]));
    expect(bad(["", "AAPL", "CALL", 1, "abc", "2026-12-18", 5, 100, 0.2]).message).toBe("row 3, Strike: 'abc' is not a number");
    expect(bad(["", "AAPL", "STRADDLE", 1, 100, "2026-12-18", 5, 100]).message).toMatch(/^row 3, Type: unknown instrument type 'STRADDLE'/);
    expect(bad(["", "AAPL", "PUT", 1, null, "2026-12-18", 5, 100]).message).toMatch(/^row 3, Strike: an option needs a strike/);
    expect(bad(["", "AAPL", "PUT", 1, 100, "2026-13-45", 5, 100]).message).toMatch(/^row 3, Expiry: '2026-13-45' is not a date/);
    expect(bad(["", "AAPL", "PUT", 1, 100, null, 5, 100]).message).toMatch(/^row 3, Expiry: an option needs an expiry/);
    expect(bad(["", "AAPL", "PUT", 1, 100, "2026-12-18", -5, 100]).code).toBe("#NUM!");
    expect(bad(["", "AAPL", "PUT", 1, 100, "2026-12-18", 5, 100, -0.2]).message).toMatch(/^row 3, IV: implied volatility -0.2 cannot be negative/);
    expect(bad(["", "AAPL", "PUT", 1, 100, "2026-12-18", { code: "#N/A" }, 100]).message).toBe("row 3, Price: the input holds the error #N/A");
    expect(bad(["", "", "PUT", 1, 100, "2026-12-18", 5, 100]).message).toMatch(/^row 3, Underlying/);
  });
  test("unknown header columns and missing required columns are rejected with the valid list", () => {
    expect(errorOf(() => parsePositions([["Underlying", "Type", "Qty", "Price", "Notes"], ["X", "STOCK", 1, 1, "a"]])).message).toMatch(/unknown column 'Notes'.*valid columns: Symbol, Underlying/);
    expect(errorOf(() => parsePositions([["Underlying", "Type", "Price"], ["X", "STOCK", 1]])).message).toMatch(/no Quantity column/);
    expect(errorOf(() => parsePositions([[null, null]])).message).toMatch(/no positions/);
  });
  test("dates: Excel serials and ISO text agree", () => {
    const a = parsePositions([["Underlying", "Type", "Quantity", "Expiry", "Price"], ["ES", "FUTURE", 1, 46374, 5000]]);
    const b = parsePositions([["Underlying", "Type", "Quantity", "Expiry", "Price"], ["ES", "FUTURE", 1, "2026-12-18", 5000]]);
    expect(a[0].expiry).toBe(b[0].expiry);
  });
});

describe("params range (SPEC §0)", () => {
  const specs = {
    rate: numberParam(0, "risk-free rate", { min: -1, max: 1 }),
    netOfProceeds: boolParam(false, "net of proceeds"),
    valuationDate: dateParam("valuation date"),
    requirement: choiceParam("initial", ["initial", "maintenance"] as const, "requirement"),
  };
  test("name/value pairs override defaults, case- and space-insensitive, header optional", () => {
    const p = readParams(specs, [["Name", "Value"], ["Rate", 0.05], ["net of proceeds", true], ["valuationdate", "2026-01-02"]]);
    expect(p).toEqual({ rate: 0.05, netOfProceeds: true, valuationDate: 46024, requirement: "initial" });
    expect(readParams(specs, null)).toEqual({ rate: 0, netOfProceeds: false, valuationDate: undefined, requirement: "initial" });
    expect(readParams(specs, { rate: 0.01 }).rate).toBe(0.01);
  });
  test("unknown names are rejected with the list of valid ones", () => {
    expect(errorOf(() => readParams(specs, [["rat", 0.05]])).message).toBe("params: unknown parameter 'rat'; valid names: rate, netOfProceeds, valuationDate, requirement");
  });
  test("values are validated", () => {
    expect(errorOf(() => readParams(specs, [["rate", 2]])).code).toBe("#NUM!");
    expect(errorOf(() => readParams(specs, [["requirement", "gross"]])).message).toMatch(/not one of initial, maintenance/);
    expect(errorOf(() => readParams(specs, [["rate", 1], ["RATE", 2]])).message).toMatch(/given twice/);
    expect(errorOf(() => readParams(specs, [["rate", 1, 3]])).message).toMatch(/two columns/);
  });
  test("a parameter's aliases and a choice's other spellings read as the name and the choice", () => {
    const aliased = {
      model: { ...choiceParam("BSM", ["BSM", "BLACK76"] as const, "model", { bs: "BSM" }), aliases: ["optionModel"] },
    };
    expect(readParams(aliased, [["Option Model", "black76"]])).toEqual({ model: "BLACK76" });
    expect(readParams(aliased, [["model", "BS"]])).toEqual({ model: "BSM" });
    expect(errorOf(() => readParams(aliased, [["model", "bs"], ["optionModel", "bs"]])).message).toBe("params: parameter model is given twice");
    // the valid names listed are the parameters' own names
    expect(errorOf(() => readParams(aliased, [["modl", "bs"]])).message).toBe("params: unknown parameter 'modl'; valid names: model");
  });
});
