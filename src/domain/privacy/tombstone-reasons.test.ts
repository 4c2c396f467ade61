import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOMBSTONE_REASONS, tombstoneReasonText } from './tombstone-reasons.ts';

test('a stored tombstone reason reads back in both languages, with its numbers', () => {
  assert.deepEqual(tombstoneReasonText(TOMBSTONE_REASONS.unpicked(7).nl), TOMBSTONE_REASONS.unpicked(7));
  assert.equal(tombstoneReasonText('bewaartermijn verstreken: zaakdossier 18 maanden na afsluiten').en, 'retention term ended: case file 18 months after closing');
  assert.equal(tombstoneReasonText(TOMBSTONE_REASONS['picked-up'](12).nl).en, 'retention term ended: signal of a closed, picked-up case, 12 months after receipt');
  assert.equal(tombstoneReasonText(TOMBSTONE_REASONS['batch-results'](6, 3).nl).en, 'retention term ended: delivery results 6 months after receipt (3 deliveries)');
  assert.equal(tombstoneReasonText(TOMBSTONE_REASONS.objection().nl).en, "the resident's objection, received after the signal: processing stopped, personal data deleted");
});

test('a reason it does not know is shown as stored, in either language', () => {
  assert.deepEqual(tombstoneReasonText('handmatig verwijderd'), { nl: 'handmatig verwijderd', en: 'handmatig verwijderd' });
});
