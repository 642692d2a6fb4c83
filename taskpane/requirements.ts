/**
 * The Excel JavaScript API requirement set the pane needs, checked at run time (not in the manifest).
 *
 * The highest members the pane calls are ExcelApi 1.8 (Range.dataValidation: the drop-down lists on
 * the Positions table); below that ExcelApi 1.7 (ChartSeries.setValues / setXAxisValues / add / delete,
 * NamedItem.formula), 1.6 (conditional formats), 1.4 (getItemOrNullObject, names.add, adding several
 * table rows at once, Range.getUsedRangeOrNullObject). test/taskpane/requirements.test.ts reads every
 * Excel member actions.ts uses from the Office.js type definitions and fails if one needs more.
 *
 * Why at run time: the manifest's requirements decide whether the whole add-in loads, custom functions
 * included; the MARGIN functions need no ExcelApi set at all, so an older Excel should keep them and
 * only the pane should say what it needs. (Every host that has SharedRuntime 1.1, which the manifest
 * does require, has ExcelApi 1.8 or later today, so the message is a safety net.)
 */
export const REQUIRED_EXCEL_API = "1.8";

interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** True when the host supports the pane's requirement set (or offers no way to ask, as outside Office). */
export function excelApiSupported(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office;
  const requirements = office?.context?.requirements;
  if (!requirements || typeof requirements.isSetSupported !== "function") return true;
  return requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API) === true;
}

export const UNSUPPORTED_MESSAGE =
  `This version of Excel lacks features the pane needs (Excel JavaScript API ${REQUIRED_EXCEL_API}: drop-down lists, ` +
  "conditional formats and chart series). The MARGIN functions still work in cells. To use the pane, update to " +
  "Microsoft 365, Excel 2021 or later, or use Excel on the web.";
