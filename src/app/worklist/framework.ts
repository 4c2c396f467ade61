import { listDistricts, listQueues, listRules, openCaseFacts } from '../../db/repositories/worklist.ts';
import { orderRules, previewCounts, ruleMatches, type QueueRule } from '../../domain/worklist/queue-rules.ts';
import { conditionsFromJson, parseRuleForm, type RuleFieldErrors, type RuleForm } from '../../domain/worklist/rule-input.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from './classify-cases.ts';
import { ruleDistrictNames } from './district-names.ts';
import { ownMunicipality } from './own-municipality.ts';

/**
 * The weighing framework as a coordinator sees it: queues, rules in order, districts, and per
 * rule how many current open cases it catches (first match wins) — no personal data, counts only.
 */
export async function getFramework(deps: AppDeps, ctx: CallContext) {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  await classifyCases(deps, ctx, municipality);
  const [queues, ruleRows, districts, districtNames, facts] = await Promise.all([
    listQueues(deps.db, municipality),
    listRules(deps.db, municipality),
    listDistricts(deps.db, municipality),
    ruleDistrictNames(deps.db, municipality),
    openCaseFacts(deps.db, municipality),
  ]);
  const rules: QueueRule[] = orderRules(ruleRows.map((r) => ({ id: r.id, queueId: r.queueId, position: r.position, conditions: conditionsFromJson(r.conditions) })));
  const counts = previewCounts(rules, facts);
  return { municipality, queues, rules, districts, districtNames, counts, openCases: facts.length };
}

export interface RulePreview {
  errors: RuleFieldErrors;
  /** Open cases the draft rule matches on its own. */
  matching: number;
  /** Of those, the ones it would catch in its place in the order (earlier rules take theirs first). */
  caught: number;
  /** Cases that would move to another queue than they are in now. */
  moved: number;
}

/**
 * What a draft rule would do if saved, without saving: how many open cases it matches and how many
 * it would catch at the given place in the order (replacing `ruleId` when editing).
 */
export async function previewRule(deps: AppDeps, ctx: CallContext, input: { form: RuleForm; queueId: string; position: number; ruleId?: string; signalTypes: readonly string[] }): Promise<RulePreview> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const [ruleRows, districts, facts] = await Promise.all([listRules(deps.db, municipality), ruleDistrictNames(deps.db, municipality), openCaseFacts(deps.db, municipality)]);
  const parsed = parseRuleForm(input.form, { signalTypes: new Set(input.signalTypes), districts: new Set(districts) });
  if (Object.keys(parsed.errors).length) return { errors: parsed.errors, matching: 0, caught: 0, moved: 0 };
  const current: QueueRule[] = ruleRows.map((r) => ({ id: r.id, queueId: r.queueId, position: r.position, conditions: conditionsFromJson(r.conditions) }));
  const draft: QueueRule = { id: input.ruleId ?? 'draft', queueId: input.queueId, position: input.position, conditions: parsed.conditions };
  const next = orderRules([...current.filter((r) => r.id !== input.ruleId), draft]);
  let matching = 0;
  let caught = 0;
  let moved = 0;
  const before = orderRules(current);
  for (const f of facts) {
    if (ruleMatches(draft.conditions, f)) matching++;
    const now = next.find((r) => ruleMatches(r.conditions, f));
    if (now?.id === draft.id) caught++;
    const was = before.find((r) => ruleMatches(r.conditions, f));
    if ((was?.queueId ?? null) !== (now?.queueId ?? null)) moved++;
  }
  return { errors: {}, matching, caught, moved };
}
