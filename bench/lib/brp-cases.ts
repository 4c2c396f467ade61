// The case-level part of bench:brp: N new cases of one municipality (signals delivered through the
// real intake and matched into cases, on PostgreSQL), then their BRP checks as the job runs them
// (src/app/brp/check-cases.ts) against the local BRP stub through the real client. Prints the time
// of the checks, the HTTP calls per API and the outcomes.
import { openDatabase } from '../../src/db/database.ts';
import { createAppDeps } from '../../src/app-deps.ts';
import { seedOrganisations } from '../../src/app/seed/seed-demo.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { checkMunicipalityCases } from '../../src/app/brp/check-cases.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { HaalCentraalMunicipalBrp } from '../../src/infra/brp/haal-centraal-brp.ts';
import { startBrpStub, stubConnection } from '../../src/simulation/brp-stub/server.ts';
import { buildStubRegister, residenceOn, type StubAddress, type StubPerson } from '../../src/simulation/brp-stub/residents.ts';
import { ageOn } from '../../src/domain/routing/brp-register.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import { freshDatabase } from './bench-database.ts';

const MUNICIPALITY = 'GM0363';
const SIGNAL_DATE = '2025-11-03';
const TODAY = '2026-01-15';
/** Amsterdam's share of the synthetic population's two demo municipalities is about 930,000 residents. */
const RESIDENTS = 930_000;

const social = {
  personalContactAttemptedOn: '2025-10-01',
  debtAssistanceReferredOn: '2025-10-01',
  reminderSentOn: '2025-09-15',
  agreementOfferedInReminder: true,
  residentResponse: 'none' as const,
};

function addressOf(a: StubAddress) {
  return {
    street: a.street,
    houseNumber: String(a.houseNumber),
    ...(a.houseLetter || a.houseNumberAddition ? { houseNumberAddition: a.houseLetter ?? a.houseNumberAddition! } : {}),
    postcode: a.postcode,
    city: a.city,
  };
}

/** One signal per dwelling: a fifth with a BSN (CAK), the rest by name and address (a landlord); one in twenty names nobody there. */
function signalFor(i: number, p: StubPerson, a: StubAddress): { sender: string; signal: SignalInput } {
  const person = { initials: `${p.givenName[0]}.`, surname: i % 20 === 7 ? 'Niemandsland' : p.surname };
  if (i % 5 === 0)
    return {
      sender: 'cak',
      signal: { reference: `brp-bench-${i}`, signalType: 'wmo_own_contribution', signalDate: SIGNAL_DATE, municipalityCode: MUNICIPALITY, amount: '150.00', arrearStartDate: '2025-06-01', bsn: p.bsn, person, address: addressOf(a), socialCollection: { ...social, residentResponse: 'not_negative' } },
    };
  return { sender: 'demo-woningcorporatie', signal: { reference: `brp-bench-${i}`, signalType: 'rent', signalDate: SIGNAL_DATE, municipalityCode: MUNICIPALITY, amount: '812.50', person, address: addressOf(a), socialCollection: social } };
}

export async function benchBrpCases(count: number, concurrency: number): Promise<void> {
  let t = performance.now();
  let scale = (count * 2.6) / RESIDENTS;
  let register = buildStubRegister({ municipalities: [MUNICIPALITY], scale });
  while (register.byAddressableObject.size < count * 1.05) {
    scale *= 1.3;
    register = buildStubRegister({ municipalities: [MUNICIPALITY], scale });
  }
  const stub = await startBrpStub({ register, today: () => TODAY });
  const brp = new HaalCentraalMunicipalBrp([stubConnection(stub, MUNICIPALITY, { timeoutMs: 10_000, concurrency })]);
  const database = await openDatabase({ databaseUrl: await freshDatabase('vs_bench_brp'), poolSize: 4 });
  const { deps, registers } = await createAppDeps(database, { brp });
  await seedOrganisations(deps, registers);

  // An adult resident of each dwelling who lives there on the signal date and today.
  const bySender = new Map<string, SignalInput[]>();
  let n = 0;
  for (const [, people] of register.byAddressableObject) {
    if (n === count) break;
    const p = people.find((x) => !x.deathDate && ageOn(x.birthDate, SIGNAL_DATE) >= 18 && residenceOn(x, SIGNAL_DATE) !== undefined);
    if (!p) continue;
    const { sender, signal } = signalFor(n++, p, residenceOn(p, SIGNAL_DATE)!.address);
    bySender.set(sender, [...(bySender.get(sender) ?? []), signal]);
  }
  for (const [sender, signals] of bySender)
    for (let i = 0; i < signals.length; i += 1000) {
      const out = await submitSignals(deps, systemContext(sender, 'bench-brp'), signals.slice(i, i + 1000), { dryRun: false });
      const refused = out.filter((o) => o.outcome !== 'accepted');
      if (refused.length > 0) throw new Error(`intake refused ${refused.length} bench signals: ${JSON.stringify(refused[0])}`);
    }
  const matched = await matchMunicipality(deps, systemContext('platform-beheer', 'bench-brp', 'job'), MUNICIPALITY);
  console.log(
    `cases: ${register.persons.size} persons in ${register.byAddressableObject.size} dwellings (scale ${scale.toFixed(4)}); ${n} signals (${bySender.get('cak')?.length ?? 0} with a BSN) delivered and matched into ${matched.casesCreated} cases in ${((performance.now() - t) / 1000).toFixed(1)} s (setup, not timed below)`,
  );

  const before = { ...stub.stats };
  t = performance.now();
  const run = await checkMunicipalityCases(deps, systemContext('platform-beheer', 'bench-brp', 'job'), MUNICIPALITY, brp.forMunicipality(MUNICIPALITY)!);
  const seconds = (performance.now() - t) / 1000;
  const http = brp.forMunicipality(MUNICIPALITY)!.http.stats;
  const personen = stub.stats.personen - before.personen;
  const bewoning = stub.stats.bewoning - before.bewoning;
  console.log(
    `BRP checks of ${run.checked} cases: ${seconds.toFixed(2)} s (${(run.checked / seconds).toFixed(0)} cases/s), ${http.calls} HTTP calls (${http.tokenCalls} token, ${personen} personen — by BSN and by address —, ${bewoning} bewoning), ${http.retries} retries; concurrency ${concurrency}, ${run.unavailable} waiting for the BRP`,
  );
  console.log(`outcomes: ${Object.entries(run.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; closed ${run.closed}, signals handed over ${run.handedOver}`);

  await brp.close();
  await stub.close();
  await database.close();
}
