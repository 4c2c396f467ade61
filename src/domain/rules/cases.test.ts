import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseSender, caseSignal, compareWithExpectation } from './cases.ts';
import { evaluate } from './evaluate.ts';
import { loadCaseFiles, loadRuleBook } from '../../app/rules/load-rule-files.ts';

/** Runs every case written next to the rules (rules/<regulation-id>/cases/*.yaml). */

const book = loadRuleBook();
const files = loadCaseFiles();

test('there are case files for every regulation', () => {
  const regulations = new Set(book.versions.map((v) => v.id));
  const covered = new Set(files.map((f) => f.doc.regulation));
  for (const r of regulations) assert.ok(covered.has(r), `no cases for ${r}`);
});

for (const { path, doc } of files) {
  describe(path.slice(path.indexOf('rules/')), () => {
    for (const c of doc.cases) {
      test(c.name, () => {
        const judgement = evaluate(caseSignal(doc, c), caseSender(c), book);
        const problems = compareWithExpectation(judgement, c.expect);
        assert.deepEqual(problems, [], `${c.name}\n  source: ${c.source}\n  got: ${JSON.stringify(judgement.refusals.map((r) => r.code))}`);
      });
    }
  });
}
