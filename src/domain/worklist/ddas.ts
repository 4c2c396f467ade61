/**
 * DDAS vocabulary for the municipality's work on a case (vroegsignalering v0.9,
 * json_schema_Uitwisselmodel.json): contact types, parts of day and end results are stored with
 * exactly these values so that the DDAS export needs no translation table.
 */
export const CONTACT_TYPES = ['Mail', 'Brief', 'SMS/Whatsapp', 'Telefoon', 'Huisbezoek', 'Kaartje', 'Overige', 'Administratief'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const PARTS_OF_DAY = ['Ochtend', 'Middag', 'Avond'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export const END_RESULTS = [
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Inwoner is overleden',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Niet opgepakt: andere reden',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner hoeft geen hulp vanuit vroegsignalering',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing financieel',
  'Verwijzing zonder contact',
  'Vervolghulp en/of verwijzing niet financieel',
] as const;
export type EndResult = (typeof END_RESULTS)[number];

export const isContactType = (v: string): v is ContactType => (CONTACT_TYPES as readonly string[]).includes(v);
export const isPartOfDay = (v: string): v is PartOfDay => (PARTS_OF_DAY as readonly string[]).includes(v);
export const isEndResult = (v: string): v is EndResult => (END_RESULTS as readonly string[]).includes(v);

/** How the municipality approaches the households of a queue (its working method, not DDAS). */
export const APPROACHES = ['letter', 'phone', 'home_visit'] as const;
export type Approach = (typeof APPROACHES)[number];
export const isApproach = (v: string): v is Approach => (APPROACHES as readonly string[]).includes(v);
