import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASE_STATUSES } from '../cases/case-status.ts';
import { creditorFeedbackStatus, DDAS_SIGNAL_STATUSES } from './creditor-feedback.ts';
import { CREDITOR_VISIBLE_STATUSES, matchesStatusFilter, storedStatusesFor } from './creditor-status-filter.ts';

test('every filter option selects exactly the stored signals that show as it', () => {
  const stored = [...DDAS_SIGNAL_STATUSES, 'in behandeling'];
  const cases = [null, ...CASE_STATUSES];
  for (const visible of CREDITOR_VISIBLE_STATUSES) {
    const f = storedStatusesFor(visible)!;
    for (const s of stored)
      for (const c of cases) assert.equal(matchesStatusFilter(f, s, c), creditorFeedbackStatus(s, c) === visible, `${visible}: ${s} / ${c}`);
  }
  assert.ok(!CREDITOR_VISIBLE_STATUSES.includes('Niet opgepakt: andere reden'), 'the reason is never an option');
  assert.equal(storedStatusesFor('Niet opgepakt: andere reden'), undefined);
});
