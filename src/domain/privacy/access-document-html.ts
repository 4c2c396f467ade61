import { defineMessages, textIn, type Locale } from '../i18n/index.ts';
import type { AccessDocument, AccessSignal } from './access-document.ts';

type Lang = Locale;

/**
 * The access document's own text (its data comes in the language it was recorded in).
 * @public Exported for the catalog test (src/domain/i18n/catalogs.test.ts), which checks every catalog.
 */
export const accessDocumentMessages = defineMessages({
  nl: {
    title: 'Inzage: gegevens over u bij vroegsignalering',
    intro: 'Dit overzicht bevat alles wat het vroegsignaal-platform over u bewaart voor gemeente {m}, gevonden op {by}.',
    byBsn: 'burgerservicenummer',
    byAddress: 'adres',
    generated: 'Opgesteld op',
    purpose: 'Doel en grondslag',
    retention: 'Bewaartermijnen',
    retentionText: 'Signalen die niet zijn opgepakt: {a} maanden na ontvangst. Opgepakte signalen: {b} maanden na ontvangst, zodra de zaak is afgesloten. Zaakdossiers: {c} maanden na afsluiten.',
    signals: 'Signalen',
    none: 'Geen.',
    cases: 'Zaken',
    records: 'Vastgelegd bij uw zaken',
    processing: 'Verwerkingen (logboek)',
    truncated: 'Alleen de meest recente verwerkingen staan hier.',
    rights: 'Klopt iets niet, dan kunt u om correctie vragen; u kunt ook bezwaar maken. Neem daarvoor contact op met uw gemeente.',
    sender: 'Afzender (bron)',
    creditor: 'Schuldeiser',
    reference: 'Kenmerk afzender',
    signalType: 'Soort signaal',
    signalDate: 'Signaaldatum',
    receivedAt: 'Ontvangen',
    status: 'Status',
    amount: 'Achterstand (€)',
    bsn: 'BSN',
    name: 'Naam',
    address: 'Adres',
    phone: 'Telefoon',
    email: 'E-mail',
    customerNumber: 'Klantnummer',
    case: 'Zaak',
    opened: 'Geopend',
    deadline: 'Deadline',
    pickedUp: 'Opgepakt',
    result: 'Resultaat',
    closed: 'Afgesloten',
    when: 'Wanneer',
    activity: 'Verwerking',
    actor: 'Door',
    organisation: 'Organisatie',
    outcome: 'Uitkomst',
  },
  en: {
    title: 'Access: data about you in early signalling',
    intro: 'This overview holds everything the early-signalling platform keeps about you for municipality {m}, found by {by}.',
    byBsn: 'citizen service number',
    byAddress: 'address',
    generated: 'Generated at',
    purpose: 'Purpose and legal basis',
    retention: 'Retention terms',
    retentionText: 'Signals not picked up: {a} months after receipt. Picked-up signals: {b} months after receipt, once the case is closed. Case files: {c} months after closing.',
    signals: 'Signals',
    none: 'None.',
    cases: 'Cases',
    records: 'Recorded about your cases',
    processing: 'Processing log',
    truncated: 'Only the most recent processing is listed.',
    rights: 'If something is wrong you can ask for it to be corrected; you can also object. Contact your municipality.',
    sender: 'Sender (source)',
    creditor: 'Creditor',
    reference: "Sender's reference",
    signalType: 'Signal type',
    signalDate: 'Signal date',
    receivedAt: 'Received',
    status: 'Status',
    amount: 'Arrear (€)',
    bsn: 'BSN',
    name: 'Name',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    customerNumber: 'Customer number',
    case: 'Case',
    opened: 'Opened',
    deadline: 'Deadline',
    pickedUp: 'Picked up',
    result: 'Result',
    closed: 'Closed',
    when: 'When',
    activity: 'Activity',
    actor: 'By',
    organisation: 'Organisation',
    outcome: 'Outcome',
  },
});
type Key = Parameters<ReturnType<typeof accessDocumentMessages>>[0];

const SIGNAL_FIELDS: Array<[Key, (s: AccessSignal) => string | null]> = [
  ['sender', (s) => s.sender],
  ['creditor', (s) => s.creditor],
  ['reference', (s) => s.reference],
  ['signalType', (s) => s.signalType],
  ['signalDate', (s) => s.signalDate],
  ['receivedAt', (s) => s.receivedAt],
  ['status', (s) => s.status],
  ['amount', (s) => s.amountEuros],
  ['bsn', (s) => s.bsn],
  ['name', (s) => [s.person.initials, s.person.givenName, s.person.prefix, s.person.surname].filter(Boolean).join(' ') || null],
  ['address', (s) => [s.address.street, s.address.houseNumber, s.address.houseNumberAddition, s.address.postcode, s.address.city].filter(Boolean).join(' ') || null],
  ['phone', (s) => s.phone],
  ['email', (s) => s.email],
  ['customerNumber', (s) => s.customerNumber],
  ['case', (s) => s.caseId],
];

function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The access document as a self-contained, printable HTML page (Dutch by default, English on request). */
export function renderAccessDocumentHtml(doc: AccessDocument, lang: Lang = 'nl'): string {
  const t = accessDocumentMessages(lang);
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const signals = doc.signals.length
    ? doc.signals
        .map((s, i) => `<h3>${escapeHtml(t('signals'))} ${i + 1}</h3><dl>${SIGNAL_FIELDS.map(([label, get]) => `<dt>${escapeHtml(t(label))}</dt><dd>${escapeHtml(get(s) ?? '—')}</dd>`).join('')}</dl>`)
        .join('')
    : `<p>${t('none')}</p>`;
  const cases = doc.cases.length
    ? table(
        ['#', t('status'), t('opened'), t('signals'), t('deadline'), t('pickedUp'), t('result'), t('closed')],
        doc.cases.map((c) => [c.id, c.status, c.openedAt, String(c.signalCount), c.deadline, c.pickedUpOn ?? '—', c.result ?? '—', c.closedAt ?? '—']),
      )
    : `<p>${t('none')}</p>`;
  const records = Object.entries(doc.records)
    .map(([name, rows]) => `<h3>${escapeHtml(name)}</h3>${table(Object.keys((rows[0] ?? {}) as object), rows.map((r) => Object.values(r as object).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '—')))))}`)
    .join('');
  const processing = table(
    [t('when'), t('activity'), t('actor'), t('organisation'), t('outcome')],
    doc.processing.map((p) => [p.at, p.activity, p.actorType, p.organisation ?? '—', p.outcome]),
  );
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}dl{display:grid;grid-template-columns:14rem 1fr;gap:.25rem 1rem}dt{font-weight:600}</style>
</head><body><main>
<h1>${escapeHtml(t('title'))}</h1>
<p>${escapeHtml(t('intro', { m: doc.municipalityCode, by: t(doc.foundBy === 'bsn' ? 'byBsn' : 'byAddress') }))}</p>
<p>${escapeHtml(t('generated'))}: ${escapeHtml(doc.generatedAt)}</p>
<h2>${escapeHtml(t('purpose'))}</h2><p>${escapeHtml(textIn(doc.purpose, lang))}</p>
<h2>${escapeHtml(t('retention'))}</h2><p>${escapeHtml(t('retentionText', { a: doc.retention.unpickedSignalMonths, b: doc.retention.pickedUpSignalMonths, c: doc.retention.caseMonthsAfterClosing }))}</p>
<h2>${escapeHtml(t('signals'))}</h2>${signals}
<h2>${escapeHtml(t('cases'))}</h2>${cases}
${records ? `<h2>${escapeHtml(t('records'))}</h2>${records}` : ''}
<h2>${escapeHtml(t('processing'))}</h2>${processing}${doc.processingTruncated ? `<p>${escapeHtml(t('truncated'))}</p>` : ''}
<p>${escapeHtml(t('rights'))}</p>
</main></body></html>`;
}
