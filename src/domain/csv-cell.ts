/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading apostrophe, so opening a results file runs nothing a sender
 * typed into a reference (OWASP "CSV injection"). Numbers are written as numbers and never pass here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}
