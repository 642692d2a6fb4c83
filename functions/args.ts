/**
 * Reading custom-function arguments: numbers, text, booleans and omitted arguments (Excel
 * passes null; null, undefined and an empty cell all mean "use the default"). Each reader names the
 * argument in its error message. Cell-level coercion lives in the core (src/instruments/cells), so the
 * task pane and the functions read values alike.
 */
import { asBool, asNumber, asText, isBlank, optional, scalar } from "../src/instruments/cells";

export function num(v: unknown, name: string): number {
  return asNumber(v, name);
}

export function optNum(v: unknown, name: string, def: number): number {
  return optional(v, def, asNumber, name);
}

export function text(v: unknown, name: string): string {
  return asText(v, name);
}

export function optBool(v: unknown, name: string, def: boolean): boolean {
  return optional(v, def, asBool, name);
}

export function omitted(v: unknown): boolean {
  return isBlank(Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? scalar(v, "") : v);
}
