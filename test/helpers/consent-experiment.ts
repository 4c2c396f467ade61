import type { Platform } from '../../src/platform.ts';
import type { CallContext } from '../../src/app/context.ts';
import { permissionsOf } from '../../src/domain/access/roles.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import { moveExperimentStage } from '../../src/app/experiments/move-experiment-stage.ts';
import { setArms } from '../../src/app/experiments/set-arms.ts';
import { setParticipants } from '../../src/app/experiments/set-participants.ts';
import { updateExperimentFields } from '../../src/app/experiments/update-experiment.ts';
import { recordAnalysisPlan } from '../../src/app/experiments/record-analysis-plan.ts';

/** The day the consent experiment's tests run on (art. 2.4 TR in force, the seeded CAK experiment startable). */
export const CONSENT_TODAY = '2025-06-01';
export const CONSENT_EXPERIMENT = 'cak-eigen-bijdragen';

const ministry: CallContext = {
  actor: { type: 'user', id: 'szw-test', organisationId: 'szw', organisationKind: 'ministry', permissions: permissionsOf(['ministry_admin']), label: 'Experimentbeheer SZW' },
  traceId: '0'.repeat(32),
  spanId: '0'.repeat(16),
};

/** The seeded CAK experiment running with arms by municipality: Amsterdam "with prior consent", Rotterdam "without". */
export async function runConsentExperiment(p: Platform): Promise<void> {
  const id = CONSENT_EXPERIMENT;
  await updateExperimentFields(p.deps, ministry, id, { apAdviceOn: '2024-02-01', publishedOn: '2024-03-20', reason: 'AP-advies en publicatie ontvangen' });
  await setParticipants(p.deps, ministry, id, {
    participants: [
      { organisationId: 'cak', role: 'creditor', contacts: [{ name: 'Vaste contactpersoon CAK' }] },
      { organisationId: 'GM0363', role: 'municipality', contacts: [] },
      { organisationId: 'GM0599', role: 'municipality', contacts: [] },
    ],
    reason: 'Amsterdam en Rotterdam doen mee',
  });
  await setArms(p.deps, ministry, id, {
    method: 'by_municipality',
    arms: [
      { code: 'met-toestemming', nameNl: 'Met voorafgaande toestemming', nameEn: 'With prior consent', combineWithOtherSignals: true, withoutPriorConsent: false, municipalities: ['GM0363'] },
      { code: 'zonder-toestemming', nameNl: 'Zonder voorafgaande toestemming', nameEn: 'Without prior consent', combineWithOtherSignals: true, withoutPriorConsent: true, municipalities: ['GM0599'] },
    ],
    reason: 'met en zonder voorafgaande toestemming',
  });
  await recordAnalysisPlan(p.deps, ministry, id, { primaryOutcome: 'reached', secondaryOutcomes: [], baselinePct: 30, minimalEffectPts: 10, inflowPerMonth: 100, reason: 'vooraf geregistreerd' });
  await moveExperimentStage(p.deps, ministry, id, { to: 'running', reason: 'start' });
}

/** A CAK signal the rules accept, for a household in Amsterdam (arm "with prior consent") or Rotterdam ("without"). */
export function cakSignal(reference: string, house: number, city: 'ams' | 'rdam' = 'ams', extra: Partial<SignalInput> = {}): SignalInput {
  const address = city === 'ams' ? { street: 'Damrak', houseNumber: String(house), postcode: '1012LG', city: 'Amsterdam' } : { street: 'Coolsingel', houseNumber: String(house), postcode: '3011AD', city: 'Rotterdam' };
  return {
    reference,
    signalType: 'wmo_own_contribution',
    signalDate: '2025-05-15',
    municipalityCode: city === 'ams' ? 'GM0363' : 'GM0599',
    amount: '250.00',
    arrearStartDate: '2024-10-01',
    person: { initials: 'M.', surname: `Visser${house}` },
    address,
    socialCollection: { personalContactAttemptedOn: '2025-04-01', debtAssistanceReferredOn: '2025-04-01', reminderSentOn: '2025-03-01', agreementOfferedInReminder: true, residentResponse: 'none' },
    ...extra,
  };
}
