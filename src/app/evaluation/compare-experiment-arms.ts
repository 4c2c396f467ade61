import { requirePermission } from '../../domain/access/actor.ts';
import type { CaseCell } from '../../domain/evaluation/cells.ts';
import { compareArms, type ArmCount, type OutcomeComparison } from '../../domain/statistics/compare-arms.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findContactAttemptsSource } from '../../db/repositories/contact-attempts-source.ts';
import { caseCells, tuneForAggregation } from '../../db/repositories/evaluation.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { residentChoicesPerArm, type ArmChoices } from '../resident/choices-per-arm.ts';
import { armNamer } from './arm-names.ts';
import { evaluationAudit } from './compute-evaluation.ts';
import { resolveEvaluationFilter, type EvaluationQuery } from './scope.ts';

interface Outcome {
  key: string;
  label: LocalizedText;
  n: (c: CaseCell) => number;
  successes: (c: CaseCell) => number;
}

/** The outcome rates compared between arms; each a share of households (or of those contacted). */
export const ARM_OUTCOMES: readonly Outcome[] = [
  { key: 'pickedUp', label: { nl: 'Opgepakt', en: 'Picked up' }, n: (c) => c.cases, successes: (c) => c.pickedUp },
  { key: 'reached', label: { nl: 'Inwoner bereikt', en: 'Resident reached' }, n: (c) => c.cases, successes: (c) => c.reached },
  { key: 'helpAccepted', label: { nl: 'Hulp geaccepteerd', en: 'Help accepted' }, n: (c) => c.cases, successes: (c) => c.helpAccepted },
  { key: 'onTime', label: { nl: 'Eerste contact binnen termijn', en: 'First contact within deadline' }, n: (c) => c.firstContact, successes: (c) => c.onTime },
  { key: 'newHousehold', label: { nl: 'Nieuw huishouden (geen standaardsignaal)', en: 'New household (no standard signal)' }, n: (c) => c.cases, successes: (c) => c.cases - c.known },
];

export interface ArmComparisonReport {
  arms: string[];
  reference: string | null;
  outcomes: OutcomeComparison[];
  /** Objections, consents and help requests on the resident's page per arm (issue 24). */
  residentChoices: ArmChoices[];
}

/**
 * Experiment arms compared (issue 7, point 2): per outcome each arm's rate with its Wilson
 * interval, tested against the reference arm, read out in plain language, with small-group warnings.
 */
export async function compareExperimentArms(deps: AppDeps, ctx: CallContext, q: EvaluationQuery & { reference?: string | undefined }): Promise<ArmComparisonReport> {
  requirePermission(ctx.actor, 'evaluation:read');
  const filter = resolveEvaluationFilter(ctx, q, deps.now(), deps.rules);
  const cells = await deps.db.transaction().execute(async (trx) => {
    await tuneForAggregation(trx);
    const c = await caseCells(trx, filter, await findContactAttemptsSource(trx));
    await appendAudit(trx, evaluationAudit(ctx, 'evaluation.compare-arms', { filter: { ...filter }, reference: q.reference ?? null }));
    return c;
  });
  const inArm = cells.filter((c) => c.arm !== '');
  const arms = [...new Set(inArm.map((c) => c.arm))].sort((a, b) => (a === q.reference ? -1 : b === q.reference ? 1 : a.localeCompare(b)));
  // Without one experiment chosen, the arms of several experiments can meet: each named with its experiment.
  const name = await armNamer(deps.db, { withExperiment: !q.experiment });
  const outcomes = ARM_OUTCOMES.map((o) => {
    const counts: ArmCount[] = arms.map((arm) => {
      const mine = inArm.filter((c) => c.arm === arm);
      return { arm, n: mine.reduce((s, c) => s + o.n(c), 0), successes: mine.reduce((s, c) => s + o.successes(c), 0) };
    });
    return compareArms(o.key, o.label, counts, q.reference, name);
  });
  return { arms, reference: arms.includes(q.reference ?? '') ? q.reference! : (arms[0] ?? null), outcomes, residentChoices: await residentChoicesPerArm(deps, filter) };
}
