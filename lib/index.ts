/**
 * The Node library: `require("margin-desk")`.
 *
 * - `customFunctions`: function id → the very function Excel calls (same arguments, results and
 *   errors; errors are `ExcelError` objects with `code` and `message`).
 * - `core`: the calculation core's typed API (instruments, models, rule sets).
 * - `parallel`: the scenario grid on worker threads (Node only: never part of the add-in bundle).
 */
export { customFunctions, type CustomFunctionId } from "../functions/index";
export { ExcelError, isExcelError } from "../functions/excel";
export * as core from "../src/index";
export * as parallel from "../src/models/scenarioParallel";
