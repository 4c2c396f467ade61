import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planningOf } from './planning.ts';

test('about four months from the 80 % plan to the start', () => {
  const p = planningOf({ plan80On: '2025-01-15', plannedStart: '2025-03-01', plannedEnd: '2029-02-28', startedOn: null });
  assert.equal(p.earliestStart, '2025-05-15');
  assert.equal(p.startTooEarly, true);
  assert.match(p.warnings[0]!.nl, /2025-05-15/);
  assert.equal(p.latestEnd, '2030-02-28');
  assert.equal(p.evaluationDue, '2028-03-01', 'report within three years (TR art. 1.3)');
  const ok = planningOf({ plan80On: '2025-01-15', plannedStart: '2025-06-01', plannedEnd: '2030-06-01', startedOn: null });
  assert.equal(ok.startTooEarly, false);
  assert.ok(ok.warnings.some((w) => /langer dan 5 jaar/.test(w.nl)));
});
