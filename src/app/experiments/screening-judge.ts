import type { Judgement, Refusal } from '../../domain/rules/judgement.ts';
import { evaluatePreselection } from '../../domain/experiments/preselection.ts';
import { toCents } from '../../domain/signals/normalise.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import type { Sender, SignalJudge } from '../rules/signal-judge.ts';
import { coversSignal, type RunningExperiments } from './running-experiments.ts';

/** An accepted judgement with the notices of flag-mode pre-selection rules the signal did not meet. */
export interface ScreenedJudgement extends Judgement {
  notices?: readonly Refusal[];
}

const FIELD: Record<string, string> = { PRESELECTION_MIN_AMOUNT: 'amount', PRESELECTION_MIN_ARREAR_AGE: 'arrearStartDate' };

/**
 * The intake hook for experiments: after the rules accept a signal, the declared pre-selection of
 * a running experiment it belongs to is applied — an enforced rule refuses it, a flagged one adds
 * a notice (matching records the flag). Signals of no running experiment pass with one map lookup.
 */
export class ExperimentScreeningJudge implements SignalJudge {
  constructor(
    readonly inner: SignalJudge,
    readonly runtime: RunningExperiments,
  ) {}

  reload(): Promise<void> {
    return this.inner.reload?.() ?? Promise.resolve();
  }

  judge(signal: SignalInput, sender: Sender): ScreenedJudgement {
    const j = this.inner.judge(signal, sender);
    const senderOrganisationId = sender.organisationId;
    if (j.decision !== 'accepted' || j.ruleId === undefined) return j;
    const running = this.runtime.forRule(j.ruleId);
    if (running.length === 0) return j;
    const where = { ruleId: j.ruleId, municipalityCode: signal.municipalityCode ?? '', senderOrgId: senderOrganisationId, creditorOrgId: signal.onBehalfOf ?? senderOrganisationId };
    const refusals: Refusal[] = [];
    const notices: Refusal[] = [];
    for (const e of running) {
      if (!coversSignal(e, where) || e.preselection.length === 0) continue;
      const r = evaluatePreselection(e.preselection, {
        amountCents: toCents(signal.amount) ?? null,
        arrearStartDate: signal.arrearStartDate ?? null,
        signalDate: signal.signalDate,
        senderOrgId: where.senderOrgId,
        creditorOrgId: where.creditorOrgId,
      });
      const asRefusal = (m: (typeof r.refusals)[number]): Refusal => ({
        code: m.code,
        inputError: false,
        field: FIELD[m.code]!,
        message: { nl: `Experiment ${e.name.nl}: ${m.message.nl}`, en: `Experiment ${e.name.en}: ${m.message.en}` },
      });
      refusals.push(...r.refusals.map(asRefusal));
      notices.push(...r.flags.map(asRefusal));
    }
    if (refusals.length > 0) return { decision: 'refused', ...(j.regulationVersion ? { regulationVersion: j.regulationVersion } : {}), ruleId: j.ruleId, applied: [], refusals };
    return notices.length > 0 ? { ...j, notices } : j;
  }
}
