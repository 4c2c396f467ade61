import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { appendHistory, countExperiments, insertExperiment, replaceArms, replaceCapacity, replaceParticipants, replacePreselectionRules, upsertGroundRule } from '../../db/repositories/experiments.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { armDesignErrors, type AssignmentMethod } from '../../domain/experiments/arms.ts';
import { isGroundRuleCode } from '../../domain/experiments/ground-rules.ts';
import { preselectionRuleErrors, type PreselectionRule } from '../../domain/experiments/preselection.ts';
import { isStage } from '../../domain/experiments/stages.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import type { AppDeps } from '../context.ts';

const EXPERIMENTS_FILE = new URL('./experiments.yaml', import.meta.url);

interface SeedExperiment {
  id: string;
  name: LocalizedText;
  stage: string;
  stop_reason?: string;
  summary?: string;
  signal_type?: string;
  rule_ids?: string[];
  research_questions?: LocalizedText[];
  target_group?: string;
  dates?: Partial<Record<'plan_80_on' | 'planned_start' | 'planned_end' | 'started_on' | 'ended_on' | 'ap_advice_on' | 'published_on', string>>;
  ground_rules?: Record<string, string>;
  participants: Array<{ organisation?: string; name?: string; role: 'municipality' | 'creditor' | 'processor' | 'other'; contacts?: Array<Record<string, unknown>> }>;
  preselection?: Array<{ kind: PreselectionRule['kind']; amount?: number; months?: number; mode: PreselectionRule['mode']; selected_by?: string; description?: string }>;
  capacity?: Array<{ municipality: string; capacity_per_month: number; expected_per_month?: number; note?: string }>;
  arms?: { method: AssignmentMethod; seed?: string; groups: Array<{ code: string; name: LocalizedText; description?: string; combine_with_other_signals: boolean; without_prior_consent?: boolean; weight?: number; municipalities?: string[] }> };
}

const dateText = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === 'string' ? d : null);

/** Reads and checks the register file; a wrong entry stops the start with its id and the problem. */
export function readSeedExperiments(file: URL | string = EXPERIMENTS_FILE): SeedExperiment[] {
  const doc = parse(readFileSync(file, 'utf8'), { schema: 'core' }) as { experiments?: SeedExperiment[] };
  const list = doc.experiments ?? [];
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of list) {
    if (ids.has(e.id)) problems.push(`${e.id}: id used twice`);
    ids.add(e.id);
    if (!isStage(e.stage)) problems.push(`${e.id}: unknown stage '${e.stage}'`);
    if (e.stage === 'stopped' && !e.stop_reason) problems.push(`${e.id}: a stopped experiment needs its stop_reason`);
    for (const code of Object.keys(e.ground_rules ?? {})) if (!isGroundRuleCode(code)) problems.push(`${e.id}: unknown ground rule '${code}'`);
    for (const r of e.preselection ?? []) problems.push(...preselectionRuleErrors({ ...r, description: r.description ?? '' }).map((x) => `${e.id}: ${x}`));
    if (e.arms)
      problems.push(
        ...armDesignErrors({
          method: e.arms.method,
          seed: e.arms.seed ?? null,
          arms: e.arms.groups.map((g) => ({ code: g.code, weight: g.weight ?? 1, municipalities: g.municipalities ?? [], combineWithOtherSignals: g.combine_with_other_signals, withoutPriorConsent: g.without_prior_consent ?? null })),
        }).map((x) => `${e.id}: ${x}`),
      );
  }
  if (problems.length > 0) throw new Error(`experiments seed file:\n${problems.join('\n')}`);
  return list;
}

/**
 * Loads the deck's experiments into an empty register (first start). Not demo data: the register
 * of real experiments, with demo contact persons and capacities marked as such in the file.
 */
export async function seedExperiments(deps: AppDeps, file: URL | string = EXPERIMENTS_FILE): Promise<number> {
  if ((await countExperiments(deps.db)) > 0) return 0;
  const list = readSeedExperiments(file);
  await deps.db.transaction().execute(async (trx) => {
    for (const e of list) {
      const d = e.dates ?? {};
      await insertExperiment(trx, {
        id: e.id,
        name_nl: e.name.nl,
        name_en: e.name.en,
        summary: (e.summary ?? '').trim(),
        signal_type: e.signal_type ?? null,
        rule_ids: e.rule_ids ?? [],
        research_questions: JSON.stringify(e.research_questions ?? []),
        target_group: e.target_group ?? '',
        stage: e.stage,
        stop_reason: e.stop_reason ?? null,
        plan_80_on: dateText(d.plan_80_on),
        planned_start: dateText(d.planned_start),
        planned_end: dateText(d.planned_end),
        started_on: dateText(d.started_on),
        ended_on: dateText(d.ended_on),
        ap_advice_on: dateText(d.ap_advice_on),
        published_on: dateText(d.published_on),
        assignment_method: e.arms?.method ?? 'none',
        assignment_seed: e.arms?.seed ?? null,
        created_by: 'experiment-seed',
      });
      const participants = [];
      for (const p of e.participants) {
        const org = p.organisation ? await getOrganisation(trx, p.organisation) : undefined;
        if (p.organisation && !org) throw new Error(`experiments seed file: ${e.id}: no organisation '${p.organisation}'`);
        participants.push({
          organisation_id: org?.id ?? null,
          name: p.name ?? org?.name ?? '',
          role: p.role,
          municipality_code: org?.municipality_code ?? null,
          contacts: JSON.stringify((p.contacts ?? []).map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'demo')))),
        });
      }
      await replaceParticipants(trx, e.id, participants);
      for (const [code, note] of Object.entries(e.ground_rules ?? {}))
        await upsertGroundRule(trx, { experiment_id: e.id, code, met: true, note, confirmed_by: 'experiment-seed' });
      await replacePreselectionRules(
        trx,
        e.id,
        (e.preselection ?? []).map((r) => ({ kind: r.kind, amount: r.amount ?? null, months: r.months ?? null, mode: r.mode, selected_by: r.selected_by ?? null, description: r.description ?? '' })),
      );
      await replaceCapacity(
        trx,
        e.id,
        (e.capacity ?? []).map((c) => ({ municipality_code: c.municipality, capacity_per_month: c.capacity_per_month, expected_per_month: c.expected_per_month ?? null, note: c.note ?? '' })),
      );
      await replaceArms(
        trx,
        e.id,
        (e.arms?.groups ?? []).map((g) => ({
          code: g.code,
          name_nl: g.name.nl,
          name_en: g.name.en,
          description: g.description ?? '',
          combine_with_other_signals: g.combine_with_other_signals,
          without_prior_consent: g.without_prior_consent ?? null,
          weight: g.weight ?? 1,
          municipalities: g.municipalities ?? [],
        })),
      );
      await appendHistory(trx, {
        experiment_id: e.id,
        actor_type: 'system',
        actor_id: 'experiment-seed',
        actor_label: 'Register bij eerste start',
        organisation_id: 'szw',
        kind: 'created',
        to_stage: e.stage,
        reason: 'Overgenomen uit de presentatie van SZW over de experimenten vroegsignalering.',
        changes: { source: 'src/app/seed/experiments.yaml' },
      });
    }
  });
  return list.length;
}
