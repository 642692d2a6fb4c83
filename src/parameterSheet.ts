/**
 * The parameters sheet (SPEC §0, §4–§6): every default parameter table of every rule set, laid out so a
 * user can see and edit it, each as a named range that the functions accept as their `params` (or
 * table) argument, so a rate edited in one place recalculates the book. Pure data and layout: the task
 * pane writes what `parameterSheetLayout()` returns.
 *
 * A rule set with a ParamSpecs table is listed once in PARAMETER_SECTIONS with the defined name the
 * workbook gets; crypto PM publishes its own tables (name/value pairs and tier tables) through
 * `cryptoParameterTables()`.
 */
import { type ParamSpecs, paramTable } from "./params";
import { REGT_PARAMS } from "./rules/regt/index";
import { PM_PARAMS } from "./rules/pm/index";
import { SPAN_PARAMS } from "./rules/span/index";
import { cryptoParameterTables } from "./rules/crypto/index";

export interface ParameterSection {
  /** Defined name of the range (header row included). */
  name: string;
  title: string;
  /** The argument that takes the range: "params", or a table argument such as "mr9Tiers". */
  argument: string;
  /** Function ids whose `argument` takes this range. */
  usedBy: readonly string[];
  /** The range as laid out on the sheet, header row first. */
  grid: readonly (readonly unknown[])[];
  /** One description per data row (below the header), written beside the range; may be empty. */
  descriptions: readonly string[];
}

/** A name/value `params` section from a rule set's ParamSpecs table. */
export function paramsSection(name: string, title: string, usedBy: readonly string[], specs: ParamSpecs): ParameterSection {
  const rows = paramTable(specs);
  return {
    name,
    title,
    argument: "params",
    usedBy,
    grid: [["Name", "Value"], ...rows.map(([n, v]) => [n, v])],
    descriptions: rows.map(([, , d]) => d),
  };
}

/** Every parameter table the workbook gets, in sheet order. */
export function parameterSections(): ParameterSection[] {
  return [
    paramsSection("REGT_PARAMS", "Reg T / FINRA 4210 / CBOE strategy-based margin (SPEC §4)", ["REGTMARGIN", "REGTDETAIL"], REGT_PARAMS),
    paramsSection("PM_PARAMS", "Securities portfolio margin and scenario grids (SPEC §5)", ["PMSCENARIO", "PMMARGIN", "PMCOMPARE"], PM_PARAMS),
    paramsSection("SPAN_PARAMS", "SPAN risk arrays (SPEC §7)", ["SPANARRAY"], SPAN_PARAMS),
    ...cryptoParameterTables().map((t) => ({
      name: t.name,
      title: t.title,
      argument: t.argument.split(/[\s/]+/)[0],
      usedBy: t.usedBy,
      grid: t.grid,
      descriptions: t.descriptions,
    })),
  ];
}

export interface NamedBlock {
  name: string;
  /** 0-based rows and columns on the sheet, inclusive. */
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
  comment: string;
}

export interface ParameterSheetLayout {
  /** Cell values, rows × `width` columns; "" is an empty cell. */
  cells: unknown[][];
  width: number;
  /** 0-based rows holding a section title (the sheet title is row 0). */
  titleRows: number[];
  /** 0-based rows holding a table's header row. */
  headerRows: number[];
  names: NamedBlock[];
}

const cellValue = (v: unknown): unknown => (v === undefined || v === null ? "" : v);

/** Lays out every section, one below the other: title, the named range, its descriptions beside it. */
export function parameterSheetLayout(sections: readonly ParameterSection[] = parameterSections()): ParameterSheetLayout {
  const gridWidth = (s: ParameterSection) => Math.max(...s.grid.map((r) => r.length));
  const width = Math.max(3, ...sections.map((s) => gridWidth(s) + (s.descriptions.length ? 1 : 0)));
  const cells: unknown[][] = [];
  const titleRows: number[] = [0];
  const headerRows: number[] = [];
  const names: NamedBlock[] = [];
  const push = (row: readonly unknown[]) => {
    const r = row.map(cellValue);
    while (r.length < width) r.push("");
    cells.push(r);
  };
  push(["Margin Desk parameters"]);
  push(["Defaults of every rule set. Edit a value and every formula that passes the named range recalculates. A blank date means today; a blank bound means “and above”."]);
  for (const s of sections) {
    push([]);
    titleRows.push(cells.length);
    push([`${s.name}: ${s.title}`]);
    const first = cells.length;
    const w = gridWidth(s);
    headerRows.push(first);
    s.grid.forEach((row, i) => {
      const padded = [...row];
      while (padded.length < w) padded.push("");
      if (s.descriptions.length) padded.push(i === 0 ? "Description" : (s.descriptions[i - 1] ?? ""));
      push(padded);
    });
    names.push({
      name: s.name,
      firstRow: first,
      lastRow: cells.length - 1,
      firstColumn: 0,
      lastColumn: w - 1,
      comment: `${s.title}. Pass as ${s.argument} of ${s.usedBy.join(", ")}.`,
    });
  }
  return { cells, width, titleRows, headerRows, names };
}

/**
 * The defined names to pass to a function, by argument, for the sections present in the workbook
 * (`present` holds upper-case names), e.g. PMMMR → { params: "CRYPTO_PARAMS", mr9Tiers: "CRYPTO_MR9_TIERS", … }.
 */
export function namedArguments(functionId: string, present: ReadonlySet<string>, sections: readonly ParameterSection[] = parameterSections()): Record<string, string> {
  const id = functionId.toUpperCase();
  const out: Record<string, string> = {};
  for (const s of sections) {
    if (s.usedBy.some((u) => u.toUpperCase() === id) && present.has(s.name.toUpperCase()) && out[s.argument] === undefined) {
      out[s.argument] = s.name;
    }
  }
  return out;
}
