/**
 * Each rule and strategy on its own, with hand-checked figures (valuation 2026-01-02; short-dated
 * options expire 2026-03-20, long-dated 2026-12-18, more than 9 months away). Per 1 contract of 100.
 */
import { detail, margin, type Row } from "./helpers";

const LATE = "2026-12-18";

/** [strategy names], requirement total. */
function groups(rows: Row[], requirement: string | null = null, over = {}): [string[], number] {
  const d = detail(rows, requirement, over);
  return [d.slice(1).map((r) => r[1] as string), d.slice(1).reduce((s, r) => s + (r[3] as number), 0)];
}

describe("stock", () => {
  test("long stock: initial 50 %, maintenance 25 %", () => {
    expect(margin([{ type: "STOCK", qty: 100, price: 50 }], "maintenance")).toBe(1250); // 25% × 5,000
  });
  test("short stock at $50: initial 50 % = 2,500; maintenance 30 % = 1,500", () => {
    const row: Row[] = [{ type: "STOCK", qty: -100, price: 50 }];
    expect(margin(row, "initial")).toBe(2500);
    expect(margin(row, "maintenance")).toBe(1500);
  });
  test("short stock at $12: maintenance $5/share (> 30 % × 12 = 3.60) = 500; initial 50 % = 600", () => {
    const row: Row[] = [{ type: "STOCK", qty: -100, price: 12 }];
    expect(margin(row, "maintenance")).toBe(500);
    expect(margin(row, "initial")).toBe(600);
  });
  test("short stock at $8: initial never below maintenance (FINRA 4210(b)): max(50 % × 8 = 4, $5) = 500", () => {
    expect(margin([{ type: "STOCK", qty: -100, price: 8 }], "initial")).toBe(500);
  });
  test("short stock below $5: greater of 100 % and $2.50/share", () => {
    expect(margin([{ type: "STOCK", qty: -100, price: 4 }], "maintenance")).toBe(400); // 100% × 4
    expect(margin([{ type: "STOCK", qty: -100, price: 2 }], "maintenance")).toBe(250); // $2.50 > 2
    expect(margin([{ type: "STOCK", qty: -100, price: 2 }], "initial")).toBe(250); // max(1, 2.50)
  });
  test("stock Multiplier: 2 rows of 50 shares = 1 row of 100 = Quantity 1 × Multiplier 100", () => {
    const a = margin([{ type: "STOCK", qty: 50, price: 50 }, { type: "STOCK", qty: 50, price: 50 }]);
    const b = margin([{ type: "STOCK", qty: 1, price: 50, mult: 100 }]);
    expect(a).toBe(2500);
    expect(b).toBe(2500);
  });
  test("rates are parameters", () => {
    expect(margin([{ type: "STOCK", qty: 100, price: 50 }], "initial", { longStockInitial: 0.6 })).toBe(3000);
    expect(margin([{ type: "STOCK", qty: -100, price: 12 }], "maintenance", { shortStockMinimum: 6 })).toBe(600);
  });
});

describe("long options", () => {
  test("up to 9 months: 100 % of premium (initial and maintenance)", () => {
    const row: Row[] = [{ type: "CALL", qty: 2, k: 100, price: 3.2, s: 100 }];
    expect(margin(row)).toBe(640); // 3.20 × 100 × 2
    expect(margin(row, "maintenance")).toBe(640);
  });
  test("more than 9 months: 75 % of value", () => {
    expect(margin([{ type: "PUT", qty: 1, k: 100, exp: LATE, price: 10, s: 100 }])).toBe(750); // 75% × 1,000
  });
  test("the 9-month line: 2026-10-02 (exactly 9 months) is 100 %, 2026-10-03 is 75 %", () => {
    expect(margin([{ type: "CALL", qty: 1, k: 100, exp: "2026-10-02", price: 4, s: 100 }])).toBe(400);
    expect(margin([{ type: "CALL", qty: 1, k: 100, exp: "2026-10-03", price: 4, s: 100 }])).toBe(300);
  });
  test("the valuation date decides: the same option valued on 2026-05-01 is within 9 months", () => {
    expect(margin([{ type: "PUT", qty: 1, k: 100, exp: LATE, price: 10, s: 100 }], null, { valuationDate: "2026-05-01" })).toBe(1000);
  });
});

describe("naked options", () => {
  test("leveraged ETF: both percentages × the leverage (2×: 40 % and 20 %)", () => {
    // short 50 put at 1.00, S = 52: 1 + max(40% × 52 − OTM 2, 20% × 50) = 1 + max(18.8, 10) = 19.80
    expect(margin([{ type: "PUT", qty: -1, k: 50, price: 1, s: 52, cls: "ETF", lev: 2 }])).toBe(1980);
  });
  test("deep out-of-the-money call: the 10 % × S minimum applies", () => {
    // short 150 call at 0.10, S = 100: 0.10 + max(20 − 50, 10) = 10.10
    expect(margin([{ type: "CALL", qty: -3, k: 150, price: 0.1, s: 100 }])).toBe(3030);
  });
  test("maintenance equals initial for options", () => {
    const row: Row[] = [{ type: "PUT", qty: -1, k: 80, price: 2, s: 95 }];
    expect(margin(row, "maintenance")).toBe(1000);
  });
});

describe("spreads", () => {
  const S = 102;
  test("bull call spread (debit): the long leg only: 500; net of proceeds 250", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 100, price: 5, s: S },
      { type: "CALL", qty: -1, k: 105, price: 2.5, s: S },
    ];
    expect(groups(rows)).toEqual([["Bull call spread"], 500]);
    expect(margin(rows, null, { netOfProceeds: true })).toBe(250);
  });
  test("bear call spread (credit): long 250 + width 5 × 100 = 750; net 750 − 500 = 250", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 105, price: 2.5, s: S },
      { type: "CALL", qty: -1, k: 100, price: 5, s: S },
    ];
    expect(groups(rows)).toEqual([["Bear call spread"], 750]);
    expect(margin(rows, null, { netOfProceeds: true })).toBe(250);
  });
  test("bear put spread (debit): the long leg only", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 105, price: 5, s: S },
      { type: "PUT", qty: -1, k: 100, price: 2.2, s: S },
    ];
    expect(groups(rows)).toEqual([["Bear put spread"], 500]);
  });
  test("calendar spread (long leg expires later): width 0, the long leg only = 400", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 100, exp: "2026-06-19", price: 4, s: 100 },
      { type: "CALL", qty: -1, k: 100, price: 2, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Calendar spread"], 400]);
  });
  test("diagonal: long Jun 105 call 250 + width 5 × 100 = 750", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 105, exp: "2026-06-19", price: 2.5, s: 100 },
      { type: "CALL", qty: -1, k: 100, price: 3, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Diagonal spread"], 750]);
  });
  test("calendar with the short leg expiring last: naked short 2,400 + long 200 = 2,600", () => {
    // short Jun 100 call at 4: 4 + max(20% × 100, 10% × 100) = 24 → 2,400; long Mar 100 call 2 → 200
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 100, price: 2, s: 100 },
      { type: "CALL", qty: -1, k: 100, exp: "2026-06-19", price: 4, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Calendar (short expires last)"], 2600]);
  });
  test("a long leg in a spread is paid in full even beyond 9 months", () => {
    // long Dec 100 put at 10 (1,000 in full; 750 alone) + short Mar 105 put at 6 (width 5 → 500) = 1,500
    // alone: 750 + naked put (6 + max(20 − 0, 10.5) = 26 → 2,600) = 3,350
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 100, exp: LATE, price: 10, s: 100 },
      { type: "PUT", qty: -1, k: 105, price: 6, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Diagonal spread"], 1500]);
  });
  test("a spread needs the long leg to expire on or after the short leg", () => {
    // long Mar 105 put, short Jun 100 put: no spread; long 500 + naked 100 put (3 + max(20, 10) = 23 → 2,300)
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 105, price: 5, s: 100 },
      { type: "PUT", qty: -1, k: 100, exp: "2026-06-19", price: 3, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Long put", "Naked put"], 2800]);
  });
});

describe("butterflies, condors, boxes", () => {
  test("call butterfly 95/100/105: no loss at expiry, the wings only: 800 + 200 = 1,000", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 95, price: 8, s: 100 },
      { type: "CALL", qty: -2, k: 100, price: 4.5, s: 100 },
      { type: "CALL", qty: 1, k: 105, price: 2, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Call butterfly"], 1000]);
  });
  test("broken-wing call butterfly 95/100/110: wings 900 + (10 − 5) × 100 = 1,400", () => {
    // the split (bull 95/100: 800; bear 110/100: 100 + 1,000) would be 1,900
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 95, price: 8, s: 100 },
      { type: "CALL", qty: -2, k: 100, price: 4.5, s: 100 },
      { type: "CALL", qty: 1, k: 110, price: 1, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Broken-wing call butterfly"], 1400]);
  });
  test("broken-wing put butterfly 90/100/105: wings + (10 − 5) × 100", () => {
    // long 90 put 0.5 (50) + long 105 put 6.5 (650) + lower wing 10 − upper wing 5 = 5 → 500: 1,200
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 90, price: 0.5, s: 100 },
      { type: "PUT", qty: -2, k: 100, price: 3, s: 100 },
      { type: "PUT", qty: 1, k: 105, price: 6.5, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Broken-wing put butterfly"], 1200]);
  });
  test("two butterflies: quantities 2/4/2", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 2, k: 95, price: 8, s: 100 },
      { type: "CALL", qty: -4, k: 100, price: 4.5, s: 100 },
      { type: "CALL", qty: 2, k: 105, price: 2, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Call butterfly"], 2000]);
    expect(detail(rows)[1][2]).toBe("+2 CALL 95 2026-03-20, -4 CALL 100 2026-03-20, +2 CALL 105 2026-03-20");
  });
  const condor: Row[] = [
    { type: "PUT", qty: 1, k: 90, price: 0.5, s: 100 },
    { type: "PUT", qty: -1, k: 95, price: 1.5, s: 100 },
    { type: "CALL", qty: -1, k: 105, price: 1.6, s: 100 },
    { type: "CALL", qty: 1, k: 112, price: 0.4, s: 100 },
  ];
  test("iron condor: longs 50 + 40 + the wider wing 7 × 100 = 790; net 790 − 150 − 160 = 480", () => {
    // two verticals would be 550 + 740 = 1,290; the strangle + longs 1,900
    expect(groups(condor)).toEqual([["Iron condor"], 790]);
    expect(margin(condor, null, { netOfProceeds: true })).toBe(480);
  });
  test("iron butterfly: longs 50 + 60 + wing 10 × 100 = 1,110", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 90, price: 0.5, s: 100 },
      { type: "PUT", qty: -1, k: 100, price: 3, s: 100 },
      { type: "CALL", qty: -1, k: 100, price: 3.2, s: 100 },
      { type: "CALL", qty: 1, k: 110, price: 0.6, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Iron butterfly"], 1110]);
  });
  test("short box 95/105: longs 150 + 190 + width 10 × 100 = 1,340 (two credit spreads: 2,340)", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 1, k: 95, price: 1.5, s: 100 },
      { type: "PUT", qty: -1, k: 105, price: 6.2, s: 100 },
      { type: "CALL", qty: -1, k: 95, price: 6.8, s: 100 },
      { type: "CALL", qty: 1, k: 105, price: 1.9, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Short box spread"], 1340]);
  });
  test("long box 95/105: the long legs in full, 680 + 620 = 1,300", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 95, price: 6.8, s: 100 },
      { type: "CALL", qty: -1, k: 105, price: 1.9, s: 100 },
      { type: "PUT", qty: 1, k: 105, price: 6.2, s: 100 },
      { type: "PUT", qty: -1, k: 95, price: 1.5, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Long box spread"], 1300]);
  });
});

describe("straddles", () => {
  test("short straddle: the greater naked (call 2,400) + the put's premium 350 = 2,750", () => {
    // call: 4 + 20 = 24 → 2,400; put: 3.5 + 20 = 23.5 → 2,350
    const rows: Row[] = [
      { type: "CALL", qty: -1, k: 100, price: 4, s: 100 },
      { type: "PUT", qty: -1, k: 100, price: 3.5, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Short straddle"], 2750]);
  });
  test("the put side greater: put naked + the call's premium", () => {
    // call 110 at 1: 1 + max(20 − 10, 10) = 11 → 1,100; put 105 at 6 (ITM): 6 + 20 = 26 → 2,600; + 100 = 2,700
    const rows: Row[] = [
      { type: "CALL", qty: -1, k: 110, price: 1, s: 100 },
      { type: "PUT", qty: -1, k: 105, price: 6, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Short strangle"], 2700]);
  });
});

describe("stock with options", () => {
  test("covered call: the stock's requirement, the call adds nothing (initial 2,500, maintenance 1,250)", () => {
    const rows: Row[] = [
      { type: "STOCK", qty: 100, price: 50 },
      { type: "CALL", qty: -1, k: 55, price: 1.2, s: 50 },
    ];
    expect(groups(rows)).toEqual([["Covered call"], 2500]);
    expect(margin(rows, "maintenance")).toBe(1250);
    expect(margin(rows, null, { netOfProceeds: true })).toBe(2380); // less the call's 120
  });
  test("100 shares cover one of two short calls: covered call 2,500 + naked call", () => {
    // naked 55 call at 1.2, S = 50: 1.2 + max(10 − 5, 5) = 6.2 → 620
    const rows: Row[] = [
      { type: "STOCK", qty: 100, price: 50 },
      { type: "CALL", qty: -2, k: 55, price: 1.2, s: 50 },
    ];
    expect(groups(rows)).toEqual([["Covered call", "Naked call"], 3120]);
  });
  test("an odd lot covers nothing: 150 shares and 2 calls → 1 covered call, 1 naked, 50 shares alone", () => {
    const rows: Row[] = [
      { type: "STOCK", qty: 150, price: 50 },
      { type: "CALL", qty: -2, k: 55, price: 1.2, s: 50 },
    ];
    // 2,500 + 1,250 (50 shares × 25) + 620
    expect(groups(rows)).toEqual([["Covered call", "Long stock", "Naked call"], 4370]);
  });
  test("covered put: short stock requirement + the put's in-the-money amount", () => {
    // short 100 at 50 + short 55 put (ITM 5): maintenance 15 + 5 = 20 → 2,000; initial 25 + 5 → 3,000
    const rows: Row[] = [
      { type: "STOCK", qty: -100, price: 50 },
      { type: "PUT", qty: -1, k: 55, price: 5.5, s: 50 },
    ];
    expect(groups(rows, "maintenance")).toEqual([["Covered put"], 2000]);
    expect(groups(rows, "initial")).toEqual([["Covered put"], 3000]);
  });
  test("protective put: initial stock 2,500 + put 110; maintenance capped at 10 % × 48 + OTM 2 = 6.80/share", () => {
    const rows: Row[] = [
      { type: "STOCK", qty: 100, price: 50 },
      { type: "PUT", qty: 1, k: 48, price: 1.1, s: 50 },
    ];
    expect(groups(rows, "initial")).toEqual([["Protective put"], 2610]);
    expect(groups(rows, "maintenance")).toEqual([["Protective put"], 790]); // 680 + 110
  });
  test("collar: maintenance the least of 12.50, 10 % × 45 + 5 = 9.50 and 25 % × 55 = 13.75 per share", () => {
    const rows: Row[] = [
      { type: "STOCK", qty: 100, price: 50 },
      { type: "PUT", qty: 1, k: 45, price: 0.6, s: 50 },
      { type: "CALL", qty: -1, k: 55, price: 0.9, s: 50 },
    ];
    expect(groups(rows, "initial")).toEqual([["Collar"], 2560]); // 2,500 + 60
    expect(groups(rows, "maintenance")).toEqual([["Collar"], 1010]); // 950 + 60
  });
  test("collar: the call-strike cap binds (25 % × 42 = 10.50 < 10 % × 40 + 10 = 14)", () => {
    const rows: Row[] = [
      { type: "STOCK", qty: 100, price: 50 },
      { type: "PUT", qty: 1, k: 40, price: 0.3, s: 50 },
      { type: "CALL", qty: -1, k: 42, price: 8.5, s: 50 },
    ];
    expect(groups(rows, "maintenance")).toEqual([["Collar"], 1080]); // 1,050 + 30
  });
  test("stock pairs only with options of its own underlying", () => {
    // SPY shares do not cover an SPX call: SPX call naked (broad index, 15%)
    const rows: Row[] = [
      { u: "SPY", type: "STOCK", qty: 1000, price: 500, cls: "ETF" },
      { u: "SPX", type: "CALL", qty: -1, k: 5100, price: 20, s: 5000, cls: "BROAD_INDEX" },
    ];
    // 50% × 500,000 = 250,000; call: 20 + max(750 − 100, 500) = 670 → 67,000
    expect(groups(rows)).toEqual([["Long stock", "Naked call"], 317000]);
  });
});

describe("netting", () => {
  test("rows that net to zero require nothing; REGTDETAIL shows the header only", () => {
    const rows: Row[] = [
      { type: "PUT", qty: 2, k: 80, price: 2, s: 95 },
      { type: "PUT", qty: -2, k: 80, price: 2, s: 95 },
    ];
    expect(margin(rows)).toBe(0);
    expect(detail(rows)).toEqual([["Underlying", "Strategy", "Legs", "Requirement", "Rule"]]);
  });
  test("one contract given two different marks stays two legs (here offsetting: the long leg in full)", () => {
    const rows: Row[] = [
      { type: "CALL", qty: 1, k: 100, price: 2, s: 100 },
      { type: "CALL", qty: -1, k: 100, price: 2.1, s: 100 },
    ];
    expect(groups(rows)).toEqual([["Offsetting calls"], 200]);
    expect(margin(rows, null, { netOfProceeds: true })).toBe(0); // max(0, 200 − 210)
  });
});
