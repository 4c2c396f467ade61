import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { caseDeadline, dutchToday } from './deadlines.ts';
import { afterContactAttempt, parseContactAttempt, parseNote, parseOutcome, pickedUpOnClosing } from './case-work.ts';
import { isoWeekLabel, weeklySeries, weekStart } from './iso-weeks.ts';
import { visibleSignalFields, type StoredSignalFields } from './visible-signal.ts';

describe('case deadlines', () => {
  const open = { status: 'open' as const, legalDeadline: '2025-03-29', matchingDate: '2025-03-01' };

  it('is due at the earlier of the legal deadline and the own target', () => {
    const d = caseDeadline(open, 14, '2025-03-05');
    assert.equal(d.targetDate, '2025-03-15');
    assert.equal(d.due, '2025-03-15');
    assert.equal(d.state, 'on_time');
    assert.equal(d.daysLeft, 10);
    assert.equal(caseDeadline(open, null, '2025-03-05').due, '2025-03-29');
    assert.equal(caseDeadline({ ...open, legalDeadline: '2025-03-05' }, 14, '2025-03-02').due, '2025-03-05', 'a crisis deadline comes before the target');
  });

  it('stands out when the target or the legal deadline has passed, and stops once picked up', () => {
    assert.equal(caseDeadline(open, 14, '2025-03-13').state, 'due_soon');
    assert.equal(caseDeadline(open, 14, '2025-03-16').state, 'over_target');
    assert.equal(caseDeadline(open, 14, '2025-03-30').state, 'overdue');
    assert.equal(caseDeadline(open, 14, '2025-03-30').daysLeft, -15);
    assert.equal(caseDeadline({ ...open, status: 'picked_up' }, 14, '2025-04-30').state, 'done');
    assert.equal(caseDeadline(open, null, '2025-03-27', 0).state, 'on_time', 'no warning window');
  });

  it('warns in working days: over Easter two working days are five calendar days', () => {
    const easter = { status: 'open' as const, legalDeadline: '2026-04-07', matchingDate: '2026-03-10' };
    const d = caseDeadline(easter, null, '2026-04-02', 2);
    assert.equal(d.daysLeft, 5);
    assert.equal(d.workingDaysLeft, 2);
    assert.equal(d.state, 'due_soon');
    assert.equal(caseDeadline(easter, null, '2026-04-01', 2).state, 'on_time', 'three working days before');
  });

  it("takes today's date in the Netherlands", () => {
    assert.equal(dutchToday(new Date('2025-03-01T23:30:00Z')), '2025-03-02');
  });
});

describe('work on a case', () => {
  const limits = { today: '2025-03-10', notBefore: '2025-03-01' };
  it('accepts a DDAS contact attempt and refuses what DDAS does not know', () => {
    const ok = parseContactAttempt({ contactType: 'Telefoon', reached: 'yes', date: '2025-03-10', partOfDay: 'Ochtend' }, limits);
    assert.deepEqual(ok.value, { contactType: 'Telefoon', reached: true, date: '2025-03-10', partOfDay: 'Ochtend' });
    const bad = parseContactAttempt({ contactType: 'Fax', reached: '', date: '2025-03-11', partOfDay: 'Nacht' }, limits);
    assert.equal(bad.value, undefined);
    assert.deepEqual(Object.keys(bad.errors).sort(), ['contactType', 'date', 'partOfDay', 'reached']);
    assert.match(parseContactAttempt({ contactType: 'Brief', reached: 'no', date: '2025-02-28', partOfDay: '' }, limits).errors.date ?? '', /before the case/);
    assert.match(parseContactAttempt({ contactType: 'Brief', reached: 'no', date: '2025-02-30', partOfDay: '' }, limits).errors.date ?? '', /not a date/);
  });

  it('marks the case picked up at the first real attempt, not at an administrative step', () => {
    const a = { contactType: 'Brief' as const, reached: false, date: '2025-03-05', partOfDay: null };
    assert.deepEqual(afterContactAttempt({ status: 'open', pickedUpOn: null }, a), { status: 'picked_up', pickedUpOn: '2025-03-05' });
    assert.deepEqual(afterContactAttempt({ status: 'picked_up', pickedUpOn: '2025-03-03' }, a), { status: 'picked_up', pickedUpOn: '2025-03-03' });
    assert.deepEqual(afterContactAttempt({ status: 'open', pickedUpOn: null }, { ...a, contactType: 'Administratief' }), { status: 'open', pickedUpOn: null });
  });

  it('a result that means the case was taken up records datum_opgepakt when nothing did; a "not picked up" result does not', () => {
    assert.equal(pickedUpOnClosing(null, 'Inwoner al bekend bij schuldhulpverlening', '2025-04-01'), '2025-04-01');
    assert.equal(pickedUpOnClosing(null, 'Definitief geen contact kunnen krijgen', '2025-04-01'), '2025-04-01');
    assert.equal(pickedUpOnClosing('2025-03-03', '(Budget)advies en/of quick fix', '2025-04-01'), '2025-03-03');
    for (const r of ['Niet opgepakt: herhaalde melding', 'Niet opgepakt: andere reden', 'Inwoner is overleden', 'Persoon is geen inwoner (meer) in de gemeente'])
      assert.equal(pickedUpOnClosing(null, r, '2025-04-01'), null, r);
  });

  it('takes only DDAS end results and non-empty notes', () => {
    assert.equal(parseOutcome('(Budget)advies en/of quick fix').value, '(Budget)advies en/of quick fix');
    assert.ok(parseOutcome('Opgelost').errors.result);
    assert.equal(parseNote('  gebeld  ').value, 'gebeld');
    assert.ok(parseNote('   ').errors.body);
    assert.ok(parseNote('x'.repeat(4001)).errors.body);
  });
});

describe('ISO weeks of the workload view', () => {
  it('labels ISO weeks and fills weeks without cases', () => {
    assert.equal(weekStart('2025-03-13'), '2025-03-10');
    assert.equal(isoWeekLabel('2024-12-30'), '2025-W01');
    assert.equal(isoWeekLabel('2025-03-10'), '2025-W11');
    const s = weeklySeries('2025-03-13', 3, new Map([['2025-03-03', 4]]));
    assert.deepEqual(s.map((w) => [w.weekStart, w.count]), [['2025-02-24', 0], ['2025-03-03', 4], ['2025-03-10', 0]]);
  });
});

describe('what a worker sees of a signal', () => {
  const stored: StoredSignalFields = {
    id: '7', signal_type: 'mortgage', signal_date: '2025-03-01', crisis: false, amount_cents: '123456', components: null, arrear_start_date: '2024-11-01',
    bsn: '123456782', initials: 'J.', given_name: null, prefix: 'de', surname: 'Vries', street: 'Dorpsstraat', house_number: '12', house_number_addition: null,
    postcode: '1011AB', city: 'Amsterdam', phone: '0612345678', email: null, customer_number: 'K1',
  };
  it('shows only the data categories the rule allowed (mortgage: contact details and amount, no BSN)', () => {
    const v = visibleSignalFields(stored, ['contact_details', 'arrear_amount']);
    assert.equal(v.name, 'J. de Vries');
    assert.equal(v.address, 'Dorpsstraat 12, 1011AB Amsterdam');
    assert.equal(v.amountCents, 123456);
    assert.equal('bsn' in v, false);
    assert.equal('customerNumber' in v, false);
    assert.equal('arrearStartDate' in v, false);
    const none = visibleSignalFields(stored, []);
    assert.deepEqual(Object.keys(none).sort(), ['categories', 'crisis', 'id', 'signalDate', 'signalType']);
  });
});
