/**
 * Review of the securities rule sets (Reg T SPEC §4, securities PM SPEC §5, SPAN SPEC §7): defects
 * found in the audit, each with a hand-derived figure. Valuation 2026-01-02 (Reg T) / serial 46023
 * (PM); per 1 contract of 100 unless stated.
 */
import { customFunctions as f } from "../../functions/index";
import { expectExcelError } from "../helpers";
import { detail, margin, type Row } from "../regt/helpers";
import { HEADER as PM_HEADER, VAL as PM_VAL } from "../pm/helpers";

const MAR = "2026-03-20";
const JUN = "2026-06-19";

/** [strategy names], total of a Reg T book. */
function groups(rows: Row[], requirement: string | null = null): [string[], number] {
  const d = detail(rows, requirement);
  return [d.slice(1).map((r) => r[1] as string), d.slice(1).reduce((s, r) => s + (r[3] as number), 0)];
}

describe("Reg T: iron condors, iron butterflies and short boxes need their short legs to expire together", () => {
  // The wider-wing (or width) charge rests on "only one wing can lose at expiry". When the short put
  // and the short call expire on different dates both wings can lose, one after the other: S below 90
  // in March (the put wing loses 5), then above 112 by June (the call wing loses 7): 12 per share.
  test("short put in March, short call in June: two spreads, 580 + 790 = 1,370 (not the condor's 870)", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 90, exp: JUN, price: 0.8, s: 100 },
      { type: "PUT", qty: -1, k: 95, exp: MAR, price: 1.5, s: 100 },
      { type: "CALL", qty: -1, k: 105, exp: JUN, price: 2.6, s: 100 },
      { type: "CALL", qty: 1, k: 112, exp: JUN, price: 0.9, s: 100 },
    ];
    // put diagonal (long Jun 90 expires after the short Mar 95): long 0.80 × 100 = 80 + width 5 × 100 = 500 → 580
    // call vertical: long 0.90 × 100 = 90 + width (112 − 105) × 100 = 700 → 790
    // (the strangle would be call 2.60 + max(20 − 5, 10) = 17.60 → 1,760, + the put's 150, + the longs 170 = 2,080)
    const [names, total] = groups(rows);
    expect(total).toBe(1370);
    expect(names.sort()).toEqual(["Bear call spread", "Diagonal spread"]);
    expect(margin(rows)).toBe(1370);
  });

  test("short box whose short put expires in March and short call in June: 1,200 + 1,300 = 2,500 (not 1,500)", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 95, exp: JUN, price: 2, s: 100 },
      { type: "PUT", qty: -1, k: 105, exp: MAR, price: 6.2, s: 100 },
      { type: "CALL", qty: -1, k: 95, exp: JUN, price: 8, s: 100 },
      { type: "CALL", qty: 1, k: 105, exp: JUN, price: 3, s: 100 },
    ];
    // put side: long Jun 95 put 200 + width (105 − 95) × 100 = 1,000 → 1,200
    // call side: long Jun 105 call 300 + width 1,000 → 1,300
    expect(margin(rows)).toBe(2500);
  });

  test("iron butterfly with the short put in March and the short call in June: the two spreads", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 90, exp: JUN, price: 1, s: 100 },
      { type: "PUT", qty: -1, k: 100, exp: MAR, price: 3, s: 100 },
      { type: "CALL", qty: -1, k: 100, exp: JUN, price: 4.5, s: 100 },
      { type: "CALL", qty: 1, k: 110, exp: JUN, price: 1.2, s: 100 },
    ];
    // put diagonal 100 + 1,000 = 1,100; call vertical 120 + 1,000 = 1,120 → 2,220 (the fly would say 1,220)
    expect(margin(rows)).toBe(2220);
  });

  test("still an iron condor when the shorts expire together and the longs later: 80 + 90 + 7 × 100 = 870", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 90, exp: JUN, price: 0.8, s: 100 },
      { type: "PUT", qty: -1, k: 95, exp: MAR, price: 1.5, s: 100 },
      { type: "CALL", qty: -1, k: 105, exp: MAR, price: 2.6, s: 100 },
      { type: "CALL", qty: 1, k: 112, exp: JUN, price: 0.9, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Iron condor"], 870]);
  });
});

describe("PMMARGIN: a leverage that stretches the class range past −100 % names the row's Leverage", () => {
  const stock = (lev: number): unknown[] => ["SSO", "STOCK", 100, null, null, 50, null, null, null, "ETF", lev];
  test("3× ETF: ±45 % → 100 × 50 × 45 % = 2,250", () => {
    expect(f.PMMARGIN([PM_HEADER, stock(3)], [["valuationDate", PM_VAL]])).toBe(2250);
  });
  test("7× ETF: −15 % × 7 = −105 % is #NUM! at row 2, Leverage (not a 'priceMoves' argument the function does not have)", () => {
    expectExcelError(f.PMMARGIN([PM_HEADER, stock(7)], [["valuationDate", PM_VAL]]), "#NUM!", /row 2, Leverage: .*-105 %/);
  });
});
