import type { SignalInput } from './signal.ts';

/**
 * The batch-file columns (CSV header names; JSON Lines uses the SignalInput shape itself).
 * One list, used by the template download, the parser and the docs, so they cannot drift apart.
 */
export const CSV_COLUMNS = [
  'reference',
  'signal_type',
  'signal_date',
  'municipality_code',
  'on_behalf_of',
  'amount',
  'components',
  'arrear_start_date',
  'bsn',
  'initials',
  'given_name',
  'prefix',
  'surname',
  'street',
  'house_number',
  'house_number_addition',
  'postcode',
  'city',
  'phone',
  'email',
  'customer_number',
  'birth_date',
  'crisis',
  'personal_contact_attempted_on',
  'debt_assistance_referred_on',
  'reminder_sent_on',
  'agreement_offered_in_reminder',
  'resident_response',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a file must have in its header; the others may be left out. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['reference', 'signal_type', 'signal_date'];

export const CSV_COLUMN_DOCS: Record<CsvColumn, { nl: string; en: string; example: string }> = {
  reference: { nl: 'Uw eigen unieke kenmerk van het signaal', en: 'Your own unique reference for the signal', example: 'HUUR-2025-000123' },
  signal_type: { nl: 'Soort signaal (zie "Wat mag ik sturen?")', en: 'Signal type (see "What may I send?")', example: 'rent' },
  signal_date: { nl: 'Datum van verstrekking (JJJJ-MM-DD)', en: 'Date of provision (YYYY-MM-DD)', example: '2025-03-14' },
  municipality_code: { nl: 'CBS-code van de gemeente (leeg: bepaald uit het adres)', en: 'CBS municipality code (empty: derived from the address)', example: 'GM0363' },
  on_behalf_of: { nl: 'Alleen voor verwerkers: de schuldeiser namens wie u stuurt', en: 'Processors only: the creditor you send for', example: '' },
  amount: { nl: 'Hoogte van de betalingsachterstand in euro (punt als decimaalteken)', en: 'Amount of the arrear in euros (dot as decimal separator)', example: '812.50' },
  components: { nl: 'Opbouw van de achterstand, soort=bedrag gescheiden door ;', en: 'Breakdown of the arrear, kind=amount separated by ;', example: '' },
  arrear_start_date: { nl: 'Ontstaansdatum van de (oudste) achterstand', en: 'Date the (oldest) arrear arose', example: '2024-12-01' },
  bsn: { nl: 'Burgerservicenummer, alleen waar de regeling dat toestaat', en: 'Citizen service number, only where the regulation allows it', example: '' },
  initials: { nl: 'Voorletters', en: 'Initials', example: 'J.' },
  given_name: { nl: 'Voornaam', en: 'Given name', example: '' },
  prefix: { nl: 'Tussenvoegsel', en: 'Surname prefix', example: 'de' },
  surname: { nl: 'Achternaam', en: 'Surname', example: 'Vries' },
  street: { nl: 'Straat', en: 'Street', example: 'Dorpsstraat' },
  house_number: { nl: 'Huisnummer', en: 'House number', example: '12' },
  house_number_addition: { nl: 'Huisnummertoevoeging', en: 'House number addition', example: 'A' },
  postcode: { nl: 'Postcode', en: 'Postcode', example: '1011AB' },
  city: { nl: 'Woonplaats', en: 'City', example: 'Amsterdam' },
  phone: { nl: 'Telefoonnummer', en: 'Phone number', example: '0612345678' },
  email: { nl: 'E-mailadres', en: 'E-mail address', example: '' },
  customer_number: { nl: 'Klantnummer (alleen drinkwater)', en: 'Customer number (drinking water only)', example: '' },
  birth_date: { nl: 'Geboortedatum (door geen enkele regeling toegestaan)', en: 'Birth date (allowed by no regulation)', example: '' },
  crisis: { nl: 'Dreigende situatie (ja/nee): ontruiming, afsluiting, beëindiging zorgverzekering', en: 'Threatening situation (yes/no): eviction, cut-off, end of health insurance', example: 'nee' },
  personal_contact_attempted_on: { nl: 'Art. 1.2 a: datum poging tot persoonlijk contact', en: 'Art. 1.2 a: date of the effort to get into personal contact', example: '2025-02-20' },
  debt_assistance_referred_on: { nl: 'Art. 1.2 b: datum gewezen op schuldhulpverlening', en: 'Art. 1.2 b: date the resident was pointed to debt assistance', example: '2025-02-20' },
  reminder_sent_on: { nl: 'Art. 1.2 c: datum schriftelijke herinnering', en: 'Art. 1.2 c: date of the written reminder', example: '2025-02-01' },
  agreement_offered_in_reminder: { nl: 'Art. 1.2 d: in de herinnering aangeboden gegevens met instemming te verstrekken (ja/nee)', en: 'Art. 1.2 d: the reminder offered to pass the details with agreement (yes/no)', example: 'ja' },
  resident_response: { nl: 'Art. 1.2 d: reactie inwoner: none (geen), not_negative (niet afwijzend), objected (bezwaar)', en: 'Art. 1.2 d: resident response: none, not_negative, objected', example: 'none' },
};

export type CsvRecord = Partial<Record<CsvColumn, string>>;

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function cell(row: CsvRecord, col: CsvColumn): string | undefined {
  const v = row[col];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

const TRUE_WORDS = new Set(['ja', 'yes', 'true', '1', 'j', 'y']);
const FALSE_WORDS = new Set(['nee', 'no', 'false', '0', 'n']);

/** Booleans in files: Dutch or English words. Anything else stays a string so the evaluator can refuse it. */
function parseFlag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (TRUE_WORDS.has(l)) return true;
  if (FALSE_WORDS.has(l)) return false;
  return v as unknown as boolean;
}

/** 'municipal_tax=250;parking_fine=90' → { municipal_tax: '250', parking_fine: '90' } */
function parseComponents(v: string | undefined): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of v.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) out[p] = '';
    else out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return out;
}

/** Turns one CSV record (header → cell) into the common SignalInput shape. */
export function csvRecordToSignal(row: CsvRecord): SignalInput {
  const s: SignalInput = {
    reference: cell(row, 'reference') ?? '',
    signalType: cell(row, 'signal_type') ?? '',
    signalDate: cell(row, 'signal_date') ?? '',
  };
  put(s, 'municipalityCode', cell(row, 'municipality_code'));
  put(s, 'onBehalfOf', cell(row, 'on_behalf_of'));
  put(s, 'amount', cell(row, 'amount'));
  put(s, 'components', parseComponents(cell(row, 'components')));
  put(s, 'arrearStartDate', cell(row, 'arrear_start_date'));
  put(s, 'bsn', cell(row, 'bsn'));
  const person = {};
  put(person, 'initials' as never, cell(row, 'initials') as never);
  put(person, 'givenName' as never, cell(row, 'given_name') as never);
  put(person, 'prefix' as never, cell(row, 'prefix') as never);
  put(person, 'surname' as never, cell(row, 'surname') as never);
  if (Object.keys(person).length > 0) s.person = person;
  const address = {};
  put(address, 'street' as never, cell(row, 'street') as never);
  put(address, 'houseNumber' as never, cell(row, 'house_number') as never);
  put(address, 'houseNumberAddition' as never, cell(row, 'house_number_addition') as never);
  put(address, 'postcode' as never, cell(row, 'postcode') as never);
  put(address, 'city' as never, cell(row, 'city') as never);
  if (Object.keys(address).length > 0) s.address = address;
  put(s, 'phone', cell(row, 'phone'));
  put(s, 'email', cell(row, 'email'));
  put(s, 'customerNumber', cell(row, 'customer_number'));
  put(s, 'birthDate', cell(row, 'birth_date'));
  put(s, 'crisis', parseFlag(cell(row, 'crisis')));
  const sc = {};
  put(sc, 'personalContactAttemptedOn' as never, cell(row, 'personal_contact_attempted_on') as never);
  put(sc, 'debtAssistanceReferredOn' as never, cell(row, 'debt_assistance_referred_on') as never);
  put(sc, 'reminderSentOn' as never, cell(row, 'reminder_sent_on') as never);
  put(sc, 'agreementOfferedInReminder' as never, parseFlag(cell(row, 'agreement_offered_in_reminder')) as never);
  put(sc, 'residentResponse' as never, cell(row, 'resident_response') as never);
  if (Object.keys(sc).length > 0) s.socialCollection = sc;
  return s;
}
