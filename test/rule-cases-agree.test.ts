import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { DEFAULT_RULES_DIR, loadCaseFiles } from '../src/app/rules/load-rule-files.ts';
import { caseSignal, compareWithExpectation, type CaseDoc, type CaseFileDoc } from '../src/domain/rules/cases.ts';
import type { Judgement } from '../src/domain/rules/judgement.ts';
import { runCheck } from '../src/cli/check.ts';
import { createApiKey } from '../src/app/users/create-api-key.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';

/**
 * The rule cases (rules/<regulation>/cases/*.yaml, and the mortgage-extension fixture) through the
 * two ways a sender can try a signal without storing it — `npm run check` and the API's dry run —
 * each giving the judgement the case demands. The same cases run against the evaluator itself in
 * src/domain/rules/cases.test.ts.
 */

/** Cases without a `today` of their own are judged on this day: after every signal date in them. */
const DEFAULT_TODAY = '2026-12-31';
const EXTENSION = join(DEFAULT_RULES_DIR, '__fixtures__', 'mortgage-extension');

interface ApiResult {
  outcome: string;
  regulationVersion?: string;
  ruleId?: string;
  applied: Judgement['applied'];
  refusals: Array<{ code: string; inputError: boolean; field?: string; citation?: Judgement['applied'][number]; message: string }>;
}

function asJudgement(r: ApiResult): Judgement {
  return {
    decision: r.outcome === 'accepted' ? 'accepted' : 'refused',
    ...(r.regulationVersion ? { regulationVersion: r.regulationVersion } : {}),
    ...(r.ruleId ? { ruleId: r.ruleId } : {}),
    applied: r.applied,
    refusals: r.refusals.map((x) => ({ code: x.code, inputError: x.inputError, ...(x.field ? { field: x.field } : {}), ...(x.citation ? { citation: x.citation } : {}), message: { nl: x.message, en: x.message } })),
  };
}

/** A case is judged on its own `today`, or on a day after its signal date (the standard signals have cases far ahead). */
function todayOf(file: CaseFileDoc, c: CaseDoc): string {
  if (c.today !== undefined) return c.today;
  const date = caseSignal(file, c).signalDate;
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && date > DEFAULT_TODAY ? date : DEFAULT_TODAY;
}

/** Does the case expect an input error, so that a reader or the API may refuse the row's shape before judging it? */
function aboutInput(c: CaseDoc): boolean {
  return (c.expect.refusals ?? []).some((r) => r.input_error === true || /INVALID|UNKNOWN|MISSING/.test(r.code));
}

const CASE_SETS = [
  { name: 'rules/', extraRules: [] as string[], files: () => loadCaseFiles() },
  { name: 'the mortgage-extension fixture', extraRules: [EXTENSION], files: () => loadCaseFiles([EXTENSION]) },
];

for (const set of CASE_SETS) {
  const engine = ENGINES[0]!;
  describe(`rule cases of ${set.name}: check and the API dry run judge as the cases demand (${engine.name})`, () => {
    let p: TestPlatform;
    let today = DEFAULT_TODAY;
    const keys = new Map<string, string>();
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));

    before(async () => {
      p = await startTestPlatform(engine, { intakeWorkers: 0, extraRulesDirs: set.extraRules, now: () => new Date(`${today}T10:00:00Z`) });
      for (const k of p.seed!.apiKeys) keys.set(k.organisation, k.token);
    });
    after(async () => {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function keyOf(org: string): Promise<string | undefined> {
      if (keys.has(org)) return keys.get(org);
      const exists = await p.deps.db.selectFrom('organisations').select('id').where('id', '=', org).executeTakeFirst();
      if (!exists) return undefined;
      const key = await createApiKey(p.deps, systemContext(org, 'rule-cases'), { name: 'rule cases', scopes: ['signals:submit'] });
      keys.set(org, key.token);
      return key.token;
    }

    /** `check` on a JSON Lines file holding the case's signal: its judgement, or undefined when the reader refused the row's shape. */
    async function viaCheck(file: CaseFileDoc, c: CaseDoc): Promise<Judgement | undefined> {
      const path = join(dir, 'case.jsonl');
      writeFileSync(path, `${JSON.stringify(caseSignal(file, c))}\n`);
      const out: string[] = [];
      await runCheck(
        { sender: c.sender, json: true, lang: 'nl', format: 'jsonl', file: path, senderKinds: [], rulesDirs: set.extraRules, today: todayOf(file, c) },
        (l) => out.push(l),
        () => undefined,
      );
      return (JSON.parse(out[0]!) as { judgement?: Judgement }).judgement;
    }

    for (const file of set.files()) {
      it(`${file.path.slice(file.path.indexOf('rules/'))}`, async () => {
        for (const c of file.doc.cases) {
          today = todayOf(file.doc, c);
          const expectedCodes = new Set((c.expect.refusals ?? []).map((r) => r.code));
          const checked = await viaCheck(file.doc, c);
          // Intake routes a signal without a municipality code by its address before judging it (the
          // evaluator alone reports MUNICIPALITY_MISSING): there check and the API must agree with each other.
          const routed = expectedCodes.has('MUNICIPALITY_MISSING');
          if (checked === undefined) assert.ok(aboutInput(c), `${c.name}: check could not read the row`);
          else if (!routed) assert.deepEqual(compareWithExpectation(checked, c.expect), [], `check: ${c.name}`);

          const key = await keyOf(c.sender);
          if (key === undefined) {
            // No API key can exist for an organisation unknown to the platform: check alone speaks for it.
            assert.ok(expectedCodes.has('SENDER_UNKNOWN'), `${c.name}: sender ${c.sender} is not on the platform`);
            continue;
          }
          const res = await fetch(`${p.url}/v1/signals?dryRun=true`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(caseSignal(file.doc, c)),
          });
          const body = (await res.json()) as { results?: ApiResult[]; invalidParams?: Array<{ name: string }> };
          if (res.status === 400) {
            // The API refuses a body of the wrong shape before judging it: the case must be about that input.
            assert.ok(aboutInput(c), `${c.name}: 400 ${JSON.stringify(body)}`);
            continue;
          }
          assert.equal(res.status, 200, `${c.name}: ${JSON.stringify(body)}`);
          const api = asJudgement(body.results![0]!);
          if (!routed) assert.deepEqual(compareWithExpectation(api, c.expect), [], `API dry run: ${c.name}`);
          else assert.deepEqual([api.decision, api.refusals.map((r) => r.code)], [checked?.decision, checked?.refusals.map((r) => r.code)], `routed: ${c.name}`);
        }
      });
    }
  });
}
