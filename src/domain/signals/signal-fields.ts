import type { DataCategory } from './signal.ts';

/**
 * Every field of a delivered signal, described once. The API schema, the CSV columns, template and
 * mapping, the field whitelist's categories, the content hash and the stored columns (insert and
 * COPY lists) are derived from this table; a test holds the stored columns equal to the database's.
 *
 * - `path`: where the value sits in the SignalInput shape ('person.surname').
 * - `csv`: the batch-file column.
 * - `column`: the `signals` column it is stored in (null: never stored — a field no designation
 *   allows, which is refused before storing). `stored` says in what form (amounts in cents).
 * - `category`: the personal-data category a regulation must allow (null: not personal data).
 * - `hash`: how the field counts in the content hash. 'position' fields are hashed in table order
 *   as they always were, so a re-send after an upgrade is still a duplicate; fields added later are
 *   'when_present' (hashed with their name only when given), so older signals keep their hashes.
 */

export type FieldType = 'text' | 'date' | 'amount' | 'components' | 'flag' | 'response' | 'codes';
export type StoredAs = 'text' | 'date' | 'cents' | 'components_cents' | 'bool' | 'text_array' | 'postcode';
export type FieldGroup = 'person' | 'address' | 'socialCollection';

export interface SignalField {
  path: string;
  csv: string;
  type: FieldType;
  /** Longest value accepted (text, codes). */
  max?: number;
  /** The batch file must have this column (and the API the property). */
  required?: boolean;
  column: string | null;
  stored: StoredAs;
  category: DataCategory | null;
  hash: 'position' | 'when_present' | 'none';
  /** Stored when the field is absent (the column is not null). */
  default?: boolean;
  docs: { nl: string; en: string; example: string };
}

export const SIGNAL_FIELDS = [
  { path: 'reference', csv: 'reference', type: 'text', max: 100, required: true, column: 'reference', stored: 'text', category: null, hash: 'none',
    docs: { nl: 'Uw eigen unieke kenmerk van het signaal', en: "The sender's own unique reference (idempotency key)", example: 'HUUR-2025-000123' } },
  { path: 'signalType', csv: 'signal_type', type: 'text', max: 60, required: true, column: 'signal_type', stored: 'text', category: null, hash: 'position',
    docs: { nl: 'Soort signaal (zie "Wat mag ik aanleveren?")', en: 'Signal type code, see GET /v1/signal-types', example: 'rent' } },
  { path: 'signalDate', csv: 'signal_date', type: 'date', required: true, column: 'signal_date', stored: 'date', category: null, hash: 'position',
    docs: { nl: 'Datum van verstrekking (JJJJ-MM-DD)', en: 'Date of provision (DDAS signaaldatum), YYYY-MM-DD', example: '2025-03-14' } },
  { path: 'municipalityCode', csv: 'municipality_code', type: 'text', max: 6, column: 'municipality_code', stored: 'text', category: null, hash: 'position',
    docs: { nl: 'CBS-code van de gemeente (leeg: bepaald uit het adres)', en: 'CBS municipality code, e.g. GM0363; derived from the address when absent', example: 'GM0363' } },
  { path: 'onBehalfOf', csv: 'on_behalf_of', type: 'text', max: 100, column: 'on_behalf_of', stored: 'text', category: null, hash: 'position',
    docs: { nl: 'Alleen voor verwerkers: de schuldeiser namens wie u stuurt', en: 'Processors only: id of the creditor the signal is sent for', example: '' } },
  { path: 'amount', csv: 'amount', type: 'amount', column: 'amount_cents', stored: 'cents', category: 'arrear_amount', hash: 'position',
    docs: { nl: 'Hoogte van de betalingsachterstand in euro (punt als decimaalteken)', en: 'Amount of the arrear in euros (dot as decimal separator)', example: '812.50' } },
  { path: 'components', csv: 'components', type: 'components', column: 'components', stored: 'components_cents', category: 'arrear_amount', hash: 'position',
    docs: { nl: 'Opbouw van de achterstand, soort=bedrag gescheiden door ;', en: 'Breakdown of the arrear, kind=amount separated by ;', example: '' } },
  { path: 'arrearStartDate', csv: 'arrear_start_date', type: 'date', column: 'arrear_start_date', stored: 'date', category: 'arrear_start_date', hash: 'position',
    docs: { nl: 'Ontstaansdatum van de (oudste) achterstand', en: 'Date the (oldest) arrear arose (DDAS ontstaansdatum)', example: '2024-12-01' } },
  { path: 'supplyEndDate', csv: 'supply_end_date', type: 'date', column: 'supply_end_date', stored: 'date', category: 'supply_end_date', hash: 'when_present',
    docs: { nl: 'Alleen eindeleveringssignaal: datum waarop de levering eindigt', en: 'End-of-supply signal only: the day supply ends', example: '' } },
  { path: 'bsn', csv: 'bsn', type: 'text', max: 9, column: 'bsn', stored: 'text', category: 'bsn', hash: 'position',
    docs: { nl: 'Burgerservicenummer, alleen waar de regeling dat toestaat', en: 'Citizen service number; only where the regulation allows it', example: '' } },
  { path: 'person.initials', csv: 'initials', type: 'text', max: 20, column: 'initials', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Voorletters', en: 'Initials', example: 'J.' } },
  { path: 'person.givenName', csv: 'given_name', type: 'text', max: 100, column: 'given_name', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Voornaam', en: 'Given name', example: '' } },
  { path: 'person.prefix', csv: 'prefix', type: 'text', max: 20, column: 'prefix', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Tussenvoegsel', en: 'Surname prefix (tussenvoegsel)', example: 'de' } },
  { path: 'person.surname', csv: 'surname', type: 'text', max: 200, column: 'surname', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Achternaam', en: 'Surname', example: 'Vries' } },
  { path: 'address.street', csv: 'street', type: 'text', max: 200, column: 'street', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Straat', en: 'Street', example: 'Dorpsstraat' } },
  { path: 'address.houseNumber', csv: 'house_number', type: 'text', max: 10, column: 'house_number', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Huisnummer', en: 'House number', example: '12' } },
  { path: 'address.houseNumberAddition', csv: 'house_number_addition', type: 'text', max: 10, column: 'house_number_addition', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Huisnummertoevoeging', en: 'House number addition', example: 'A' } },
  { path: 'address.postcode', csv: 'postcode', type: 'text', max: 10, column: 'postcode', stored: 'postcode', category: 'contact_details', hash: 'position',
    docs: { nl: 'Postcode', en: 'Postcode, e.g. 1011AB', example: '1011AB' } },
  { path: 'address.city', csv: 'city', type: 'text', max: 100, column: 'city', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Woonplaats', en: 'City (woonplaats)', example: 'Amsterdam' } },
  { path: 'phone', csv: 'phone', type: 'text', max: 30, column: 'phone', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'Telefoonnummer', en: 'Phone number', example: '0612345678' } },
  { path: 'email', csv: 'email', type: 'text', max: 200, column: 'email', stored: 'text', category: 'contact_details', hash: 'position',
    docs: { nl: 'E-mailadres', en: 'E-mail address', example: '' } },
  { path: 'customerNumber', csv: 'customer_number', type: 'text', max: 50, column: 'customer_number', stored: 'text', category: 'customer_number', hash: 'position',
    docs: { nl: 'Klantnummer (alleen drinkwater)', en: 'Customer number (drinking water only)', example: '' } },
  { path: 'birthDate', csv: 'birth_date', type: 'date', column: null, stored: 'date', category: 'birth_date', hash: 'none',
    docs: { nl: 'Geboortedatum (door geen enkele regeling toegestaan)', en: 'Birth date; designated by no regulation, so always refused', example: '' } },
  { path: 'crisis', csv: 'crisis', type: 'flag', column: 'crisis', stored: 'bool', category: null, hash: 'position', default: false,
    docs: { nl: 'Dreigende situatie (ja/nee): ontruiming, afsluiting, beëindiging zorgverzekering', en: 'Threatening situation (yes/no): eviction, cut-off, end of health insurance', example: 'nee' } },
  { path: 'attestations', csv: 'attestations', type: 'codes', max: 10, column: 'attestations', stored: 'text_array', category: null, hash: 'when_present',
    docs: {
      nl: 'Verklaringen die een regeling vraagt, codes gescheiden door ; (bijv. no_deferral_granted bij een belastingschuld)',
      en: 'Statements a regulation asks for, codes separated by ; (e.g. no_deferral_granted for a tax debt)',
      example: '',
    } },
  { path: 'socialCollection.personalContactAttemptedOn', csv: 'personal_contact_attempted_on', type: 'date', column: 'personal_contact_attempted_on', stored: 'date', category: null, hash: 'position',
    docs: { nl: 'Art. 1.2 a: datum poging tot persoonlijk contact', en: 'Art. 1.2 a: date of the effort to get into personal contact', example: '2025-02-20' } },
  { path: 'socialCollection.debtAssistanceReferredOn', csv: 'debt_assistance_referred_on', type: 'date', column: 'debt_assistance_referred_on', stored: 'date', category: null, hash: 'position',
    docs: { nl: 'Art. 1.2 b: datum gewezen op schuldhulpverlening', en: 'Art. 1.2 b: date the resident was pointed to debt assistance', example: '2025-02-20' } },
  { path: 'socialCollection.reminderSentOn', csv: 'reminder_sent_on', type: 'date', column: 'reminder_sent_on', stored: 'date', category: null, hash: 'position',
    docs: { nl: 'Art. 1.2 c: datum schriftelijke herinnering', en: 'Art. 1.2 c: date of the written reminder', example: '2025-02-01' } },
  { path: 'socialCollection.agreementOfferedInReminder', csv: 'agreement_offered_in_reminder', type: 'flag', column: 'agreement_offered_in_reminder', stored: 'bool', category: null, hash: 'position',
    docs: { nl: 'Art. 1.2 d: in de herinnering aangeboden gegevens met instemming te verstrekken (ja/nee)', en: 'Art. 1.2 d: the reminder offered to pass the details with agreement (yes/no)', example: 'ja' } },
  { path: 'socialCollection.residentResponse', csv: 'resident_response', type: 'response', column: 'resident_response', stored: 'text', category: null, hash: 'position',
    docs: { nl: 'Art. 1.2 d: reactie inwoner: none (geen), not_negative (niet afwijzend), objected (bezwaar)', en: 'Art. 1.2 d: resident response: none, not_negative, objected', example: 'none' } },
] as const satisfies readonly SignalField[];

export type SignalFieldDef = (typeof SIGNAL_FIELDS)[number];
export type CsvColumnName = SignalFieldDef['csv'];

/** The resident's responses to the offer of art. 1.2 d. */
export const RESIDENT_RESPONSES = ['none', 'not_negative', 'objected'] as const;

/** A field's group ('person' for 'person.surname'), or undefined for a top-level field, and its key within it. */
export function fieldPlace(f: Pick<SignalField, 'path'>): { group: FieldGroup | undefined; key: string } {
  const dot = f.path.indexOf('.');
  return dot < 0 ? { group: undefined, key: f.path } : { group: f.path.slice(0, dot) as FieldGroup, key: f.path.slice(dot + 1) };
}
