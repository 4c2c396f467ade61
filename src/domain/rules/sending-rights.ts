import type { DatedId, IndexedOrganisation } from '../registers/register-index.ts';
import type { DataCategory } from '../signals/signal.ts';
import { DATE_MAX, DATE_MIN, dateKey, keyToDate } from './input-checks.ts';
import type { Citation, LocalizedText } from './judgement.ts';
import type { CompiledCondition, CompiledRule, RuleBook } from './rule-book.ts';
import { verificationOf, type VerifyNote } from './in-force.ts';

/**
 * "Wat mag ik aanleveren?": from the rule book, what one organisation may send — per designation
 * (rule) on which ground, to which municipalities, in which period, with which data and under which
 * conditions, each with the article that says so. Pure: the caller passes today's date.
 *
 * It mirrors what evaluate() checks for a sender (senderDesignated, the municipality checks, the
 * field whitelist, conditions, social collection), so the explanation cannot promise more than intake accepts.
 */

/** Why this organisation is a designated sender of the signal. */
export type SenderBasis =
  | { kind: 'organisation_kind'; kindId: string; label: LocalizedText }
  | { kind: 'organisation' }
  | { kind: 'group'; groupId: string; name: string }
  /** The official collecting municipal taxes for one of the rule's municipalities. */
  | { kind: 'collector' };

export interface NamedMunicipality {
  code: string;
  name: string;
  /** For 'own' municipalities: the period the organisation collects for it. */
  from?: string | null;
  until?: string | null;
}

export type MunicipalityScope =
  | { scope: 'all' }
  | { scope: 'list'; municipalities: NamedMunicipality[] }
  /** Only the municipalities whose taxes the organisation collects ("diezelfde gemeente"), within the rule's list. */
  | { scope: 'own'; municipalities: NamedMunicipality[] };

export type SocialStep = 'personal_contact' | 'debt_assistance_referral' | 'written_reminder' | 'agreement_offered';

export interface Entitlement {
  ruleId: string;
  signalType: string;
  label: LocalizedText;
  regulationId: string;
  regulationTitle: string;
  versionKey: string;
  /** First and last day (inclusive) this organisation may send it; null: open. */
  from: string | null;
  until: string | null;
  timing: 'past' | 'current' | 'future';
  designation: Citation;
  /** TR art. 3.1 lid 2: after `until`, running procedures still count (the reminder sent by then). */
  transitional: Citation | null;
  /** With a transitional rule: the last signal date that can still belong to a running procedure. */
  transitionalSignalsUntil: string | null;
  /** The amount must be given; above maxAmount it is refused as implausible. */
  amountRequired: boolean;
  maxAmount: number;
  /** DDAS signal-partner type the signal is reported as. */
  ddasPartner: string;
  basis: SenderBasis;
  senderCitation: Citation;
  municipalities: MunicipalityScope;
  municipalityCitation: Citation;
  dataCategories: readonly DataCategory[];
  dataCitation: Citation;
  conditions: readonly CompiledCondition[];
  socialSteps: ReadonlyArray<{ step: SocialStep; citation: Citation }>;
  /** Values of the designation not yet checked against the official text (the rule files' `verify`). */
  verify: VerifyNote[];
}

export interface SendingRights {
  /** Undefined: the organisation is in no register, so no rule designates it. */
  organisation: { id: string; name: string; kinds: string[] } | undefined;
  /** What it may send as the creditor itself. */
  own: Entitlement[];
  /** For a processor: what it may send for each creditor it holds a processing mandate from. */
  onBehalfOf: Array<{ creditor: { id: string; name: string }; from: string | null; until: string | null; entitlements: Entitlement[] }>;
}

interface Window {
  from: number;
  until: number;
}

const dayOf = (key: number, open: number): string | null => (key === open || key >= DATE_MAX || key <= DATE_MIN ? null : keyToDate(key));

function intersect(a: Window, b: Window): Window {
  return { from: Math.max(a.from, b.from), until: Math.min(a.until, b.until) };
}

/** The grounds on which `org` is a sender of `rule`, each with the period it holds (mirrors evaluate's senderDesignated). */
function basesOf(rule: CompiledRule, org: IndexedOrganisation, book: RuleBook): Array<{ basis: SenderBasis; window: Window }> {
  const own: Window = { from: org.from, until: org.until };
  const out: Array<{ basis: SenderBasis; window: Window }> = [];
  for (const k of rule.senderKinds) {
    if (org.kinds.has(k)) out.push({ basis: { kind: 'organisation_kind', kindId: k, label: book.organisationKinds.get(k)?.label ?? { nl: k, en: k } }, window: own });
  }
  if (rule.senderOrganisations.has(org.id)) out.push({ basis: { kind: 'organisation' }, window: own });
  for (const g of rule.senderGroups) {
    const name = book.registers.groups.find((x) => x.id === g)?.name ?? g;
    for (const m of org.groups) if (m.id === g) out.push({ basis: { kind: 'group', groupId: g, name }, window: intersect(own, m) });
  }
  if (rule.senderCollectorForDesignated) {
    const relevant = collectsForRule(rule, org);
    if (relevant.length > 0) {
      const span = { from: Math.min(...relevant.map((c) => c.from)), until: Math.max(...relevant.map((c) => c.until)) };
      out.push({ basis: { kind: 'collector' }, window: intersect(own, span) });
    }
  }
  return out;
}

function collectsForRule(rule: CompiledRule, org: IndexedOrganisation): DatedId[] {
  return org.collectsFor.filter((c) => rule.allMunicipalities || rule.municipalityCodes.has(c.id));
}

function municipalityName(book: RuleBook, code: string): string {
  return book.municipalities.get(code)?.name ?? code;
}

function scopeOf(rule: CompiledRule, org: IndexedOrganisation, book: RuleBook): MunicipalityScope {
  if (rule.mustBeCollectedBySender) {
    return {
      scope: 'own',
      municipalities: collectsForRule(rule, org)
        .map((c) => ({ code: c.id, name: municipalityName(book, c.id), from: dayOf(c.from, DATE_MIN), until: dayOf(c.until, DATE_MAX) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    };
  }
  if (rule.allMunicipalities) return { scope: 'all' };
  return { scope: 'list', municipalities: [...rule.municipalityCodes].map((code) => ({ code, name: municipalityName(book, code) })).sort((a, b) => a.name.localeCompare(b.name, 'nl')) };
}

function socialStepsOf(rule: CompiledRule): Entitlement['socialSteps'] {
  const s = rule.social;
  const all: Array<[SocialStep, Citation | null]> = [
    ['personal_contact', s.personalContact],
    ['debt_assistance_referral', s.debtAssistanceReferral],
    ['written_reminder', s.writtenReminder],
    ['agreement_offered', s.agreementOffered],
  ];
  return all.filter((x): x is [SocialStep, Citation] => x[1] !== null).map(([step, citation]) => ({ step, citation }));
}

function dataCategoriesOf(book: RuleBook, rule: CompiledRule): DataCategory[] {
  return book.signalTypes().find((i) => i.ruleId === rule.id && i.regulationVersion === rule.versionKey)?.dataCategories ?? [];
}

function entitlementsOf(book: RuleBook, org: IndexedOrganisation, today: number, limit: Window): Entitlement[] {
  const out: Entitlement[] = [];
  for (const rules of book.rulesByType.values()) {
    for (const rule of rules) {
      for (const { basis, window } of basesOf(rule, org, book)) {
        const w = intersect(intersect({ from: rule.from, until: rule.until }, window), limit);
        if (w.from > w.until) continue;
        out.push({
          ruleId: rule.id,
          signalType: rule.signalType,
          label: rule.label,
          regulationId: rule.regulationId,
          regulationTitle: rule.regulationTitle,
          versionKey: rule.versionKey,
          from: dayOf(w.from, DATE_MIN),
          until: dayOf(w.until, DATE_MAX),
          timing: w.until < today ? 'past' : w.from > today ? 'future' : 'current',
          designation: rule.designation,
          transitional: rule.transitional,
          transitionalSignalsUntil: rule.transitional === null ? null : dayOf(rule.transitionalSignalsUntil, DATE_MAX),
          amountRequired: rule.amountRequired,
          maxAmount: rule.maxAmount,
          ddasPartner: rule.ddasPartner,
          basis,
          senderCitation: rule.senderCitation,
          municipalities: scopeOf(rule, org, book),
          municipalityCitation: rule.municipalityCitation,
          dataCategories: dataCategoriesOf(book, rule),
          dataCitation: rule.dataCitation,
          conditions: rule.conditions,
          socialSteps: socialStepsOf(rule),
          verify: verificationOf(book, rule),
        });
        break; // one ground is enough to be designated; the first found is the one shown
      }
    }
  }
  const order = { current: 0, future: 1, past: 2 } as const;
  return out.sort((a, b) => order[a.timing] - order[b.timing] || a.label.nl.localeCompare(b.label.nl, 'nl') || (a.from ?? '').localeCompare(b.from ?? ''));
}

/** What `organisationId` may send, as of `today` ('YYYY-MM-DD'), by the rule book. */
export function sendingRights(book: RuleBook, organisationId: string, today: string): SendingRights {
  const org = book.organisations.get(organisationId);
  if (org === undefined) return { organisation: undefined, own: [], onBehalfOf: [] };
  const day = dateKey(today);
  const everything: Window = { from: DATE_MIN, until: DATE_MAX };
  // A processor never signals for itself (evaluate: ON_BEHALF_OF_MISSING); only for its creditors.
  const processorOnly = org.kinds.size === 1 && org.kinds.has('processor');
  const onBehalfOf = org.mandates
    .map((m) => ({ m, creditor: book.organisations.get(m.id) }))
    .filter((x): x is { m: DatedId; creditor: IndexedOrganisation } => x.creditor !== undefined)
    .map(({ m, creditor }) => ({
      creditor: { id: creditor.id, name: creditor.name },
      from: dayOf(m.from, DATE_MIN),
      until: dayOf(m.until, DATE_MAX),
      entitlements: entitlementsOf(book, creditor, day, intersect({ from: m.from, until: m.until }, { from: org.from, until: org.until })),
    }))
    .sort((a, b) => a.creditor.name.localeCompare(b.creditor.name, 'nl'));
  return {
    organisation: { id: org.id, name: org.name, kinds: [...org.kinds] },
    own: processorOnly ? [] : entitlementsOf(book, org, day, everything),
    onBehalfOf,
  };
}

/**
 * The articles in an entitlement that a refusal code comes from: which rule of this designation
 * the row did not meet. Empty for input errors and codes no rule article governs.
 */
export function citationsForRefusal(e: Entitlement, code: string): Citation[] {
  const step = (s: SocialStep) => e.socialSteps.filter((x) => x.step === s).map((x) => x.citation);
  switch (code) {
    case 'SENDER_NOT_DESIGNATED':
    case 'SENDER_UNKNOWN':
    case 'SENDER_NOT_ACTIVE':
    case 'ON_BEHALF_OF_MISSING':
      return [e.senderCitation];
    case 'MUNICIPALITY_NOT_DESIGNATED':
    case 'MUNICIPALITY_NOT_SENDERS_OWN':
    case 'MUNICIPALITY_UNKNOWN':
    case 'MUNICIPALITY_ENDED':
    case 'MUNICIPALITY_ENDED_NO_SUCCESSOR':
    case 'MUNICIPALITY_NOT_YET_EXISTING':
      return [e.municipalityCitation];
    case 'AMOUNT_ZERO':
      return [e.designation];
    case 'AMOUNT_REQUIRED':
      return [e.dataCitation];
    case 'FIELD_NOT_ALLOWED':
      return [e.dataCitation];
    case 'SIGNAL_TYPE_NOT_IN_FORCE':
      return [e.designation];
    case 'REGULATION_LAPSED':
    case 'TRANSITIONAL_PERIOD_ENDED':
      return e.transitional ? [e.transitional] : [];
    case 'PERSONAL_CONTACT_MISSING':
    case 'PERSONAL_CONTACT_AFTER_SIGNAL_DATE':
      return step('personal_contact');
    case 'DEBT_ASSISTANCE_REFERRAL_MISSING':
    case 'DEBT_ASSISTANCE_REFERRAL_AFTER_SIGNAL_DATE':
      return step('debt_assistance_referral');
    case 'REMINDER_MISSING':
    case 'REMINDER_AFTER_SIGNAL_DATE':
      return step('written_reminder');
    case 'AGREEMENT_NOT_OFFERED':
    case 'RESIDENT_RESPONSE_MISSING':
    case 'RESIDENT_OBJECTED':
      return step('agreement_offered');
    case 'AMOUNT_MISSING':
      return e.conditions.filter((c) => c.kind === 'min_amount').map((c) => c.citation);
    case 'ARREAR_START_DATE_MISSING':
      return e.conditions.filter((c) => c.kind === 'min_arrear_age_months').map((c) => c.citation);
    case 'SUPPLY_END_DATE_MISSING':
      return e.conditions.filter((c) => c.kind === 'min_working_days_before').map((c) => c.citation);
    default:
      return e.conditions.filter((c) => c.code === code).map((c) => c.citation);
  }
}
