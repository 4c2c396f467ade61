import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAccessAnswer, maskBsn } from './access-answer.ts';
import { ACCESS_PURPOSE, type AccessCase, type AccessDocument, type AccessSignal } from './access-document.ts';

const signal = (o: Partial<AccessSignal> = {}): AccessSignal => ({
  id: '7',
  sender: 'woco',
  creditor: 'woco',
  reference: 'r-1',
  signalType: 'rent',
  signalDate: '2025-03-14',
  receivedAt: '2025-03-15T09:00:00.000Z',
  status: 'Opgepakt',
  amountEuros: '812.50',
  bsn: '111222333',
  person: { initials: 'J.', givenName: null, prefix: 'de', surname: 'Vries' },
  address: { street: 'Damrak', houseNumber: '1', houseNumberAddition: null, postcode: '1012LG', city: 'Amsterdam' },
  phone: null,
  email: null,
  customerNumber: null,
  caseId: '3',
  ...o,
});
const kase = (o: Partial<AccessCase> = {}): AccessCase => ({
  id: '3',
  status: 'closed',
  openedAt: '2025-03-16T09:00:00.000Z',
  signalCount: 1,
  signalTypes: ['rent'],
  deadline: '2025-04-01',
  pickedUpOn: '2025-03-20',
  result: 'Vervolghulp',
  closedAt: '2025-06-01T10:00:00.000Z',
  flags: { multiple: false, consecutive: false, crisis: false, knownViaStandardSignals: false },
  ...o,
});
const doc = (o: Partial<AccessDocument> = {}): AccessDocument => ({
  generatedAt: '2025-07-01T10:00:00.000Z',
  municipalityCode: 'GM0363',
  foundBy: 'bsn',
  purpose: ACCESS_PURPOSE,
  retention: { unpickedSignalMonths: 6, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 },
  signals: [signal()],
  cases: [kase()],
  records: {},
  processing: [{ at: '2025-03-15T09:00:00.000Z', activity: 'signal.intake', actorType: 'api_key', organisation: 'GM0363', outcome: 'success' }],
  processingTruncated: false,
  objections: [],
  ...o,
});
const ctx = { lang: 'nl' as const, municipalityName: 'Gemeente Amsterdam', organisationNames: new Map([['woco', 'Woningcorporatie']]), signalTypeNames: new Map([['rent', 'Huurachterstand']]) };
const all = (a: ReturnType<typeof buildAccessAnswer>) => JSON.stringify(a);

test('the answer names the source and shows the BSN only masked', () => {
  const a = buildAccessAnswer(doc(), ctx);
  assert.equal(maskBsn('111222333'), '******333');
  assert.match(all(a), /Woningcorporatie meldde op 14 maart 2025 een betalingsachterstand \(Huurachterstand\)/);
  assert.match(all(a), /\*{6}333/);
  assert.doesNotMatch(all(a), /111222333/);
  assert.match(all(a), /signaal ontvangen/, 'audit activities in words');
});

test('deletion dates follow the retention rules: a picked-up signal goes with the later of its term and closing, at the latest with its case file', () => {
  const rows = (a: ReturnType<typeof buildAccessAnswer>) => a.sections.flatMap((s) => s.tables ?? []).find((t) => t.head[0] === 'Wat')!.rows;
  // Received 15 March 2025 + 12 months, after closing on 1 June 2025; the case file 18 months after closing.
  assert.deepEqual(rows(buildAccessAnswer(doc(), ctx)), [['Signaal 1', '15 maart 2026'], ['Zaak 3', '1 december 2026']]);
  // Never picked up: 6 months after receipt.
  assert.deepEqual(rows(buildAccessAnswer(doc({ cases: [kase({ pickedUpOn: null, status: 'open', closedAt: null })] }), ctx))[0], ['Signaal 1', '15 september 2025']);
  // Picked up, still open: not before the case is finished.
  assert.deepEqual(rows(buildAccessAnswer(doc({ cases: [kase({ closedAt: null, status: 'picked_up' })] }), ctx))[0], ['Signaal 1', '18 maanden na afronding van de zaak']);
});

test('nothing held: the answer says so, in English too', () => {
  const a = buildAccessAnswer(doc({ signals: [], cases: [], processing: [] }), { ...ctx, lang: 'en' });
  assert.match(a.intro.join(' '), /we found no data about you/);
  assert.equal(a.title, 'Answer to your access request');
});
