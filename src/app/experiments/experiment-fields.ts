import type { Updateable } from 'kysely';
import type { ExperimentsTable } from '../../db/schema.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { ExperimentInputError } from './errors.ts';

/** The editable description of an experiment (stage, design and participants have their own use cases). */
export interface ExperimentFields {
  nameNl?: string;
  nameEn?: string;
  summary?: string;
  signalType?: string | null;
  ruleIds?: string[];
  researchQuestions?: LocalizedText[];
  targetGroup?: string;
  plan80On?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  apAdviceOn?: string | null;
  publishedOn?: string | null;
  publicationUrl?: string | null;
}

/** Fields → columns; only the fields given. */
export function toColumns(f: ExperimentFields): Updateable<ExperimentsTable> {
  const out: Updateable<ExperimentsTable> = {};
  if (f.nameNl !== undefined) out.name_nl = f.nameNl;
  if (f.nameEn !== undefined) out.name_en = f.nameEn;
  if (f.summary !== undefined) out.summary = f.summary;
  if (f.signalType !== undefined) out.signal_type = f.signalType;
  if (f.ruleIds !== undefined) out.rule_ids = [...new Set(f.ruleIds)];
  if (f.researchQuestions !== undefined) out.research_questions = JSON.stringify(f.researchQuestions);
  if (f.targetGroup !== undefined) out.target_group = f.targetGroup;
  if (f.plan80On !== undefined) out.plan_80_on = f.plan80On;
  if (f.plannedStart !== undefined) out.planned_start = f.plannedStart;
  if (f.plannedEnd !== undefined) out.planned_end = f.plannedEnd;
  if (f.apAdviceOn !== undefined) out.ap_advice_on = f.apAdviceOn;
  if (f.publishedOn !== undefined) out.published_on = f.publishedOn;
  if (f.publicationUrl !== undefined) out.publication_url = f.publicationUrl;
  return out;
}

/** Checks across fields that a schema cannot express. */
export function checkFields(f: ExperimentFields, current: { plannedStart: string | null; plannedEnd: string | null }): void {
  const start = f.plannedStart !== undefined ? f.plannedStart : current.plannedStart;
  const end = f.plannedEnd !== undefined ? f.plannedEnd : current.plannedEnd;
  if (start && end && end < start) throw new ExperimentInputError([{ name: 'plannedEnd', reason: `the planned end (${end}) is before the planned start (${start})` }]);
}

/** What changed, old → new, for the history. */
export function diff(before: Record<string, unknown>, after: Updateable<ExperimentsTable>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before[k];
    const to = k === 'research_questions' && typeof v === 'string' ? JSON.parse(v) : v;
    if (JSON.stringify(old) !== JSON.stringify(to)) out[k] = { from: old ?? null, to: to ?? null };
  }
  return out;
}
