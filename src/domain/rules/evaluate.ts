import type { SignalInput } from '../signals/signal.ts';
import { heldOn, type IndexedOrganisation } from '../registers/register-index.ts';
import { checkSignalInput, inputError, isPlainObject, parsed, push, type Bag } from './check-signal-input.ts';
import { ABSENT, addDays, addMonths, keyToDate, MALFORMED, parseAmount } from './input-checks.ts';
import type { Citation, Judgement, Refusal } from './judgement.ts';
import { makeConditionRefusal, makeRefusal, type Params } from './refusal-factory.ts';
import type { CompiledRule, RuleBook } from './rule-book.ts';

/**
 * Judges one signal against the regulation in force on its signal date. Pure: no I/O, no clock.
 *
 * Every problem is reported (input errors first, then what the rules refuse), so a sender can fix
 * a row in one go. An accepted signal gets the rule's precompiled frozen Judgement, so the accept
 * path allocates nothing. The function never throws, whatever the input's shape.
 */

export interface Sender {
  /** The organisation that delivers the signal: the creditor, or a processor acting for one (signal.onBehalfOf). */
  organisationId: string;
}

const NO_CITATIONS: readonly Citation[] = Object.freeze([]);

function refusal(code: string, citation: Citation | undefined, params: Params, field?: string): Refusal {
  return makeRefusal(code, false, field, citation, params);
}

function isActive(org: IndexedOrganisation, date: number): boolean {
  return org.from <= date && date <= org.until;
}

/** Refusals found while resolving the sender and the municipality (module-level: nothing allocated). */
let shared: Refusal[] | null = null;

/** The creditor a signal is sent for: the sender itself, or the creditor a processor holds a mandate from. */
function resolveCreditor(senderId: unknown, book: RuleBook): IndexedOrganisation | undefined {
  const date = parsed.date;
  const org = typeof senderId === 'string' ? book.organisations.get(senderId) : undefined;
  if (org === undefined) {
    shared = push(shared, refusal('SENDER_UNKNOWN', undefined, { organisation: String(senderId) }));
    return undefined;
  }
  if (!isActive(org, date)) {
    shared = push(shared, refusal('SENDER_NOT_ACTIVE', undefined, { organisation: org.name, date: keyToDate(date) }));
    return undefined;
  }
  const onBehalfOf = parsed.onBehalfOf;
  if (onBehalfOf !== undefined && onBehalfOf !== org.id) {
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
  if (org.kinds.size === 1 && org.kinds.has('processor')) {
    // Only a creditor may signal (GDPR necessity); a processor only ever acts for one.
    shared = push(shared, inputError('ON_BEHALF_OF_MISSING', 'onBehalfOf', { sender: org.name }));
    return undefined;
  }
  return org;
}

function senderDesignated(rule: CompiledRule, org: IndexedOrganisation, date: number): boolean {
  const kinds = rule.senderKinds;
  for (let i = 0; i < kinds.length; i++) if (org.kinds.has(kinds[i]!)) return true;
  if (rule.senderOrganisations.has(org.id)) return true;
  const groups = rule.senderGroups;
  for (let i = 0; i < groups.length; i++) if (heldOn(org.groups, groups[i]!, date)) return true;
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
  const code = parsed.municipality;
  if (code === undefined) return false;
  const m = book.municipalities.get(code);
  if (m === undefined) {
    shared = push(shared, refusal('MUNICIPALITY_UNKNOWN', undefined, { code }, 'municipalityCode'));
    return false;
  }
  const date = parsed.date;
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

function componentValue(s: Bag, kind: string): number {
  const comps = s['components'];
  if (!isPlainObject(comps)) return 0;
  const v = parseAmount(comps[kind]);
  return v > 0 ? v : 0;
}

function checkConditions(rule: CompiledRule, s: Bag, out: Refusal[] | null): Refusal[] | null {
  for (let i = 0; i < rule.conditions.length; i++) {
    const c = rule.conditions[i]!;
    switch (c.kind) {
      case 'component_requires':
        if (componentValue(s, c.component) > 0 && componentValue(s, c.requires) === 0) {
          out = push(out, makeConditionRefusal(c.code, c.message, `components.${c.component}`, c.citation, { component: c.component, requires: c.requires }));
        }
        break;
      case 'components_only': {
        const comps = s['components'];
        if (isPlainObject(comps)) {
          for (const kind in comps) {
            if (!c.kinds.has(kind) && parseAmount(comps[kind]) !== ABSENT) {
              out = push(out, makeConditionRefusal(c.code, c.message, `components.${kind}`, c.citation, { component: kind, kinds: c.kindList }));
            }
          }
        }
        break;
      }
      case 'components_exclude': {
        const comps = s['components'];
        if (isPlainObject(comps)) {
          for (const kind in comps) {
            if (c.kinds.has(kind) && parseAmount(comps[kind]) !== ABSENT) {
              out = push(out, makeConditionRefusal(c.code, c.message, `components.${kind}`, c.citation, { component: kind, kinds: c.kindList }));
            }
          }
        }
        break;
      }
      case 'min_amount': {
        const value = parsed.amount >= 0 ? parsed.amount : parsed.hasComponents ? parsed.componentSum : ABSENT;
        if (value === ABSENT) {
          if (parsed.amount !== MALFORMED) out = push(out, refusal('AMOUNT_MISSING', c.citation, { amount: c.amount }, 'amount'));
        } else if (value < c.amount) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'amount', c.citation, { amount: c.amount, value: `€ ${value.toFixed(2)}` }));
        }
        break;
      }
      case 'min_arrear_age_months':
        if (parsed.arrearStart === ABSENT) out = push(out, refusal('ARREAR_START_DATE_MISSING', c.citation, { months: c.months }, 'arrearStartDate'));
        else if (parsed.arrearStart > 0 && addMonths(parsed.arrearStart, c.months) > parsed.date) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'arrearStartDate', c.citation, { months: c.months, since: keyToDate(parsed.arrearStart) }));
        }
        break;
    }
  }
  return out;
}

function checkStep(out: Refusal[] | null, key: number, citation: Citation, prefix: string, field: string): Refusal[] | null {
  if (key === ABSENT) return push(out, refusal(`${prefix}_MISSING`, citation, {}, field));
  if (key > 0 && key > parsed.date) return push(out, refusal(`${prefix}_AFTER_SIGNAL_DATE`, citation, { on: keyToDate(key), date: keyToDate(parsed.date) }, field));
  return out;
}

/** Social collection (TR art. 1.2 a–d; the same conditions of the Besluit and the sectoral regulations). */
function checkSocialCollection(rule: CompiledRule, out: Refusal[] | null): Refusal[] | null {
  const social = rule.social;
  if (social.personalContact !== null) {
    out = checkStep(out, parsed.personalContact, social.personalContact, 'PERSONAL_CONTACT', 'socialCollection.personalContactAttemptedOn');
  }
  if (social.debtAssistanceReferral !== null) {
    out = checkStep(out, parsed.referral, social.debtAssistanceReferral, 'DEBT_ASSISTANCE_REFERRAL', 'socialCollection.debtAssistanceReferredOn');
  }
  if (social.writtenReminder !== null) out = checkStep(out, parsed.reminder, social.writtenReminder, 'REMINDER', 'socialCollection.reminderSentOn');
  if (social.agreementOffered !== null) {
    if (parsed.agreement !== true && parsed.agreement !== MALFORMED) {
      out = push(out, refusal('AGREEMENT_NOT_OFFERED', social.agreementOffered, {}, 'socialCollection.agreementOfferedInReminder'));
    }
    if (parsed.response === 'objected') out = push(out, refusal('RESIDENT_OBJECTED', social.agreementOffered, {}, 'socialCollection.residentResponse'));
    else if (parsed.response === undefined) out = push(out, refusal('RESIDENT_RESPONSE_MISSING', social.agreementOffered, {}, 'socialCollection.residentResponse'));
  }
  return out;
}

/** The checks that depend on the rule: sender and municipality designation, field whitelist, conditions, social collection. */
function judgeRule(rule: CompiledRule, s: Bag, creditor: IndexedOrganisation | undefined, municipalityOk: boolean, book: RuleBook): Refusal[] | null {
  let out: Refusal[] | null = null;
  const date = parsed.date;
  const label = rule.label;

  if (creditor !== undefined && !senderDesignated(rule, creditor, date)) {
    out = push(out, refusal('SENDER_NOT_DESIGNATED', rule.senderCitation, { sender: creditor.name, date: keyToDate(date), label_nl: label.nl, label_en: label.en }));
  }

  const code = parsed.municipality;
  if (code !== undefined && municipalityOk) {
    if (!rule.allMunicipalities && !rule.municipalityCodes.has(code)) {
      const m = book.municipalities.get(code)!;
      const params = { code, name: m.name, date: keyToDate(date), label_nl: label.nl, label_en: label.en };
      out = push(out, refusal('MUNICIPALITY_NOT_DESIGNATED', rule.municipalityCitation, params, 'municipalityCode'));
    } else if (rule.mustBeCollectedBySender && creditor !== undefined && !heldOn(creditor.collectsFor, code, date)) {
      const m = book.municipalities.get(code)!;
      out = push(out, refusal('MUNICIPALITY_NOT_SENDERS_OWN', rule.municipalityCitation, { sender: creditor.name, code, name: m.name }, 'municipalityCode'));
    }
  }

  if ((parsed.present & rule.forbiddenMask) !== 0) {
    const forbidden = rule.forbiddenFields;
    for (let i = 0; i < forbidden.length; i++) {
      const key = forbidden[i]!;
      if (isPresent(s[key])) out = push(out, refusal('FIELD_NOT_ALLOWED', rule.dataCitation, { label_nl: label.nl, label_en: label.en }, key));
    }
  }

  out = checkConditions(rule, s, out);
  return checkSocialCollection(rule, out);
}

function refused(refusals: Refusal[], rule?: CompiledRule): Judgement {
  if (rule === undefined) return { decision: 'refused', applied: NO_CITATIONS, refusals };
  return { decision: 'refused', regulationVersion: rule.versionKey, ruleId: rule.id, applied: NO_CITATIONS, refusals };
}

/** The rules of one signal type that apply on the date (module-level: nothing allocated). */
const selection = {
  direct: null as CompiledRule | null,
  /** A second rule in force for the same type (another regulation), tried when the first refuses. */
  alternative: null as CompiledRule | null,
  transitional: null as CompiledRule | null,
  lapsed: null as CompiledRule | null,
};

function select(candidates: readonly CompiledRule[], date: number): void {
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
      // TR art. 3.1 lid 2: the text as it read on its last day keeps applying to procedures running
      // then; the written reminder (art. 1.2 c) sent by that day shows the procedure was running.
      if (parsed.reminder > 0 && parsed.reminder <= c.versionUntil) selection.transitional = c;
      else selection.lapsed = c;
    }
  }
}

function notInForce(candidates: readonly CompiledRule[], type: string, date: number): Refusal {
  let nearest = candidates[0]!;
  let from = nearest.from;
  let until = nearest.until;
  for (const c of candidates) {
    if (Math.abs(c.from - date) < Math.abs(nearest.from - date)) nearest = c;
    if (c.from < from) from = c.from;
    if (c.until > until) until = c.until;
  }
  const params = { signalType: type, date: keyToDate(date), from: keyToDate(from), until: until >= 99_990_000 ? '—' : keyToDate(until) };
  return refusal('SIGNAL_TYPE_NOT_IN_FORCE', date < nearest.from ? nearest.entryIntoForce : nearest.designation, params, 'signalDate');
}

export function evaluate(signal: SignalInput, sender: Sender, book: RuleBook): Judgement {
  if (!isPlainObject(signal)) return refused([inputError('INPUT_NOT_AN_OBJECT', undefined)]);
  const s = signal as unknown as Bag;
  let out = checkSignalInput(s);
  const type = parsed.type;
  if (parsed.date < 0 || type === undefined || type === '') return refused(out ?? []);

  const candidates = book.rulesByType.get(type);
  if (candidates === undefined) return refused(push(out, refusal('SIGNAL_TYPE_UNKNOWN', undefined, { signalType: type }, 'signalType')));

  select(candidates, parsed.date);
  const direct = selection.direct;
  const alternative = selection.alternative;
  const rule = direct ?? selection.transitional;
  if (rule === null) {
    const lapsed = selection.lapsed;
    if (lapsed !== null) {
      const r = refusal('REGULATION_LAPSED', lapsed.transitional ?? undefined, { until: keyToDate(lapsed.versionUntil) }, 'socialCollection.reminderSentOn');
      return refused(push(out, r), lapsed);
    }
    return refused(push(out, notInForce(candidates, type, parsed.date)));
  }

  shared = out;
  const creditor = resolveCreditor(isPlainObject(sender) ? sender['organisationId'] : undefined, book);
  const municipalityOk = municipalityExists(book);
  out = shared;
  shared = null;

  const ruleRefusals = judgeRule(rule, s, creditor, municipalityOk, book);
  if (out === null && ruleRefusals === null) return direct !== null ? rule.accepted : rule.acceptedTransitional;
  if (out === null && alternative !== null && judgeRule(alternative, s, creditor, municipalityOk, book) === null) return alternative.accepted;
  if (out === null) return refused(ruleRefusals!, rule);
  return refused(ruleRefusals === null ? out : out.concat(ruleRefusals), rule);
}
