import {
  dwellingOf,
  probesFor,
  formerNamedResidents,
  addressQueryOf,
  namedHere,
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
 * time (the cases' own BSNs, then the residents of the number with the name — or a few others, for
 * the dwelling's BAG id —, then former residents with the name), one search per distinct postcode
 * and house number for cases without a BSN, one Bewoning
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
  // One search per postcode and number: the flats behind one front door share it.
  const numbers = new Map<string, string[]>();
  for (const c of withoutBsn) {
    queries.residentsAt.cases.add(c.caseId);
    const q = addressQueryOf(c.addressKey);
    const n = q ? `${q.postcode}|${q.houseNumber}` : '';
    numbers.set(n, [...(numbers.get(n) ?? []), c.addressKey]);
  }
  queries.residentsAt.asked += numbers.size;
  await Promise.all(
    [...numbers].map(async ([n, keys]) => {
      const q = addressQueryOf(n);
      const found = q ? await brp.residentsAt(q) : [];
      if (found.length > 0) queries.residentsAt.found++;
      for (const key of keys) residentsNow.set(key, found);
    }),
  );
  const probes = new Map<string, string[]>();
  for (const c of withoutBsn) {
    const bsns = probesFor(c, residentsNow.get(c.addressKey) ?? []);
    if (bsns.length > 0) probes.set(c.caseId, bsns);
  }
  await lookUp([...probes.values()].flat(), probes.keys());

  // Bewoning on each case's date, per distinct dwelling and date.
  const dwellings = new Map<string, string>();
  for (const c of cases) {
    const id = dwellingOf(c, [...c.bsns, ...(probes.get(c.caseId) ?? [])].map((b) => persons.get(b)));
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
    const here = namedHere(c, residentsNow.get(c.addressKey) ?? [], persons);
    if (c.names.length === 0 || here.alive || here.dead) continue;
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
