/**
 * The index of a normalised postcode ('1234AB') as a small integer, so a national table fits in
 * typed arrays: PC4 (1000–9999) times the 676 letter pairs (F, I, O, Q, U and Y are never issued,
 * but the index does not rely on it); -1 when it is not a postcode.
 */
export function pc6Index(postcode: string): number {
  if (postcode.length !== 6) return -1;
  const pc4 = Number(postcode.slice(0, 4));
  const a = postcode.charCodeAt(4) - 65;
  const b = postcode.charCodeAt(5) - 65;
  if (!Number.isInteger(pc4) || pc4 < 1000 || a < 0 || a > 25 || b < 0 || b > 25) return -1;
  return pc4 * 676 + a * 26 + b;
}

export const pc4OfIndex = (index: number): number => Math.floor(index / 676);

/** A house number's number part ('12', '12a', '12-3' → 12), or -1 when it has none. */
export function houseNumberPart(houseNumber: string | undefined): number {
  if (!houseNumber) return -1;
  const m = /^\s*(\d{1,5})/.exec(houseNumber);
  return m ? Number(m[1]) : -1;
}

/** CBS municipality number (363) → code ('GM0363'). */
export const municipalityCodeOf = (n: number): string => `GM${String(n).padStart(4, '0')}`;
