import { submitSignals } from '../../app/intake/submit-signals.ts';
import { matchAll } from '../../app/matching/match-signals.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import type { AppDeps } from '../../app/context.ts';
import { addMonths, monthStart } from '../../domain/matching/dates.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { buildStubRegister, DEMO_REGISTER, type StubAddress, type StubPerson } from '../brp-stub/residents.ts';

const social = {
  personalContactAttemptedOn: '',
  debtAssistanceReferredOn: '',
  reminderSentOn: '',
  agreementOfferedInReminder: true,
  residentResponse: 'none' as const,
};

function about(p: StubPerson, a: StubAddress) {
  return {
    person: { initials: `${p.givenName[0]}.`, surname: p.surname },
    address: {
      street: a.street,
      houseNumber: String(a.houseNumber),
      ...(a.houseLetter || a.houseNumberAddition ? { houseNumberAddition: a.houseLetter ?? a.houseNumberAddition! } : {}),
      postcode: a.postcode,
      city: a.city,
    },
  };
}

/**
 * Two demo signals about the local BRP's known edge cases, so that npm start shows what the BRP
 * checks do: a landlord's signal (name and address) about the resident who has died, dated last
 * month, and CAK's (with a BSN) about the one who moved to the other demo municipality. No standard
 * signal carries a BSN; the temporary regulation's did, and CAK's is dated before the move, in 2025
 * when that regulation was in force.
 */
export async function seedBrpEdgeCases(deps: AppDeps): Promise<void> {
  const register = buildStubRegister(DEMO_REGISTER);
  const { deceased, moved } = register.edgeCases;
  const dead = register.persons.get(deceased.bsn)!;
  const mover = register.persons.get(moved.bsn)!;
  const date = addMonths(monthStart(dutchToday(deps.now())), -1);
  const before = (days: number) => new Date(Date.parse(`${date}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const collection = { ...social, personalContactAttemptedOn: before(20), debtAssistanceReferredOn: before(20), reminderSentOn: before(35) };
  const rent: SignalInput = {
    reference: `demo-brp-deceased-${date}`,
    signalType: 'rent',
    signalDate: date,
    municipalityCode: dead.residences[dead.residences.length - 1]!.address.municipalityCode,
    amount: '940.00',
    ...about(dead, dead.residences[dead.residences.length - 1]!.address),
    socialCollection: collection,
  };
  const cak: SignalInput = {
    reference: 'demo-brp-moved-2025-08-01',
    signalType: 'wmo_own_contribution',
    signalDate: '2025-08-01',
    municipalityCode: moved.from.municipalityCode,
    amount: '160.00',
    arrearStartDate: '2025-03-01',
    bsn: mover.bsn,
    ...about(mover, moved.from),
    socialCollection: { ...social, personalContactAttemptedOn: '2025-07-10', debtAssistanceReferredOn: '2025-07-10', reminderSentOn: '2025-06-20', residentResponse: 'not_negative' },
  };
  await submitSignals(deps, systemContext('demo-woningcorporatie', 'demo-seed'), [rent], { dryRun: false });
  await submitSignals(deps, systemContext('cak', 'demo-seed'), [cak], { dryRun: false });
  await matchAll(deps, systemContext('platform-beheer', 'demo-seed', 'job'));
}
