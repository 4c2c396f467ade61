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

/** Stable JSON (sorted keys) so that the same signal always hashes the same, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
