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

/** Column → position in a file's header: a row's fields are read without building a record object. */
export type ColumnIndex = Partial<Record<CsvColumn, number>>;

export function columnIndex(header: readonly string[]): ColumnIndex {
  const index: ColumnIndex = {};
  header.forEach((h, i) => {
    if ((CSV_COLUMNS as readonly string[]).includes(h)) index[h as CsvColumn] = i;
  });
  return index;
}

const TEMPLATE_INDEX = columnIndex(CSV_COLUMNS);

/** Turns one CSV record (header → cell) into the common SignalInput shape. */
export function csvRecordToSignal(row: CsvRecord): SignalInput {
  return csvFieldsToSignal(
    CSV_COLUMNS.map((c) => row[c] ?? ''),
    TEMPLATE_INDEX,
  );
}

/** The trimmed cell at a header position; undefined when the file has no such column or the cell is blank. */
function cellAt(fields: readonly string[], i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const v = fields[i];
  if (v === undefined || v === '') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function hasAny(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * One row's fields (in header order) as the common SignalInput shape. Written out field by field
 * (no closures, no record object): intake calls it a million times for a big file.
 */
export function csvFieldsToSignal(f: readonly string[], x: ColumnIndex): SignalInput {
  const s: SignalInput = {
    reference: cellAt(f, x.reference) ?? '',
    signalType: cellAt(f, x.signal_type) ?? '',
    signalDate: cellAt(f, x.signal_date) ?? '',
  };
  put(s, 'municipalityCode', cellAt(f, x.municipality_code));
  put(s, 'onBehalfOf', cellAt(f, x.on_behalf_of));
  put(s, 'amount', cellAt(f, x.amount));
  put(s, 'components', parseComponents(cellAt(f, x.components)));
  put(s, 'arrearStartDate', cellAt(f, x.arrear_start_date));
  put(s, 'bsn', cellAt(f, x.bsn));
  const person: NonNullable<SignalInput['person']> = {};
  put(person, 'initials', cellAt(f, x.initials));
  put(person, 'givenName', cellAt(f, x.given_name));
  put(person, 'prefix', cellAt(f, x.prefix));
  put(person, 'surname', cellAt(f, x.surname));
  if (hasAny(person)) s.person = person;
  const address: NonNullable<SignalInput['address']> = {};
  put(address, 'street', cellAt(f, x.street));
  put(address, 'houseNumber', cellAt(f, x.house_number));
  put(address, 'houseNumberAddition', cellAt(f, x.house_number_addition));
  put(address, 'postcode', cellAt(f, x.postcode));
  put(address, 'city', cellAt(f, x.city));
  if (hasAny(address)) s.address = address;
  put(s, 'phone', cellAt(f, x.phone));
  put(s, 'email', cellAt(f, x.email));
  put(s, 'customerNumber', cellAt(f, x.customer_number));
  put(s, 'birthDate', cellAt(f, x.birth_date));
  put(s, 'crisis', parseFlag(cellAt(f, x.crisis)));
  const sc: NonNullable<SignalInput['socialCollection']> = {};
  put(sc, 'personalContactAttemptedOn', cellAt(f, x.personal_contact_attempted_on));
  put(sc, 'debtAssistanceReferredOn', cellAt(f, x.debt_assistance_referred_on));
  put(sc, 'reminderSentOn', cellAt(f, x.reminder_sent_on));
  put(sc, 'agreementOfferedInReminder', parseFlag(cellAt(f, x.agreement_offered_in_reminder)));
  put(sc, 'residentResponse', cellAt(f, x.resident_response) as NonNullable<SignalInput['socialCollection']>['residentResponse']);
  if (hasAny(sc)) s.socialCollection = sc;
  return s;
}
