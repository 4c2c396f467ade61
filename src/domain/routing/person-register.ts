import type { AddressRouter } from './address-router.ts';

/** Where a person lives, as the person register (BRP) says. */
export interface Residence {
  municipalityCode: string;
  postcode: string;
  houseNumber: string;
  houseNumberAddition?: string;
  street?: string;
  city?: string;
  /** First day of living here (BRP: datum aanvang adreshouding). */
  since: string;
}

/**
 * Looks up where persons live on a date. The platform ships a local implementation for tests and
 * demo; BRP via Haal Centraal (bevragen ingeschreven personen / bewoning) plugs in behind this
 * interface. Asked in bulk because a real register is a network call; unknown persons are absent.
 */
export interface PersonRegister {
  residencesOn(bsns: readonly string[], date: string): Promise<Map<string, Residence>>;
}

/** The basic registers behind one interface: BAG (address → municipality) and BRP (person → address). */
export interface BasisRegisters extends AddressRouter, PersonRegister {}
