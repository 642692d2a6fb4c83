/**
 * The `params` argument (SPEC §0): a two-column range of name and value overriding defaults by name.
 * Each rule set declares its parameters as a table of ParamSpecs (its defaults are data, in one place);
 * readParams validates a user's range against it. Unknown names are an error listing the valid ones,
 * so typos are caught. Node callers may pass a plain object instead of a range.
 */
import { numError, valueError } from "./errors";
import { asBool, asDate, asNumber, asText, isBlank, show, todaySerial } from "./instruments/cells";
import { normaliseName, toGrid } from "./instruments/table";

export interface ParamSpec<T> {
  kind: "number" | "boolean" | "date" | "text";
  /** Default value; for dates, undefined means "today (UTC)". */
  default: T;
  description: string;
  /** Other names accepted in a params range (a former or shared spelling), matched like the name. */
  aliases?: readonly string[];
  read(v: unknown, where: string): T;
}

export type ParamSpecs = Record<string, ParamSpec<unknown>>;
export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never };

export function numberParam(
  def: number,
  description: string,
  range: { min?: number; max?: number; minExclusive?: boolean } = {},
): ParamSpec<number> {
  return {
    kind: "number",
    default: def,
    description,
    read(v, where) {
      const x = asNumber(v, where);
      const { min, max, minExclusive } = range;
      if (min !== undefined && (minExclusive ? x <= min : x < min)) {
        throw numError(`${where}: ${x} must be ${minExclusive ? "greater than" : "at least"} ${min}`);
      }
      if (max !== undefined && x > max) throw numError(`${where}: ${x} must be at most ${max}`);
      return x;
    },
  };
}

export function boolParam(def: boolean, description: string): ParamSpec<boolean> {
  return { kind: "boolean", default: def, description, read: asBool };
}

/** A date parameter; its default (undefined) means today in UTC, resolved by `valuationDate()`. */
export function dateParam(description: string): ParamSpec<number | undefined> {
  return { kind: "date", default: undefined, description, read: asDate };
}

/** One of `choices`, in any letter case; `spellings` maps other accepted words to a choice. */
export function choiceParam<T extends string>(
  def: T,
  choices: readonly T[],
  description: string,
  spellings: Readonly<Record<string, T>> = {},
): ParamSpec<T> {
  const byWord = new Map<string, T>(choices.map((c) => [c.toLowerCase(), c]));
  for (const [word, c] of Object.entries(spellings)) byWord.set(word.toLowerCase(), c);
  return {
    kind: "text",
    default: def,
    description,
    read(v, where) {
      const c = byWord.get(asText(v, where).toLowerCase());
      if (c === undefined) throw valueError(`${where}: ${show(v)} is not one of ${choices.join(", ")}`);
      return c;
    },
  };
}

export function defaults<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) out[k] = s.default;
  return out as ParamValues<S>;
}

/** The name/value pairs of a params range (header row "Name, Value" optional) or object, blank rows skipped. */
export function paramPairs(v: unknown, what = "params"): [unknown, unknown][] {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>);
  }
  const grid = toGrid(v, what).filter((r) => !r.every(isBlank));
  if (grid.length === 0) return [];
  if (grid[0].length !== 2) {
    throw valueError(`${what}: expected two columns (name, value), got ${grid[0].length}`);
  }
  const first = grid[0].map((c) => (typeof c === "string" ? normaliseName(c) : ""));
  const header = first[0] === "name" && (first[1] === "value" || first[1] === "values");
  return (header ? grid.slice(1) : grid).map((r) => [r[0], r[1]]);
}

const NAMES = new WeakMap<ParamSpecs, ReadonlyMap<string, string>>();

/**
 * Each accepted name of the specs (its key and its aliases), normalised, → its key. Built once per
 * specs table: every custom-function call that takes a params range looks its names up here.
 */
export function paramNames(specs: ParamSpecs): ReadonlyMap<string, string> {
  let byName = NAMES.get(specs);
  if (!byName) {
    const m = new Map<string, string>();
    for (const [k, s] of Object.entries(specs)) {
      for (const n of [k, ...(s.aliases ?? [])]) m.set(normaliseName(n), k);
    }
    NAMES.set(specs, (byName = m));
  }
  return byName;
}

/**
 * Reads a params range (or object) against its specs. Blank values keep the default; unknown or
 * duplicated names (an alias and its name count as one) are errors.
 */
export function readParams<S extends ParamSpecs>(specs: S, v: unknown, what = "params"): ParamValues<S> {
  const out = defaults(specs) as Record<string, unknown>;
  const byName = paramNames(specs);
  const seen = new Set<string>();
  for (const [nameCell, value] of paramPairs(v, what)) {
    if (isBlank(nameCell)) {
      if (isBlank(value)) continue;
      throw valueError(`${what}: a value ${show(value)} has no name`);
    }
    const name = asText(nameCell, `${what}, name`);
    const key = byName.get(normaliseName(name));
    if (key === undefined) {
      throw valueError(`${what}: unknown parameter ${show(name)}; valid names: ${Object.keys(specs).join(", ")}`);
    }
    if (seen.has(key)) throw valueError(`${what}: parameter ${key} is given twice`);
    seen.add(key);
    if (!isBlank(value)) out[key] = specs[key].read(value, `${what}, ${key}`);
  }
  return out as ParamValues<S>;
}

/** The valuation date: the given serial, or today in UTC. */
export function valuationDate(p: { valuationDate?: number }): number {
  return p.valuationDate ?? todaySerial();
}

/** Rows for a parameters sheet: name, default value, description. */
export function paramTable(specs: ParamSpecs): [string, unknown, string][] {
  return Object.entries(specs).map(([k, s]) => [k, s.default ?? "", s.description]);
}
