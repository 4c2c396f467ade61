import type { Platform } from '../../src/platform.ts';
import type { CallContext } from '../../src/app/context.ts';
import { permissionsOf } from '../../src/domain/access/roles.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import { moveExperimentStage } from '../../src/app/experiments/move-experiment-stage.ts';
import { setArms } from '../../src/app/experiments/set-arms.ts';
import { setParticipants } from '../../src/app/experiments/set-participants.ts';
import { updateExperimentFields } from '../../src/app/experiments/update-experiment.ts';
import { recordAnalysisPlan } from '../../src/app/experiments/record-analysis-plan.ts';
import { uploadStartDocuments } from './experiment-documents.ts';
import { uploadExperimentDocument } from '../../src/app/experiments/experiment-documents.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The day the consent experiment's tests run on (art. 2.4 TR in force, the seeded CAK experiment startable). */
export const CONSENT_TODAY = '2025-06-01';
export const CONSENT_EXPERIMENT = 'cak-eigen-bijdragen';

const ministry: CallContext = {
  actor: { type: 'user', id: 'szw-test', organisationId: 'szw', organisationKind: 'ministry', permissions: permissionsOf(['ministry_admin']), label: 'Experimentbeheer SZW' },
  traceId: '0'.repeat(32),
  spanId: '0'.repeat(16),
};

/**
 * The seeded CAK experiment running with arms by municipality: Amsterdam "with prior consent",
 * Rotterdam "without". With method 'random' or 'stratified' the same two arms are drawn per
 * household (seed 'toestemming') in both municipalities instead.
 */
export async function runConsentExperiment(p: Platform, method: 'by_municipality' | 'random' | 'stratified' = 'by_municipality'): Promise<void> {
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
  const drawn = method !== 'by_municipality';
  await setArms(p.deps, ministry, id, {
    method,
    seed: drawn ? 'toestemming' : null,
    arms: [
      { code: 'met-toestemming', nameNl: 'Met voorafgaande toestemming', nameEn: 'With prior consent', combineWithOtherSignals: true, withoutPriorConsent: false, municipalities: drawn ? [] : ['GM0363'] },
      { code: 'zonder-toestemming', nameNl: 'Zonder voorafgaande toestemming', nameEn: 'Without prior consent', combineWithOtherSignals: true, withoutPriorConsent: true, municipalities: drawn ? [] : ['GM0599'] },
    ],
    reason: 'met en zonder voorafgaande toestemming',
  });
  // The AP advice and the internet publication as documents (ground rules 7 and 8), as the gate to 'running' may ask.
  for (const kind of ['ap_advice', 'publication'] as const) await uploadExperimentDocument(p.deps, ministry, id, { kind, fileName: `${kind}.pdf`, bytes: PDF, reason: 'ontvangen vóór de start' });
  await recordAnalysisPlan(p.deps, ministry, id, { primaryOutcome: 'reached', secondaryOutcomes: [], baselinePct: 30, minimalEffectPts: 10, inflowPerMonth: 100, reason: 'vooraf geregistreerd' });
  await uploadStartDocuments(p.deps, ministry, id);
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
