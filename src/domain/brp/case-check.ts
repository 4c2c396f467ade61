/**
 * What the BRP says about a new case (issue 18 point 3): does a resident with the signals' name live
 * at the case's address, has that person died, or moved out of the municipality; and the household's
 * composition on the signal date for the weighing framework. Pure: the BRP's answers come in as
 * evidence (src/app/brp/check-cases.ts asks for them in bulk), the decision goes out.
 */
import { addressKey, sameSurname, surnameKey } from '../matching/normalise-address.ts';
import type { AddressQuery, AddressResident, Occupancy, RegisteredAddress, RegisteredPerson } from '../routing/brp-register.ts';

export const BRP_CHECK_OUTCOMES = ['match', 'no_resident', 'other_address', 'deceased', 'moved_out', 'unknown_address'] as const;
export type BrpCheckOutcome = (typeof BRP_CHECK_OUTCOMES)[number];

/** A name as a signal gives it: the surname (prefixes in it or not) and, when given, the first initial. */
export interface SignalName {
  surname: string;
  initial?: string;
}

/** What a check needs of a case; nothing of it is stored with the result. */
export interface CaseToCheck {
  caseId: string;
  municipality: string;
  /** 'POSTCODE|NUMBER|ADDITION' (normalise-address.ts). */
  addressKey: string;
  /** The BSNs its signals carry (only where the regulation allowed the sender one). */
  bsns: readonly string[];
  names: readonly SignalName[];
  /** The day residence is asked for: the case's latest signal date. */
  date: string;
}

/** The BRP's answers that concern one case. */
export interface CaseEvidence {
  /** Persons by BSN (RaadpleegMetBurgerservicenummer), of the case's BSNs and of residents found by name. */
  persons: ReadonlyMap<string, RegisteredPerson>;
  /** Registered at the address now (ZoekMetPostcodeEnHuisnummer); absent when not asked (a case with a BSN). */
  residentsNow?: readonly AddressResident[];
  /** Who lived in the dwelling on the case's date (BewoningMetPeildatum); absent when the dwelling is not known. */
  occupancy?: Occupancy;
}

export type CaseCheckDecision =
  | { outcome: 'match'; bsn?: string }
  | { outcome: 'no_resident' }
  | { outcome: 'other_address' }
  | { outcome: 'deceased'; bsn: string; deathDate?: string }
  /** to: the municipality registered in now; absent: in none (left the country, the RNI). */
  | { outcome: 'moved_out'; bsn: string; to?: string; address?: RegisteredAddress }
  | { outcome: 'unknown_address' };

/** Household composition for the weighing framework: counts only, never who. */
export interface Composition {
  residentCount: number;
  minorsPresent: boolean;
}

/**
 * The search for a case's address: postcode and house number only. The BRP's own spelling of an
 * addition (I, II, hs, 2hg) cannot be rebuilt from the normalised key ('1', '2', 'H'), so the
 * residents of the whole number are found and each one's own record (normalised the same way)
 * tells whether they live at the case's addition.
 */
export function addressQueryOf(key: string): AddressQuery | undefined {
  const [postcode, houseNumber] = key.split('|');
  if (!postcode || !houseNumber) return undefined;
  return { postcode, houseNumber };
}

function keyOfRegisteredAddress(a: RegisteredAddress | undefined): string | undefined {
  if (!a) return undefined;
  return addressKey(a.postcode, a.houseNumber, `${a.houseLetter ?? ''}${a.houseNumberAddition ?? ''}`);
}

const initialOf = (givenNames: string | undefined) => surnameKey(undefined, givenNames?.trim().split(/\s+/)[0] ?? '').slice(0, 1);

/** Same surname (matching's key and spelling tolerance), and the same first initial when both are known. */
function sameName(name: SignalName, surname: string | undefined, givenNames: string | undefined): boolean {
  const a = surnameKey(undefined, name.surname);
  const b = surnameKey(undefined, surname ?? '');
  if (a === '' || b === '' || !sameSurname(a, b)) return false;
  const i = name.initial ? surnameKey(undefined, name.initial).slice(0, 1) : '';
  const j = initialOf(givenNames);
  return i === '' || j === '' || i === j;
}

/**
 * Bewoning gives only the full name ('Jan van der Meer'): the surname is one of its endings. The
 * first word is a given name, so at least one word is left off.
 */
export function fullNameHasSurname(fullName: string, surname: string): boolean {
  const want = surnameKey(undefined, surname);
  if (want === '') return false;
  const words = fullName.trim().split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const key = surnameKey(undefined, words.slice(i).join(' '));
    if (key !== '' && sameSurname(want, key)) return true;
  }
  return false;
}

const namesOf = (c: CaseToCheck) => c.names.filter((n) => surnameKey(undefined, n.surname) !== '');

/** What a person's record says, given that the case is about them. */
function fromPerson(c: CaseToCheck, p: RegisteredPerson): CaseCheckDecision {
  if (p.deceased) return { outcome: 'deceased', bsn: p.bsn, ...(p.deathDate ? { deathDate: p.deathDate } : {}) };
  // No municipality of registration: left the country (registered in the RNI) — no resident anywhere.
  if (p.municipalityCode === undefined) return { outcome: 'moved_out', bsn: p.bsn };
  if (p.municipalityCode !== c.municipality) return { outcome: 'moved_out', bsn: p.bsn, to: p.municipalityCode, ...(p.address ? { address: p.address } : {}) };
  const key = keyOfRegisteredAddress(p.address);
  if (key !== undefined && key !== c.addressKey) return { outcome: 'other_address' };
  return { outcome: 'match', bsn: p.bsn };
}

/**
 * The check's verdict. With a BSN the person's own record decides (deceased, registered in another
 * municipality, at another address here, or here). Without one, the name decides: a living resident
 * registered at the address (its addition included) with the signals' surname (and initial) is a
 * match; only a deceased one: deceased; none now, but one in the dwelling on the signal date: what
 * that person's record says now (moved out, moved within the municipality, deceased); one with the
 * name behind another addition of the number: other address; nobody with the name: no resident;
 * nobody registered at the number at all: an address the BRP does not know as lived in. A case
 * without a usable surname and BSN is a match when anyone lives there (the name cannot be checked).
 */
export function decideCaseCheck(c: CaseToCheck, e: CaseEvidence): CaseCheckDecision {
  if (c.bsns.length > 0) {
    const people = c.bsns.map((b) => e.persons.get(b)).filter((p): p is RegisteredPerson => p !== undefined);
    if (people.length === 0) return { outcome: 'no_resident' };
    // Several BSNs in one case (a household): one of them living here is enough.
    const decisions = people.map((p) => fromPerson(c, p));
    return decisions.find((d) => d.outcome === 'match') ?? decisions[0]!;
  }
  const names = namesOf(c);
  const now = e.residentsNow ?? [];
  if (now.length === 0) return { outcome: 'unknown_address' };
  if (names.length === 0) return now.some((r) => !r.deceased) ? { outcome: 'match' } : { outcome: 'no_resident' };
  const { alive, dead, named } = namedHere(c, now, e.persons);
  if (alive) return { outcome: 'match', bsn: alive.bsn };
  if (dead) {
    const death = e.persons.get(dead.bsn)?.deathDate;
    return { outcome: 'deceased', bsn: dead.bsn, ...(death ? { deathDate: death } : {}) };
  }
  // Not registered there now: did someone with the name live there on the signal date?
  for (const r of formerNamedResidents(c, e.occupancy)) {
    const p = e.persons.get(r);
    if (!p) continue;
    const d = fromPerson(c, p);
    if (d.outcome !== 'match') return d;
  }
  // Someone with the name lives behind another addition of the same number.
  if (named.some((r) => !r.deceased)) return { outcome: 'other_address' };
  return { outcome: 'no_resident' };
}

/**
 * The residents with the signals' name at the case's own address (addition included, by their
 * record; a resident whose record was not fetched counts as there): a living one, a deceased one.
 */
export function namedHere(c: CaseToCheck, residentsNow: readonly AddressResident[], persons: ReadonlyMap<string, RegisteredPerson>) {
  const named = namedResidents(c, residentsNow);
  const here = (r: AddressResident) => {
    const key = keyOfRegisteredAddress(persons.get(r.bsn)?.address);
    return key === undefined || key === c.addressKey;
  };
  return { named, alive: named.find((r) => !r.deceased && here(r)), dead: named.find((r) => r.deceased && here(r)) };
}

/** The residents registered at the address now who carry one of the signals' names. */
function namedResidents(c: CaseToCheck, residentsNow: readonly AddressResident[]): AddressResident[] {
  const names = namesOf(c);
  return residentsNow.filter((r) => names.some((n) => sameName(n, r.surname, r.givenNames)));
}

/** BSNs of the dwelling's residents on the date whose full name carries one of the signals' surnames. */
export function formerNamedResidents(c: CaseToCheck, occupancy: Occupancy | undefined): string[] {
  if (!occupancy) return [];
  const names = namesOf(c);
  return occupancy.residents.filter((r) => r.fullName !== undefined && names.some((n) => fullNameHasSurname(r.fullName!, n.surname))).map((r) => r.bsn);
}

/** Records looked up to place residents of a multi-unit number; enough for one front door. */
const MAX_PROBES = 8;

/**
 * Whose records to fetch for a case without a BSN: the residents of the number with the signals'
 * name (is it their addition, have they died); when nobody has it, a few living residents, to find
 * the dwelling's BAG id for Bewoning on the signal date.
 */
export function probesFor(c: CaseToCheck, residentsNow: readonly AddressResident[]): string[] {
  const named = namedResidents(c, residentsNow);
  if (named.length > 0) return named.map((r) => r.bsn);
  return residentsNow.filter((r) => !r.deceased).slice(0, MAX_PROBES).map((r) => r.bsn);
}

/** The dwelling of the case's address, from a person registered there (their record gives its BAG id). */
export function dwellingOf(c: CaseToCheck, persons: Iterable<RegisteredPerson | undefined>): string | undefined {
  for (const p of persons) if (p && keyOfRegisteredAddress(p.address) === c.addressKey && p.address?.addressableObjectId) return p.address.addressableObjectId;
  return undefined;
}

export function compositionOf(o: Occupancy | undefined): Composition | undefined {
  return o ? { residentCount: o.residentCount, minorsPresent: o.minorCount > 0 } : undefined;
}

/** When a check that found the BRP down is tried again: 5 minutes, doubling per attempt, at most 6 hours. */
export function nextTryAfter(attempts: number, now: Date): Date {
  const minutes = Math.min(6 * 60, 5 * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + minutes * 60_000);
}
