import type { SignalInput } from '../signals/signal.ts';
import { heldOn, type IndexedOrganisation } from '../registers/register-index.ts';
import {
  ABSENT,
  addDays,
  addMonths,
  dateKey,
  isMunicipalityCode,
  isNonBlank,
  isValidBsn,
  isValidPostcode,
  keyToDate,
  MALFORMED,
  parseAmount,
} from './input-checks.ts';
import type { Citation, Judgement, Refusal } from './judgement.ts';
import { fillMessage, message } from './refusal-messages.ts';
import { FIELD_KEYS, type CompiledRule, type RuleBook } from './rule-book.ts';

/**
 * Judges one signal against the regulation in force on its signal date. Pure: no I/O, no clock.
 *
 * Every problem is reported (input errors first, then what the rules refuse), so a sender can fix a
 * row in one go. An accepted signal gets the rule's precompiled frozen Judgement: the accept path
 * allocates nothing. The function never throws, whatever the input's shape.
 */

type Bag = Record<string, unknown>;

const NO_CITATIONS: readonly Citation[] = Object.freeze([]);

/** Values parsed once per signal, shared by the rule checks. Module-level: evaluate() is synchronous. */
const scratch = {
  date: 0,
  arrearStart: 0,
  amount: 0,
  componentSum: 0,
  hasComponents: false,
  personalContact: 0,
  referral: 0,
  reminder: 0,
  agreement: undefined as unknown,
  response: undefined as unknown,
  municipality: undefined as string | undefined,
};

function push(list: Refusal[] | null, r: Refusal): Refusal[] {
  if (list === null) return [r];
  list.push(r);
  return list;
}

function inputError(code: string, field: string | undefined, params: Record<string, string | number> = {}): Refusal {
  const r: Refusal = { code, inputError: true, message: message(code, field === undefined ? params : { ...params, field }) };
  if (field !== undefined) r.field = field;
  return r;
}

function refusal(code: string, citation: Citation | undefined, params: Record<string, string | number>, field?: string): Refusal {
  const r: Refusal = { code, inputError: false, message: message(code, field === undefined ? params : { ...params, field }) };
  if (field !== undefined) r.field = field;
  if (citation !== undefined) r.citation = citation;
  return r;
}

function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'object') {
    for (const k in v as Bag) {
      const x = (v as Bag)[k];
      if (x !== undefined && x !== null && x !== '') return true;
    }
    return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Bag {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Key of the last date parsed by parseDateField (module-level so that nothing is allocated). */
let lastKey = 0;

function parseDateField(out: Refusal[] | null, value: unknown, field: string): Refusal[] | null {
  lastKey = dateKey(value);
  return lastKey === MALFORMED ? push(out, inputError('DATE_INVALID', field)) : out;
}

/** The fields of the signal formats (SignalInput); anything else is refused rather than silently dropped. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'reference', 'signalType', 'signalDate', 'municipalityCode', 'onBehalfOf', 'amount', 'components', 'arrearStartDate', 'bsn',
  'person', 'address', 'phone', 'email', 'customerNumber', 'birthDate', 'crisis', 'socialCollection',
]);
const KNOWN_PERSON: ReadonlySet<string> = new Set(['initials', 'givenName', 'prefix', 'surname']);
const KNOWN_ADDRESS: ReadonlySet<string> = new Set(['street', 'houseNumber', 'houseNumberAddition', 'postcode', 'city']);
const KNOWN_SOCIAL: ReadonlySet<string> = new Set([
  'personalContactAttemptedOn', 'debtAssistanceReferredOn', 'reminderSentOn', 'agreementOfferedInReminder', 'residentResponse',
]);

function checkKnown(out: Refusal[] | null, obj: Bag, known: ReadonlySet<string>, prefix: string): Refusal[] | null {
  for (const k in obj) {
    if (!known.has(k) && obj[k] !== undefined) out = push(out, inputError('FIELD_UNKNOWN', prefix + k));
  }
  return out;
}

/** Syntax of everything in the signal, independent of any rule. Fills `scratch`. */
function checkInput(s: Bag, out: Refusal[] | null): Refusal[] | null {
  out = checkKnown(out, s, KNOWN_FIELDS, '');
  if (!isNonBlank(s['reference'])) out = push(out, inputError('REFERENCE_MISSING', 'reference'));
  if (!isNonBlank(s['signalType'])) out = push(out, inputError('SIGNAL_TYPE_MISSING', 'signalType'));

  scratch.date = dateKey(s['signalDate']);
  if (scratch.date < 0) out = push(out, inputError('DATE_INVALID', 'signalDate'));

  const code = s['municipalityCode'];
  scratch.municipality = undefined;
  if (code === undefined || code === null || code === '') out = push(out, inputError('MUNICIPALITY_MISSING', 'municipalityCode'));
  else if (!isMunicipalityCode(code)) out = push(out, inputError('MUNICIPALITY_CODE_INVALID', 'municipalityCode'));
  else scratch.municipality = code as string;

  const bsn = s['bsn'];
  if (bsn !== undefined && bsn !== null && bsn !== '' && !isValidBsn(bsn)) out = push(out, inputError('BSN_INVALID', 'bsn'));

  const address = s['address'];
  if (address !== undefined && address !== null) {
    if (!isPlainObject(address)) out = push(out, inputError('FIELD_INVALID', 'address'));
    else {
      out = checkKnown(out, address, KNOWN_ADDRESS, 'address.');
      const pc = address['postcode'];
      if (pc !== undefined && pc !== null && pc !== '' && !isValidPostcode(pc)) out = push(out, inputError('POSTCODE_INVALID', 'address.postcode'));
    }
  }
  const person = s['person'];
  if (person !== undefined && person !== null) {
    if (!isPlainObject(person)) out = push(out, inputError('FIELD_INVALID', 'person'));
    else out = checkKnown(out, person, KNOWN_PERSON, 'person.');
  }
  for (const key of ['phone', 'email', 'customerNumber', 'onBehalfOf'] as const) {
    const v = s[key];
    if (v !== undefined && v !== null && typeof v !== 'string') out = push(out, inputError('FIELD_INVALID', key));
  }

  scratch.amount = parseAmount(s['amount']);
  if (scratch.amount === MALFORMED) out = push(out, inputError('AMOUNT_INVALID', 'amount'));

  scratch.componentSum = 0;
  scratch.hasComponents = false;
  const components = s['components'];
  if (components !== undefined && components !== null) {
    if (!isPlainObject(components)) out = push(out, inputError('COMPONENTS_INVALID', 'components'));
    else {
      for (const kind in components) {
        const value = parseAmount(components[kind]);
        if (value < 0) out = push(out, inputError('AMOUNT_INVALID', `components.${kind}`));
        else {
          scratch.componentSum += value;
          scratch.hasComponents = true;
        }
      }
    }
  }

  out = parseDateField(out, s['arrearStartDate'], 'arrearStartDate');
  scratch.arrearStart = lastKey;
  if (scratch.arrearStart > 0 && scratch.date > 0 && scratch.arrearStart > scratch.date) {
    out = push(out, inputError('ARREAR_START_AFTER_SIGNAL_DATE', 'arrearStartDate'));
  }
  out = parseDateField(out, s['birthDate'], 'birthDate');

  const crisis = s['crisis'];
  if (crisis !== undefined && crisis !== null && typeof crisis !== 'boolean') out = push(out, inputError('FLAG_INVALID', 'crisis'));

  scratch.personalContact = ABSENT;
  scratch.referral = ABSENT;
  scratch.reminder = ABSENT;
  scratch.agreement = undefined;
  scratch.response = undefined;
  const sc = s['socialCollection'];
  if (sc !== undefined && sc !== null) {
    if (!isPlainObject(sc)) out = push(out, inputError('FIELD_INVALID', 'socialCollection'));
    else {
      out = checkKnown(out, sc, KNOWN_SOCIAL, 'socialCollection.');
      out = parseDateField(out, sc['personalContactAttemptedOn'], 'socialCollection.personalContactAttemptedOn');
      scratch.personalContact = lastKey;
      out = parseDateField(out, sc['debtAssistanceReferredOn'], 'socialCollection.debtAssistanceReferredOn');
      scratch.referral = lastKey;
      out = parseDateField(out, sc['reminderSentOn'], 'socialCollection.reminderSentOn');
      scratch.reminder = lastKey;
      const agreement = sc['agreementOfferedInReminder'];
      if (agreement !== undefined && agreement !== null && typeof agreement !== 'boolean') {
        out = push(out, inputError('FLAG_INVALID', 'socialCollection.agreementOfferedInReminder'));
        scratch.agreement = MALFORMED;
      } else scratch.agreement = agreement;
      const response = sc['residentResponse'];
      if (response === undefined || response === null || response === '') scratch.response = undefined;
      else if (response !== 'none' && response !== 'not_negative' && response !== 'objected') {
        out = push(out, inputError('RESIDENT_RESPONSE_INVALID', 'socialCollection.residentResponse'));
        scratch.response = MALFORMED;
      } else scratch.response = response;
    }
  }
  return out;
}

function isActive(org: IndexedOrganisation, date: number): boolean {
  return org.from <= date && date <= org.until;
}

/** The creditor a signal is sent for: the sender itself, or the creditor a processor holds a mandate from. */
/** Refusals collected by resolveCreditor / checkMunicipalityExists (module-level so that nothing is allocated). */
let shared: Refusal[] | null = null;

function resolveCreditor(s: Bag, senderId: unknown, book: RuleBook): IndexedOrganisation | undefined {
  const date = scratch.date;
  const org = typeof senderId === 'string' ? book.organisations.get(senderId) : undefined;
  if (org === undefined) {
    shared = push(shared, refusal('SENDER_UNKNOWN', undefined, { organisation: String(senderId) }));
    return undefined;
  }
  if (!isActive(org, date)) {
    shared = push(shared, refusal('SENDER_NOT_ACTIVE', undefined, { organisation: org.name, date: keyToDate(date) }));
    return undefined;
  }
  const onBehalfOf = s['onBehalfOf'];
  if (typeof onBehalfOf === 'string' && onBehalfOf !== '' && onBehalfOf !== org.id) {
    const creditor = book.organisations.get(onBehalfOf);
    if (creditor === undefined) {
      shared = push(shared, refusal('SENDER_UNKNOWN', undefined, { organisation: onBehalfOf }, 'onBehalfOf'));
      return undefined;
    }
    if (!heldOn(org.mandates, onBehalfOf, date)) {
      shared = push(shared, refusal('MANDATE_MISSING', undefined, { sender: org.name, creditor: creditor.name, date: keyToDate(date) }, 'onBehalfOf'));
      return undefined;
    }
    if (!isActive(creditor, date)) {
      shared = push(shared, refusal('SENDER_NOT_ACTIVE', undefined, { organisation: creditor.name, date: keyToDate(date) }, 'onBehalfOf'));
      return undefined;
    }
    return creditor;
  }
  if (org.kinds.has('processor') && org.kinds.size === 1) {
    const r = inputError('ON_BEHALF_OF_MISSING', 'onBehalfOf', { sender: org.name });
    shared = push(shared, r);
    return undefined;
  }
  return org;
}

function collectsFor(org: IndexedOrganisation, code: string, date: number): boolean {
  return heldOn(org.collectsFor, code, date);
}

function senderDesignated(rule: CompiledRule, org: IndexedOrganisation, date: number): boolean {
  for (let i = 0; i < rule.senderKinds.length; i++) if (org.kinds.has(rule.senderKinds[i]!)) return true;
  if (rule.senderOrganisations.has(org.id)) return true;
  for (let i = 0; i < rule.senderGroups.length; i++) if (heldOn(org.groups, rule.senderGroups[i]!, date)) return true;
  if (rule.senderCollectorForDesignated) {
    for (let i = 0; i < org.collectsFor.length; i++) {
      const c = org.collectsFor[i]!;
      if (c.from <= date && date <= c.until && (rule.allMunicipalities || rule.municipalityCodes.has(c.id))) return true;
    }
  }
  return false;
}

/** Is the receiving municipality a municipality on the signal date? Rule-independent. */
function municipalityExists(book: RuleBook): boolean {
  const code = scratch.municipality;
  if (code === undefined) return false;
  const m = book.municipalities.get(code);
  if (m === undefined) {
    shared = push(shared, refusal('MUNICIPALITY_UNKNOWN', undefined, { code }, 'municipalityCode'));
    return false;
  }
  const date = scratch.date;
  if (date > m.until) {
    const next = m.successor === undefined ? undefined : book.municipalities.get(m.successor);
    const since = keyToDate(addDays(m.until, 1));
    shared = push(
      shared,
      next === undefined
        ? refusal('MUNICIPALITY_ENDED_NO_SUCCESSOR', undefined, { code, name: m.name, since }, 'municipalityCode')
        : refusal('MUNICIPALITY_ENDED', undefined, { code, name: m.name, since, successor: next.code, successorName: next.name }, 'municipalityCode'),
    );
    return false;
  }
  if (date < m.from) {
    shared = push(shared, refusal('MUNICIPALITY_NOT_YET_EXISTING', undefined, { code, name: m.name, from: keyToDate(m.from) }, 'municipalityCode'));
    return false;
  }
  return true;
}

function componentValue(s: Bag, kind: string): number {
  const comps = s['components'];
  if (!isPlainObject(comps)) return 0;
  const v = parseAmount(comps[kind]);
  return v > 0 ? v : 0;
}

/** The checks that depend on the rule: sender designation, municipality designation, whitelist, conditions, art. 1.2. */
function judgeRule(
  rule: CompiledRule,
  s: Bag,
  creditor: IndexedOrganisation | undefined,
  municipalityExists: boolean,
  book: RuleBook,
): Refusal[] | null {
  let out: Refusal[] | null = null;
  const date = scratch.date;
  const label = rule.label;

  if (creditor !== undefined && !senderDesignated(rule, creditor, date)) {
    out = push(out, refusal('SENDER_NOT_DESIGNATED', rule.senderCitation, { sender: creditor.name, date: keyToDate(date), label_nl: label.nl, label_en: label.en }));
  }

  const code = scratch.municipality;
  if (code !== undefined && municipalityExists) {
    const m = book.municipalities.get(code)!;
    if (!rule.allMunicipalities && !rule.municipalityCodes.has(code)) {
      out = push(
        out,
        refusal('MUNICIPALITY_NOT_DESIGNATED', rule.municipalityCitation, { code, name: m.name, date: keyToDate(date), label_nl: label.nl, label_en: label.en }, 'municipalityCode'),
      );
    } else if (rule.mustBeCollectedBySender && creditor !== undefined && !collectsFor(creditor, code, date)) {
      out = push(out, refusal('MUNICIPALITY_NOT_SENDERS_OWN', rule.municipalityCitation, { sender: creditor.name, code, name: m.name }, 'municipalityCode'));
    }
  }

  for (let i = 0; i < FIELD_KEYS.length; i++) {
    if (rule.allowedFields[i]) continue;
    const key = FIELD_KEYS[i]!;
    if (isPresent(s[key])) {
      out = push(out, refusal('FIELD_NOT_ALLOWED', rule.dataCitation, { label_nl: label.nl, label_en: label.en }, key));
    }
  }

  for (let i = 0; i < rule.conditions.length; i++) {
    const c = rule.conditions[i]!;
    switch (c.kind) {
      case 'component_requires':
        if (componentValue(s, c.component) > 0 && componentValue(s, c.requires) === 0) {
          out = push(out, conditionRefusal(c.code, c.message, c.citation, { component: c.component, requires: c.requires }, `components.${c.component}`));
        }
        break;
      case 'components_only': {
        const comps = s['components'];
        if (isPlainObject(comps)) {
          for (const kind in comps) {
            if (!c.kinds.has(kind) && parseAmount(comps[kind]) !== ABSENT) {
              out = push(out, conditionRefusal(c.code, c.message, c.citation, { component: kind, kinds: c.kindList }, `components.${kind}`));
            }
          }
        }
        break;
      }
      case 'min_amount': {
        const value = scratch.amount >= 0 ? scratch.amount : scratch.hasComponents ? scratch.componentSum : ABSENT;
        if (value === ABSENT) {
          if (scratch.amount !== MALFORMED) out = push(out, refusal('AMOUNT_MISSING', c.citation, { amount: c.amount }, 'amount'));
        } else if (value < c.amount) {
          out = push(out, conditionRefusal(c.code, c.message, c.citation, { amount: c.amount, value: `€ ${value.toFixed(2)}` }, 'amount'));
        }
        break;
      }
      case 'min_arrear_age_months':
        if (scratch.arrearStart === ABSENT) out = push(out, refusal('ARREAR_START_DATE_MISSING', c.citation, { months: c.months }, 'arrearStartDate'));
        else if (scratch.arrearStart > 0 && addMonths(scratch.arrearStart, c.months) > date) {
          out = push(out, conditionRefusal(c.code, c.message, c.citation, { months: c.months, since: keyToDate(scratch.arrearStart) }, 'arrearStartDate'));
        }
        break;
    }
  }

  const social = rule.social;
  if (social.personalContact !== null) out = checkStep(out, scratch.personalContact, social.personalContact, 'PERSONAL_CONTACT', 'socialCollection.personalContactAttemptedOn');
  if (social.debtAssistanceReferral !== null) {
    out = checkStep(out, scratch.referral, social.debtAssistanceReferral, 'DEBT_ASSISTANCE_REFERRAL', 'socialCollection.debtAssistanceReferredOn');
  }
  if (social.writtenReminder !== null) out = checkStep(out, scratch.reminder, social.writtenReminder, 'REMINDER', 'socialCollection.reminderSentOn');
  if (social.agreementOffered !== null) {
    if (scratch.agreement !== true && scratch.agreement !== MALFORMED) {
      out = push(out, refusal('AGREEMENT_NOT_OFFERED', social.agreementOffered, {}, 'socialCollection.agreementOfferedInReminder'));
    }
    const response = scratch.response;
    if (response === 'objected') out = push(out, refusal('RESIDENT_OBJECTED', social.agreementOffered, {}, 'socialCollection.residentResponse'));
    else if (response === undefined) out = push(out, refusal('RESIDENT_RESPONSE_MISSING', social.agreementOffered, {}, 'socialCollection.residentResponse'));
  }
  return out;
}

function checkStep(out: Refusal[] | null, key: number, citation: Citation, prefix: string, field: string): Refusal[] | null {
  if (key === ABSENT) return push(out, refusal(`${prefix}_MISSING`, citation, {}, field));
  if (key > 0 && key > scratch.date) {
    return push(out, refusal(`${prefix}_AFTER_SIGNAL_DATE`, citation, { on: keyToDate(key), date: keyToDate(scratch.date) }, field));
  }
  return out;
}

function conditionRefusal(
  code: string,
  template: { nl: string; en: string },
  citation: Citation,
  params: Record<string, string | number>,
  field: string,
): Refusal {
  return { code, inputError: false, field, citation, message: fillMessage(template, params) };
}

function refused(refusals: Refusal[], rule?: CompiledRule): Judgement {
  const j: Judgement = { decision: 'refused', applied: NO_CITATIONS, refusals };
  if (rule !== undefined) {
    j.regulationVersion = rule.versionKey;
    j.ruleId = rule.id;
  }
  return j;
}

function concat(a: Refusal[] | null, b: Refusal[] | null): Refusal[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.concat(b);
}

interface Selection {
  direct: CompiledRule | null;
  /** Second in-force rule for the same type (another regulation), tried when the first refuses. */
  alternative: CompiledRule | null;
  transitional: CompiledRule | null;
  lapsed: CompiledRule | null;
}

const selection: Selection = { direct: null, alternative: null, transitional: null, lapsed: null };

function select(candidates: readonly CompiledRule[], date: number): Selection {
  selection.direct = null;
  selection.alternative = null;
  selection.transitional = null;
  selection.lapsed = null;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.from <= date && date <= c.until) {
      if (selection.direct === null) selection.direct = c;
      else if (selection.alternative === null) selection.alternative = c;
    } else if (c.transitional !== null && date > c.versionUntil && c.until === c.versionUntil) {
      // Art. 3.1 lid 2 TR: the text as it read on its last day keeps applying to procedures running then.
      if (scratch.reminder > 0 && scratch.reminder <= c.versionUntil) selection.transitional = c;
      else selection.lapsed = c;
    }
  }
  return selection;
}

function notInForce(candidates: readonly CompiledRule[], type: string, date: number): Refusal {
  let nearest = candidates[0]!;
  for (const c of candidates) if (Math.abs(c.from - date) < Math.abs(nearest.from - date)) nearest = c;
  let from = candidates[0]!.from;
  let until = candidates[0]!.until;
  for (const c of candidates) {
    if (c.from < from) from = c.from;
    if (c.until > until) until = c.until;
  }
  return refusal('SIGNAL_TYPE_NOT_IN_FORCE', date < nearest.from ? nearest.entryIntoForce : nearest.designation, {
    signalType: type,
    date: keyToDate(date),
    from: keyToDate(from),
    until: until >= 99_990_000 ? '—' : keyToDate(until),
  }, 'signalDate');
}

export interface Sender {
  /** The organisation that delivers the signal: the creditor, or a processor acting for one (signal.onBehalfOf). */
  organisationId: string;
}

export function evaluate(signal: SignalInput, sender: Sender, book: RuleBook): Judgement {
  if (typeof signal !== 'object' || signal === null || Array.isArray(signal)) {
    return refused([inputError('INPUT_NOT_AN_OBJECT', undefined)]);
  }
  const s = signal as unknown as Bag;
  let out = checkInput(s, null);
  const type = s['signalType'];
  if (scratch.date < 0 || typeof type !== 'string' || type === '') return refused(out ?? []);

  const candidates = book.rulesByType.get(type);
  if (candidates === undefined) return refused(push(out, refusal('SIGNAL_TYPE_UNKNOWN', undefined, { signalType: type }, 'signalType')));

  const sel = select(candidates, scratch.date);
  const direct = sel.direct;
  const alternative = sel.alternative;
  const rule = direct ?? sel.transitional;
  if (rule === null) {
    const lapsed = sel.lapsed;
    const r =
      lapsed !== null
        ? refusal('REGULATION_LAPSED', lapsed.transitional ?? undefined, { until: keyToDate(lapsed.versionUntil) }, 'socialCollection.reminderSentOn')
        : notInForce(candidates, type, scratch.date);
    return refused(push(out, r), lapsed ?? undefined);
  }

  shared = out;
  const creditor = resolveCreditor(s, typeof sender === 'object' && sender !== null ? sender.organisationId : undefined, book);
  const exists = municipalityExists(book);
  out = shared;
  shared = null;

  const ruleRefusals = judgeRule(rule, s, creditor, exists, book);
  if (out === null && ruleRefusals === null) return direct !== null ? rule.accepted : rule.acceptedTransitional;
  if (alternative !== null && out === null) {
    if (judgeRule(alternative, s, creditor, exists, book) === null) return alternative.accepted;
  }
  return refused(concat(out, ruleRefusals)!, rule);
}
