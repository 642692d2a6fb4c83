import { dec, progressive } from "../../src/money";

describe("progressive schedules (MR7 brackets, MR9 tiers, collateral discounts)", () => {
  const brackets = [{ upTo: 250_000, rate: 1 }, { upTo: 500_000, rate: 2 }, { upTo: 1_000_000, rate: 4 }, { rate: 6 }];
  test("each slice at its own rate: 600,000 → 250k × 1 + 250k × 2 + 100k × 4 = 1,150,000", () => {
    expect(progressive(dec(600_000), brackets).toNumber()).toBe(1_150_000);
  });
  test("a bound belongs to the lower slice, and the charge never jumps at a bound", () => {
    expect(progressive(dec(250_000), brackets).toNumber()).toBe(250_000);
    expect(progressive(dec("250000.01"), brackets).toNumber()).toBe(250_000.02);
  });
  test("the last slice is open-ended; amounts ≤ 0 give 0", () => {
    // 1M in the first three slices = 250k + 500k + 2M = 2.75M, then 1M more at 6
    expect(progressive(dec(2_000_000), brackets).toNumber()).toBe(8_750_000);
    expect(progressive(dec(-5), brackets).toNumber()).toBe(0);
  });
  test("SPEC §6.1: 10,000,000 at 0.75 %, 1.75 %, 2.5 % → 202,500", () => {
    const tiers = [{ upTo: 1e6, rate: "0.0075" }, { upTo: 5e6, rate: "0.0175" }, { upTo: 1e7, rate: "0.025" }];
    expect(progressive(dec(1e7), tiers).toNumber()).toBe(202_500);
  });
});
