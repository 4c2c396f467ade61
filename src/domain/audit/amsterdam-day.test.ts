import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amsterdamDayStart } from './amsterdam-day.ts';

test('a day begins at Amsterdam midnight, winter and summer time and the days the clocks change', () => {
  assert.equal(amsterdamDayStart('2026-01-15').toISOString(), '2026-01-14T23:00:00.000Z');
  assert.equal(amsterdamDayStart('2026-07-01').toISOString(), '2026-06-30T22:00:00.000Z');
  assert.equal(amsterdamDayStart('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(amsterdamDayStart('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z');
});
