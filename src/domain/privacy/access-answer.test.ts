import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAccessAnswer, maskBsn } from './access-answer.ts';
import { deletionDay, retentionCutoffs } from './retention.ts';
import { addDays } from '../matching/dates.ts';
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
  // Received 15 March 2025: 12 months on, the run of the night before 16 March 2026 is the first whose cut-off passes it
  // (it falls after closing on 1 June 2025); the case file goes 18 months after closing.
  assert.deepEqual(rows(buildAccessAnswer(doc(), ctx)), [['Signaal 1', 'in de nacht voor 16 maart 2026'], ['Zaak 3', 'in de nacht voor 2 december 2026']]);
  // Never picked up: 6 months after receipt.
  assert.deepEqual(rows(buildAccessAnswer(doc({ cases: [kase({ pickedUpOn: null, status: 'open', closedAt: null })] }), ctx))[0], ['Signaal 1', 'in de nacht voor 16 september 2025']);
  // Picked up, still open: not before the case is finished.
  assert.deepEqual(rows(buildAccessAnswer(doc({ cases: [kase({ closedAt: null, status: 'picked_up' })] }), ctx))[0], ['Signaal 1', '18 maanden na afronding van de zaak']);
});

test('nothing held: the answer says so, in English too', () => {
  const a = buildAccessAnswer(doc({ signals: [], cases: [], processing: [] }), { ...ctx, lang: 'en' });
  assert.match(a.intro.join(' '), /we found no data about you/);
  assert.equal(a.title, 'Answer to your access request');
});

test('the deletion night is the first run whose cut-off passes the record, as retention computes it (month ends too)', () => {
  const policy = { unpickedSignalMonths: 6, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 };
  for (const [received, expected] of [['2025-03-15', '2025-09-16'], ['2025-08-31', '2026-03-01'], ['2024-08-29', '2025-03-01'], ['2025-12-31', '2026-07-01']] as const) {
    assert.equal(deletionDay(received, 6), expected, received);
    // the run of that night (03:15) deletes a signal received that afternoon, the run of the night before does not
    const at = (d: string) => retentionCutoffs(policy, new Date(`${d}T02:15:00Z`)).unpickedReceivedBefore;
    const receivedAt = new Date(`${received}T14:00:00Z`);
    assert.ok(at(expected) > receivedAt, `${received}: gone in the night before ${expected}`);
    assert.ok(at(addDays(expected, -1)) <= receivedAt, `${received}: still there the night before`);
  }
});
