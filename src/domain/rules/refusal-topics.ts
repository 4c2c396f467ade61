/**
 * What kind of problem a refusal code is, so a sender can be told in plain words what to change:
 * the row itself (input), the signal type or its period, the sender, the municipality, the data
 * allowed, social collection, a condition of the designation, or a reused reference.
 */
export const REFUSAL_TOPICS = ['input', 'reference', 'signal_type', 'sender', 'municipality', 'data', 'social', 'objection', 'condition', 'other'] as const;
export type RefusalTopic = (typeof REFUSAL_TOPICS)[number];

const TOPIC_OF: Record<string, RefusalTopic> = {
  INPUT_NOT_AN_OBJECT: 'input',
  ROW_FIELD_COUNT: 'input',
  ROW_NOT_JSON: 'input',
  REFERENCE_MISSING: 'input',
  SIGNAL_TYPE_MISSING: 'input',
  DATE_INVALID: 'input',
  BSN_INVALID: 'input',
  POSTCODE_INVALID: 'input',
  AMOUNT_INVALID: 'input',
  COMPONENTS_INVALID: 'input',
  FIELD_UNKNOWN: 'input',
  FIELD_INVALID: 'input',
  FLAG_INVALID: 'input',
  RESIDENT_RESPONSE_INVALID: 'input',
  MUNICIPALITY_MISSING: 'input',
  MUNICIPALITY_CODE_INVALID: 'input',
  ADDRESS_POSTCODE_UNKNOWN: 'municipality',
  ADDRESS_POSTCODE_AREA_SPLIT: 'municipality',
  ADDRESS_HOUSE_NUMBER_UNKNOWN: 'municipality',
  ARREAR_START_AFTER_SIGNAL_DATE: 'input',
  REFERENCE_REUSED: 'reference',
  SIGNAL_TYPE_UNKNOWN: 'signal_type',
  SIGNAL_TYPE_NOT_IN_FORCE: 'signal_type',
  REGULATION_LAPSED: 'signal_type',
  TRANSITIONAL_PERIOD_ENDED: 'signal_type',
  SIGNAL_TYPE_REPEALED: 'signal_type',
  SIGNAL_DATE_IN_FUTURE: 'input',
  AMOUNT_IMPLAUSIBLE: 'input',
  AMOUNT_ZERO: 'condition',
  AMOUNT_REQUIRED: 'condition',
  SUPPLY_END_DATE_MISSING: 'condition',
  COMPONENT_BELOW_THRESHOLD: 'condition',
  ATTESTATION_MISSING: 'condition',
  SIGNAL_TOO_LATE_BEFORE_END: 'condition',
  SENDER_UNKNOWN: 'sender',
  SENDER_NOT_ACTIVE: 'sender',
  ON_BEHALF_OF_MISSING: 'sender',
  MANDATE_MISSING: 'sender',
  SENDER_NOT_DESIGNATED: 'sender',
  MUNICIPALITY_UNKNOWN: 'municipality',
  MUNICIPALITY_ENDED: 'municipality',
  MUNICIPALITY_ENDED_NO_SUCCESSOR: 'municipality',
  MUNICIPALITY_NOT_YET_EXISTING: 'municipality',
  MUNICIPALITY_NOT_DESIGNATED: 'municipality',
  MUNICIPALITY_NOT_SENDERS_OWN: 'municipality',
  FIELD_NOT_ALLOWED: 'data',
  PERSONAL_CONTACT_MISSING: 'social',
  PERSONAL_CONTACT_AFTER_SIGNAL_DATE: 'social',
  DEBT_ASSISTANCE_REFERRAL_MISSING: 'social',
  DEBT_ASSISTANCE_REFERRAL_AFTER_SIGNAL_DATE: 'social',
  REMINDER_MISSING: 'social',
  REMINDER_AFTER_SIGNAL_DATE: 'social',
  AGREEMENT_NOT_OFFERED: 'social',
  RESIDENT_RESPONSE_MISSING: 'social',
  RESIDENT_OBJECTED: 'objection',
  RESIDENT_OBJECTION_REGISTERED: 'objection',
  PRIOR_CONSENT_MISSING: 'objection',
  AMOUNT_MISSING: 'condition',
  ARREAR_START_DATE_MISSING: 'condition',
  COMPONENT_REQUIRES_OTHER: 'condition',
  COMPONENT_NOT_DESIGNATED: 'condition',
  COMPONENT_EXCLUDED: 'condition',
  AMOUNT_BELOW_THRESHOLD: 'condition',
  ARREAR_TOO_RECENT: 'condition',
};

/** The codes this module knows by name (conditions in rule files may add codes of their own). */
export const KNOWN_REFUSAL_CODES: readonly string[] = Object.keys(TOPIC_OF);

/** A refusal code's shape: upper-case words joined by underscores. */
export const REFUSAL_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** The topic of a code; a code declared by a condition in a rule file is a condition. */
export function refusalTopic(code: string, conditionCodes: ReadonlySet<string> = new Set()): RefusalTopic {
  return TOPIC_OF[code] ?? (conditionCodes.has(code) ? 'condition' : 'other');
}
