/**
 * Orders two strings by their UTF-16 code units: the same order on every machine and in every
 * locale, for identifiers (series keys, rule ids, label names) that are sorted to make output
 * stable. Not `localeCompare`: its order depends on the locale, and its first call loads ICU's
 * collation data, about 3 MB of resident memory for the agent's whole life.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
