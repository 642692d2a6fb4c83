/**
 * A row whose option or future expired before the valuation date describes a position the account no
 * longer holds: every rule set reports it (#NUM!, row and column) instead of margining it. One that
 * expires on the valuation date itself is live.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";

const HEADER = ["Underlying", "Type", "Quantity", "Strike", "Expiry", "Price", "UnderlyingPrice", "IV", "Settle"];
const on = (date: string) => [["valuationDate", date]];
const securities = [HEADER, ["XYZ", "STOCK", 100, null, null, 50], ["XYZ", "PUT", -1, 45, "2026-11-20", 0.5, 50, 0.3]];
const crypto = [HEADER, ["BTC", "CALL", -1, 50000, "2026-11-20", 100, 45000, 0.5, "USD"]];
const MESSAGE = /^row 3, Expiry: the put expired on 2026-11-20, before the valuation date 2026-11-21/;

test("Reg T, PM, PMSCENARIO and SPANARRAY report an option that expired before the valuation date", () => {
  expectExcelError(f.REGTMARGIN(securities, "initial", on("2026-11-21")), "#NUM!", MESSAGE);
  expectExcelError(f.PMMARGIN(securities, on("2026-11-21")), "#NUM!", MESSAGE);
  expectExcelError(f.PMSCENARIO(securities, undefined, undefined, on("2026-11-21")), "#NUM!", MESSAGE);
  expectExcelError(f.SPANARRAY(securities, 0.1, 0.05, on("2026-11-21")), "#NUM!", MESSAGE);
});

test("the crypto functions report an expired option too", () => {
  expectExcelError(f.PMMMR(crypto, undefined, on("2026-11-21")), "#NUM!", /^row 2, Expiry: the call expired on 2026-11-20/);
});

test("an option expiring on the valuation date is live: Reg T margins it as a naked put", () => {
  // stock 50 % × 5,000 = 2,500; the put: 0.50 + max(20 % × 50 − 5 OTM, 10 % × 45) = 0.50 + 5 = 5.50 × 100 = 550
  expect(f.REGTMARGIN(securities, "initial", on("2026-11-20"))).toBe(3050);
  expect(typeof f.PMMARGIN(securities, on("2026-11-20"))).toBe("number");
  expect(typeof f.PMMMR(crypto, undefined, on("2026-11-20"))).toBe("number");
});
