import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { caseSender, caseSignal, compareWithExpectation } from '../../domain/rules/cases.ts';
import { evaluate } from '../../domain/rules/evaluate.ts';
import { DEFAULT_RULES_DIR, loadCaseFiles, loadRuleBook, loadRuleFiles, RuleFileError } from './load-rule-files.ts';

const FIXTURES = join(DEFAULT_RULES_DIR, '__fixtures__');

test('the rule files and registers pass their schemas and checks', () => {
  const loaded = loadRuleFiles();
  assert.ok(loaded.regulations.length >= 3);
  const ids = loaded.regulations.map((r) => `${r.id}/${r.valid_from}`);
  assert.ok(ids.includes('besluit-gemeentelijke-schuldhulpverlening/2021-01-01'));
  assert.ok(ids.includes('tijdelijke-regeling-signaal-betalingsachterstanden/2022-01-01'));
  assert.ok(ids.includes('tijdelijke-regeling-signaal-betalingsachterstanden/2023-05-01'));
  assert.ok(ids.includes('tijdelijke-regeling-signaal-betalingsachterstanden/2024-04-01'));
  assert.ok(ids.includes('tijdelijke-regeling-signaal-betalingsachterstanden/2025-05-16'));
  assert.ok(ids.includes('regeling-afsluitbeleid-kleinverbruikers-elektriciteit-en-gas/2023-04-01'));
  assert.ok(!loaded.files.some((f) => f.includes('__fixtures__')), 'fixtures are not part of the real rules');
});

test('every rule row cites article and a dated https URL', () => {
  const book = loadRuleBook();
  for (const rules of book.rulesByType.values()) {
    for (const r of rules) {
      for (const c of [r.designation, r.senderCitation, r.municipalityCitation, r.dataCitation, ...r.conditions.map((x) => x.citation)]) {
        assert.ok(c.article.length > 0, `${r.id}: citation without article`);
        assert.match(c.url, /^https:\/\//, `${r.id}: citation without URL`);
        assert.match(c.url, /(\d{4}-\d{2}-\d{2}|stcrt-\d{4}-\d+|stb-\d{4}-\d+)/, `${r.id}: URL is not dated: ${c.url}`);
      }
    }
  }
});

test('a new experiment signal is picked up from a data file, without code changes', () => {
  const dir = join(FIXTURES, 'waterschapsbelasting');
  const book = loadRuleBook([DEFAULT_RULES_DIR, dir]);
  assert.ok(book.rulesByType.has('water_board_tax'));
  assert.ok(!loadRuleBook().rulesByType.has('water_board_tax'), 'the real rules do not know it');
  const files = loadCaseFiles([dir]);
  assert.equal(files.length, 1);
  for (const { doc } of files) {
    for (const c of doc.cases) {
      const j = evaluate(caseSignal(doc, c), caseSender(c), book);
      assert.deepEqual(compareWithExpectation(j, c.expect), [], c.name);
    }
  }
});

test('an extension of the regulation is a new dated file only: the mortgage experiment one year longer', () => {
  const dir = join(FIXTURES, 'mortgage-extension');
  const book = loadRuleBook([DEFAULT_RULES_DIR, dir]);
  const mortgage = { reference: 'x', signalType: 'mortgage', signalDate: '2026-06-01', municipalityCode: 'GM0363', amount: '900', person: { surname: 'Boer' }, socialCollection: { personalContactAttemptedOn: '2026-05-02', debtAssistanceReferredOn: '2026-05-02', reminderSentOn: '2026-04-15', agreementOfferedInReminder: true, residentResponse: 'none' as const } };
  assert.equal(evaluate(mortgage, { organisationId: 'aegon' }, loadRuleBook()).refusals[0]?.code, 'REGULATION_LAPSED', 'without the extension: lapsed');
  assert.equal(evaluate(mortgage, { organisationId: 'aegon' }, book).decision, 'accepted', 'with it: in force');
  const files = loadCaseFiles([dir]);
  assert.equal(files.length, 1);
  for (const { doc } of files) {
    for (const c of doc.cases) assert.deepEqual(compareWithExpectation(evaluate(caseSignal(doc, c), caseSender(c), book), c.expect), [], c.name);
  }
});

test('a repeal must name a designation an earlier version had', () => {
  const repeal = `repeals:\n  - rule: tr-9.9-nothing\n    signal_type: nothing\n    citation: { article: I, item: B }\n`;
  const text = readFileSync(join(FIXTURES, 'mortgage-extension/tijdelijke-regeling-signaal-betalingsachterstanden/2026-01-01.yaml'), 'utf8').replace('social_collection:', `${repeal}social_collection:`);
  const dir = scratchRules({ 'tijdelijke-regeling-signaal-betalingsachterstanden/2026-01-01.yaml': text });
  assert.throws(() => loadRuleBook([DEFAULT_RULES_DIR, dir]), /no earlier version .* designates tr-9.9-nothing/);
});

test('a transitional bound before the lapse is refused', () => {
  const text = readFileSync(join(FIXTURES, 'mortgage-extension/tijdelijke-regeling-signaal-betalingsachterstanden/2026-01-01.yaml'), 'utf8').replace('signals_until: 2027-03-31', 'signals_until: 2026-06-30');
  const dir = scratchRules({ 'tijdelijke-regeling-signaal-betalingsachterstanden/2026-01-01.yaml': text });
  assert.throws(() => loadRuleBook([DEFAULT_RULES_DIR, dir]), /signals_until is before valid_until/);
});

test('a designation longer than five years (art. 10 Wgs) is refused by the loader', () => {
  assert.throws(
    () => loadRuleFiles([DEFAULT_RULES_DIR, join(FIXTURES, 'designation-too-long')]),
    (e: unknown) => e instanceof RuleFileError && e.problems.some((p) => p.includes('experiment-te-lang') && p.includes('5-year')),
  );
});

function scratchRules(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const fixture = readFileSync(join(FIXTURES, 'waterschapsbelasting/experiment-signaal-waterschapsbelasting/2026-07-01.yaml'), 'utf8');

test('a file whose name differs from its valid_from is refused', () => {
  const dir = scratchRules({ 'experiment-signaal-waterschapsbelasting/2026-08-01.yaml': fixture });
  assert.throws(() => loadRuleFiles([DEFAULT_RULES_DIR, join(FIXTURES, 'waterschapsbelasting'), dir]), /differs from the file name/);
});

test('a rule row without a citation fails the schema', () => {
  const broken = fixture.replace("      citation: { article: '3', paragraph: '2' }\n    municipalities:", '    municipalities:');
  assert.notEqual(broken, fixture);
  const dir = scratchRules({ 'experiment-signaal-waterschapsbelasting/2026-07-01.yaml': broken });
  assert.throws(
    () => loadRuleFiles([DEFAULT_RULES_DIR, dir]),
    (e: unknown) => e instanceof RuleFileError && e.problems.some((p) => p.includes('/rules/0/senders') && p.includes('citation')),
  );
});

test('a designation whose own period exceeds five years is refused even when the version is short', () => {
  const long = fixture.replace("designation: { citation: { article: '3', paragraph: '1' } }", "designation: { from: 2026-07-01, until: 2031-07-01, citation: { article: '3', paragraph: '1' } }");
  const dir = scratchRules({ 'experiment-signaal-waterschapsbelasting/2026-07-01.yaml': long, 'registers/kinds.yaml': readFileSync(join(FIXTURES, 'waterschapsbelasting/registers/organisation-kinds.yaml'), 'utf8') });
  assert.throws(() => loadRuleFiles([DEFAULT_RULES_DIR, dir]), (e: unknown) => e instanceof RuleFileError && e.problems.some((p) => p.includes('ws-3-water-board-tax')));
});

test('a temporary designation without an end is refused', () => {
  const open = fixture.replace('valid_until: 2030-06-30', 'valid_until: null');
  const dir = scratchRules({ 'experiment-signaal-waterschapsbelasting/2026-07-01.yaml': open });
  assert.throws(() => loadRuleFiles([DEFAULT_RULES_DIR, dir]), /must end/);
});
