import { listDistricts, listQueues, listRules, openCaseFacts } from '../../db/repositories/worklist.ts';
import { orderRules, previewCounts, ruleMatches, type QueueRule, type RuleConditions } from '../../domain/worklist/queue-rules.ts';
import { conditionsFromJson, parseRuleForm, type RuleFieldErrors, type RuleForm } from '../../domain/worklist/rule-input.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { classifyCases } from './classify-cases.ts';
import { ruleDistrictNames } from './district-names.ts';
import { NotFoundInMunicipality, ownMunicipality } from './own-municipality.ts';

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

export interface RuleDeletionPreview {
  /** The rule's place in the order (1 = first). */
  number: number;
  conditions: RuleConditions;
  queueId: string;
  /** Open cases the rule catches now. */
  caught: number;
  /** Where those cases would go without it (the next matching rule's queue; null: no queue), most first. */
  moves: Array<{ queueId: string | null; count: number }>;
}

/**
 * What deleting a rule would do, without deleting: how many open cases it catches now and to which
 * queue each would move (the next rule that matches it, else none). Counts only, no personal data.
 */
export async function previewRuleDeletion(deps: AppDeps, ctx: CallContext, ruleId: string): Promise<RuleDeletionPreview> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const [ruleRows, facts] = await Promise.all([listRules(deps.db, municipality), openCaseFacts(deps.db, municipality)]);
  const before = orderRules(ruleRows.map((r) => ({ id: r.id, queueId: r.queueId, position: r.position, conditions: conditionsFromJson(r.conditions) })));
  const index = before.findIndex((r) => r.id === ruleId);
  if (index < 0) throw new NotFoundInMunicipality(`rule ${ruleId}`);
  const rule = before[index]!;
  const after = before.filter((r) => r.id !== ruleId);
  const moves = new Map<string | null, number>();
  let caught = 0;
  for (const f of facts) {
    if (before.find((r) => ruleMatches(r.conditions, f))?.id !== ruleId) continue;
    caught++;
    const to = after.find((r) => ruleMatches(r.conditions, f))?.queueId ?? null;
    moves.set(to, (moves.get(to) ?? 0) + 1);
  }
  return { number: index + 1, conditions: rule.conditions, queueId: rule.queueId, caught, moves: [...moves].map(([queueId, count]) => ({ queueId, count })).sort((a, b) => b.count - a.count) };
}
