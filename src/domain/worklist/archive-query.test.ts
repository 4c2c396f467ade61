import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dutchDayStart, nextDay, parseArchiveQuery } from './archive-query.ts';

test('the archive searches a name by its surname key, never the raw name', () => {
  assert.deepEqual(parseArchiveQuery({ name: ' Van der Meer ' }).value, { surnameKey: 'meer' });
  assert.deepEqual(parseArchiveQuery({ name: 'Yılmaz' }).value, { surnameKey: 'yilmaz' });
});

test('the archive checks case number, postcode and period', () => {
  assert.deepEqual(parseArchiveQuery({ caseId: '42', postcode: '1011 ab', from: '2025-01-01', to: '2025-03-31' }).value, {
    caseId: '42',
    postcode: '1011AB',
    closedFrom: '2025-01-01',
    closedTo: '2025-03-31',
  });
  assert.deepEqual(parseArchiveQuery({ caseId: '4x', postcode: '0123AB', from: '2025-02-30' }).errors, {
    caseId: 'not a case number',
    postcode: 'not a postcode (1234 AB)',
    from: 'not a date (YYYY-MM-DD)',
  });
  assert.deepEqual(parseArchiveQuery({ from: '2025-04-01', to: '2025-03-01' }).errors, { to: 'the end is before the start' });
});

test('the archive is no list of every closed case: one criterion at least', () => {
  assert.ok(parseArchiveQuery({ caseId: ' ', name: '' }).errors.form);
});

test('a period is Dutch calendar days', () => {
  assert.equal(dutchDayStart('2025-01-15').toISOString(), '2025-01-14T23:00:00.000Z');
  assert.equal(dutchDayStart('2025-07-15').toISOString(), '2025-07-14T22:00:00.000Z');
  assert.equal(nextDay('2024-02-28'), '2024-02-29');
});
