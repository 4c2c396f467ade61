import { warmTransfers } from '../../db/repositories/resident-reminders.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { contactAttemptsOf, eventsOf, getCaseOf, householdCases, notesOf, signalsOfCase, type CaseRecord, type CaseSignalRecord } from '../../db/repositories/case-work.ts';
import { getWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { caseWorkers } from '../../db/repositories/worklist.ts';
import type { LocalizedText } from '../../domain/i18n/index.ts';
import type { DataCategory } from '../../domain/signals/signal.ts';
import { caseDeadline, dutchToday, type CaseDeadline } from '../../domain/worklist/deadlines.ts';
import { visibleSignalFields, type VisibleSignal } from '../../domain/worklist/visible-signal.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality } from './own-municipality.ts';
import { armOfCase } from '../../db/repositories/experiments.ts';
import { armTreatment } from '../../domain/experiments/arms.ts';
import { brpCheckOf } from '../../db/repositories/brp-checks.ts';
import type { RoutedBy } from '../../domain/routing/routing.ts';
import { signalStatusInCase } from '../../domain/feedback/creditor-feedback.ts';

/** Which data categories the rule that accepted a signal allowed its sender to provide. */
export type AllowedCategories = (regulationVersion: string, ruleId: string) => readonly DataCategory[] | undefined;

export interface CaseView {
  case: CaseRecord;
  deadline: CaseDeadline;
  signals: Array<VisibleSignal & { creditorName: string; regulationVersion: string; ruleId: string; status: string; receivedAt: Date; routing: RoutedBy; routedFrom: string | null }>;
  household: Awaited<ReturnType<typeof householdCases>>;
  attempts: Awaited<ReturnType<typeof contactAttemptsOf>>;
  notes: Awaited<ReturnType<typeof notesOf>>;
  timeline: Array<{ at: Date; kind: string; actor: string; detail: Record<string, unknown> | null }>;
  workers: Array<{ id: string; name: string }>;
  today: string;
  /** What the BRP said (issue 18 point 3); absent when the municipality has no BRP check (yet). */
  brpCheck?: BrpCheckView;
  /** A signal of the case arrived after the resident asked on their own page to be contacted now (issue 24). */
  warmTransfer: boolean;
  /** The experiment arm the household is in, and how the design says to treat it (undefined: no arm). */
  arm?: { experimentId: string; code: string; name: LocalizedText; showOtherSignals: boolean; contactWithoutPriorConsent: boolean; hiddenSignals: number };
}

export interface BrpCheckView {
  status: 'pending' | 'checked' | 'brp_unavailable';
  attempts: number;
  nextTryAt: Date;
  checkedAt: Date | null;
  peildatum: string | null;
  outcome: string | null;
  movedTo: string | null;
  residentCount: number | null;
  minorsPresent: boolean | null;
}

async function brpCheckView(deps: AppDeps, caseId: string): Promise<BrpCheckView | undefined> {
  const r = await brpCheckOf(deps.db, caseId);
  if (!r) return undefined;
  return {
    status: r.status,
    attempts: r.attempts,
    nextTryAt: new Date(r.next_try_at),
    checkedAt: r.checked_at ? new Date(r.checked_at) : null,
    peildatum: r.peildatum,
    outcome: r.outcome,
    movedTo: r.moved_to,
    residentCount: r.resident_count,
    minorsPresent: r.minors_present,
  };
}

/** Which signals of a case the worker sees: in an arm that measures the new signal alone, only that one. */
async function armOf(deps: AppDeps, label: string | null) {
  if (!label || !label.includes('/')) return undefined;
  const [experimentId, code] = label.split('/') as [string, string];
  const row = await armOfCase(deps.db, experimentId, code);
  if (!row) return undefined;
  const t = armTreatment({ combineWithOtherSignals: row.combine_with_other_signals, withoutPriorConsent: row.without_prior_consent });
  return { experimentId, code, name: { nl: row.name_nl, en: row.name_en }, newSignalType: row.signal_type, ...t };
}

/**
 * Opens one case of the caller's municipality (404 for any other) with its signals — showing of
 * each only the data its rule allowed the sender to provide — the household's other cases, the
 * work done and the timeline. Opening it is recorded in the audit trail with the resident's pseudonym.
 */
export async function openCase(deps: AppDeps, ctx: CallContext, caseId: string, allowed: AllowedCategories): Promise<CaseView> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const c = await getCaseOf(deps.db, municipality, caseId);
  if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
  const [allSignals, household, attempts, notes, events, settings, workers, arm, brpCheck] = await Promise.all([
    signalsOfCase(deps.db, municipality, c.id),
    householdCases(deps.db, municipality, c),
    contactAttemptsOf(deps.db, c.id),
    notesOf(deps.db, c.id),
    eventsOf(deps.db, c.id),
    getWorklistSettings(deps.db, municipality),
    caseWorkers(deps.db, ctx.actor.organisationId),
    armOf(deps, c.experiment_arm),
    brpCheckView(deps, c.id),
  ]);
  // The experiment's design, not the worker, decides: the "alone" arm works the new signal on its own.
  const signals = arm && !arm.showOtherSignals && arm.newSignalType ? allSignals.filter((s) => s.signal_type === arm.newSignalType) : allSignals;
  const pseudonyms = [...new Set([c.bsn_pseudonym, ...signals.map((s) => s.subject_pseudonym)].filter((p): p is string => !!p))];
  await appendAudit(deps.db, { ...auditActor(ctx), activity: 'case.read', objectType: 'case', objectIds: [c.id], subjectPseudonyms: pseudonyms, outcome: 'success', detail: { signals: signals.length } });
  const today = dutchToday(deps.now());
  const timeline: CaseView['timeline'] = [
    ...signals.map((s) => ({ at: new Date(s.received_at), kind: 'signal_received', actor: s.creditor_name, detail: { signalType: s.signal_type, signalDate: s.signal_date } })),
    { at: new Date(c.opened_at), kind: 'case_opened', actor: 'matching', detail: { matchingDate: c.matching_date } },
    ...events.map((e) => ({ at: new Date(e.occurred_at), kind: e.kind, actor: e.actor_label, detail: (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as Record<string, unknown> | null })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    case: c,
    deadline: caseDeadline({ status: c.status, legalDeadline: c.deadline, matchingDate: c.matching_date }, settings.contactTargetDays, today, settings.dueSoonDays),
    signals: signals.map((s: CaseSignalRecord) => ({
      ...visibleSignalFields(s, allowed(s.regulation_version, s.rule_id) ?? []),
      creditorName: s.creditor_name,
      regulationVersion: s.regulation_version,
      ruleId: s.rule_id,
      // The worker sees what the creditor sees (and the reason the creditor may not): a closed case's signals were picked up.
      status: signalStatusInCase(s.status, c.status),
      receivedAt: new Date(s.received_at),
      // How the signal came to this municipality: a code derived or corrected from the address is worth knowing.
      routing: s.routing as RoutedBy,
      routedFrom: s.routed_from,
    })),
    household,
    attempts,
    notes,
    timeline,
    workers,
    today,
    warmTransfer: (await warmTransfers(deps.db, signals.map((s) => String(s.id)))).size > 0,
    ...(brpCheck ? { brpCheck } : {}),
    ...(arm
      ? { arm: { experimentId: arm.experimentId, code: arm.code, name: arm.name, showOtherSignals: arm.showOtherSignals, contactWithoutPriorConsent: arm.contactWithoutPriorConsent, hiddenSignals: allSignals.length - signals.length } }
      : {}),
  };
}
