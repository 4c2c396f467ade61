import {
  dwellingOf,
  dwellingProbe,
  formerNamedResidents,
  addressQueryOf,
  namedResidents,
  type CaseEvidence,
  type CaseToCheck,
} from '../../domain/brp/case-check.ts';
import type { AddressResident, BrpRegister, Occupancy, RegisteredPerson } from '../../domain/routing/brp-register.ts';

/** What was asked of the BRP for a batch, per query kind: which cases it concerned and how many questions. */
export interface BrpQueries {
  persons: { cases: Set<string>; asked: number; found: number };
  residentsAt: { cases: Set<string>; asked: number; found: number };
  occupancy: { cases: Set<string>; asked: number; found: number };
}

export const emptyQueries = (): BrpQueries => ({
  persons: { cases: new Set(), asked: 0, found: 0 },
  residentsAt: { cases: new Set(), asked: 0, found: 0 },
  occupancy: { cases: new Set(), asked: 0, found: 0 },
});

/**
 * Asks the BRP about a batch of cases in as few calls as its APIs allow: persons by BSN 20 at a
 * time (the cases' own BSNs, then a resident per address for the dwelling's BAG id, then former
 * residents with the name), one search per distinct address for cases without a BSN, one Bewoning
 * per distinct dwelling and date. Calls of one step run at once (the client keeps `concurrency`).
 * Throws BrpUnavailable when the BRP does not answer; `queries` then still tells what was sent.
 */
export async function askBrp(brp: BrpRegister, cases: readonly CaseToCheck[], queries: BrpQueries = emptyQueries()): Promise<{ evidence: Map<string, CaseEvidence>; queries: BrpQueries }> {
  const persons = new Map<string, RegisteredPerson>();
  const lookUp = async (bsns: Iterable<string>, forCases: Iterable<string>) => {
    const wanted = [...new Set(bsns)].filter((b) => !persons.has(b));
    if (wanted.length === 0) return;
    for (const c of forCases) queries.persons.cases.add(c);
    queries.persons.asked += wanted.length;
    const found = await brp.persons(wanted, { includeDeceased: true });
    queries.persons.found += found.size;
    for (const [bsn, p] of found) persons.set(bsn, p);
  };

  const withBsn = cases.filter((c) => c.bsns.length > 0);
  const withoutBsn = cases.filter((c) => c.bsns.length === 0);
  await lookUp(withBsn.flatMap((c) => c.bsns), withBsn.map((c) => c.caseId));

  // Without a BSN: who is registered at the address now (one search per distinct address).
  const residentsNow = new Map<string, AddressResident[]>();
  const addresses = [...new Set(withoutBsn.map((c) => c.addressKey))];
  for (const c of withoutBsn) queries.residentsAt.cases.add(c.caseId);
  queries.residentsAt.asked += addresses.length;
  await Promise.all(
    addresses.map(async (key) => {
      const q = addressQueryOf(key);
      const found = q ? await brp.residentsAt(q) : [];
      if (found.length > 0) queries.residentsAt.found++;
      residentsNow.set(key, found);
    }),
  );
  const probes = new Map<string, string>();
  for (const c of withoutBsn) {
    const probe = dwellingProbe(c, residentsNow.get(c.addressKey) ?? []);
    if (probe) probes.set(c.caseId, probe);
  }
  await lookUp(probes.values(), probes.keys());

  // Bewoning on each case's date, per distinct dwelling and date.
  const dwellings = new Map<string, string>();
  for (const c of cases) {
    const id = dwellingOf(c, [...c.bsns.map((b) => persons.get(b)), persons.get(probes.get(c.caseId) ?? '')]);
    if (id) dwellings.set(c.caseId, id);
  }
  const byDate = new Map<string, Set<string>>();
  for (const c of cases) {
    const id = dwellings.get(c.caseId);
    if (!id) continue;
    queries.occupancy.cases.add(c.caseId);
    const set = byDate.get(c.date) ?? new Set<string>();
    set.add(id);
    byDate.set(c.date, set);
  }
  const occupancy = new Map<string, Occupancy>();
  await Promise.all(
    [...byDate].map(async ([date, ids]) => {
      queries.occupancy.asked += ids.size;
      const found = await brp.occupancyOn([...ids], date);
      queries.occupancy.found += found.size;
      for (const [id, o] of found) occupancy.set(`${id}|${date}`, o);
    }),
  );

  // Without a BSN and nobody living with the name now: the residents with the name on the date, by BSN.
  const occupancyOf = (c: CaseToCheck) => {
    const id = dwellings.get(c.caseId);
    return id ? occupancy.get(`${id}|${c.date}`) : undefined;
  };
  const former = new Map<string, string[]>();
  for (const c of withoutBsn) {
    if (c.names.length === 0 || namedResidents(c, residentsNow.get(c.addressKey) ?? []).length > 0) continue;
    const bsns = formerNamedResidents(c, occupancyOf(c));
    if (bsns.length > 0) former.set(c.caseId, bsns);
  }
  await lookUp([...former.values()].flat(), former.keys());

  const evidence = new Map<string, CaseEvidence>();
  for (const c of cases) {
    const o = occupancyOf(c);
    evidence.set(c.caseId, {
      persons,
      ...(c.bsns.length === 0 ? { residentsNow: residentsNow.get(c.addressKey) ?? [] } : {}),
      ...(o ? { occupancy: o } : {}),
    });
  }
  return { evidence, queries };
}
