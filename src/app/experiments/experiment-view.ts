import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  armBalance,
  countFlags,
  getExperiment,
  listArms,
  listCapacity,
  listGroundRules,
  listParticipants,
  listPreselectionRules,
  type ExperimentRow,
  type ParticipantRow,
} from '../../db/repositories/experiments.ts';
import { armTreatment } from '../../domain/experiments/arms.ts';
import { designationOf, type Designation } from '../../domain/experiments/designation.ts';
import type { GateInput } from '../../domain/experiments/gate.ts';
import { groundRuleStatus, type GroundRuleStatus } from '../../domain/experiments/ground-rules.ts';
import { planningOf, type Planning } from '../../domain/experiments/planning.ts';
import type { PreselectionRule } from '../../domain/experiments/preselection.ts';
import { allowedNext, isStage, moverOf, STAGE_LABELS, type Mover, type Stage } from '../../domain/experiments/stages.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import { toArmDesign, toPreselectionRule } from './mappers.ts';
import { getAnalysisPlan, listDocuments } from '../../db/repositories/experiment-plans.ts';
import type { AnalysisPlan } from '../../domain/experiments/analysis-plan.ts';
import type { DocumentKind } from '../../domain/experiments/documents.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface Contact {
  name: string;
  function?: string;
  email?: string;
  phone?: string;
}

export interface ParticipantView {
  organisationId: string | null;
  name: string;
  role: ParticipantRow['role'];
  municipalityCode: string | null;
  contacts: Contact[];
}

export interface ExperimentView {
  id: string;
  name: LocalizedText;
  summary: string;
  signalType: string | null;
  ruleIds: string[];
  researchQuestions: LocalizedText[];
  targetGroup: string;
  stage: Stage;
  stageLabel: LocalizedText;
  stopReason: string | null;
  approvedWithChanges: boolean;
  dates: {
    plan80On: string | null;
    plannedStart: string | null;
    plannedEnd: string | null;
    startedOn: string | null;
    endedOn: string | null;
    apAdviceOn: string | null;
    publishedOn: string | null;
  };
  publicationUrl: string | null;
  assignment: { method: ExperimentRow['assignment_method']; seed: string | null };
  participants: ParticipantView[];
  groundRules: Array<GroundRuleStatus & { confirmedBy: string | null; confirmedAt: string | null }>;
  preselectionRules: PreselectionRule[];
  capacity: Array<{ municipalityCode: string; capacityPerMonth: number; expectedPerMonth: number | null; note: string }>;
  arms: Array<{
    code: string;
    name: LocalizedText;
    description: string;
    combineWithOtherSignals: boolean;
    withoutPriorConsent: boolean | null;
    weight: number;
    municipalities: string[];
    households: number;
    treatment: ReturnType<typeof armTreatment>;
  }>;
  flaggedSignals: Array<{ code: string; signals: number }>;
  /** Derived from the rule book: never stored with the experiment. */
  designation: Designation;
  planning: Planning;
  nextStages: Array<{ stage: Stage; label: LocalizedText; by: Mover }>;
  /** The pre-registered analysis plan; frozenAt once the experiment runs. */
  analysisPlan: { plan: AnalysisPlan; recordedBy: string; recordedAt: string; frozenAt: string | null } | null;
  /** The documents of the ground rules, without their bytes, newest first per kind. */
  documents: Array<{ id: string; kind: DocumentKind; fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedBy: string; uploadedAt: string }>;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toParticipantView(p: ParticipantRow): ParticipantView {
  return { organisationId: p.organisation_id, name: p.name, role: p.role, municipalityCode: p.municipality_code, contacts: (p.contacts as Contact[] | null) ?? [] };
}

/** The whole experiment as screens and the API show it, or undefined when it does not exist. */
export async function loadExperimentView(db: Executor, book: RuleBook, id: string): Promise<{ view: ExperimentView; participants: ParticipantRow[] } | undefined> {
  const row = await getExperiment(db, id);
  if (!row) return undefined;
  const [participants, ticks, rules, capacity, arms, balance, flags, plan, documents] = await Promise.all([
    listParticipants(db, [id]),
    listGroundRules(db, id),
    listPreselectionRules(db, [id]),
    listCapacity(db, id),
    listArms(db, [id]),
    armBalance(db, id),
    countFlags(db, id),
    getAnalysisPlan(db, id),
    listDocuments(db, id),
  ]);
  const stage: Stage = isStage(row.stage) ? row.stage : 'initiative';
  const tickBy = new Map(ticks.map((t) => [t.code, t]));
  const view: ExperimentView = {
    id: row.id,
    name: { nl: row.name_nl, en: row.name_en },
    summary: row.summary,
    signalType: row.signal_type,
    ruleIds: row.rule_ids,
    researchQuestions: (row.research_questions as LocalizedText[] | null) ?? [],
    targetGroup: row.target_group,
    stage,
    stageLabel: STAGE_LABELS[stage],
    stopReason: row.stop_reason,
    approvedWithChanges: row.approved_with_changes,
    dates: {
      plan80On: row.plan_80_on,
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      startedOn: row.started_on,
      endedOn: row.ended_on,
      apAdviceOn: row.ap_advice_on,
      publishedOn: row.published_on,
    },
    publicationUrl: row.publication_url,
    assignment: { method: row.assignment_method, seed: row.assignment_seed },
    participants: participants.map(toParticipantView),
    groundRules: groundRuleStatus(
      ticks.map((t) => ({ code: t.code, met: t.met, note: t.note })),
      { plannedStart: row.planned_start, plannedEnd: row.planned_end },
    ).map((g) => {
      const t = tickBy.get(g.code);
      return { ...g, confirmedBy: t?.confirmed_by ?? null, confirmedAt: t?.confirmed_at ? iso(t.confirmed_at) : null };
    }),
    preselectionRules: rules.map(toPreselectionRule),
    capacity: capacity.map((c) => ({ municipalityCode: c.municipality_code, capacityPerMonth: c.capacity_per_month, expectedPerMonth: c.expected_per_month, note: c.note })),
    arms: arms.map((a) => ({
      code: a.code,
      name: { nl: a.name_nl, en: a.name_en },
      description: a.description,
      combineWithOtherSignals: a.combine_with_other_signals,
      withoutPriorConsent: a.without_prior_consent,
      weight: a.weight,
      municipalities: a.municipalities,
      households: balance.filter((b) => b.arm_code === a.code).reduce((s, b) => s + b.households, 0),
      treatment: armTreatment(toArmDesign(a)),
    })),
    flaggedSignals: flags,
    designation: designationOf(book, row.rule_ids),
    planning: planningOf({ plan80On: row.plan_80_on, plannedStart: row.planned_start, plannedEnd: row.planned_end, startedOn: row.started_on }),
    nextStages: allowedNext(stage).map((s) => ({ stage: s, label: STAGE_LABELS[s], by: moverOf(stage, s)! })),
    analysisPlan: plan ? { plan: plan.plan as AnalysisPlan, recordedBy: plan.recorded_by, recordedAt: iso(plan.recorded_at), frozenAt: plan.frozen_at ? iso(plan.frozen_at) : null } : null,
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.file_name, mediaType: d.media_type, sizeBytes: d.size_bytes, sha256: d.sha256, uploadedBy: d.uploaded_by, uploadedAt: iso(d.uploaded_at) })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  return { view, participants };
}

/** What the stage gate needs of an experiment. */
export function gateInputOf(v: ExperimentView): GateInput {
  return {
    stage: v.stage,
    signalType: v.signalType,
    ruleIds: v.ruleIds,
    researchQuestions: v.researchQuestions.length,
    participantRoles: v.participants.map((p) => p.role),
    groundRules: v.groundRules,
    designation: v.designation,
    apAdviceOn: v.dates.apAdviceOn,
    publishedOn: v.dates.publishedOn,
    arms: v.arms.length,
    assignmentMethod: v.assignment.method,
    assignmentSeed: v.assignment.seed,
    analysisPlan: v.analysisPlan !== null,
    documents: [...new Set(v.documents.map((d) => d.kind))],
  };
}
