import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchedUntil, matchingPeriodOf, weekStart } from './matching-period.ts';

describe('matching periods per municipality', () => {
  it('weekly: the ISO week, Monday to Sunday, also across a year boundary', () => {
    assert.deepEqual(matchingPeriodOf('weekly', '2025-03-12'), { start: '2025-03-10', end: '2025-03-16' });
    assert.deepEqual(matchingPeriodOf('weekly', '2025-03-10'), { start: '2025-03-10', end: '2025-03-16' });
    assert.deepEqual(matchingPeriodOf('weekly', '2025-03-16'), { start: '2025-03-10', end: '2025-03-16' });
    assert.deepEqual(matchingPeriodOf('weekly', '2025-01-01'), { start: '2024-12-30', end: '2025-01-05' });
  });
  it('monthly and continuous: the calendar month', () => {
    assert.deepEqual(matchingPeriodOf('monthly', '2024-02-14'), { start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(matchingPeriodOf('continuous', '2025-12-31'), { start: '2025-12-01', end: '2025-12-31' });
  });
  it('matches only periods that are over', () => {
    assert.equal(matchedUntil('weekly', '2025-03-12'), '2025-03-09');
    assert.equal(matchedUntil('weekly', '2025-03-10'), '2025-03-09', 'on Monday the week before is over');
    assert.equal(matchedUntil('weekly', '2025-03-16'), '2025-03-09', 'on Sunday the week is not over yet');
    assert.equal(matchedUntil('monthly', '2025-03-12'), '2025-02-28');
    assert.equal(matchedUntil('continuous', '2025-03-12'), '9999-12-31');
  });
  it('a week starts on a Monday at most six days before (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const start = weekStart(iso);
        const days = (Date.parse(iso) - Date.parse(start)) / 86_400_000;
        return new Date(`${start}T00:00:00Z`).getUTCDay() === 1 && days >= 0 && days <= 6;
      }),
    );
  });
});
