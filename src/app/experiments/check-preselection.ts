import { getExperiment, listParticipants, listPreselectionRules } from '../../db/repositories/experiments.ts';
import { evaluatePreselection, type PreselectionResult } from '../../domain/experiments/preselection.ts';
import { toCents } from '../../domain/signals/normalise.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireSee } from './access.ts';
import { ExperimentInputError, ExperimentNotFound } from './errors.ts';
import { toPreselectionRule } from './mappers.ts';

export interface PreselectionSample {
  amount?: string | number;
  arrearStartDate?: string;
  signalDate: string;
  senderOrgId?: string;
  creditorOrgId?: string;
}

/** How the declared pre-selection would treat a signal with these facts (no personal data needed). */
export async function checkPreselection(deps: AppDeps, ctx: CallContext, id: string, sample: PreselectionSample): Promise<PreselectionResult & { decision: 'accepted' | 'flagged' | 'refused' }> {
  if (!(await getExperiment(deps.db, id))) throw new ExperimentNotFound(id);
  requireSee(ctx.actor, id, await listParticipants(deps.db, [id]));
  const cents = toCents(sample.amount);
  if (sample.amount !== undefined && cents === undefined) throw new ExperimentInputError([{ name: 'amount', reason: 'an amount in euros, e.g. 312.50' }]);
  const sender = sample.senderOrgId ?? ctx.actor.organisationId;
  const rules = (await listPreselectionRules(deps.db, [id])).map(toPreselectionRule);
  const r = evaluatePreselection(rules, {
    amountCents: cents ?? null,
    arrearStartDate: sample.arrearStartDate ?? null,
    signalDate: sample.signalDate,
    senderOrgId: sender,
    creditorOrgId: sample.creditorOrgId ?? sender,
  });
  return { ...r, decision: r.refusals.length > 0 ? 'refused' : r.flags.length > 0 ? 'flagged' : 'accepted' };
}
