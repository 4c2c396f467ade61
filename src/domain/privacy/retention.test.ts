import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchResultsCutoff, checkRetentionPolicy, DEFAULT_RETENTION, RETENTION_BOUNDS, retentionCutoffs } from './retention.ts';

const windows = { consecutiveMonths: 6, repeatMonths: 6, standardLookbackMonths: 12 };

test('the practice defaults are safe, with a warning that standard signals older than 6 months stop counting', () => {
  const r = checkRetentionPolicy(DEFAULT_RETENTION, windows);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings.map((w) => w.code), ['RETENTION_SHORTER_THAN_LOOKBACK']);
});

test('refuses terms shorter than the work needs, and says why', () => {
  const r = checkRetentionPolicy({ unpickedSignalMonths: 1, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 2 });
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [
    ['unpickedSignalMonths', 'RETENTION_TOO_SHORT'],
    ['caseMonthsAfterClosing', 'RETENTION_TOO_SHORT'],
  ]);
  assert.match(r.errors[0]!.message.nl, /minimaal 2.*art\. 4 Wgs/);
  assert.match(r.errors[1]!.message.en, /at least 3.*CBS/);
});

test('refuses terms longer than allowed, citing storage limitation', () => {
  const r = checkRetentionPolicy({ unpickedSignalMonths: 6, pickedUpSignalMonths: 25, caseMonthsAfterClosing: 120 });
  assert.deepEqual(r.errors.map((e) => e.code), ['RETENTION_TOO_LONG', 'RETENTION_TOO_LONG']);
  assert.match(r.errors[0]!.message.en, /at most 24.*5\(1\)\(e\) GDPR/);
});

test('refuses fractions, picked-up shorter than never-picked-up, and terms shorter than matching looks back', () => {
  assert.equal(checkRetentionPolicy({ ...DEFAULT_RETENTION, caseMonthsAfterClosing: 18.5 }).errors[0]!.code, 'RETENTION_NOT_WHOLE_MONTHS');
  assert.equal(checkRetentionPolicy({ unpickedSignalMonths: 9, pickedUpSignalMonths: 6, caseMonthsAfterClosing: 18 }).errors[0]!.code, 'RETENTION_PICKED_UP_SHORTER');
  const r = checkRetentionPolicy({ unpickedSignalMonths: 4, pickedUpSignalMonths: 12, caseMonthsAfterClosing: 18 }, { ...windows, repeatMonths: 9 });
  assert.deepEqual(r.errors.map((e) => e.code), ['RETENTION_SHORTER_THAN_MATCHING']);
  assert.match(r.errors[0]!.message.en, /at least 9 months/);
});

test('every bound is itself a safe policy at both ends', () => {
  const min = { unpickedSignalMonths: RETENTION_BOUNDS.unpickedSignalMonths.min, pickedUpSignalMonths: RETENTION_BOUNDS.pickedUpSignalMonths.min, caseMonthsAfterClosing: RETENTION_BOUNDS.caseMonthsAfterClosing.min };
  const max = { unpickedSignalMonths: RETENTION_BOUNDS.unpickedSignalMonths.max, pickedUpSignalMonths: RETENTION_BOUNDS.pickedUpSignalMonths.max, caseMonthsAfterClosing: RETENTION_BOUNDS.caseMonthsAfterClosing.max };
  assert.deepEqual(checkRetentionPolicy(min).errors, []);
  assert.deepEqual(checkRetentionPolicy(max).errors, []);
});

test('cut-offs are calendar months back, clamped at month ends', () => {
  const c = retentionCutoffs(DEFAULT_RETENTION, new Date('2026-08-31T03:15:00Z'));
  assert.equal(c.unpickedReceivedBefore.toISOString(), '2026-02-28T03:15:00.000Z');
  assert.equal(c.pickedUpReceivedBefore.toISOString(), '2025-08-31T03:15:00.000Z');
  assert.equal(c.caseClosedBefore.toISOString(), '2025-02-28T03:15:00.000Z');
  assert.equal(batchResultsCutoff(new Date('2026-08-31T03:15:00Z')).toISOString(), '2026-02-28T03:15:00.000Z');
});
