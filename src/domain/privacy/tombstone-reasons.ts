import type { LocalizedText } from '../rules/judgement.ts';

/**
 * Why something was deleted, as a tombstone says it. The tombstone stores the Dutch sentence (the
 * record of what happened, kept as written); the screens read it back in the reader's language by
 * recognising which of these sentences it is and with which numbers. A sentence this list does not
 * know (an older wording) is shown as stored.
 */
export const TOMBSTONE_REASONS = {
  unpicked: (months: number): LocalizedText => ({
    nl: `bewaartermijn verstreken: signaal niet opgepakt, ${months} maanden na ontvangst`,
    en: `retention term ended: signal not picked up, ${months} months after receipt`,
  }),
  'picked-up': (months: number): LocalizedText => ({
    nl: `bewaartermijn verstreken: signaal van afgesloten, opgepakte zaak, ${months} maanden na ontvangst`,
    en: `retention term ended: signal of a closed, picked-up case, ${months} months after receipt`,
  }),
  cases: (months: number): LocalizedText => ({
    nl: `bewaartermijn verstreken: zaakdossier ${months} maanden na afsluiten`,
    en: `retention term ended: case file ${months} months after closing`,
  }),
  'batch-results': (months: number, batches: number): LocalizedText => ({
    nl: `bewaartermijn verstreken: leveringsresultaten ${months} maanden na ontvangst (${batches} leveringen)`,
    en: `retention term ended: delivery results ${months} months after receipt (${batches} deliveries)`,
  }),
  objection: (): LocalizedText => ({
    nl: 'bezwaar van de inwoner, ontvangen na het signaal: verwerking gestopt, persoonsgegevens verwijderd',
    en: "the resident's objection, received after the signal: processing stopped, personal data deleted",
  }),
} as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each reason's Dutch sentence as a pattern, its numbers captured (built from the sentences above, so they cannot drift apart). */
const READERS: Array<{ pattern: RegExp; text: (n: number[]) => LocalizedText }> = Object.values(TOMBSTONE_REASONS).map((reason) => {
  const probe = (reason as (...n: number[]) => LocalizedText)(1111, 2222).nl;
  const pattern = new RegExp(`^${escape(probe).replace('1111', '(\\d+)').replace('2222', '(\\d+)')}$`);
  return { pattern, text: (n: number[]) => (reason as (...n: number[]) => LocalizedText)(...n) };
});

/** A stored tombstone reason in both languages: recognised, or as stored when it is not one of ours. */
export function tombstoneReasonText(stored: string): LocalizedText {
  for (const r of READERS) {
    const m = r.pattern.exec(stored);
    if (m) return r.text(m.slice(1).map(Number));
  }
  return { nl: stored, en: stored };
}
