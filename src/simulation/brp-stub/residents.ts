/**
 * The stub BRP's persons: the synthetic population's residents (src/simulation/population) with
 * dated residences, plus a few known edge cases. Deterministic for a seed and scale; the demo's
 * simulation uses the same seed and scale, so the BSNs of its signals are persons here.
 */
import { generatePopulation, type Household } from '../population/population.ts';
import { loadPopulationParams } from '../params/load-population-params.ts';
import { hash32 } from '../population/rng.ts';
import { isoDate, parseIsoDate } from '../../domain/calendar.ts';

export interface StubAddress {
  municipalityCode: string;
  municipalityName: string;
  street: string;
  houseNumber: number;
  houseLetter?: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  addressableObjectId: string;
  numberDesignationId: string;
}

/** Lived at `address` from `from` (inclusive) until `until` (exclusive; absent: still does). */
export interface StubResidence {
  from: string;
  until?: string;
  address: StubAddress;
}

export interface StubPerson {
  bsn: string;
  givenName: string;
  prefix?: string;
  surname: string;
  gender: 'M' | 'V';
  birthDate: string;
  deathDate?: string;
  /** Oldest first; the last is the current one (or the last one, for the deceased). */
  residences: StubResidence[];
}

export interface StubRegisterOptions {
  seed?: number;
  scale?: number;
  municipalities?: readonly string[];
}

export interface StubRegister {
  persons: ReadonlyMap<string, StubPerson>;
  /** Every person who ever lived at a dwelling, by adresseerbaar object. */
  byAddressableObject: ReadonlyMap<string, readonly StubPerson[]>;
  /** Known cases for tests and the demo; their BSNs are residents of the population too. */
  edgeCases: { deceased: { bsn: string; on: string }; moved: { bsn: string; on: string; from: StubAddress; to: StubAddress } };
}

/** The demo's simulation settings (src/simulation/run/simulate-demo.ts and demo.ts). */
export const DEMO_REGISTER: Required<StubRegisterOptions> = { seed: 2025, scale: 0.005, municipalities: ['GM0363', 'GM0599'] };

const DEATH_DATE = '2025-06-15';
const MOVE_DATE = '2025-09-01';

function addressOf(h: Household, municipalityName: string): StubAddress {
  const four = h.municipalityCode.slice(2);
  // BAG identifiers: municipality code, object type (01 verblijfsobject, 20 nummeraanduiding), serial.
  const serial = String(h.index + 1).padStart(10, '0');
  const a = h.address;
  const letter = a.houseNumberAddition !== undefined && /^[A-Z]$/.test(a.houseNumberAddition) ? a.houseNumberAddition : undefined;
  return {
    municipalityCode: h.municipalityCode,
    municipalityName,
    street: a.street,
    houseNumber: Number(a.houseNumber),
    ...(letter ? { houseLetter: letter } : a.houseNumberAddition !== undefined ? { houseNumberAddition: a.houseNumberAddition } : {}),
    postcode: a.postcode,
    city: a.city,
    addressableObjectId: `${four}01${serial}`,
    numberDesignationId: `${four}20${serial}`,
  };
}

export function buildStubRegister(opts: StubRegisterOptions = {}): StubRegister {
  const { seed, scale, municipalities } = { ...DEMO_REGISTER, ...opts };
  const params = loadPopulationParams();
  const population = generatePopulation(params, seed, { scale });
  const persons = new Map<string, StubPerson>();
  const firstHouseholds: Array<{ h: Household; address: StubAddress }> = [];
  for (const code of municipalities) {
    const m = population.municipality(code);
    if (!m) throw new RangeError(`municipality ${code} is not in the synthetic population`);
    const name = m.params.name;
    for (const h of m.households()) {
      const address = addressOf(h, name);
      if (h.index < 2) firstHouseholds.push({ h, address });
      // The household moved in on a day between 1995 and 2024 (its own hash); a child born later from birth.
      const movedIn = parseIsoDate('1995-01-01') + (hash32(m.seed, h.index, 0x6272) % (30 * 365));
      for (const r of h.residents) {
        const from = isoDate(Math.max(movedIn, parseIsoDate(r.birthDate)));
        persons.set(r.bsn, {
          bsn: r.bsn,
          givenName: r.givenName,
          ...(r.prefix ? { prefix: r.prefix } : {}),
          surname: r.surname,
          gender: hash32(r.key, 0x67) % 2 === 0 ? 'M' : 'V',
          birthDate: r.birthDate,
          residences: [{ from, address }],
        });
      }
    }
  }

  // Edge cases on the first municipality's first two households; a move goes to the second municipality.
  const [first, second] = firstHouseholds;
  const target = firstHouseholds.find((x) => x.h.municipalityCode !== first!.h.municipalityCode) ?? firstHouseholds[firstHouseholds.length - 1]!;
  const deceased = persons.get(first!.h.resident(0).bsn)!;
  deceased.deathDate = DEATH_DATE;
  deceased.residences[deceased.residences.length - 1]!.until = DEATH_DATE;
  const mover = persons.get(second!.h.resident(0).bsn)!;
  const old = mover.residences[mover.residences.length - 1]!;
  old.until = MOVE_DATE;
  mover.residences.push({ from: MOVE_DATE, address: target.address });

  const byAddressableObject = new Map<string, StubPerson[]>();
  for (const p of persons.values())
    for (const r of p.residences) {
      const list = byAddressableObject.get(r.address.addressableObjectId) ?? [];
      if (!list.includes(p)) list.push(p);
      byAddressableObject.set(r.address.addressableObjectId, list);
    }
  return {
    persons,
    byAddressableObject,
    edgeCases: { deceased: { bsn: deceased.bsn, on: DEATH_DATE }, moved: { bsn: mover.bsn, on: MOVE_DATE, from: old.address, to: target.address } },
  };
}

/** The residence on a date (a deceased person lives nowhere from the day of death). */
export function residenceOn(p: StubPerson, date: string): StubResidence | undefined {
  return p.residences.find((r) => r.from <= date && (r.until === undefined || date < r.until));
}
