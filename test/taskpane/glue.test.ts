/**
 * The Excel glue where the preview does not reach, against office-addin-mock: a Positions table the
 * user built with other columns in another order, and Excel's own error codes in plain words.
 */
import { OfficeMockObject } from "office-addin-mock";
import { appendPositions } from "../../taskpane/actions";
import { plainError } from "../../taskpane/excelErrors";
import { InputProblem, rowFromForm } from "../../taskpane/layout";
import { valueError } from "../../src/errors";

/** Installs a mocked Excel whose workbook holds the user's table (on sheet Book) with these members. */
function installUserTable(table: Record<string, unknown>): void {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        tables: {
          // Returned as a plain object: Office.js sets isNullObject at sync, which the mock does not model.
          getItemOrNullObject: () => ({ isNullObject: false, worksheet: { name: "Book", load: () => undefined }, ...table }),
        },
        worksheets: { getItemOrNullObject: () => ({ isNullObject: false }) },
      },
    },
    run: async function (callback: (ctx: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  });
  (globalThis as unknown as { Excel: unknown }).Excel = mock;
}

test("rows go into a user's own Positions table in its column order (aliases understood, other columns blank)", async () => {
  const added: unknown[][][] = [];
  const validations: unknown[] = [];
  const column = () => ({ getDataBodyRange: () => ({ dataValidation: { clear: () => undefined, set rule(r: unknown) { validations.push(r); }, errorAlert: {} }, numberFormat: [] }) });
  installUserTable({
    getHeaderRowRange: () => ({ values: [["Qty", "Notes", "Underlying", "Type", "Mark"]], load: () => undefined }),
    rows: {
      count: 3,
      load: () => undefined,
      add(_i: unknown, values: unknown[][]) {
        added.push(values);
      },
    },
    columns: { getItemAt: column },
  });
  const row = rowFromForm({ Underlying: "AAPL", Type: "STOCK", Quantity: "10", Price: "190" });
  const out = await appendPositions([row], async () => {
    throw new Error("nothing is in the way: no question expected");
  });
  expect(out).toMatchObject({ written: true, message: "Added 1 position to table Positions on sheet Book." });
  expect(added).toEqual([[[10, "", "AAPL", "STOCK", 190]]]);
  // The Type column (4th) gets its drop-down list.
  expect(validations).toEqual([{ list: { inCellDropDown: true, source: "STOCK,CALL,PUT,FUTURE,PERP,SPOT" } }]);
});

test("a user's table without the required columns is refused before anything is written", async () => {
  installUserTable({
    getHeaderRowRange: () => ({ values: [["Name", "Qty"]], load: () => undefined }),
    rows: { count: 0, load: () => undefined, add: () => { throw new Error("must not write"); } },
  });
  const row = rowFromForm({ Underlying: "AAPL", Type: "STOCK", Quantity: "10", Price: "190" });
  await expect(appendPositions([row], async () => true)).rejects.toThrow(/has no Underlying, Type, Price column/);
});

test("Excel's error codes in plain words, Excel's text kept for support", () => {
  expect(plainError({ code: "AccessDenied", message: "The sheet is protected." })).toBe(
    "The workbook or sheet is protected or read-only, so nothing can be written. (Excel said: The sheet is protected.)",
  );
  expect(plainError({ code: "EditModeCellEditInProgress", message: "EditModeCellEditInProgress" })).toMatch(/press Enter or Esc/);
  expect(plainError({ code: "SomethingNew", message: "odd" })).toBe("Excel could not complete the change (SomethingNew: odd).");
  expect(plainError(new InputProblem("Step: the step must be greater than zero"))).toBe("Step: the step must be greater than zero");
  expect(plainError(valueError("row 2, Type: unknown"))).toBe("row 2, Type: unknown");
  expect(plainError("boom")).toBe("Something went wrong: boom");
});
