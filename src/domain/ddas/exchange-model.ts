import type { CaseResult, ContactType, PartOfDay, SignalPartnerType, SignalStatus } from './vocabulary.ts';

/**
 * The DDAS exchange model (json_schema_Uitwisselmodel.json, v0.9) as TypeScript types. Property
 * names are the standard's, including its spellings (`contactpersoonen`, `startdatum_matchtingperiode`).
 */
export interface Uitwisselmodel {
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
  leveringen?: Levering[];
}

export interface Levering {
  teller: number;
  gemeentecode: string;
  aanleverende_organisatie: AanleverendeOrganisatie;
  vroegsignalen?: Vroegsignaal[];
  vroegsignaalzaken?: Vroegsignaalzaak[];
}

export interface AanleverendeOrganisatie {
  naam?: string;
  'kvk-nummer'?: string;
  contactpersoonen?: Array<{ naam?: string; telefoonnummer?: string; email?: string; functietitel?: string }>;
}

export interface Client {
  Burgerservicenummer?: string;
  Voorletters?: string;
  Voorvoegsel?: string;
  Achternaam?: string;
  Geboortedatum?: string;
  Straatnaam?: string;
  Postcode?: string;
  Huisnummer?: string;
  Huisnummertoevoeging?: string;
  Plaatsnaam?: string;
}

export interface Vroegsignaal {
  ID: string;
  crisissignaal?: boolean;
  warmeOverdracht?: boolean;
  bedrag?: number;
  ontstaansdatum?: string;
  signaaldatum?: string;
  status?: SignalStatus;
  signaalpartner: { type?: SignalPartnerType };
  client: Client;
}

export interface Contactpoging {
  soort?: ContactType;
  bereikt?: boolean;
  datum?: string;
  dagdeel?: PartOfDay;
}

export interface Vroegsignaalzaak {
  resultaat?: CaseResult;
  matchingsdatum?: string;
  startdatum_matchtingperiode?: string;
  datum_opgepakt?: string;
  einddatum_matchingperiode?: string;
  vroegsignalen?: Array<{ ID: string }>;
  contactpogingen?: Contactpoging[];
}
