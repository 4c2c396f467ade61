import type { PersonRegister } from './person-register.ts';

/** An address as the BRP holds it, with the BAG identifiers that tie it to the building register. */
export interface RegisteredAddress {
  postcode: string;
  houseNumber: string;
  houseLetter?: string;
  houseNumberAddition?: string;
  street?: string;
  city?: string;
  /** BAG adresseerbaar object (the dwelling): what Bewoning is asked about. */
  addressableObjectId?: string;
  /** First day of living here (datumVan of the verblijfplaats), when the BRP knows it whole. */
  since?: string;
}

/** A person as the BRP says now: who, alive or not, registered where. */
export interface RegisteredPerson {
  bsn: string;
  givenNames?: string;
  /** Voorvoegsel, e.g. 'van der'. */
  prefix?: string;
  surname?: string;
  fullName?: string;
  birthDate?: string;
  /** Set when the BRP records a death (only asked for with includeDeceased). */
  deathDate?: string;
  deceased: boolean;
  /** Municipality of registration (gemeenteVanInschrijving), as 'GM' + the four digits. */
  municipalityCode?: string;
  /** The current address in the Netherlands; absent for an unknown or foreign residence. */
  address?: RegisteredAddress;
}

/** An address as a search asks for it: a one-letter addition is a house letter, anything else a toevoeging. */
export interface AddressQuery {
  postcode: string;
  houseNumber: string;
  houseLetter?: string;
  houseNumberAddition?: string;
}

/** A person a search by address finds (the API's PersoonBeperkt): no address details, no dates. */
export interface AddressResident {
  bsn: string;
  givenNames?: string;
  prefix?: string;
  surname?: string;
  deceased: boolean;
}

/** Who lived at one dwelling on one date (Bewoning with a peildatum) and what that says about the household. */
export interface Occupancy {
  addressableObjectId: string;
  date: string;
  /** fullName: Bewoning's volledigeNaam, the only name it gives (enough to recognise a surname). */
  residents: ReadonlyArray<{ bsn: string; birthDate?: string; fullName?: string }>;
  /** Persons whose registration there is uncertain on the date (partly unknown dates). */
  possibleResidents: number;
  residentCount: number;
  /** Residents under 18 on the date; a resident without a known birth date is not counted. */
  minorCount: number;
}

/**
 * The BRP as the platform asks it in bulk: persons by BSN and the residents of dwellings on a date,
 * next to the residence look-up matching uses. Unknown persons and dwellings are absent from the
 * answers; a register that cannot be reached throws BrpUnavailable, never an empty answer.
 */
export interface BrpRegister extends PersonRegister {
  /**
   * Who is registered at an address now (ZoekMetPostcodeEnHuisnummer, one address per call): name
   * and BSN only, the deceased at their last address included. A signal without a BSN is checked so.
   */
  residentsAt(address: AddressQuery): Promise<AddressResident[]>;
  persons(bsns: readonly string[], opts?: { includeDeceased?: boolean }): Promise<Map<string, RegisteredPerson>>;
  occupancyOn(addressableObjectIds: readonly string[], date: string): Promise<Map<string, Occupancy>>;
}

/** The BRP connection of each municipality that has one switched on; absent: no BRP for it. */
export interface MunicipalBrp {
  /** The municipalities whose BRP is switched on. */
  readonly municipalities: readonly string[];
  forMunicipality(municipalityCode: string): BrpRegister | undefined;
}

/**
 * The BRP did not answer (down, time-out, refused credentials, server error after retries): the
 * caller must not read this as "person unknown". `status` is the last HTTP status, if any.
 */
export class BrpUnavailable extends Error {
  override readonly name = 'BrpUnavailable';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Age in whole years on a date, from ISO dates (the birthday counts from its own day; 29 Feb on 1 Mar). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The household composition of one dwelling on a date from its residents' birth dates. */
export function occupancyOf(
  addressableObjectId: string,
  date: string,
  residents: Occupancy['residents'],
  possibleResidents: number,
): Occupancy {
  const minorCount = residents.filter((r) => r.birthDate !== undefined && ageOn(r.birthDate, date) < 18).length;
  return { addressableObjectId, date, residents, possibleResidents, residentCount: residents.length, minorCount };
}

/** 'GM0363' from the BRP's four digits '0363'. */
export const gmCode = (fourDigits: string): string => `GM${fourDigits}`;
