import { requirePermission } from '../../domain/access/actor.ts';
import type { ReportDue } from '../../domain/evaluation/report-due.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { listParticipants } from '../../db/repositories/experiments.ts';
import { findExperimentSubject } from '../../db/repositories/report-subjects.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { standingOf } from '../experiments/access.ts';
import { ReportSubjectNotFound } from './build-article-report.ts';
import { experimentReportDue } from './experiment-report-due.ts';

export interface ExperimentEvaluationScope {
  id: string;
  name: LocalizedText;
  /** The experiment's signal type(s): the evaluation of an experiment is about its signal. */
  signalTypes: string[];
  /** Set when the experiment has arms: then only its own cases (experiment_arm '<id>/<arm>') count. */
  experiment: string | undefined;
  arms: Array<{ key: string; name: LocalizedText }>;
  /** The period the report covers by default: the experiment's start until its end or today. */
  start: string | null;
  end: string | null;
  due: (ReportDue & { regulationTitle: string }) | null;
  /** Whether the caller may edit the experiment's cost-benefit parameters. */
  canEditCosts: boolean;
}

/**
 * What "evaluate this experiment" means as a filter, the same way the art. 1.3 report reads it
 * (build-article-report.ts): its signal type, and its own cases when it has arms. An experiment
 * the caller may not see in the register does not exist for them. Reads no personal data.
 */
export async function experimentEvaluationScope(deps: AppDeps, ctx: CallContext, id: string): Promise<ExperimentEvaluationScope> {
  requirePermission(ctx.actor, 'evaluation:read');
  const subject = await findExperimentSubject(deps.db, id);
  if (!subject) throw new ReportSubjectNotFound(`no experiment '${id}'`);
  const standing = standingOf(ctx.actor, await listParticipants(deps.db, [id]));
  if (standing === 'other') throw new ReportSubjectNotFound(`no experiment '${id}'`);
  const today = deps.now().toISOString().slice(0, 10);
  return {
    id,
    name: { nl: subject.nameNl, en: subject.nameEn },
    signalTypes: subject.signalType ? [subject.signalType] : [],
    // Without arms and without a signal type nothing identifies its data: filter on the (absent) arms, so nothing counts.
    experiment: subject.arms.length > 0 || !subject.signalType ? id : undefined,
    arms: subject.arms.map((a) => ({ key: `${id}/${a.code}`, name: { nl: a.nameNl, en: a.nameEn } })),
    start: subject.start,
    end: subject.end,
    due: experimentReportDue(deps.experiments.ruleBook, subject.ruleIds, today),
    canEditCosts: ctx.actor.permissions.has('experiments:manage'),
  };
}
