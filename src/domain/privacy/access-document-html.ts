import type { AccessDocument, AccessSignal } from './access-document.ts';

type Lang = 'nl' | 'en';

const T = {
  title: { nl: 'Inzage: gegevens over u bij vroegsignalering', en: 'Access: data about you in early signalling' },
  intro: {
    nl: 'Dit overzicht bevat alles wat het vroegsignaal-platform over u bewaart voor gemeente {m}, gevonden op {by}.',
    en: 'This overview holds everything the early-signalling platform keeps about you for municipality {m}, found by {by}.',
  },
  by: { bsn: { nl: 'burgerservicenummer', en: 'citizen service number' }, address: { nl: 'adres', en: 'address' } },
  generated: { nl: 'Opgesteld op', en: 'Generated at' },
  purpose: { nl: 'Doel en grondslag', en: 'Purpose and legal basis' },
  retention: { nl: 'Bewaartermijnen', en: 'Retention terms' },
  retentionText: {
    nl: 'Signalen die niet zijn opgepakt: {a} maanden na ontvangst. Opgepakte signalen: {b} maanden na ontvangst, zodra de zaak is afgesloten. Zaakdossiers: {c} maanden na afsluiten.',
    en: 'Signals not picked up: {a} months after receipt. Picked-up signals: {b} months after receipt, once the case is closed. Case files: {c} months after closing.',
  },
  signals: { nl: 'Signalen', en: 'Signals' },
  none: { nl: 'Geen.', en: 'None.' },
  cases: { nl: 'Zaken', en: 'Cases' },
  records: { nl: 'Vastgelegd bij uw zaken', en: 'Recorded about your cases' },
  processing: { nl: 'Verwerkingen (logboek)', en: 'Processing log' },
  truncated: { nl: 'Alleen de meest recente verwerkingen staan hier.', en: 'Only the most recent processing is listed.' },
  rights: {
    nl: 'Klopt iets niet, dan kunt u om correctie vragen; u kunt ook bezwaar maken. Neem daarvoor contact op met uw gemeente.',
    en: 'If something is wrong you can ask for it to be corrected; you can also object. Contact your municipality.',
  },
} as const;

const SIGNAL_FIELDS: Array<[{ nl: string; en: string }, (s: AccessSignal) => string | null]> = [
  [{ nl: 'Afzender (bron)', en: 'Sender (source)' }, (s) => s.sender],
  [{ nl: 'Schuldeiser', en: 'Creditor' }, (s) => s.creditor],
  [{ nl: 'Kenmerk afzender', en: "Sender's reference" }, (s) => s.reference],
  [{ nl: 'Soort signaal', en: 'Signal type' }, (s) => s.signalType],
  [{ nl: 'Signaaldatum', en: 'Signal date' }, (s) => s.signalDate],
  [{ nl: 'Ontvangen', en: 'Received' }, (s) => s.receivedAt],
  [{ nl: 'Status', en: 'Status' }, (s) => s.status],
  [{ nl: 'Achterstand (€)', en: 'Arrear (€)' }, (s) => s.amountEuros],
  [{ nl: 'BSN', en: 'BSN' }, (s) => s.bsn],
  [{ nl: 'Naam', en: 'Name' }, (s) => [s.person.initials, s.person.givenName, s.person.prefix, s.person.surname].filter(Boolean).join(' ') || null],
  [{ nl: 'Adres', en: 'Address' }, (s) => [s.address.street, s.address.houseNumber, s.address.houseNumberAddition, s.address.postcode, s.address.city].filter(Boolean).join(' ') || null],
  [{ nl: 'Telefoon', en: 'Phone' }, (s) => s.phone],
  [{ nl: 'E-mail', en: 'E-mail' }, (s) => s.email],
  [{ nl: 'Klantnummer', en: 'Customer number' }, (s) => s.customerNumber],
  [{ nl: 'Zaak', en: 'Case' }, (s) => s.caseId],
];

function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => escapeHtml(vars[k]));

/** The access document as a self-contained, printable HTML page (Dutch by default, English on request). */
export function renderAccessDocumentHtml(doc: AccessDocument, lang: Lang = 'nl'): string {
  const t = (x: { nl: string; en: string }) => x[lang];
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const signals = doc.signals.length
    ? doc.signals
        .map((s, i) => `<h3>${escapeHtml(t(T.signals))} ${i + 1}</h3><dl>${SIGNAL_FIELDS.map(([label, get]) => `<dt>${escapeHtml(t(label))}</dt><dd>${escapeHtml(get(s) ?? '—')}</dd>`).join('')}</dl>`)
        .join('')
    : `<p>${t(T.none)}</p>`;
  const cases = doc.cases.length
    ? table(
        ['#', 'Status', lang === 'nl' ? 'Geopend' : 'Opened', lang === 'nl' ? 'Signalen' : 'Signals', 'Deadline', lang === 'nl' ? 'Opgepakt' : 'Picked up', lang === 'nl' ? 'Resultaat' : 'Result', lang === 'nl' ? 'Afgesloten' : 'Closed'],
        doc.cases.map((c) => [c.id, c.status, c.openedAt, String(c.signalCount), c.deadline, c.pickedUpOn ?? '—', c.result ?? '—', c.closedAt ?? '—']),
      )
    : `<p>${t(T.none)}</p>`;
  const records = Object.entries(doc.records)
    .map(([name, rows]) => `<h3>${escapeHtml(name)}</h3>${table(Object.keys((rows[0] ?? {}) as object), rows.map((r) => Object.values(r as object).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '—')))))}`)
    .join('');
  const processing = table(
    [lang === 'nl' ? 'Wanneer' : 'When', lang === 'nl' ? 'Verwerking' : 'Activity', lang === 'nl' ? 'Door' : 'By', lang === 'nl' ? 'Organisatie' : 'Organisation', lang === 'nl' ? 'Uitkomst' : 'Outcome'],
    doc.processing.map((p) => [p.at, p.activity, p.actorType, p.organisation ?? '—', p.outcome]),
  );
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(T.title))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}dl{display:grid;grid-template-columns:14rem 1fr;gap:.25rem 1rem}dt{font-weight:600}</style>
</head><body><main>
<h1>${escapeHtml(t(T.title))}</h1>
<p>${fill(t(T.intro), { m: doc.municipalityCode, by: t(T.by[doc.foundBy]) })}</p>
<p>${escapeHtml(t(T.generated))}: ${escapeHtml(doc.generatedAt)}</p>
<h2>${escapeHtml(t(T.purpose))}</h2><p>${escapeHtml(doc.purpose[lang])}</p>
<h2>${escapeHtml(t(T.retention))}</h2><p>${fill(t(T.retentionText), { a: doc.retention.unpickedSignalMonths, b: doc.retention.pickedUpSignalMonths, c: doc.retention.caseMonthsAfterClosing })}</p>
<h2>${escapeHtml(t(T.signals))}</h2>${signals}
<h2>${escapeHtml(t(T.cases))}</h2>${cases}
${records ? `<h2>${escapeHtml(t(T.records))}</h2>${records}` : ''}
<h2>${escapeHtml(t(T.processing))}</h2>${processing}${doc.processingTruncated ? `<p>${escapeHtml(t(T.truncated))}</p>` : ''}
<p>${escapeHtml(t(T.rights))}</p>
</main></body></html>`;
}
