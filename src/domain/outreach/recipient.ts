import type { VisibleSignal } from '../worklist/visible-signal.ts';

/** Whom a message goes to, from only what the signals' rules allowed (contact_details). */
export interface Recipient {
  name: string;
  /** Street and number, then postcode and city: the lines of a window envelope. */
  addressLines: string[];
  email: string | null;
  phone: string | null;
}

/**
 * The resident as the newest signal whose rule allowed contact details names them (the fields
 * are already cut to the allowed categories by visibleSignalFields). A case whose signals allowed
 * no contact details has no recipient: the platform cannot write to it.
 */
export function recipientOf(signals: readonly VisibleSignal[]): Recipient | null {
  for (const s of [...signals].reverse()) {
    if (!s.categories.includes('contact_details') || !s.name) continue;
    return { name: s.name, addressLines: (s.address ?? '').split(', ').filter(Boolean), email: s.email || null, phone: s.phone || null };
  }
  return null;
}
