import type { DataCategory } from '../signals/signal.ts';
import { addDays, DATE_MAX, DATE_MIN, dateKey, keyToDate } from './input-checks.ts';
import type { Citation, LocalizedText } from './judgement.ts';
import type { CitationDoc, RegulationVersionDoc, RuleDoc } from './regulation.ts';
import type { CompiledCondition, CompiledRule, RuleBook } from './rule-book.ts';

/**
 * "What is in force on date X": every signal type a sender may provide on that day, who may send
 * it, to which municipalities, with which data, in which period, each with its citation — and
 * every value that could not be checked against the official text, so operators and creditors see
 * what rests on an assumption. Also the types that are not in force that day, and why (repealed,
 * lapsed, not yet). Pure: the caller passes the date.
 */

/** Part of a designation a verification note is about. */
export type VerifiedPart =
  | 'regulation'
  | 'publication'
  | 'entry_into_force'
  | 'transitional'
  | 'designation'
  | 'senders'
  | 'municipalities'
  | 'data'
  | 'conditions'
  | 'social_collection'
  | 'rule'
  | 'register';

export interface VerifyNote {
  part: VerifiedPart;
  /** What still needs checking against the official text (the rule files' `verify`). */
  note: string;
}

export interface SenderEntry {
  kind: 'organisation' | 'organisation_kind' | 'group' | 'collector';
  id: string;
  /** In Dutch, as the regulation names it. */
  name: string;
  label: LocalizedText;
}

export interface InForceEntry {
  signalType: string;
  label: LocalizedText;
  ruleId: string;
  regulation: { id: string; title: string; version: string; validFrom: string; validUntil: string | null; url: string };
  /** 'direct': the text in force that day; 'transitional': the text of the lapsed version, for procedures running at its lapse. */
  basis: 'direct' | 'transitional';
  /** The designation's period over every version of its regulation (a version only amends it). */
  period: { from: string | null; until: string | null };
  transitional: { reminderBy: string; signalsUntil: string; interpretation: LocalizedText; citation: Citation } | null;
  designation: Citation;
  senders: { list: SenderEntry[]; citation: Citation };
  municipalities: { all: boolean; onlyCollectedBySender: boolean; list: Array<{ code: string; name: string }>; citation: Citation };
  data: { categories: DataCategory[]; citation: Citation };
  conditions: readonly CompiledCondition[];
  socialCollection: Array<{ step: 'personal_contact' | 'debt_assistance_referral' | 'written_reminder' | 'agreement_offered'; citation: Citation }>;
  plausibility: { amountRequired: boolean; maxAmount: number };
  ddasPartner: string;
  /** False when any value of the designation still needs checking (see `verify`). */
  verified: boolean;
  verify: VerifyNote[];
}

export interface NotInForce {
  signalType: string;
  label: LocalizedText;
  reason: 'repealed' | 'lapsed' | 'not_yet' | 'ended';
  /** repealed, lapsed, ended: the first day it was no longer in force; not_yet: the first day it will be. */
  since: string | null;
  citation: Citation | null;
}

export interface InForceView {
  date: string;
  entries: InForceEntry[];
  notInForce: NotInForce[];
}

const dayOf = (key: number): string | null => (key <= DATE_MIN || key >= DATE_MAX ? null : keyToDate(key));

function versionOf(book: RuleBook, rule: CompiledRule): RegulationVersionDoc {
  return book.versions.find((v) => `${v.id}/${v.valid_from}` === rule.versionKey)!;
}

function note(list: VerifyNote[], part: VerifiedPart, c: { verify?: string | undefined } | undefined): void {
  if (c?.verify !== undefined) list.push({ part, note: c.verify });
}

/** Every `verify` of a designation: in its version's header, the rule, each citation, and the register entries it names. */
export function verificationOf(book: RuleBook, rule: CompiledRule): VerifyNote[] {
  const v = versionOf(book, rule);
  const r: RuleDoc | undefined = v.rules.find((x) => x.id === rule.id);
  const out: VerifyNote[] = [];
  note(out, 'regulation', v);
  note(out, 'publication', v.publication);
  for (const a of v.amended_by ?? []) note(out, 'publication', a);
  note(out, 'entry_into_force', v.entry_into_force);
  note(out, 'transitional', v.transitional);
  if (r === undefined) return out;
  note(out, 'rule', r);
  note(out, 'designation', r.designation.citation);
  note(out, 'senders', r.senders.citation);
  note(out, 'municipalities', r.municipalities.citation);
  note(out, 'data', r.data.citation);
  for (const c of r.conditions ?? []) note(out, 'conditions', c.citation);
  const steps = r.social_collection ?? v.social_collection;
  for (const c of Object.values(steps ?? {}) as CitationDoc[]) note(out, 'social_collection', c);
  for (const s of r.senders.any_of) {
    if ('organisation' in s) note(out, 'register', book.registers.organisations.find((o) => o.id === s.organisation));
    if ('group' in s) note(out, 'register', book.registers.groups.find((g) => g.id === s.group));
  }
  // The same note can stand on several citations of one rule (a shared anchor): once is enough.
  const seen = new Set<string>();
  return out.filter((n) => (seen.has(`${n.part}|${n.note}`) ? false : (seen.add(`${n.part}|${n.note}`), true)));
}

const COLLECTOR: LocalizedText = { nl: 'Ambtenaar belast met de invordering van gemeentelijke belastingen', en: 'Official in charge of collecting municipal taxes' };

function sendersOf(book: RuleBook, rule: CompiledRule): SenderEntry[] {
  const out: SenderEntry[] = [];
  const named = (kind: SenderEntry['kind'], id: string, label: LocalizedText) => out.push({ kind, id, name: label.nl, label });
  const same = (name: string): LocalizedText => ({ nl: name, en: name });
  for (const k of rule.senderKinds) named('organisation_kind', k, book.organisationKinds.get(k)?.label ?? same(k));
  for (const id of rule.senderOrganisations) named('organisation', id, same(book.organisations.get(id)?.name ?? id));
  for (const g of rule.senderGroups) named('group', g, same(book.registers.groups.find((x) => x.id === g)?.name ?? g));
  if (rule.senderCollectorForDesignated) named('collector', 'collector_for_designated_municipality', COLLECTOR);
  return out;
}

function designationPeriod(book: RuleBook, rule: CompiledRule): InForceEntry['period'] {
  const same = (book.rulesByType.get(rule.signalType) ?? []).filter((r) => r.id === rule.id && r.regulationId === rule.regulationId);
  return { from: dayOf(Math.min(...same.map((r) => r.from))), until: dayOf(Math.max(...same.map((r) => r.until))) };
}

function entryOf(book: RuleBook, rule: CompiledRule, basis: InForceEntry['basis']): InForceEntry {
  const v = versionOf(book, rule);
  const r = v.rules.find((x) => x.id === rule.id)!;
  const verify = verificationOf(book, rule);
  const social = rule.social;
  const steps: InForceEntry['socialCollection'] = [];
  if (social.personalContact) steps.push({ step: 'personal_contact', citation: social.personalContact });
  if (social.debtAssistanceReferral) steps.push({ step: 'debt_assistance_referral', citation: social.debtAssistanceReferral });
  if (social.writtenReminder) steps.push({ step: 'written_reminder', citation: social.writtenReminder });
  if (social.agreementOffered) steps.push({ step: 'agreement_offered', citation: social.agreementOffered });
  return {
    signalType: rule.signalType,
    label: rule.label,
    ruleId: rule.id,
    regulation: { id: rule.regulationId, title: rule.regulationTitle, version: rule.versionKey, validFrom: v.valid_from, validUntil: v.valid_until, url: v.url },
    basis,
    period: designationPeriod(book, rule),
    transitional:
      rule.transitional === null || v.transitional === undefined
        ? null
        : { reminderBy: keyToDate(rule.versionUntil), signalsUntil: keyToDate(rule.transitionalSignalsUntil), interpretation: v.transitional.interpretation, citation: rule.transitional },
    designation: rule.designation,
    senders: { list: sendersOf(book, rule), citation: rule.senderCitation },
    municipalities: {
      all: rule.allMunicipalities,
      onlyCollectedBySender: rule.mustBeCollectedBySender,
      list: [...rule.municipalityCodes].map((code) => ({ code, name: book.municipalities.get(code)?.name ?? code })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      citation: rule.municipalityCitation,
    },
    data: { categories: [...r.data.categories], citation: rule.dataCitation },
    conditions: rule.conditions,
    socialCollection: steps,
    plausibility: { amountRequired: rule.amountRequired, maxAmount: rule.maxAmount },
    ddasPartner: rule.ddasPartner,
    verified: verify.length === 0,
    verify,
  };
}

/** What is in force on `date` ('YYYY-MM-DD'), per signal type. */
export function inForceOn(book: RuleBook, date: string): InForceView {
  const day = dateKey(date);
  if (day < 0) throw new RangeError(`'${date}' is not a date (YYYY-MM-DD)`);
  const entries: InForceEntry[] = [];
  const notInForce: NotInForce[] = [];
  for (const [type, rules] of book.rulesByType) {
    const direct = rules.filter((r) => r.from <= day && day <= r.until);
    // TR art. 3.1 lid 2: after the lapse, the last text for procedures running then, until the stated bound.
    const transitional = rules.filter((r) => r.transitional !== null && day > r.versionUntil && r.until === r.versionUntil && day <= r.transitionalSignalsUntil);
    for (const r of direct) entries.push(entryOf(book, r, 'direct'));
    if (direct.length === 0) for (const r of transitional) entries.push(entryOf(book, r, 'transitional'));
    if (direct.length > 0 || transitional.length > 0) continue;
    const label = rules[rules.length - 1]!.label;
    const repeal = (book.repealsByType.get(type) ?? []).find((x) => x.from <= day);
    if (repeal !== undefined) {
      notInForce.push({ signalType: type, label, reason: 'repealed', since: keyToDate(repeal.from), citation: repeal.citation });
      continue;
    }
    const first = rules.reduce((a, b) => (b.from < a.from ? b : a));
    if (day < first.from) {
      notInForce.push({ signalType: type, label, reason: 'not_yet', since: dayOf(first.from), citation: first.entryIntoForce });
      continue;
    }
    const last = rules.reduce((a, b) => (b.until > a.until ? b : a));
    const lapsedAt = last.until >= DATE_MAX ? null : keyToDate(addDays(last.until, 1));
    notInForce.push({ signalType: type, label, reason: last.transitional !== null ? 'lapsed' : 'ended', since: lapsedAt, citation: last.transitional ?? last.designation });
  }
  const order = (a: { label: LocalizedText }, b: { label: LocalizedText }) => a.label.nl.localeCompare(b.label.nl, 'nl');
  return { date: keyToDate(day), entries: entries.sort(order), notInForce: notInForce.sort(order) };
}
