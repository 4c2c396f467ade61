/**
 * Straight-line functions compiled once from the field table. Intake runs them a million times per
 * file; a loop over the table with a switch per field and a property looked up by name costs about
 * twice a hand-written function (measured with bench:intake), while code written out per field
 * keeps the table the one description and runs as fast as the hand-written functions it replaced.
 * Only names from the table and integers go into the code, each checked here.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name for generated code: refused unless it is a plain identifier. */
export function prop(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`field table: '${name}' is not a plain identifier`);
  return name;
}

/** An integer (a header position, a count) for generated code. */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`field table: ${n} is not an integer`);
  return String(n);
}

/** A JSON literal (a default value) for generated code. */
export function literal(v: boolean | string | null): string {
  return JSON.stringify(v);
}

/** Compiles the function `(params) => { body }`. */
export function compile<F>(params: readonly string[], body: string): F {
  for (const p of params) prop(p);
  return new Function(...params, body) as F;
}
