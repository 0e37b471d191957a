/**
 * Text order that is the same on every machine: UTF-16 code units, as `Array.prototype.sort` uses.
 * `localeCompare` follows the user's locale (LC_ALL), so it would change which version of a country counts
 * and the order of reports from one desk to the next.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
