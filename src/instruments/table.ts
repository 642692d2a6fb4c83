/**
 * Generic reading of a table argument (SPEC §0): a 2-D range with a header row (recognised by its
 * column names, case- and space-insensitive, in any order) or without one (columns in the documented
 * order). Blank rows are skipped; rows are numbered 1-based within the range, header included, so
 * "row 4" is the fourth row of the range the user selected.
 */
import { valueError } from "../errors";
import { asNumber, errorCodeOf, isBlank, show } from "./cells";

export interface ColumnSpec {
  /** Canonical name, as written in a header row and in messages. */
  name: string;
  /** Other accepted header spellings. */
  aliases?: readonly string[];
}

export interface TableRow {
  /** 1-based row number within the range. */
  row: number;
  /** Cell by canonical column name; undefined when the column is absent. */
  cells: Record<string, unknown>;
}

export interface Table {
  rows: TableRow[];
  hasHeader: boolean;
  /** Canonical names of the columns present. */
  columns: string[];
}

export const normaliseName = (s: string): string => s.toLowerCase().replace(/[\s_\-./()%]+/g, "");

/** Any range-like input as a rectangular 2-D array (a scalar is a 1×1 range, a 1-D array one row). */
export function toGrid(v: unknown, what: string): unknown[][] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return [[v]];
  if (v.length === 0) return [];
  const rows = v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : [v as unknown[]];
  for (const r of rows) {
    for (const c of r) {
      if (Array.isArray(c)) throw valueError(`${what}: a range cannot contain nested ranges`);
    }
  }
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => (r.length === width ? r : [...r, ...new Array<unknown>(width - r.length).fill(null)]));
}

export const isBlankRow = (r: readonly unknown[]): boolean => r.every(isBlank);

/**
 * The numbers of a range given as one row or one column (`items` names them in the message: "the
 * moves"). Blank cells are skipped; a bad cell is named by its position, "priceMoves, value 3".
 */
export function readNumberLine(grid: readonly (readonly unknown[])[], what: string, items: string): number[] {
  if (grid.length > 1 && grid[0].length > 1) {
    throw valueError(`${what}: give ${items} as one row or one column, not a ${grid.length} × ${grid[0].length} range`);
  }
  const cells = grid.length === 1 ? grid[0] : grid.map((r) => r[0]);
  return cells.flatMap((c, i) => (isBlank(c) ? [] : [asNumber(c, `${what}, value ${i + 1}`)]));
}

const LOOKUPS = new WeakMap<readonly ColumnSpec[], ReadonlyMap<string, string>>();

/** Each accepted header spelling, normalised → its column's name; built once per column list. */
function columnLookup(columns: readonly ColumnSpec[]): ReadonlyMap<string, string> {
  let lookup = LOOKUPS.get(columns);
  if (!lookup) {
    const m = new Map<string, string>();
    for (const c of columns) {
      for (const n of [c.name, ...(c.aliases ?? [])]) m.set(normaliseName(n), c.name);
    }
    LOOKUPS.set(columns, (lookup = m));
  }
  return lookup;
}

/** Reads a table argument against its column list. */
export function readTable(v: unknown, columns: readonly ColumnSpec[], what: string): Table {
  const grid = toGrid(v, what);
  const lookup = columnLookup(columns);
  const first = grid.findIndex((r) => !isBlankRow(r));
  if (first < 0) return { rows: [], hasHeader: false, columns: [] };

  const head = grid[first];
  const textCells = head.filter((c) => typeof c === "string" && !isBlank(c) && errorCodeOf(c) === undefined);
  const matches = textCells.filter((c) => lookup.has(normaliseName(c as string)));
  const hasHeader = matches.length > 0 && head.every((c) => isBlank(c) || typeof c === "string");

  let index: (string | undefined)[];
  if (hasHeader) {
    index = head.map((c, j) => {
      if (isBlank(c)) return undefined;
      const name = lookup.get(normaliseName(c as string));
      if (!name) {
        throw valueError(
          `${what}: unknown column ${show(c)} in the header (column ${j + 1}); ` +
            `valid columns: ${columns.map((x) => x.name).join(", ")}`,
        );
      }
      return name;
    });
    const seen = new Set<string>();
    for (const n of index) {
      if (n === undefined) continue;
      if (seen.has(n)) throw valueError(`${what}: column ${n} appears twice in the header`);
      seen.add(n);
    }
  } else {
    if (head.length > columns.length) {
      throw valueError(
        `${what}: ${head.length} columns without a header row, but only ${columns.length} are defined ` +
          `(${columns.map((x) => x.name).join(", ")}); add a header row`,
      );
    }
    index = head.map((_, j) => columns[j].name);
  }

  const rows: TableRow[] = [];
  for (let i = hasHeader ? first + 1 : first; i < grid.length; i++) {
    const r = grid[i];
    if (isBlankRow(r)) continue;
    const cells: Record<string, unknown> = {};
    r.forEach((c, j) => {
      const name = index[j];
      if (name !== undefined) cells[name] = c;
    });
    rows.push({ row: i + 1, cells });
  }
  return { rows, hasHeader, columns: index.filter((n): n is string => n !== undefined) };
}
