import type { DataCategory } from '../signals/signal.ts';

/**
 * One regulation version as written in rules/<regulation-id>/<valid_from>.yaml and checked by
 * rules/schema/regulation.schema.json. Keys are snake_case like the files.
 *
 * Dates are 'YYYY-MM-DD'; every `until` / `valid_until` is the LAST day (inclusive); null means
 * open-ended.
 */

/** A citation as written in a file. Missing regulation/title/url are taken from the version header. */
export interface CitationDoc {
  regulation?: string;
  title?: string;
  article: string;
  paragraph?: string;
  item?: string;
  url?: string;
  /** Where the value came from, when not the cited text itself. */
  source?: string;
  /** What still needs checking against the official text. */
  verify?: string;
}

export interface LocalizedDoc {
  nl: string;
  en: string;
}

export interface PublicationDoc {
  /** 'Stcrt. 2024, 10148', 'Stb. 2020, 240'. */
  identifier: string;
  date: string | null;
  signed?: string;
  number?: string;
  url: string;
  verify?: string;
}

export interface LegalBasisDoc {
  law: string;
  article: string;
  paragraph?: string;
  url: string;
  verify?: string;
}

/** Ways a sender can be designated; a rule lists one or more (any of them suffices). */
export type SenderDesignationDoc =
  | { organisation_kind: string }
  | { organisation: string }
  | { group: string }
  /** The official collecting municipal taxes for one of the rule's designated municipalities. */
  | { collector_for_designated_municipality: true };

export interface SendersDoc {
  any_of: SenderDesignationDoc[];
  citation: CitationDoc;
}

export interface MunicipalitiesDoc {
  /** All municipalities (standard signals), or the listed CBS codes. */
  all?: boolean;
  codes?: string[];
  /** The receiving municipality must be one whose taxes the sender collects ("that same municipality"). */
  must_be_collected_by_sender?: boolean;
  citation: CitationDoc;
}

export interface DataDoc {
  categories: DataCategory[];
  citation: CitationDoc;
}

interface ConditionBase {
  /** Refusal code; each kind has a default. */
  code?: string;
  /** Refusal message; placeholders {component}, {requires}, {kinds}, {amount}, {months}. Each kind has a default. */
  message?: LocalizedDoc;
  citation: CitationDoc;
}

/** `component` may only be part of the signal when `requires` is too (parking fine only with a tax arrear). */
export interface ComponentRequiresDoc extends ConditionBase {
  kind: 'component_requires';
  component: string;
  requires: string;
}

/** The breakdown may only name these kinds (e.g. only the mortgage of a dwelling). */
export interface ComponentsOnlyDoc extends ConditionBase {
  kind: 'components_only';
  kinds: string[];
}

/** The breakdown may not name these kinds (e.g. the mortgage of business premises). */
export interface ComponentsExcludeDoc extends ConditionBase {
  kind: 'components_exclude';
  kinds: string[];
}

/** The arrear must be at least `amount` euros. */
export interface MinAmountDoc extends ConditionBase {
  kind: 'min_amount';
  amount: number;
}

/** The oldest unpaid claim (arrearStartDate) must be at least `months` old on the signal date. */
export interface MinArrearAgeDoc extends ConditionBase {
  kind: 'min_arrear_age_months';
  months: number;
}

/**
 * Each named component of the breakdown must be at least `amount` euros (DUO ≥ € 270, tax ≥ € 600).
 * Without a breakdown the whole amount counts as one component of a listed kind.
 */
export interface MinComponentAmountDoc extends ConditionBase {
  kind: 'min_component_amount';
  components: string[];
  amount: number;
}

/** The sender must state something the platform cannot check (no deferral of payment granted, …). */
export interface AttestationRequiredDoc extends ConditionBase {
  kind: 'attestation_required';
  /** The code the sender puts in `attestations`. */
  attestation: string;
  /** What the code states, for senders and the rule explanation. */
  statement: LocalizedDoc;
}

/** The signal date must lie at least `days` working days (Algemene termijnenwet) before a date of the signal. */
export interface MinWorkingDaysBeforeDoc extends ConditionBase {
  kind: 'min_working_days_before';
  /** The signal field holding the later date. */
  date: 'supply_end_date';
  days: number;
}

export type ConditionDoc =
  | ComponentRequiresDoc
  | ComponentsOnlyDoc
  | ComponentsExcludeDoc
  | MinAmountDoc
  | MinArrearAgeDoc
  | MinComponentAmountDoc
  | AttestationRequiredDoc
  | MinWorkingDaysBeforeDoc;

/**
 * Checks of the values delivered that no article states but that catch mistakes (an amount in cents,
 * a signal without an amount): configurable per designation, each default with its justification.
 */
export interface PlausibilityDoc {
  /** The amount of the arrear must be given (the designation lists it among the data provided). */
  amount_required: boolean;
  /** Amounts above this many euros are refused as implausible for this signal. */
  max_amount: number;
  /** Why this maximum. */
  source: string;
}

/** The social-collection steps (TR art. 1.2 a–d and the same conditions of the Besluit); each listed one is required. */
export interface SocialCollectionDoc {
  personal_contact?: CitationDoc;
  debt_assistance_referral?: CitationDoc;
  written_reminder?: CitationDoc;
  agreement_offered?: CitationDoc;
}

export interface RuleDoc {
  /** Stable id, 'tr-2.2-mortgage'. The same id in a later version is the same designation, amended. */
  id: string;
  signal_type: string;
  label: LocalizedDoc;
  /** The designation of the signal: article, and (for art. 10 Wgs designations) its own period. */
  designation: { from?: string | null; until?: string | null; citation: CitationDoc };
  senders: SendersDoc;
  municipalities: MunicipalitiesDoc;
  data: DataDoc;
  conditions?: ConditionDoc[];
  /** Overrides the version's social_collection for this rule. */
  social_collection?: SocialCollectionDoc;
  /** Extra sources for the rule as a whole (e.g. the sectoral regulation behind a standard signal). */
  also_cites?: CitationDoc[];
  /** The DDAS signal-partner type (EnumSignaalpartner) this signal is reported as. */
  ddas_signal_partner: string;
  plausibility: PlausibilityDoc;
  verify?: string;
}

/** TR art. 3.1 lid 2: the text as it read on valid_until keeps applying to procedures running then. */
export interface TransitionalDoc {
  /** What proves a procedure was running on valid_until: the written reminder was sent by then. */
  running_procedure_evidence: 'written_reminder';
  /** The last signal date that can still belong to a procedure running on valid_until (the platform's stated reading). */
  signals_until: string;
  /** The reading, stated: which steps must predate the lapse and why the bound. */
  interpretation: LocalizedDoc;
  citation: CitationDoc;
  verify?: string;
}

/** A designation of an earlier version that this version no longer has ("Artikel 2.1 vervalt"). */
export interface RepealDoc {
  rule: string;
  signal_type: string;
  citation: CitationDoc;
}

export interface RegulationVersionDoc {
  schema_version: 1;
  id: string;
  title: string;
  /** 'algemene_maatregel_van_bestuur' | 'ministeriele_regeling'. */
  type: string;
  bwb_id?: string | null;
  publication: PublicationDoc;
  /** The publications this version's text results from (amendments). */
  amended_by?: PublicationDoc[];
  /** Dated URL of this version's text. Default URL of its citations. */
  url: string;
  valid_from: string;
  valid_until: string | null;
  /** A designation under art. 10 Wgs: at most five years. */
  temporary_designation: boolean;
  legal_basis: LegalBasisDoc[];
  entry_into_force: CitationDoc;
  transitional?: TransitionalDoc;
  /** Designations of the previous version this version repeals, from its valid_from on. */
  repeals?: RepealDoc[];
  social_collection?: SocialCollectionDoc;
  rules: RuleDoc[];
  notes?: string[];
  verify?: string;
}
