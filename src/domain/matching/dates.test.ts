import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, monthEnd } from './dates.ts';

// The integer arithmetic must agree with the calendar as JavaScript's Date (UTC) knows it.
const viaDate = {
  addDays(d: string, n: number) {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() + n);
    return x.toISOString().slice(0, 10);
  },
  addMonths(d: string, months: number) {
    const x = new Date(`${d}T00:00:00Z`);
    const day = x.getUTCDate();
    x.setUTCDate(1);
    x.setUTCMonth(x.getUTCMonth() + months);
    const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0)).getUTCDate();
    x.setUTCDate(Math.min(day, last));
    return x.toISOString().slice(0, 10);
  },
};

const day = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2200, 11, 31) / 86_400_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

describe('calendar arithmetic on ISO dates', () => {
  it('adds days as the calendar does, across months, years and leap days', () => {
    fc.assert(fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => addDays(d, n) === viaDate.addDays(d, n)), { numRuns: 20_000 });
  });
  it('adds months, clamping to the last day of the month', () => {
    fc.assert(fc.property(day, fc.integer({ min: -120, max: 120 }), (d, n) => addMonths(d, n) === viaDate.addMonths(d, n)), { numRuns: 20_000 });
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(monthEnd('2024-02-10'), '2024-02-29');
  });
});
