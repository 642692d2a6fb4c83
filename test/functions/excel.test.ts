/** The error layer inside Excel: CustomFunctions.Error objects with the mapped codes and the message. */
import { excelError, run, runGrid } from "../../functions/excel";
import { numError } from "../../src/errors";

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

describe("inside Excel (CustomFunctions defined)", () => {
  const g = globalThis as Record<string, unknown>;
  beforeAll(() => {
    g.CustomFunctions = {
      Error: FakeError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
      associate: () => undefined,
    };
  });
  afterAll(() => {
    delete g.CustomFunctions;
  });

  test("errors are CustomFunctions.Error with Excel's codes and the message", () => {
    const e = excelError("#DIV/0!", "usedMargin: no margin in use");
    expect(e).toBeInstanceOf(FakeError);
    expect(e).toMatchObject({ code: "#DIV/0!", message: "usedMargin: no margin in use" });
  });
  test("run converts MarginError, NaN results and unexpected exceptions", () => {
    expect(run(() => { throw numError("vol: must be > 0"); })).toMatchObject({ code: "#NUM!", message: "vol: must be > 0" });
    expect(run(() => NaN)).toMatchObject({ code: "#NUM!" });
    expect(run(() => { throw new TypeError("boom"); })).toMatchObject({ code: "#VALUE!", message: "unexpected error: boom" });
  });
  test("runGrid returns a 1×1 range holding the error, so a spilled function's result keeps its shape", () => {
    const r = runGrid(() => { throw numError("bad"); });
    expect(r).toHaveLength(1);
    expect(r[0][0]).toMatchObject({ code: "#NUM!", message: "bad" });
    expect(runGrid(() => [[1, "a"], [Infinity, 2]])[0][0]).toMatchObject({ code: "#NUM!" });
  });
});
