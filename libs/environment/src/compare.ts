/**
 * Orders strings by UTF-16 code units. Unlike localeCompare, the result does not depend on the
 * machine's locale or ICU data, so artifacts sorted with it are the same bytes everywhere.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
