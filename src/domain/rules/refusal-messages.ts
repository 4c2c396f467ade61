import { defineMessages, fillText, untranslated, type LocalizedText, type Vars } from '../i18n/index.ts';

/**
 * The wording of refusals that do not come from a rule file (input errors, sender, municipality,
 * field whitelist, social collection). Conditions declared in a rule file carry their own
 * message or use the default of their kind (CONDITION_DEFAULTS). Only used on the refusal path.
 */

const FIELD_NAMES: Record<string, LocalizedText> = {
  reference: { nl: 'kenmerk', en: 'reference' },
  signalType: { nl: 'soort signaal', en: 'signal type' },
  signalDate: { nl: 'signaaldatum', en: 'signal date' },
  municipalityCode: { nl: 'gemeentecode', en: 'municipality code' },
  onBehalfOf: { nl: 'namens (schuldeiser)', en: 'on behalf of (creditor)' },
  amount: { nl: 'hoogte van de achterstand', en: 'amount of the arrear' },
  components: { nl: 'opbouw van de achterstand', en: 'breakdown of the arrear' },
  arrearStartDate: { nl: 'ontstaansdatum van de achterstand', en: 'date the arrear arose' },
  supplyEndDate: { nl: 'datum einde levering', en: 'date supply ends' },
  attestations: { nl: 'verklaringen van de verstrekker', en: "sender's statements" },
  bsn: { nl: 'burgerservicenummer', en: 'citizen service number (BSN)' },
  person: { nl: 'naam', en: 'name' },
  address: { nl: 'adres', en: 'address' },
  'address.postcode': { nl: 'postcode', en: 'postcode' },
  phone: { nl: 'telefoonnummer', en: 'phone number' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  customerNumber: { nl: 'klantnummer', en: 'customer number' },
  birthDate: { nl: 'geboortedatum', en: 'birth date' },
  crisis: { nl: 'dreigende situatie', en: 'threatening situation' },
  socialCollection: { nl: 'sociaal incasseren', en: 'social collection' },
  'socialCollection.personalContactAttemptedOn': { nl: 'datum poging tot persoonlijk contact', en: 'date of the effort to make personal contact' },
  'socialCollection.debtAssistanceReferredOn': { nl: 'datum gewezen op schuldhulpverlening', en: 'date the resident was pointed to debt assistance' },
  'socialCollection.reminderSentOn': { nl: 'datum schriftelijke herinnering', en: 'date of the written reminder' },
  'socialCollection.agreementOfferedInReminder': { nl: 'aanbod in de herinnering', en: 'offer in the reminder' },
  'socialCollection.residentResponse': { nl: 'reactie van de inwoner', en: "resident's response" },
};

export function fieldName(field: string): LocalizedText {
  const known = FIELD_NAMES[field];
  if (known !== undefined) return known;
  if (field.startsWith('components.')) {
    const kind = field.slice('components.'.length);
    return { nl: `onderdeel '${kind}' van de achterstand`, en: `component '${kind}' of the arrear` };
  }
  return { nl: field, en: field };
}

type Params = Vars;

/**
 * The refusals' wording by code; a rule file's own conditions bring theirs (CONDITION_DEFAULTS, or the file's message).
 * @public Exported for the catalog test (src/domain/i18n/catalogs.test.ts), which checks every catalog.
 */
export const refusalMessages = defineMessages({
  nl: {
    INPUT_NOT_AN_OBJECT: 'Het signaal is geen object met velden.',
    REFERENCE_MISSING: 'Het kenmerk van het signaal ontbreekt.',
    SIGNAL_TYPE_MISSING: 'De soort signaal ontbreekt.',
    DATE_INVALID: 'De {field_nl} is geen geldige datum (JJJJ-MM-DD).',
    BSN_INVALID: 'Het burgerservicenummer is ongeldig (9 cijfers en de elfproef).',
    POSTCODE_INVALID: 'De postcode is ongeldig (verwacht: 1234 AB).',
    AMOUNT_INVALID: 'De {field_nl} is geen geldig bedrag (een getal van 0 of meer, punt als decimaalteken).',
    COMPONENTS_INVALID: 'De opbouw van de achterstand moet soort=bedrag-paren bevatten.',
    FIELD_UNKNOWN: "Het veld '{field}' hoort niet bij het signaalformaat en wordt niet aangenomen.",
    FIELD_INVALID: 'Het veld {field_nl} heeft een ongeldige vorm.',
    FLAG_INVALID: 'Het veld {field_nl} moet ja of nee zijn.',
    RESIDENT_RESPONSE_INVALID: 'De reactie van de inwoner moet none, not_negative of objected zijn.',
    MUNICIPALITY_MISSING: 'De gemeentecode ontbreekt; de routering moet de gemeente eerst uit het adres bepalen.',
    MUNICIPALITY_CODE_INVALID: 'De gemeentecode is ongeldig (verwacht: GM gevolgd door 4 cijfers).',
    ADDRESS_POSTCODE_UNKNOWN: 'De gemeentecode ontbreekt en het adres is in geen gemeente te plaatsen: postcode {postcode} staat niet in de {table_nl}. Vul de gemeentecode in.',
    ADDRESS_POSTCODE_AREA_SPLIT:
      'De gemeentecode ontbreekt en het adres is in geen gemeente te plaatsen: postcode {postcode} staat niet in de {table_nl} en postcodegebied {pc4} ligt in meer dan één gemeente. Vul de gemeentecode in.',
    ADDRESS_HOUSE_NUMBER_UNKNOWN:
      'De gemeentecode ontbreekt en het adres is in geen gemeente te plaatsen: postcode {postcode} ligt in meer dan één gemeente en huisnummer {houseNumber} staat niet in de {table_nl}. Vul de gemeentecode in.',
    ARREAR_START_AFTER_SIGNAL_DATE: 'De ontstaansdatum van de achterstand ligt na de signaaldatum.',
    SIGNAL_TYPE_UNKNOWN: "Geen regeling wijst een signaal van de soort '{signalType}' aan.",
    SIGNAL_TYPE_NOT_IN_FORCE: "Op {date} is geen signaal van de soort '{signalType}' aangewezen (aangewezen van {from} tot en met {until}).",
    REGULATION_LAPSED: 'De regeling is vervallen na {until}. Zij blijft alleen van toepassing op procedures die toen liepen: de schriftelijke herinnering moet uiterlijk {until} zijn verstuurd.',
    TRANSITIONAL_PERIOD_ENDED: 'De regeling is vervallen na {until}. Een signaal hoort alleen nog bij een procedure die toen liep als het uiterlijk {signalsUntil} is verstrekt; dit signaal is later.',
    SIGNAL_TYPE_REPEALED: "Het signaal van de soort '{signalType}' is met ingang van {since} vervallen; het mag sindsdien niet meer worden verstrekt.",
    SIGNAL_DATE_IN_FUTURE: 'De signaaldatum ({date}) ligt in de toekomst (vandaag is {today}); een signaal kan pas worden verstrekt als het er is.',
    AMOUNT_ZERO: 'Een achterstand van € 0 is geen betalingsachterstand; dit signaal ({label_nl}) gaat over een achterstand.',
    AMOUNT_REQUIRED: 'De hoogte van de betalingsachterstand ontbreekt; die hoort bij de gegevens van dit signaal ({label_nl}).',
    AMOUNT_IMPLAUSIBLE: 'Het bedrag ({value}) is hoger dan het hoogste aannemelijke bedrag voor dit signaal ({label_nl}: {max}); controleer of het in euro is (niet in centen).',
    SUPPLY_END_DATE_MISSING: 'De datum waarop de levering eindigt ontbreekt; die is nodig voor de termijn van {days} werkdagen.',
    SENDER_UNKNOWN: "Organisatie '{organisation}' is niet bekend.",
    SENDER_NOT_ACTIVE: "Organisatie '{organisation}' bestond niet op {date}.",
    ON_BEHALF_OF_MISSING: '{sender} is een verwerker; vermeld namens welke schuldeiser het signaal wordt gestuurd.',
    MANDATE_MISSING: '{sender} heeft op {date} geen verwerkersopdracht van {creditor}; alleen de schuldeiser of zijn verwerker mag signaleren.',
    SENDER_NOT_DESIGNATED: '{sender} is op {date} niet aangewezen als verstrekker van dit signaal ({label_nl}).',
    MUNICIPALITY_UNKNOWN: 'Gemeentecode {code} komt niet voor in het gemeenteregister.',
    MUNICIPALITY_ENDED: 'Gemeente {name} ({code}) bestaat sinds {since} niet meer; zij is opgegaan in {successorName} ({successor}).',
    MUNICIPALITY_ENDED_NO_SUCCESSOR: 'Gemeente {name} ({code}) bestaat sinds {since} niet meer.',
    MUNICIPALITY_NOT_YET_EXISTING: 'Gemeente {name} ({code}) bestaat pas vanaf {from}.',
    MUNICIPALITY_NOT_DESIGNATED: 'Gemeente {name} ({code}) is op {date} niet aangewezen voor dit signaal ({label_nl}).',
    MUNICIPALITY_NOT_SENDERS_OWN: '{sender} int geen gemeentelijke belastingen voor {name} ({code}); het signaal gaat alleen naar het college van diezelfde gemeente.',
    FIELD_NOT_ALLOWED: 'Het veld {field_nl} mag bij dit signaal ({label_nl}) niet worden verstrekt.',
    PERSONAL_CONTACT_MISSING: 'Niet aangetoond dat is geprobeerd persoonlijk contact met de inwoner te krijgen (datum ontbreekt).',
    DEBT_ASSISTANCE_REFERRAL_MISSING: 'Niet aangetoond dat de inwoner is gewezen op schuldhulpverlening (datum ontbreekt).',
    REMINDER_MISSING: 'Er is geen schriftelijke herinnering aangetoond (datum ontbreekt).',
    PERSONAL_CONTACT_AFTER_SIGNAL_DATE: 'De poging tot persoonlijk contact ({on}) ligt na de signaaldatum ({date}).',
    DEBT_ASSISTANCE_REFERRAL_AFTER_SIGNAL_DATE: 'Het wijzen op schuldhulpverlening ({on}) ligt na de signaaldatum ({date}).',
    REMINDER_AFTER_SIGNAL_DATE: 'De schriftelijke herinnering ({on}) ligt na de signaaldatum ({date}).',
    AGREEMENT_NOT_OFFERED: 'In de herinnering is niet aangeboden de contactgegevens met instemming van de inwoner aan de gemeente te verstrekken.',
    RESIDENT_RESPONSE_MISSING: 'Niet vermeld hoe de inwoner op het aanbod reageerde (none of not_negative).',
    RESIDENT_OBJECTED: 'De inwoner heeft bezwaar gemaakt; er mag geen signaal worden verstrekt.',
    AMOUNT_MISSING: 'De hoogte van de achterstand ontbreekt; die is nodig voor de drempel van € {amount}.',
    ARREAR_START_DATE_MISSING: 'De ontstaansdatum van de oudste vordering ontbreekt; die is nodig voor de termijn van {months} maanden.',
  },
  en: {
    INPUT_NOT_AN_OBJECT: 'The signal is not an object with fields.',
    REFERENCE_MISSING: "The signal's reference is missing.",
    SIGNAL_TYPE_MISSING: 'The signal type is missing.',
    DATE_INVALID: 'The {field_en} is not a valid date (YYYY-MM-DD).',
    BSN_INVALID: 'The citizen service number is invalid (9 digits and the eleven-test).',
    POSTCODE_INVALID: 'The postcode is malformed (expected: 1234 AB).',
    AMOUNT_INVALID: 'The {field_en} is not a valid amount (a number of 0 or more, dot as decimal separator).',
    COMPONENTS_INVALID: 'The breakdown of the arrear must consist of kind=amount pairs.',
    FIELD_UNKNOWN: "The field '{field}' is not part of the signal format and is not accepted.",
    FIELD_INVALID: 'The field {field_en} has an invalid shape.',
    FLAG_INVALID: 'The field {field_en} must be yes or no.',
    RESIDENT_RESPONSE_INVALID: "The resident's response must be none, not_negative or objected.",
    MUNICIPALITY_MISSING: 'The municipality code is missing; routing must first derive the municipality from the address.',
    MUNICIPALITY_CODE_INVALID: 'The municipality code is malformed (expected: GM followed by 4 digits).',
    ADDRESS_POSTCODE_UNKNOWN: 'The municipality code is missing and the address cannot be placed in a municipality: postcode {postcode} is not in the {table_en}. Fill in the municipality code.',
    ADDRESS_POSTCODE_AREA_SPLIT:
      'The municipality code is missing and the address cannot be placed in a municipality: postcode {postcode} is not in the {table_en} and postcode area {pc4} lies in more than one municipality. Fill in the municipality code.',
    ADDRESS_HOUSE_NUMBER_UNKNOWN:
      'The municipality code is missing and the address cannot be placed in a municipality: postcode {postcode} lies in more than one municipality and house number {houseNumber} is not in the {table_en}. Fill in the municipality code.',
    ARREAR_START_AFTER_SIGNAL_DATE: 'The date the arrear arose is after the signal date.',
    SIGNAL_TYPE_UNKNOWN: "No regulation designates a signal of type '{signalType}'.",
    SIGNAL_TYPE_NOT_IN_FORCE: "On {date} no signal of type '{signalType}' is designated (designated from {from} up to and including {until}).",
    REGULATION_LAPSED: 'The regulation lapsed after {until}. It only keeps applying to procedures running then: the written reminder must have been sent on or before {until}.',
    TRANSITIONAL_PERIOD_ENDED: 'The regulation lapsed after {until}. A signal only belongs to a procedure running then when it is provided on or before {signalsUntil}; this signal is later.',
    SIGNAL_TYPE_REPEALED: "The signal of type '{signalType}' was repealed with effect from {since}; it may no longer be provided since.",
    SIGNAL_DATE_IN_FUTURE: 'The signal date ({date}) is in the future (today is {today}); a signal can only be provided once it exists.',
    AMOUNT_ZERO: 'An arrear of € 0 is no payment arrear; this signal ({label_en}) is about an arrear.',
    AMOUNT_REQUIRED: 'The amount of the arrear is missing; it is part of the data of this signal ({label_en}).',
    AMOUNT_IMPLAUSIBLE: 'The amount ({value}) is above the highest plausible amount for this signal ({label_en}: {max}); check that it is in euros (not cents).',
    SUPPLY_END_DATE_MISSING: 'The date on which supply ends is missing; it is needed for the {days}-working-day term.',
    SENDER_UNKNOWN: "Organisation '{organisation}' is unknown.",
    SENDER_NOT_ACTIVE: "Organisation '{organisation}' did not exist on {date}.",
    ON_BEHALF_OF_MISSING: '{sender} is a processor; state the creditor on whose behalf the signal is sent.',
    MANDATE_MISSING: '{sender} holds no processing mandate from {creditor} on {date}; only the creditor or its processor may send a signal.',
    SENDER_NOT_DESIGNATED: '{sender} is not designated on {date} as a provider of this signal ({label_en}).',
    MUNICIPALITY_UNKNOWN: 'Municipality code {code} is not in the municipality register.',
    MUNICIPALITY_ENDED: 'Municipality {name} ({code}) has not existed since {since}; it merged into {successorName} ({successor}).',
    MUNICIPALITY_ENDED_NO_SUCCESSOR: 'Municipality {name} ({code}) has not existed since {since}.',
    MUNICIPALITY_NOT_YET_EXISTING: 'Municipality {name} ({code}) only exists from {from}.',
    MUNICIPALITY_NOT_DESIGNATED: 'Municipality {name} ({code}) is not designated on {date} for this signal ({label_en}).',
    MUNICIPALITY_NOT_SENDERS_OWN: '{sender} does not collect municipal taxes for {name} ({code}); the signal only goes to the executive of that same municipality.',
    FIELD_NOT_ALLOWED: 'The field {field_en} may not be provided with this signal ({label_en}).',
    PERSONAL_CONTACT_MISSING: 'No evidence of an effort to make personal contact with the resident (date missing).',
    DEBT_ASSISTANCE_REFERRAL_MISSING: 'No evidence that the resident was pointed to debt assistance (date missing).',
    REMINDER_MISSING: 'No written reminder is evidenced (date missing).',
    PERSONAL_CONTACT_AFTER_SIGNAL_DATE: 'The effort to make personal contact ({on}) is after the signal date ({date}).',
    DEBT_ASSISTANCE_REFERRAL_AFTER_SIGNAL_DATE: 'Pointing the resident to debt assistance ({on}) is after the signal date ({date}).',
    REMINDER_AFTER_SIGNAL_DATE: 'The written reminder ({on}) is after the signal date ({date}).',
    AGREEMENT_NOT_OFFERED: "The reminder did not offer to pass the contact details to the municipality with the resident's agreement.",
    RESIDENT_RESPONSE_MISSING: "The resident's response to the offer is not stated (none or not_negative).",
    RESIDENT_OBJECTED: 'The resident objected; no signal may be provided.',
    AMOUNT_MISSING: 'The amount of the arrear is missing; it is needed for the € {amount} threshold.',
    ARREAR_START_DATE_MISSING: 'The date the oldest claim arose is missing; it is needed for the {months}-month term.',
  },
});

/** Defaults per condition kind (rule files may override code and message). */
export const CONDITION_DEFAULTS: Record<string, { code: string; message: LocalizedText }> = {
  component_requires: {
    code: 'COMPONENT_REQUIRES_OTHER',
    message: {
      nl: "Een achterstand op '{component}' mag alleen worden gesignaleerd samen met een achterstand op '{requires}'.",
      en: "An arrear on '{component}' may only be signalled together with an arrear on '{requires}'.",
    },
  },
  components_only: {
    code: 'COMPONENT_NOT_DESIGNATED',
    message: {
      nl: "De achterstand op '{component}' valt niet onder dit signaal (toegestaan: {kinds}).",
      en: "The arrear on '{component}' is not covered by this signal (allowed: {kinds}).",
    },
  },
  components_exclude: {
    code: 'COMPONENT_EXCLUDED',
    message: {
      nl: "De achterstand op '{component}' valt niet onder dit signaal (uitgesloten: {kinds}).",
      en: "The arrear on '{component}' is not covered by this signal (excluded: {kinds}).",
    },
  },
  min_amount: {
    code: 'AMOUNT_BELOW_THRESHOLD',
    message: { nl: 'De achterstand ({value}) is lager dan € {amount}.', en: 'The arrear ({value}) is below € {amount}.' },
  },
  min_component_amount: {
    code: 'COMPONENT_BELOW_THRESHOLD',
    message: {
      nl: "De achterstand op '{component}' ({value}) is lager dan € {amount}.",
      en: "The arrear on '{component}' ({value}) is below € {amount}.",
    },
  },
  attestation_required: {
    code: 'ATTESTATION_MISSING',
    message: {
      nl: "De verstrekker verklaart niet dat {statement_nl} (vermeld '{attestation}' bij attestations).",
      en: "The sender does not state that {statement_en} (put '{attestation}' in attestations).",
    },
  },
  min_working_days_before: {
    code: 'SIGNAL_TOO_LATE_BEFORE_END',
    message: {
      nl: 'Het signaal ({date}) moet ten minste {days} werkdagen vóór het einde van de levering ({end}) worden verstrekt.',
      en: 'The signal ({date}) must be provided at least {days} working days before supply ends ({end}).',
    },
  },
  min_arrear_age_months: {
    code: 'ARREAR_TOO_RECENT',
    message: {
      nl: 'De oudste vordering ({since}) is op de signaaldatum nog geen {months} maanden onbetaald.',
      en: 'The oldest claim ({since}) has not been unpaid for {months} months on the signal date.',
    },
  },
};

function withFieldParams(params: Params): Params {
  const field = params['field'];
  if (field === undefined) return params;
  const name = fieldName(String(field));
  return { ...params, field_nl: name.nl, field_en: name.en };
}

type RefusalCode = keyof (typeof refusalMessages.messages)['nl'];
const isCatalogued = (code: string): code is RefusalCode => Object.hasOwn(refusalMessages.messages.nl, code);

export function message(code: string, params: Params = {}): LocalizedText {
  if (!isCatalogued(code)) return untranslated(code);
  return refusalMessages.inAll(code, withFieldParams(params));
}

export function fillMessage(template: LocalizedText, params: Params): LocalizedText {
  return fillText(template, params);
}
