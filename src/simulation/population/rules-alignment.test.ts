/**
 * The generator and the rule data (rules/) speak the same language: every generated signal that
 * is not deliberately broken is accepted by the evaluator, and every deliberately broken one is
 * refused for the intended reason. Catches drift in type codes, sender ids, data categories,
 * designated municipalities and dates.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluate } from '../../domain/rules/evaluate.ts';
import { loadRuleBook } from '../../app/rules/load-rule-files.ts';
import { parsePopulationParams } from './params.ts';
import { generatePopulation } from './population.ts';
import { senderDirectory } from './sender-directory.ts';
import type { DefectKind } from './signal-builder.ts';
import { generateSignals } from './signal-stream.ts';

const params = parsePopulationParams(parse(readFileSync(new URL('../params/population.params.yaml', import.meta.url), 'utf8')));

const EXPECTED_CODE: Record<DefectKind | 'objected', string> = {
  bad_bsn: 'BSN_INVALID',
  bad_postcode: 'POSTCODE_INVALID',
  missing_field: '', // DATE_INVALID or REFERENCE_MISSING
  field_not_allowed: 'FIELD_NOT_ALLOWED',
  missing_social_collection: 'REMINDER_MISSING',
  objected: 'RESIDENT_OBJECTED',
};

test('generated signals are judged as intended by the rules, 2024 and 2025', () => {
  const base = loadRuleBook();
  const book = base.withOrganisations(senderDirectory(params).filter((p) => base.organisations.get(p.id) === undefined));
  // A smaller population over two years covers every designation window (the 2024 amendment too).
  const population = generatePopulation(params, 8, { scale: 0.15 });
  const wronglyRefused = new Map<string, number>();
  const wronglyAccepted = new Map<string, number>();
  const types = new Set<string>();
  let n = 0;
  for (const g of generateSignals(population, params, { firstMonth: '2024-01', months: 24 }, 8)) {
    n++;
    const j = evaluate(g.signal, { organisationId: g.senderId }, book);
    const flaw = g.truth.defect ?? (g.truth.objected ? 'objected' : undefined);
    if (flaw === undefined) {
      types.add(g.signal.signalType);
      if (j.decision !== 'accepted') {
        const key = `${g.signal.signalType} from ${g.senderId} in ${g.signal.municipalityCode} on ${g.signal.signalDate}: ${j.refusals.map((r) => r.code).join(', ')}`;
        wronglyRefused.set(key, (wronglyRefused.get(key) ?? 0) + 1);
      }
    } else {
      const expected = EXPECTED_CODE[flaw];
      const ok = j.decision === 'refused' && (expected === '' || j.refusals.some((r) => r.code === expected));
      if (!ok) wronglyAccepted.set(flaw, (wronglyAccepted.get(flaw) ?? 0) + 1);
    }
  }
  assert.ok(n > 50_000, `only ${n} signals`);
  assert.deepEqual([...wronglyRefused].slice(0, 10), []);
  assert.deepEqual([...wronglyAccepted], []);
  assert.deepEqual([...types].sort(), params.signalTypes.map((t) => t.code).sort());
});
