/**
 * Canonical forms of what senders write in many ways. Pure, allocation-light: intake hot path.
 */

/** '1011 ab' → '1011AB'; returns undefined when it is not a Dutch postcode. */
export function normalisePostcode(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.replace(/\s+/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(s) ? s : undefined;
}

/** Euros as delivered ('812.50', 812.5, '812,50') → integer cents; undefined when not a number. */
export function toCents(raw: string | number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw * 100) : undefined;
  const s = raw.trim().replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return undefined;
  return Math.round(Number(s) * 100);
}
