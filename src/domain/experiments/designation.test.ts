import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR, loadRuleBook } from '../../app/rules/load-rule-files.ts';
import { designatedOn, designationOf } from './designation.ts';

test('the designation shown for an experiment is read from the dated rule files', () => {
  const book = loadRuleBook();
  const d = designationOf(book, ['tr-2.2-mortgage']);
  assert.deepEqual(d.missingRuleIds, []);
  assert.deepEqual(d.versions.map((v) => v.regulationVersion), [
    'tijdelijke-regeling-signaal-betalingsachterstanden/2022-01-01',
    'tijdelijke-regeling-signaal-betalingsachterstanden/2023-05-01',
    'tijdelijke-regeling-signaal-betalingsachterstanden/2024-04-01',
    'tijdelijke-regeling-signaal-betalingsachterstanden/2025-05-16',
  ]);
  const [first, , amended] = d.versions;
  assert.ok(!first!.senders.includes('Syntrus Achmea Real Estate & Finance'));
  assert.ok(amended!.senders.includes('Syntrus Achmea Real Estate & Finance'), 'the 2024 amendment added a lender');
  assert.ok(amended!.municipalities !== 'all' && amended!.municipalities.some((m) => m.name === 'Heerlen'));
  assert.ok(!amended!.dataCategories.includes('bsn'), 'no BSN for mortgages (art. 2.2 lid 2)');
  assert.equal(amended!.citation.article, '2.2');
  assert.equal(d.from, '2022-01-01');
  assert.equal(d.until, '2025-12-31');
  assert.ok(designatedOn(d, ['tr-2.2-mortgage'], '2023-05-01'));
  assert.ok(!designatedOn(d, ['tr-2.2-mortgage'], '2026-01-01'));
});

test('a new experiment’s signal appears as soon as its dated file is in the rules — no code change', () => {
  const ids = ['ws-3-water-board-tax'];
  assert.deepEqual(designationOf(loadRuleBook(), ids).missingRuleIds, ids);
  const withFixture = loadRuleBook([DEFAULT_RULES_DIR, join(DEFAULT_RULES_DIR, '__fixtures__', 'waterschapsbelasting')]);
  const d = designationOf(withFixture, ids);
  assert.deepEqual(d.missingRuleIds, []);
  assert.equal(d.versions[0]!.signalType, 'water_board_tax');
  assert.equal(d.from, '2026-07-01');
});
