import type { SignalInput } from '../signals/signal.ts';
import { addWorkingDaysToKey } from './working-days.ts';
import { heldOn, type IndexedOrganisation } from '../registers/register-index.ts';
import { checkSignalInput, inputError, isPlainObject, push, type Bag, type ParsedSignal } from './check-signal-input.ts';
import { ABSENT, addDays, addMonths, dateKey, keyToDate, MALFORMED, parseAmount } from './input-checks.ts';
import type { Citation, Judgement, Refusal } from './judgement.ts';
import { makeConditionRefusal, makeRefusal, type Params } from './refusal-factory.ts';
import type { CompiledRule, RuleBook } from './rule-book.ts';

/**
 * Judges one signal against the regulation in force on its signal date. Pure: no I/O, no clock
 * (the caller says which signal date is the latest it believes), no state between calls.
 *
 * Every problem is reported (input errors first, then what the rules refuse), so a sender can fix
 * a row in one go. Every refusal that is a judgement of the law cites its article; input errors
 * (a value that cannot be read or is not plausible) name the field instead. An accepted signal gets
 * the rule's precompiled frozen Judgement. The function never throws, whatever the input's shape.
 */

export interface Sender {
  /** The organisation that delivers the signal: the creditor, or a processor acting for one (signal.onBehalfOf). */
  organisationId: string;
  /**
   * The latest signal date that is not in the future ('YYYY-MM-DD': today in the Netherlands, plus
   * the clock tolerance). A later signal date is refused. Absent: not checked (tests of the law alone).
   */
  latestSignalDate?: string;
}

const NO_CITATIONS: readonly Citation[] = Object.freeze([]);

function refusal(code: string, citation: Citation | undefined, params: Params, field?: string): Refusal {
  return makeRefusal(code, false, field, citation, params);
}

function isActive(org: IndexedOrganisation, date: number): boolean {
  return org.from <= date && date <= org.until;
}

/**
 * The creditor a signal is sent for: the sender itself, or the creditor a processor holds a mandate
 * from. Refusals cite who the designation lets send (the rule's sender article); a processor acting
 * without a mandate cites the processing-agreement article of the GDPR.
 */
function resolveCreditor(p: ParsedSignal, senderId: unknown, rule: CompiledRule, book: RuleBook): IndexedOrganisation | undefined {
  const date = p.date;
  const cite = rule.senderCitation;
  const org = typeof senderId === 'string' ? book.organisations.get(senderId) : undefined;
  if (org === undefined) {
    p.refusals = push(p.refusals, refusal('SENDER_UNKNOWN', cite, { organisation: String(senderId) }));
    return undefined;
  }
  if (!isActive(org, date)) {
    p.refusals = push(p.refusals, refusal('SENDER_NOT_ACTIVE', cite, { organisation: org.name, date: keyToDate(date) }));
    return undefined;
  }
  const onBehalfOf = p.onBehalfOf;
  if (onBehalfOf !== undefined && onBehalfOf !== org.id) {
    const creditor = book.organisations.get(onBehalfOf);
    if (creditor === undefined) {
      p.refusals = push(p.refusals, refusal('SENDER_UNKNOWN', cite, { organisation: onBehalfOf }, 'onBehalfOf'));
      return undefined;
    }
    if (!heldOn(org.mandates, onBehalfOf, date)) {
      const params = { sender: org.name, creditor: creditor.name, date: keyToDate(date) };
      p.refusals = push(p.refusals, refusal('MANDATE_MISSING', book.legalGrounds.get('processor_mandate') ?? cite, params, 'onBehalfOf'));
      return undefined;
    }
    if (!isActive(creditor, date)) {
      p.refusals = push(p.refusals, refusal('SENDER_NOT_ACTIVE', cite, { organisation: creditor.name, date: keyToDate(date) }, 'onBehalfOf'));
      return undefined;
    }
    return creditor;
  }
  if (org.kinds.size === 1 && org.kinds.has('processor')) {
    // Only a creditor may signal (GDPR necessity); a processor only ever acts for one.
    p.refusals = push(p.refusals, refusal('ON_BEHALF_OF_MISSING', cite, { sender: org.name }, 'onBehalfOf'));
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

/** Is the receiving municipality a municipality on the signal date? Cites the article naming the receiving college. */
function municipalityExists(p: ParsedSignal, rule: CompiledRule, book: RuleBook): boolean {
  const code = p.municipality;
  if (code === undefined) return false;
  const cite = rule.municipalityCitation;
  const m = book.municipalities.get(code);
  if (m === undefined) {
    p.refusals = push(p.refusals, refusal('MUNICIPALITY_UNKNOWN', cite, { code }, 'municipalityCode'));
    return false;
  }
  const date = p.date;
  if (date > m.until) {
    const next = m.successor === undefined ? undefined : book.municipalities.get(m.successor);
    const since = keyToDate(addDays(m.until, 1));
    p.refusals = push(
      p.refusals,
      next === undefined
        ? refusal('MUNICIPALITY_ENDED_NO_SUCCESSOR', cite, { code, name: m.name, since }, 'municipalityCode')
        : refusal('MUNICIPALITY_ENDED', cite, { code, name: m.name, since, successor: next.code, successorName: next.name }, 'municipalityCode'),
    );
    return false;
  }
  if (date < m.from) {
    p.refusals = push(p.refusals, refusal('MUNICIPALITY_NOT_YET_EXISTING', cite, { code, name: m.name, from: keyToDate(m.from) }, 'municipalityCode'));
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

const euros = (v: number): string => `€ ${v.toFixed(2)}`;

/** The amount the thresholds look at: the total, or the breakdown's sum when only that is given. */
function arrearValue(p: ParsedSignal): number {
  return p.amount >= 0 ? p.amount : p.hasComponents ? p.componentSum : ABSENT;
}

function checkConditions(p: ParsedSignal, rule: CompiledRule, s: Bag, out: Refusal[] | null): Refusal[] | null {
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
        const value = arrearValue(p);
        if (value === ABSENT) {
          // A designation that requires the amount already said it is missing (plausibility).
          if (p.amount !== MALFORMED && !rule.amountRequired) out = push(out, refusal('AMOUNT_MISSING', c.citation, { amount: c.amount }, 'amount'));
        } else if (value < c.amount) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'amount', c.citation, { amount: c.amount, value: euros(value) }));
        }
        break;
      }
      case 'min_component_amount': {
        const comps = s['components'];
        if (p.hasComponents && isPlainObject(comps)) {
          for (const kind in comps) {
            const v = parseAmount(comps[kind]);
            if (c.components.has(kind) && v >= 0 && v < c.amount) {
              out = push(out, makeConditionRefusal(c.code, c.message, `components.${kind}`, c.citation, { component: kind, amount: c.amount, value: euros(v), kinds: c.componentList }));
            }
          }
        } else if (p.amount >= 0 && p.amount < c.amount) {
          // Without a breakdown the whole arrear is one debt of a listed kind.
          out = push(out, makeConditionRefusal(c.code, c.message, 'amount', c.citation, { component: c.componentList, amount: c.amount, value: euros(p.amount), kinds: c.componentList }));
        }
        break;
      }
      case 'min_arrear_age_months':
        if (p.arrearStart === ABSENT) out = push(out, refusal('ARREAR_START_DATE_MISSING', c.citation, { months: c.months }, 'arrearStartDate'));
        else if (p.arrearStart > 0 && addMonths(p.arrearStart, c.months) > p.date) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'arrearStartDate', c.citation, { months: c.months, since: keyToDate(p.arrearStart) }));
        }
        break;
      case 'attestation_required':
        if (p.attestations === undefined || !p.attestations.includes(c.attestation)) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'attestations', c.citation, { attestation: c.attestation, statement_nl: c.statement.nl, statement_en: c.statement.en }));
        }
        break;
      case 'min_working_days_before':
        if (p.supplyEnd === ABSENT) out = push(out, refusal('SUPPLY_END_DATE_MISSING', c.citation, { days: c.days }, 'supplyEndDate'));
        else if (p.supplyEnd > 0 && p.date > 0 && addWorkingDaysToKey(p.date, c.days) > p.supplyEnd) {
          out = push(out, makeConditionRefusal(c.code, c.message, 'supplyEndDate', c.citation, { days: c.days, end: keyToDate(p.supplyEnd), date: keyToDate(p.date) }));
        }
        break;
    }
  }
  return out;
}

/**
 * The amount, judged as the designation needs it: a signal is about an arrear, so € 0 is none (citing
 * the designation); where the designation lists the amount among the data provided it must be there
 * (citing that list); above the designation's plausible maximum it is taken for a mistake.
 */
function checkAmount(p: ParsedSignal, rule: CompiledRule, out: Refusal[] | null): Refusal[] | null {
  if (p.amount === 0) return push(out, refusal('AMOUNT_ZERO', rule.designation, { label_nl: rule.label.nl, label_en: rule.label.en }, 'amount'));
  if (p.amount === ABSENT && rule.amountRequired && !(p.hasComponents && p.componentSum > 0)) {
    return push(out, refusal('AMOUNT_REQUIRED', rule.dataCitation, { label_nl: rule.label.nl, label_en: rule.label.en }, 'amount'));
  }
  const value = arrearValue(p);
  if (value > rule.maxAmount) return push(out, inputError('AMOUNT_IMPLAUSIBLE', 'amount', { value: euros(value), max: euros(rule.maxAmount), label_nl: rule.label.nl, label_en: rule.label.en }));
  return out;
}

function checkStep(p: ParsedSignal, out: Refusal[] | null, key: number, citation: Citation, prefix: string, field: string): Refusal[] | null {
  if (key === ABSENT) return push(out, refusal(`${prefix}_MISSING`, citation, {}, field));
  if (key > 0 && key > p.date) return push(out, refusal(`${prefix}_AFTER_SIGNAL_DATE`, citation, { on: keyToDate(key), date: keyToDate(p.date) }, field));
  return out;
}

/** Social collection (TR art. 1.2 a–d; the same conditions of the Besluit and the sectoral regulations). */
function checkSocialCollection(p: ParsedSignal, rule: CompiledRule, out: Refusal[] | null): Refusal[] | null {
  const social = rule.social;
  if (social.personalContact !== null) {
    out = checkStep(p, out, p.personalContact, social.personalContact, 'PERSONAL_CONTACT', 'socialCollection.personalContactAttemptedOn');
  }
  if (social.debtAssistanceReferral !== null) {
    out = checkStep(p, out, p.referral, social.debtAssistanceReferral, 'DEBT_ASSISTANCE_REFERRAL', 'socialCollection.debtAssistanceReferredOn');
  }
  if (social.writtenReminder !== null) out = checkStep(p, out, p.reminder, social.writtenReminder, 'REMINDER', 'socialCollection.reminderSentOn');
  if (social.agreementOffered !== null) {
    if (p.agreement !== true && p.agreement !== MALFORMED) {
      out = push(out, refusal('AGREEMENT_NOT_OFFERED', social.agreementOffered, {}, 'socialCollection.agreementOfferedInReminder'));
    }
    if (p.response === 'objected') out = push(out, refusal('RESIDENT_OBJECTED', social.agreementOffered, {}, 'socialCollection.residentResponse'));
    else if (p.response === undefined) out = push(out, refusal('RESIDENT_RESPONSE_MISSING', social.agreementOffered, {}, 'socialCollection.residentResponse'));
  }
  return out;
}

/** The checks that depend on the rule: sender and municipality designation, field whitelist, amount, conditions, social collection. */
function judgeRule(p: ParsedSignal, rule: CompiledRule, s: Bag, creditor: IndexedOrganisation | undefined, municipalityOk: boolean, book: RuleBook): Refusal[] | null {
  let out: Refusal[] | null = null;
  const date = p.date;
  const label = rule.label;

  if (creditor !== undefined && !senderDesignated(rule, creditor, date)) {
    out = push(out, refusal('SENDER_NOT_DESIGNATED', rule.senderCitation, { sender: creditor.name, date: keyToDate(date), label_nl: label.nl, label_en: label.en }));
  }

  const code = p.municipality;
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

  if ((p.present & rule.forbiddenMask) !== 0) {
    const forbidden = rule.forbiddenFields;
    for (let i = 0; i < forbidden.length; i++) {
      const key = forbidden[i]!;
      if (isPresent(s[key])) out = push(out, refusal('FIELD_NOT_ALLOWED', rule.dataCitation, { label_nl: label.nl, label_en: label.en }, key));
    }
  }

  out = checkAmount(p, rule, out);
  out = checkConditions(p, rule, s, out);
  return checkSocialCollection(p, rule, out);
}

function refused(refusals: Refusal[], rule?: CompiledRule): Judgement {
  if (rule === undefined) return { decision: 'refused', applied: NO_CITATIONS, refusals };
  return { decision: 'refused', regulationVersion: rule.versionKey, ruleId: rule.id, applied: NO_CITATIONS, refusals };
}

/** The rules of one signal type that apply after a lapse (only looked for when no rule applies directly). */
interface AfterLapse {
  transitional: CompiledRule | null;
  /** Lapsed, and the written reminder came after the lapse. */
  lapsed: CompiledRule | null;
  /** Lapsed; the reminder predates the lapse, but the signal came after the transitional bound. */
  tooLate: CompiledRule | null;
}

function afterLapse(p: ParsedSignal, candidates: readonly CompiledRule[]): AfterLapse {
  const sel: AfterLapse = { transitional: null, lapsed: null, tooLate: null };
  const date = p.date;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.transitional !== null && date > c.versionUntil && c.until === c.versionUntil) {
      // TR art. 3.1 lid 2: the text as it read on its last day keeps applying to procedures running
      // then: the written reminder (art. 1.2 c) sent by that day shows the procedure was running, and
      // a signal after the stated bound no longer belongs to it (rules/README.md, "After the lapse").
      if (!(p.reminder > 0 && p.reminder <= c.versionUntil)) sel.lapsed = c;
      else if (date <= c.transitionalSignalsUntil) sel.transitional = c;
      else sel.tooLate = c;
    }
  }
  return sel;
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

/** Why no rule applies on the date: repealed, lapsed (no running procedure, or too late for one), or not (yet) designated. */
function noRuleRefusal(p: ParsedSignal, sel: AfterLapse, candidates: readonly CompiledRule[], type: string, book: RuleBook): { refusal: Refusal; rule?: CompiledRule } {
  const date = p.date;
  const repeals = book.repealsByType.get(type);
  if (repeals !== undefined) {
    for (const r of repeals) {
      if (r.from <= date) return { refusal: refusal('SIGNAL_TYPE_REPEALED', r.citation, { signalType: type, since: keyToDate(r.from) }, 'signalType') };
    }
  }
  if (sel.tooLate !== null) {
    const c = sel.tooLate;
    const params = { until: keyToDate(c.versionUntil), signalsUntil: keyToDate(c.transitionalSignalsUntil) };
    return { refusal: refusal('TRANSITIONAL_PERIOD_ENDED', c.transitional ?? undefined, params, 'signalDate'), rule: c };
  }
  if (sel.lapsed !== null) {
    const c = sel.lapsed;
    return { refusal: refusal('REGULATION_LAPSED', c.transitional ?? undefined, { until: keyToDate(c.versionUntil) }, 'socialCollection.reminderSentOn'), rule: c };
  }
  return { refusal: notInForce(candidates, type, date) };
}

/**
 * `scratch`: an object the caller owns and lends for the values read from the signal (the judge of
 * a process reuses one); without it a fresh one is made. Nothing of it outlives the call.
 */
export function evaluate(signal: SignalInput, sender: Sender, book: RuleBook, scratch?: ParsedSignal): Judgement {
  if (!isPlainObject(signal)) return refused([inputError('INPUT_NOT_AN_OBJECT', undefined)]);
  const s = signal as unknown as Bag;
  const p = checkSignalInput(s, scratch);
  const latest = isPlainObject(sender) && typeof sender.latestSignalDate === 'string' ? dateKey(sender.latestSignalDate) : ABSENT;
  if (latest > 0 && p.date > latest) p.refusals = push(p.refusals, inputError('SIGNAL_DATE_IN_FUTURE', 'signalDate', { date: keyToDate(p.date), today: keyToDate(latest) }));
  const type = p.type;
  if (p.date < 0 || type === undefined || type === '') return refused(p.refusals ?? []);

  const candidates = book.rulesByType.get(type);
  if (candidates === undefined) {
    return refused(push(p.refusals, refusal('SIGNAL_TYPE_UNKNOWN', book.legalGrounds.get('signal_type_unknown'), { signalType: type }, 'signalType')));
  }

  // The rule in force on the date, and a second one of another regulation tried when the first refuses.
  let direct: CompiledRule | null = null;
  let alternative: CompiledRule | null = null;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.from <= p.date && p.date <= c.until) {
      if (direct === null) direct = c;
      else if (alternative === null) alternative = c;
    }
  }
  let rule = direct;
  if (rule === null) {
    const lapse = afterLapse(p, candidates);
    rule = lapse.transitional;
    if (rule === null) {
      const why = noRuleRefusal(p, lapse, candidates, type, book);
      return refused(push(p.refusals, why.refusal), why.rule);
    }
  }

  const creditor = resolveCreditor(p, isPlainObject(sender) ? sender['organisationId'] : undefined, rule, book);
  const municipalityOk = municipalityExists(p, rule, book);
  const out = p.refusals;

  const ruleRefusals = judgeRule(p, rule, s, creditor, municipalityOk, book);
  if (out === null && ruleRefusals === null) return direct !== null ? rule.accepted : rule.acceptedTransitional;
  if (out === null && alternative !== null && judgeRule(p, alternative, s, creditor, municipalityOk, book) === null) return alternative.accepted;
  if (out === null) return refused(ruleRefusals!, rule);
  return refused(ruleRefusals === null ? out : out.concat(ruleRefusals), rule);
}
