import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePeriods, previousPeriod } from './compare-periods.ts';
import type { EvaluationTable } from './tables.ts';

test('the previous period: as many whole months before, else as many days before', () => {
  assert.deepEqual(previousPeriod('2025-03-01', '2025-03-31'), { from: '2025-02-01', to: '2025-02-28' });
  assert.deepEqual(previousPeriod('2025-01-01', '2025-03-31'), { from: '2024-10-01', to: '2024-12-31' });
  assert.deepEqual(previousPeriod('2025-03-05', '2025-03-11'), { from: '2025-02-26', to: '2025-03-04' });
  assert.deepEqual(previousPeriod('2024-01-01', '2024-12-31'), { from: '2023-01-01', to: '2023-12-31' });
  assert.deepEqual(previousPeriod('2025-01-01', '2025-12-31'), { from: '2024-01-01', to: '2024-12-31' });
  assert.deepEqual(previousPeriod('2025-06-10', '2025-06-10'), { from: '2025-06-09', to: '2025-06-09' });
});

const funnel = (row: Record<string, number | null>, suppressed: string[] = []): EvaluationTable => ({
  key: 'funnel',
  title: { nl: '', en: '' },
  dimension: 'total',
  columns: [],
  rows: [{ group: 'totaal', ...row, suppressed } as unknown as EvaluationTable['rows'][number]],
  notes: [],
});

test('each funnel figure with its change; a suppressed figure leaves its change unknown', () => {
  const c = comparePeriods(
    funnel({ accepted: 120, matched: 110, cases: 90, pickedUp: 60, contactAttempted: 50, reached: 20, helpAccepted: null, withOutcome: 40 }, ['helpAccepted']),
    funnel({ accepted: 100, matched: 100, cases: 80, pickedUp: 0, contactAttempted: 40, reached: 25, helpAccepted: 12, withOutcome: 30 }),
    { from: '2024-01-01', to: '2024-12-31' },
  );
  const row = (k: string) => c.rows.find((r) => r.figure === k)!;
  assert.deepEqual([row('accepted').change, row('accepted').changeShare], [20, 0.2]);
  assert.deepEqual([row('reached').change, row('reached').changeShare], [-5, -0.2]);
  assert.equal(row('pickedUp').changeShare, null, 'no share of a previous 0');
  assert.deepEqual([row('helpAccepted').current, row('helpAccepted').change], [null, null]);
  assert.deepEqual(c.rows.map((r) => r.figure), ['accepted', 'matched', 'cases', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted', 'withOutcome']);
});
