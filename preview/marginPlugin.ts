/**
 * Every MARGIN.* custom function (functions/index.ts) registered in HyperFormula under its dotted
 * name, so the preview computes exactly what Excel computes with the add-in.
 *
 * Arguments arrive as Excel would pass them: ranges as 2-D arrays, empty cells as null, omitted
 * arguments as undefined, error cells as their error text. Results go back as numbers, text, booleans,
 * HyperFormula errors carrying the function's message, or spilled ranges.
 *
 * HyperFormula must know a spilled result's size before it computes it. The size comes from known
 * shapes (PMSCENARIO: price moves × vol moves; BSGREEKS: 2 × 5 …); for any other function the first
 * evaluation learns the real size and the workbook re-enters the formula (Workbook.relayoutSpills).
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import { customFunctions } from "../functions/index";

type Fn = (...args: unknown[]) => unknown;
type Address = { sheet: number; row: number; col: number };
type Size = { width: number; height: number };

const CODE_TO_TYPE: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#N/A": ErrorType.NA,
};

const TYPE_TO_TEXT: Record<string, string> = {
  DIV_BY_ZERO: "#DIV/0!",
  NA: "#N/A",
  NAME: "#NAME?",
  NUM: "#NUM!",
  REF: "#REF!",
  VALUE: "#VALUE!",
  CYCLE: "#CYCLE!",
  SPILL: "#SPILL!",
  ERROR: "#ERROR!",
};

/** Spill sizes known from the formula: (argument sizes, undefined when omitted) → width × height. */
export const KNOWN_SIZES: Readonly<Record<string, (args: (Size | undefined)[]) => Size>> = {
  // SPEC §5: rows = price moves (default: the 11-point grid), columns = vol moves (default {0}).
  PMSCENARIO: (a) => ({ width: a[2] ? a[2].width * a[2].height : 1, height: a[1] ? a[1].width * a[1].height : 11 }),
  BSGREEKS: () => ({ width: 5, height: 2 }),
  MR1GRID: () => ({ width: 3, height: 7 }),
  PMCOMPARE: () => ({ width: 6, height: 2 }),
  BORROWMARGIN: () => ({ width: 2, height: 1 }),
};

function toArg(v: unknown): unknown {
  if (v === undefined) return undefined;
  if (v === EmptyValue) return null;
  if (v instanceof SimpleRangeValue) return v.data.map((r) => r.map(toArg));
  if (v instanceof CellError) return TYPE_TO_TEXT[v.type] ?? "#VALUE!";
  if (v !== null && typeof v === "object" && "val" in (v as object)) return (v as { val: unknown }).val; // rich numbers
  return v;
}

function toCell(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  const o = v as { code?: unknown; message?: unknown };
  if (typeof o.code === "string") return new CellError(CODE_TO_TYPE[o.code] ?? ErrorType.VALUE, typeof o.message === "string" ? o.message : "");
  return new CellError(ErrorType.VALUE, "the function returned something that is not a cell value");
}

const addrKey = (a: Address, id: string) => `${a.sheet}:${a.row}:${a.col}:${id}`;

export interface MarginPlugin {
  /** Function ids registered. */
  ids: string[];
  /** Formula cells whose spill size was learned on evaluation and must be re-entered. */
  takeRelayout(): Address[];
}

let installed: MarginPlugin | undefined;

export function installMarginFunctions(): MarginPlugin {
  if (installed) return installed;
  const fns = customFunctions as unknown as Record<string, Fn>;
  const ids = Object.keys(fns).filter((k) => typeof fns[k] === "function");
  const learned = new Map<string, Size>();
  let relayout: Address[] = [];

  class Plugin extends FunctionPlugin {}
  const proto = Plugin.prototype as unknown as Record<string, unknown>;
  const implemented: Record<string, unknown> = {};

  for (const id of ids) {
    const fn = fns[id];
    const name = `MARGIN.${id}`;
    const sizeOf = function (this: FunctionPlugin, ast: { args: unknown[] }, state: { formulaAddress: Address }): ArraySize {
      const hint = learned.get(addrKey(state.formulaAddress, id));
      if (hint) return new ArraySize(hint.width, hint.height);
      const rule = KNOWN_SIZES[id];
      if (!rule) return ArraySize.scalar();
      const sizes = ast.args.map((a) => {
        if ((a as { type?: string }).type === "EMPTY") return undefined;
        const s = (this as unknown as { arraySizeForAst(a: unknown, st: unknown): ArraySize }).arraySizeForAst(a, state);
        return s.isScalar() && !s.isRef ? { width: 1, height: 1 } : { width: s.width, height: s.height };
      });
      const size = rule(sizes);
      return new ArraySize(size.width, size.height);
    };
    proto[`size_${id}`] = sizeOf;
    proto[`fn_${id}`] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: { formulaAddress: Address }) {
      const self = this as unknown as {
        runFunction(args: unknown[], state: unknown, meta: unknown, f: (...a: unknown[]) => unknown): unknown;
        metadata(n: string): unknown;
      };
      const expected = sizeOf.call(this, ast, state);
      return self.runFunction(ast.args, state, self.metadata(name), (...raw: unknown[]) => {
        let result: unknown;
        try {
          result = fn(...raw.map(toArg));
        } catch (e) {
          return new CellError(ErrorType.VALUE, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (!Array.isArray(result)) return toCell(result);
        const grid = result as unknown[][];
        const height = grid.length;
        const width = Math.max(1, ...grid.map((r) => r.length));
        if (height !== expected.height || width !== expected.width) {
          const k = addrKey(state.formulaAddress, id);
          const before = learned.get(k);
          if (!before || before.width !== width || before.height !== height) {
            learned.set(k, { width, height });
            relayout.push(state.formulaAddress);
          }
        }
        if (expected.isScalar()) return toCell(grid[0]?.[0]);
        const data = Array.from({ length: expected.height }, (_, i) => Array.from({ length: expected.width }, (_, j) => toCell(grid[i]?.[j])));
        return SimpleRangeValue.onlyValues(data as never);
      });
    };
    implemented[name] = {
      method: `fn_${id}`,
      sizeOfResultArrayMethod: `size_${id}`,
      parameters: Array.from({ length: Math.max(fn.length, 1) }, () => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
      vectorizationForbidden: true,
    };
  }
  (Plugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  const translations = Object.fromEntries(ids.map((id) => [`MARGIN.${id}`, `MARGIN.${id}`]));
  HyperFormula.registerFunctionPlugin(Plugin as never, { enGB: translations } as never);
  installed = {
    ids,
    takeRelayout() {
      const out = relayout;
      relayout = [];
      return out;
    },
  };
  return installed;
}
