import { FIELD_CATEGORY, type DataCategory } from '../signals/signal.ts';
import {
  indexKinds,
  indexMunicipalities,
  indexOrganisations,
  type IndexedMunicipality,
  type IndexedOrganisation,
} from '../registers/register-index.ts';
import { EMPTY_REGISTERS, type OrganisationKind, type OrganisationProfile, type Registers } from '../registers/registers.ts';
import { designationPeriodErrors } from './designation-period.ts';
import { FIELD_KEYS, fieldBit } from './field-keys.ts';
import { DATE_MAX, DATE_MIN, requireDateKey } from './input-checks.ts';
import type { Citation, Judgement, LocalizedText } from './judgement.ts';
import { CONDITION_DEFAULTS } from './refusal-messages.ts';
import type { CitationDoc, ConditionDoc, RegulationVersionDoc, RuleDoc, SocialCollectionDoc } from './regulation.ts';
import { isSignalPartnerType as isDdasPartner, type SignalPartnerType } from '../ddas/vocabulary.ts';

/**
 * The rule book: regulation versions and registers compiled once into maps and frozen result
 * objects, so that evaluate() does lookups and integer comparisons only.
 */

export class RuleBookError extends Error {
  override name = 'RuleBookError';
}


export type CompiledCondition =
  | { kind: 'component_requires'; component: string; requires: string; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'components_only'; kinds: ReadonlySet<string>; kindList: string; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'components_exclude'; kinds: ReadonlySet<string>; kindList: string; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'min_amount'; amount: number; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'min_arrear_age_months'; months: number; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'min_component_amount'; components: ReadonlySet<string>; componentList: string; amount: number; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'attestation_required'; attestation: string; statement: LocalizedText; code: string; message: LocalizedText; citation: Citation }
  | { kind: 'min_working_days_before'; date: 'supply_end_date'; days: number; code: string; message: LocalizedText; citation: Citation };

/** A designation repealed by a later version ("Artikel 2.1 vervalt"): refused from `from` on, citing the repeal. */
export interface CompiledRepeal {
  readonly ruleId: string;
  readonly signalType: string;
  /** First day without the designation (the repealing version's valid_from). */
  readonly from: number;
  readonly versionKey: string;
  readonly citation: Citation;
}

export interface CompiledSocialCollection {
  personalContact: Citation | null;
  debtAssistanceReferral: Citation | null;
  writtenReminder: Citation | null;
  agreementOffered: Citation | null;
}

export interface CompiledRule {
  readonly id: string;
  readonly signalType: string;
  readonly label: LocalizedText;
  readonly regulationId: string;
  readonly regulationTitle: string;
  /** '<regulation>/<valid_from>'. */
  readonly versionKey: string;
  readonly versionFrom: number;
  readonly versionUntil: number;
  /** The days on which this rule applies directly: version window ∩ designation period. */
  readonly from: number;
  readonly until: number;
  readonly entryIntoForce: Citation;
  readonly transitional: Citation | null;
  /** The last signal date that can still belong to a procedure running when the version lapsed (DATE_MAX: none). */
  readonly transitionalSignalsUntil: number;
  readonly designation: Citation;
  readonly senderKinds: readonly string[];
  readonly senderOrganisations: ReadonlySet<string>;
  readonly senderGroups: readonly string[];
  readonly senderCollectorForDesignated: boolean;
  readonly senderCitation: Citation;
  readonly allMunicipalities: boolean;
  readonly municipalityCodes: ReadonlySet<string>;
  readonly mustBeCollectedBySender: boolean;
  readonly municipalityCitation: Citation;
  /** The personal-data fields (FIELD_KEYS) this rule does not allow: a present one is refused. */
  readonly forbiddenFields: readonly string[];
  /** The same as bits (fieldBit). */
  readonly forbiddenMask: number;
  readonly dataCitation: Citation;
  readonly conditions: readonly CompiledCondition[];
  readonly social: CompiledSocialCollection;
  /** DDAS EnumSignaalpartner of the signal. */
  readonly ddasPartner: string;
  /** The amount of the arrear must be given. */
  readonly amountRequired: boolean;
  /** Above this many euros an amount is refused as implausible. */
  readonly maxAmount: number;
  /** Frozen results reused for every accepted signal (no allocation on the accept path). */
  readonly accepted: Judgement;
  readonly acceptedTransitional: Judgement;
}

export interface SignalTypeInfo {
  signalType: string;
  ruleId: string;
  label: LocalizedText;
  regulationVersion: string;
  from: string;
  until: string | null;
  dataCategories: DataCategory[];
  senders: string;
  municipalities: string[] | 'all';
  ddasPartner: string;
}

export interface RuleBook {
  readonly versions: readonly RegulationVersionDoc[];
  readonly registers: Registers;
  /** Organisations added at runtime (e.g. landlords onboarded in the database). */
  readonly extraOrganisations: readonly OrganisationProfile[];
  readonly rulesByType: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly organisations: ReadonlyMap<string, IndexedOrganisation>;
  readonly municipalities: ReadonlyMap<string, IndexedMunicipality>;
  readonly organisationKinds: ReadonlyMap<string, OrganisationKind>;
  /** Repealed designations per signal type. */
  readonly repealsByType: ReadonlyMap<string, readonly CompiledRepeal[]>;
  /** Citations for refusals no designation's own article covers (registers/legal-grounds.yaml). */
  readonly legalGrounds: ReadonlyMap<string, Citation>;
  /** The DDAS signal-partner type of a signal type ('Overige' for a type no rule knows). */
  ddasPartnerOf(signalType: string): SignalPartnerType;
  /** A book with the same rules and registers plus `extra` organisations (replacing earlier extras). */
  withOrganisations(extra: readonly OrganisationProfile[]): RuleBook;
  /** What may be sent: one entry per rule, for "Wat mag ik sturen?" and the docs. */
  signalTypes(): SignalTypeInfo[];
}

export interface RuleBookInput {
  regulations: readonly RegulationVersionDoc[];
  registers?: Registers;
}

function resolveCitation(doc: CitationDoc, v: RegulationVersionDoc): Citation {
  return Object.freeze({
    regulation: doc.regulation ?? v.id,
    title: doc.title ?? v.title,
    article: doc.article,
    ...(doc.paragraph === undefined ? {} : { paragraph: doc.paragraph }),
    ...(doc.item === undefined ? {} : { item: doc.item }),
    url: doc.url ?? v.url,
  });
}

function citationKey(c: Citation): string {
  return `${c.regulation}|${c.article}|${c.paragraph ?? ''}|${c.item ?? ''}`;
}

function dedupe(list: readonly Citation[]): readonly Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of list) {
    const k = citationKey(c);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return Object.freeze(out);
}

function compileCondition(doc: ConditionDoc, v: RegulationVersionDoc): CompiledCondition {
  const defaults = CONDITION_DEFAULTS[doc.kind];
  if (defaults === undefined) throw new RuleBookError(`${v.id}: unknown condition kind '${(doc as { kind: string }).kind}'`);
  const code = doc.code ?? defaults.code;
  const message = doc.message ?? defaults.message;
  const citation = resolveCitation(doc.citation, v);
  switch (doc.kind) {
    case 'component_requires':
      return { kind: doc.kind, component: doc.component, requires: doc.requires, code, message, citation };
    case 'components_only':
      return { kind: doc.kind, kinds: new Set(doc.kinds), kindList: doc.kinds.join(', '), code, message, citation };
    case 'components_exclude':
      return { kind: doc.kind, kinds: new Set(doc.kinds), kindList: doc.kinds.join(', '), code, message, citation };
    case 'min_amount':
      return { kind: doc.kind, amount: doc.amount, code, message, citation };
    case 'min_arrear_age_months':
      return { kind: doc.kind, months: doc.months, code, message, citation };
    case 'min_component_amount':
      return { kind: doc.kind, components: new Set(doc.components), componentList: doc.components.join(', '), amount: doc.amount, code, message, citation };
    case 'attestation_required':
      return { kind: doc.kind, attestation: doc.attestation, statement: Object.freeze({ ...doc.statement }), code, message, citation };
    case 'min_working_days_before':
      return { kind: doc.kind, date: doc.date, days: doc.days, code, message, citation };
  }
}

function compileSocial(doc: SocialCollectionDoc | undefined, v: RegulationVersionDoc): CompiledSocialCollection {
  const c = (d: CitationDoc | undefined): Citation | null => (d === undefined ? null : resolveCitation(d, v));
  return Object.freeze({
    personalContact: c(doc?.personal_contact),
    debtAssistanceReferral: c(doc?.debt_assistance_referral),
    writtenReminder: c(doc?.written_reminder),
    agreementOffered: c(doc?.agreement_offered),
  });
}

interface RegisterView {
  kinds: ReadonlyMap<string, OrganisationKind>;
  organisations: ReadonlyMap<string, IndexedOrganisation>;
  municipalities: ReadonlyMap<string, IndexedMunicipality>;
  groups: ReadonlySet<string>;
}

function checkReferences(r: RuleDoc, where: string, reg: RegisterView): void {
  for (const s of r.senders.any_of) {
    if ('organisation_kind' in s && !reg.kinds.has(s.organisation_kind)) {
      throw new RuleBookError(`${where}: sender kind '${s.organisation_kind}' is not in the organisation-kinds register`);
    }
    if ('organisation' in s && !reg.organisations.has(s.organisation)) {
      throw new RuleBookError(`${where}: sender organisation '${s.organisation}' is not in the organisations register`);
    }
    if ('group' in s && !reg.groups.has(s.group)) throw new RuleBookError(`${where}: sender group '${s.group}' is not in the groups register`);
  }
  for (const code of r.municipalities.codes ?? []) {
    if (!reg.municipalities.has(code)) throw new RuleBookError(`${where}: municipality ${code} is not in the municipality register`);
  }
  if (r.municipalities.all === true && r.municipalities.codes !== undefined) {
    throw new RuleBookError(`${where}: municipalities has both 'all' and 'codes'`);
  }
}

function compileRule(r: RuleDoc, v: RegulationVersionDoc, reg: RegisterView): CompiledRule {
  const where = `${v.id}/${v.valid_from} rule ${r.id}`;
  checkReferences(r, where, reg);
  const versionFrom = requireDateKey(v.valid_from, DATE_MIN, `${where} valid_from`);
  const versionUntil = requireDateKey(v.valid_until, DATE_MAX, `${where} valid_until`);
  const dFrom = requireDateKey(r.designation.from ?? null, DATE_MIN, `${where} designation.from`);
  const dUntil = requireDateKey(r.designation.until ?? null, DATE_MAX, `${where} designation.until`);
  const designation = resolveCitation(r.designation.citation, v);
  const senderCitation = resolveCitation(r.senders.citation, v);
  const municipalityCitation = resolveCitation(r.municipalities.citation, v);
  const dataCitation = resolveCitation(r.data.citation, v);
  const conditions = Object.freeze((r.conditions ?? []).map((c) => Object.freeze(compileCondition(c, v))));
  const social = compileSocial(r.social_collection ?? v.social_collection, v);
  const transitional = v.transitional === undefined ? null : resolveCitation(v.transitional.citation, v);
  if (transitional !== null && v.valid_until === null) throw new RuleBookError(`${where}: a transitional rule needs a valid_until`);
  const transitionalSignalsUntil = v.transitional === undefined ? DATE_MAX : requireDateKey(v.transitional.signals_until, DATE_MAX, `${where} transitional.signals_until`);
  if (transitionalSignalsUntil < versionUntil) throw new RuleBookError(`${where}: transitional.signals_until is before valid_until`);
  if (!isDdasPartner(r.ddas_signal_partner)) throw new RuleBookError(`${where}: '${r.ddas_signal_partner}' is not a DDAS signal-partner type`);
  const allowedCategories = new Set<string>(r.data.categories);
  const forbiddenFields = Object.freeze(FIELD_KEYS.filter((k) => !allowedCategories.has(FIELD_CATEGORY[k]!)));
  const socialCitations = [social.personalContact, social.debtAssistanceReferral, social.writtenReminder, social.agreementOffered].filter(
    (c): c is Citation => c !== null,
  );
  const applied = dedupe([
    designation,
    senderCitation,
    municipalityCitation,
    dataCitation,
    ...conditions.map((c) => c.citation),
    ...socialCitations,
    ...(r.also_cites ?? []).map((c) => resolveCitation(c, v)),
  ]);
  const versionKey = `${v.id}/${v.valid_from}`;
  const accepted: Judgement = Object.freeze({ decision: 'accepted', regulationVersion: versionKey, ruleId: r.id, applied, refusals: Object.freeze([]) });
  const acceptedTransitional: Judgement =
    transitional === null ? accepted : Object.freeze({ ...accepted, applied: dedupe([...applied, transitional]) });
  return Object.freeze({
    id: r.id,
    signalType: r.signal_type,
    label: Object.freeze({ ...r.label }),
    regulationId: v.id,
    regulationTitle: v.title,
    versionKey,
    versionFrom,
    versionUntil,
    from: Math.max(versionFrom, dFrom),
    until: Math.min(versionUntil, dUntil),
    entryIntoForce: resolveCitation(v.entry_into_force, v),
    transitional,
    transitionalSignalsUntil,
    designation,
    senderKinds: Object.freeze(r.senders.any_of.flatMap((s) => ('organisation_kind' in s ? [s.organisation_kind] : []))),
    senderOrganisations: new Set(r.senders.any_of.flatMap((s) => ('organisation' in s ? [s.organisation] : []))),
    senderGroups: Object.freeze(r.senders.any_of.flatMap((s) => ('group' in s ? [s.group] : []))),
    senderCollectorForDesignated: r.senders.any_of.some((s) => 'collector_for_designated_municipality' in s),
    senderCitation,
    allMunicipalities: r.municipalities.all === true,
    municipalityCodes: new Set(r.municipalities.codes ?? []),
    mustBeCollectedBySender: r.municipalities.must_be_collected_by_sender === true,
    municipalityCitation,
    forbiddenFields,
    forbiddenMask: forbiddenFields.reduce((m, k) => m | fieldBit(k), 0),
    dataCitation,
    conditions,
    social,
    ddasPartner: r.ddas_signal_partner,
    amountRequired: r.plausibility.amount_required,
    maxAmount: r.plausibility.max_amount,
    accepted,
    acceptedTransitional,
  });
}

function checkVersionsDoNotOverlap(versions: readonly RegulationVersionDoc[]): void {
  const byId = new Map<string, RegulationVersionDoc[]>();
  for (const v of versions) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
  for (const [id, list] of byId) {
    const sorted = [...list].sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (prev.valid_from === cur.valid_from) throw new RuleBookError(`${id}: two versions start on ${cur.valid_from}`);
      if (prev.valid_until === null || prev.valid_until >= cur.valid_from) {
        throw new RuleBookError(`${id}: version ${prev.valid_from} (until ${String(prev.valid_until)}) overlaps version ${cur.valid_from}`);
      }
    }
  }
}

interface CompiledRules {
  rulesByType: Map<string, CompiledRule[]>;
  repealsByType: Map<string, CompiledRepeal[]>;
}

function compileRepeals(versions: readonly RegulationVersionDoc[], rulesByType: ReadonlyMap<string, CompiledRule[]>): Map<string, CompiledRepeal[]> {
  const out = new Map<string, CompiledRepeal[]>();
  for (const v of versions) {
    for (const doc of v.repeals ?? []) {
      const where = `${v.id}/${v.valid_from} repeal of ${doc.rule}`;
      const from = requireDateKey(v.valid_from, DATE_MIN, where);
      const earlier = (rulesByType.get(doc.signal_type) ?? []).filter((r) => r.id === doc.rule && r.regulationId === v.id && r.versionFrom < from);
      if (earlier.length === 0) throw new RuleBookError(`${where}: no earlier version of ${v.id} designates ${doc.rule} (${doc.signal_type})`);
      if (v.rules.some((r) => r.id === doc.rule)) throw new RuleBookError(`${where}: the version that repeals ${doc.rule} still designates it`);
      const repeal: CompiledRepeal = Object.freeze({ ruleId: doc.rule, signalType: doc.signal_type, from, versionKey: `${v.id}/${v.valid_from}`, citation: resolveCitation(doc.citation, v) });
      out.set(doc.signal_type, [...(out.get(doc.signal_type) ?? []), repeal]);
    }
  }
  return out;
}

/** One signal type is one DDAS partner type in every version, or reports would split it. */
function checkDdasPartners(rulesByType: ReadonlyMap<string, readonly CompiledRule[]>): void {
  for (const [type, list] of rulesByType) {
    const partners = new Set(list.map((r) => r.ddasPartner));
    if (partners.size > 1) throw new RuleBookError(`signal type ${type} is mapped to more than one DDAS signal-partner type: ${[...partners].join(', ')}`);
  }
}

function compileRules(versions: readonly RegulationVersionDoc[], reg: RegisterView): CompiledRules {
  const periodErrors = designationPeriodErrors(versions);
  if (periodErrors.length > 0) throw new RuleBookError(periodErrors.join('\n'));
  checkVersionsDoNotOverlap(versions);
  const rulesByType = new Map<string, CompiledRule[]>();
  for (const v of versions) {
    const ids = new Set<string>();
    const types = new Set<string>();
    for (const r of v.rules) {
      if (ids.has(r.id)) throw new RuleBookError(`${v.id}/${v.valid_from}: rule id ${r.id} is used twice`);
      if (types.has(r.signal_type)) throw new RuleBookError(`${v.id}/${v.valid_from}: signal type ${r.signal_type} is designated twice`);
      ids.add(r.id);
      types.add(r.signal_type);
      const compiled = compileRule(r, v, reg);
      rulesByType.set(r.signal_type, [...(rulesByType.get(r.signal_type) ?? []), compiled]);
    }
  }
  for (const list of rulesByType.values()) list.sort((a, b) => a.from - b.from);
  checkDdasPartners(rulesByType);
  return { rulesByType, repealsByType: compileRepeals(versions, rulesByType) };
}

function keyString(key: number): string | null {
  if (key >= DATE_MAX) return null;
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function describe(rule: CompiledRule, versions: readonly RegulationVersionDoc[]): SignalTypeInfo {
  const v = versions.find((x) => `${x.id}/${x.valid_from}` === rule.versionKey);
  const r = v?.rules.find((x) => x.id === rule.id);
  const senders = (r?.senders.any_of ?? [])
    .map((s) =>
      'organisation_kind' in s ? `kind:${s.organisation_kind}` : 'organisation' in s ? s.organisation : 'group' in s ? `group:${s.group}` : 'collector-of-designated-municipality',
    )
    .join(', ');
  return {
    signalType: rule.signalType,
    ruleId: rule.id,
    label: rule.label,
    regulationVersion: rule.versionKey,
    from: keyString(rule.from) ?? '',
    until: keyString(rule.until),
    dataCategories: [...(r?.data.categories ?? [])],
    senders,
    municipalities: rule.allMunicipalities ? 'all' : [...rule.municipalityCodes],
    ddasPartner: rule.ddasPartner,
  };
}

function indexLegalGrounds(registers: Registers): Map<string, Citation> {
  const out = new Map<string, Citation>();
  for (const g of registers.legalGrounds) {
    if (out.has(g.id)) throw new RuleBookError(`legal ground ${g.id} is listed twice`);
    out.set(
      g.id,
      Object.freeze({
        regulation: g.regulation,
        title: g.title,
        article: g.article,
        ...(g.paragraph === undefined ? {} : { paragraph: g.paragraph }),
        ...(g.item === undefined ? {} : { item: g.item }),
        url: g.url,
      }),
    );
  }
  return out;
}

function makeBook(
  versions: readonly RegulationVersionDoc[],
  registers: Registers,
  compiled: CompiledRules,
  base: Omit<RegisterView, 'organisations'>,
  extra: readonly OrganisationProfile[],
  legalGrounds: ReadonlyMap<string, Citation>,
): RuleBook {
  const organisations = indexOrganisations(registers.organisations, registers.groups, base.kinds, base.municipalities, extra);
  const partners = new Map<string, SignalPartnerType>();
  for (const [type, list] of compiled.rulesByType) partners.set(type, list[0]!.ddasPartner as SignalPartnerType);
  const book: RuleBook = {
    versions,
    registers,
    extraOrganisations: Object.freeze([...extra]),
    rulesByType: compiled.rulesByType,
    organisations,
    municipalities: base.municipalities,
    organisationKinds: base.kinds,
    repealsByType: compiled.repealsByType,
    legalGrounds,
    ddasPartnerOf: (type) => partners.get(type) ?? 'Overige',
    withOrganisations: (more) => makeBook(versions, registers, compiled, base, more, legalGrounds),
    signalTypes: () => [...compiled.rulesByType.values()].flat().map((r) => describe(r, versions)),
  };
  return Object.freeze(book);
}

/** Compiles regulation versions and registers into a rule book; throws RuleBookError on inconsistent data. */
export function buildRuleBook(input: RuleBookInput): RuleBook {
  const registers = input.registers ?? EMPTY_REGISTERS;
  const kinds = indexKinds(registers.organisationKinds);
  const municipalities = indexMunicipalities(registers.municipalities);
  const organisations = indexOrganisations(registers.organisations, registers.groups, kinds, municipalities);
  const groups = new Set(registers.groups.map((g) => g.id));
  const compiled = compileRules(input.regulations, { kinds, organisations, municipalities, groups });
  return makeBook(Object.freeze([...input.regulations]), registers, compiled, { kinds, municipalities, groups }, [], indexLegalGrounds(registers));
}
