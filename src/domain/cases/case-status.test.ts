import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASE_STATUSES, CASE_TRANSITIONS, checkCaseTransition, checkReopen, reopenedStatus, REOPEN_REASON_MAX, REPEAT_RESULT, type CaseStatus } from './case-status.ts';

test('an open case is picked up by a first contact attempt or closed by an end result', () => {
  assert.deepEqual(checkCaseTransition({ status: 'open', result: null }, 'picked_up'), { allowed: true });
  assert.deepEqual(checkCaseTransition({ status: 'open', result: null }, 'closed'), { allowed: true });
  assert.deepEqual(checkCaseTransition({ status: 'picked_up', result: null }, 'closed'), { allowed: true });
});

test('keeping a status is no change (a later contact attempt), but a picked-up case does not go back to open', () => {
  assert.deepEqual(checkCaseTransition({ status: 'open', result: null }, 'open'), { allowed: true });
  assert.deepEqual(checkCaseTransition({ status: 'picked_up', result: null }, 'picked_up'), { allowed: true });
  assert.deepEqual(checkCaseTransition({ status: 'picked_up', result: null }, 'open'), { allowed: false, reason: 'a case that is picked_up cannot become open' });
});

test('a closed case takes no more work, and says so as the worklist always did', () => {
  const closed = { status: 'closed', result: 'Niet opgepakt: andere reden' } as const;
  assert.deepEqual(checkCaseTransition(closed, 'picked_up'), { allowed: false, reason: 'the case is closed' });
  assert.deepEqual(checkCaseTransition(closed, 'closed'), { allowed: false, reason: 'the case is already closed (Niet opgepakt: andere reden)' });
  assert.deepEqual(checkCaseTransition({ status: 'closed', result: null }, 'closed'), { allowed: false, reason: 'the case is already closed ()' });
  assert.equal(checkCaseTransition(closed, 'open').allowed, false, 'an end result a worker recorded is final');
});

test('only a case closed as a repeat opens again', () => {
  assert.deepEqual(checkCaseTransition({ status: 'closed', result: REPEAT_RESULT }, 'open'), { allowed: true });
  assert.equal(checkCaseTransition({ status: 'closed', result: REPEAT_RESULT }, 'picked_up').allowed, false);
});

test('the transition table names only known statuses', () => {
  for (const from of CASE_STATUSES) for (const to of Object.keys(CASE_TRANSITIONS[from])) assert.ok(CASE_STATUSES.includes(to as CaseStatus), `${from} → ${to}`);
});

test('a worker re-opens only a closed case, and only with a reason', () => {
  assert.deepEqual(checkReopen({ status: 'closed' }, 'resultaat per abuis vastgelegd'), { allowed: true });
  assert.deepEqual(checkReopen({ status: 'closed' }, '   '), { allowed: false, reason: 'a reason is required' });
  assert.equal(checkReopen({ status: 'closed' }, 'x'.repeat(REOPEN_REASON_MAX + 1)).allowed, false);
  assert.deepEqual(checkReopen({ status: 'open' }, 'reden'), { allowed: false, reason: 'the case is not closed' });
  assert.equal(checkReopen({ status: 'picked_up' }, 'reden').allowed, false);
  assert.deepEqual(checkReopen({ status: 'closed' }, 'reden', '77'), { allowed: false, reason: 'the household has an open case: 77' });
});

test('a re-opened case is picked up again when it was before, else open', () => {
  assert.equal(reopenedStatus({ picked_up_on: '2025-03-19' }), 'picked_up');
  assert.equal(reopenedStatus({ picked_up_on: null }), 'open');
});
