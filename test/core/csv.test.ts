import { parseDelimited } from "../../src/instruments/csv";
import { parsePositions } from "../../src/instruments/positions";

test("CSV with quotes, embedded commas and CRLF", () => {
  expect(parseDelimited('a,b,c\r\n1,"x, y","say ""hi"""\r\n,,\r\n')).toEqual([
    ["a", "b", "c"],
    ["1", "x, y", 'say "hi"'],
  ]);
});

test("tab-separated text as copied from a sheet, read as a positions table", () => {
  const text = "Underlying\tType\tQuantity\tStrike\tExpiry\tPrice\tUnderlyingPrice\nAAPL\tPUT\t-2\t180\t2026-12-18\t3.20\t190\n";
  const [p] = parsePositions(parseDelimited(text));
  expect(p).toMatchObject({ underlying: "AAPL", type: "PUT", quantity: -2, strike: 180, price: 3.2, underlyingPrice: 190 });
});

test("semicolon-separated (European exports)", () => {
  expect(parseDelimited("a;b\n1;2")).toEqual([["a", "b"], ["1", "2"]]);
});
