import type { CbsAddressRow } from './cbs-layout.ts';

/**
 * The common line of the CBS address table read straight from the file's bytes, without making a
 * string: `1011AB;1;3630000;36300;363` (postcode as CBS writes it, plain numbers). Anything else —
 * quotes, spaces, prefixed codes, a bad value — is left to parseCbsLine, which accepts the other
 * notations and words the reason a line is refused. Nine and a half million lines, so it matters.
 */
export interface CbsRowBytes extends Omit<CbsAddressRow, 'postcode'> {
  /** Where the postcode's six bytes start in the buffer. */
  postcodeAt: number;
}

const SEMI = 59;

function digitsTo(bytes: Uint8Array, from: number, end: number, max: number): { value: number; next: number } | undefined {
  let v = 0;
  let i = from;
  for (; i < end && bytes[i] !== SEMI; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  if (i === from || i - from > max) return undefined;
  return { value: v, next: i + 1 };
}

const upper = (b: number | undefined) => b !== undefined && b >= 65 && b <= 90;
const digit = (b: number | undefined) => b !== undefined && b >= 48 && b <= 57;

/** The row on bytes [from, end) (no line break), or undefined when the slow path must decide. */
export function readCbsRowBytes(bytes: Uint8Array, from: number, end: number, out: CbsRowBytes): boolean {
  if (end - from < 15 || bytes[from + 6] !== SEMI) return false;
  if (!(bytes[from]! >= 49 && bytes[from]! <= 57) || !digit(bytes[from + 1]) || !digit(bytes[from + 2]) || !digit(bytes[from + 3])) return false;
  if (!upper(bytes[from + 4]) || !upper(bytes[from + 5])) return false;
  const hn = digitsTo(bytes, from + 7, end, 5);
  if (!hn || hn.value < 1) return false;
  const bu = digitsTo(bytes, hn.next, end, 8);
  if (!bu) return false;
  const wk = digitsTo(bytes, bu.next, end, 6);
  if (!wk) return false;
  const gm = digitsTo(bytes, wk.next, end, 4);
  if (!gm || gm.next !== end + 1 || gm.value < 1) return false;
  if (Math.floor(bu.value / 100) !== wk.value || Math.floor(wk.value / 100) !== gm.value) return false;
  out.postcodeAt = from;
  out.houseNumber = hn.value;
  out.neighbourhood = bu.value;
  out.district = wk.value;
  out.municipality = gm.value;
  return true;
}
