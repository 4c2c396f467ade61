/**
 * The DDAS vocabulary (Model Vroegsignalering v0.9, standards/ddas/vroegsignalering-v0.9):
 * the enumerations of the exchange model, word for word, so that an export needs no translation.
 */

export const SIGNAL_PARTNER_TYPES = [
  'Energie',
  'Huur',
  'Hypotheek',
  'CAK Zorgverzekeringen',
  'Zorg',
  'Water',
  'DUO',
  'Belastingdienst',
  'CAK Eigen bijdrage',
  'Overige',
  'Dienst Toeslagen',
] as const;
export type SignalPartnerType = (typeof SIGNAL_PARTNER_TYPES)[number];

export const SIGNAL_STATUSES = [
  'Nog niet opgepakt',
  'Niet opgepakt: onterecht signaal',
  'Inwoner is overleden',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: andere reden',
] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const CASE_RESULTS = [
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
export type CaseResult = (typeof CASE_RESULTS)[number];

export const CONTACT_TYPES = ['Mail', 'Brief', 'SMS/Whatsapp', 'Telefoon', 'Huisbezoek', 'Kaartje', 'Overige', 'Administratief'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const PARTS_OF_DAY = ['Ochtend', 'Middag', 'Avond'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

/**
 * A signal type's DDAS signal-partner type. The mapping is rule data (each rule's
 * `ddas_signal_partner`, rules/README.md): the rule book provides it (RuleBook.ddasPartnerOf).
 */
export type PartnerOf = (signalType: string) => SignalPartnerType;

/** The signal types (of `known`) that map to a partner type (for filtering signals by creditor type in SQL). */
export function signalTypesOfPartner(partner: SignalPartnerType, known: readonly string[], partnerOf: PartnerOf): string[] {
  return known.filter((t) => partnerOf(t) === partner);
}

export const isSignalPartnerType = (v: string): v is SignalPartnerType => (SIGNAL_PARTNER_TYPES as readonly string[]).includes(v);

export const isSignalStatus = (v: string): v is SignalStatus => (SIGNAL_STATUSES as readonly string[]).includes(v);
export const isCaseResult = (v: string): v is CaseResult => (CASE_RESULTS as readonly string[]).includes(v);
const isContactType = (v: string): v is ContactType => (CONTACT_TYPES as readonly string[]).includes(v);

/** End results that mean the resident was reached (there was contact), whatever the attempts say. */
export const RESULTS_WITH_CONTACT: ReadonlySet<CaseResult> = new Set<CaseResult>([
  'Inwoner al bekend bij schuldhulpverlening',
  'Geen reactie na eerder contact',
  'Inwoner hoeft geen hulp vanuit vroegsignalering',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
]);

/** End results that mean help was accepted: advice, a quick fix, or follow-up help (DDAS definitions). */
export const RESULTS_HELP_ACCEPTED: ReadonlySet<CaseResult> = new Set<CaseResult>([
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
]);

/**
 * End results that say the case was not picked up: the ones that are also a signal status
 * (EnumSignaalstatus: "Niet opgepakt: …", "Inwoner is overleden", "Persoon is geen inwoner (meer)
 * in de gemeente"). Every other end result means the municipality took the case up.
 */
export const RESULTS_NOT_PICKED_UP: ReadonlySet<CaseResult> = new Set<CaseResult>(
  CASE_RESULTS.filter((r) => (SIGNAL_STATUSES as readonly string[]).includes(r)),
);

/** Part of day of a moment in Dutch local time: before 12:00, 12:00–18:00, from 18:00 (EnumDagdeel). */
export function partOfDayOf(at: Date, timeZone = 'Europe/Amsterdam'): PartOfDay {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(at));
  return hour < 12 ? 'Ochtend' : hour < 18 ? 'Middag' : 'Avond';
}

/** Our own contact codes, should the worklist record those instead of the DDAS words. */
const CONTACT_ALIASES: Readonly<Record<string, ContactType>> = {
  email: 'Mail',
  mail: 'Mail',
  e_mail: 'Mail',
  letter: 'Brief',
  sms: 'SMS/Whatsapp',
  whatsapp: 'SMS/Whatsapp',
  text_message: 'SMS/Whatsapp',
  phone: 'Telefoon',
  telephone: 'Telefoon',
  call: 'Telefoon',
  home_visit: 'Huisbezoek',
  visit: 'Huisbezoek',
  card: 'Kaartje',
  other: 'Overige',
  administrative: 'Administratief',
};

/** The DDAS contact type for a recorded kind: the DDAS word itself, or a known alias; undefined otherwise. */
export function contactTypeOf(kind: string): ContactType | undefined {
  if (isContactType(kind)) return kind;
  return CONTACT_ALIASES[kind.toLowerCase().replace(/[\s-]+/g, '_')];
}
