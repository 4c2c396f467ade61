import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMultiple } from './multiple.ts';

describe('multiple (Divosa monitor: ≥ 2 signals at the address in one month)', () => {
  it('counts signals at the address in a month in which the case has one', () => {
    assert.equal(isMultiple(['2025-03-01'], ['2025-03-01', '2025-03-31']), true);
    assert.equal(isMultiple(['2025-03-01'], ['2025-03-01', '2025-04-01']), false, 'the next month is another month');
    assert.equal(isMultiple(['2025-03-01'], ['2025-03-01', '2025-03-01']), true, 'two signals the same day (one creditor or two)');
    assert.equal(isMultiple(['2025-03-01'], ['2025-03-01']), false);
    assert.equal(isMultiple(['2025-03-01', '2025-04-02'], ['2025-03-01', '2025-04-02', '2025-04-20']), true, 'any month of the case');
    assert.equal(isMultiple([], ['2025-03-01', '2025-03-02']), false);
  });
});
