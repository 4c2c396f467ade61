import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus } from '../domain/cases/case-status.ts';

/** Kysely table types. Keep in step with src/db/migrations/*.sql (test/schema-matches-migrations.test.ts checks). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: 'creditor' | 'processor' | 'municipality' | 'ministry' | 'operator';
  register_id: string | null;
  municipality_code: string | null;
  creditor_kinds: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
  kvk_number: string | null;
  /** 021: every password login of the organisation needs a second factor. */
  mfa_required: Generated<boolean>;
}

export interface UsersTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  locale: Generated<string>;
  disabled_at: Date | null;
  created_at: Generated<Date>;
  /** 021: the TOTP seed, sealed (purpose totp-seed:<user id>), and the last time step accepted. */
  totp_seed_sealed: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  /** 025: whether the daily digest comes by e-mail too (it is always on the start page). */
  digest_email: Generated<boolean>;
}

export interface ApiKeysTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  key_prefix: string;
  secret_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  /** 006: the key that replaced this one in a rotation. */
  replaced_by: Generated<string | null>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  identity_issuer: string | null;
  id_token_sealed: string | null;
  assurance_level: string | null;
  /** 021: the session list's id, how it was opened (LoginMethod), its browser and last use. */
  id: Generated<string>;
  via: Generated<string>;
  user_agent: string | null;
  last_seen_at: Generated<Date>;
}

/** 021: a password-verified login waiting for its second factor (not a session). */
export interface PendingLoginsTable {
  token_hash: string;
  user_id: string;
  step: 'code' | 'enrol';
  account_hash: string;
  csrf_token: string;
  user_agent: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** 021: single-use recovery codes, keyed-hashed. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface LoginThrottleTable {
  account_hash: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface ResidentObjectionsTable {
  id: Generated<string>;
  municipality_code: string;
  subject_pseudonym: string;
  surname_key: string | null;
  registered_at: Generated<Date>;
  registered_by: string;
  /** 029: the reason recorded with the objection, and the registration its rows belong to. */
  reason: string | null;
  objection_id: string | null;
}

export interface ResidentRemindersTable {
  id: Generated<string>;
  sender_org_id: string;
  reference: string;
  code_hash: string;
  postcode: string;
  house_number: string | null;
  expires_at: Timestamp;
  issued_at: Generated<Date>;
  choice: 'objected' | 'consented' | 'help' | null;
  chosen_at: Timestamp | null;
  chosen_via: 'code' | 'digid' | null;
  signal_id: string | null;
  signal_received_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  xid: Generated<string>;
  occurred_at: Generated<Date>;
  trace_id: string;
  span_id: string;
  activity: string;
  actor_type: 'user' | 'api_key' | 'job' | 'system';
  actor_id: string;
  organisation_id: string | null;
  object_type: string | null;
  object_ids: string[];
  subject_pseudonyms: string[];
  outcome: 'success' | 'refused' | 'error';
  detail: unknown | null;
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
  /** 1: plain SHA-256 link (before keyed links); 2: HMAC-SHA-256 with the audit MAC key. */
  chain_version: number | null;
}

export interface BatchesTable {
  id: Generated<string>;
  organisation_id: string;
  filename: string | null;
  format: 'csv' | 'jsonl' | 'json';
  status: 'receiving' | 'completed' | 'failed';
  bytes_received: Generated<string>;
  bytes_expected: string | null;
  rows_total: Generated<number>;
  rows_accepted: Generated<number>;
  rows_refused: Generated<number>;
  rows_duplicate: Generated<number>;
  error: unknown | null;
  /** How the file was read: separator, byte order mark, encoding, notation (010). */
  file_format: unknown | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: Timestamp | null;
}

export interface SignalsTable {
  id: Generated<string>;
  sender_org_id: string;
  reference: string;
  content_hash: string;
  batch_id: string | null;
  row_no: number | null;
  signal_type: string;
  signal_date: DateCol;
  municipality_code: string;
  on_behalf_of: string | null;
  creditor_org_id: string;
  amount_cents: string | null;
  components: unknown | null;
  arrear_start_date: DateCol | null;
  supply_end_date: DateCol | null;
  bsn: string | null;
  bsn_pseudonym: string | null;
  subject_pseudonym: string;
  initials: string | null;
  given_name: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  house_number: string | null;
  house_number_addition: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  customer_number: string | null;
  crisis: boolean;
  attestations: string[] | null;
  personal_contact_attempted_on: DateCol | null;
  debt_assistance_referred_on: DateCol | null;
  reminder_sent_on: DateCol | null;
  agreement_offered_in_reminder: boolean | null;
  resident_response: string | null;
  regulation_version: string;
  rule_id: string;
  received_at: Generated<Date>;
  address_key: string;
  surname_key: string | null;
  routed_from: string | null;
  // 014_address_table
  routing: Generated<string>;
}

/** 030: one row per stored signal; keeps (sender, reference) unique across the month partitions of signals. */
export interface SignalReferencesTable {
  sender_org_id: string;
  reference: string;
  signal_id: string;
}

/** 009: what happened to a signal after intake (matching, DDAS status), with copies of the keys it is found by. */
export interface SignalStatesTable {
  signal_id: string;
  municipality_code: string;
  address_key: string;
  signal_date: DateCol;
  signal_type: string;
  creditor_org_id: string;
  amount_cents: string | null;
  crisis: boolean;
  surname_key: string | null;
  bsn_pseudonym: string | null;
  status: Generated<string>;
  case_id: string | null;
  repeat_of: string | null;
  matched_at: Timestamp | null;
}

/** 009: signal ids intake committed that matching has not taken in yet. */
export interface MatchQueueTable {
  id: Generated<string>;
  first_signal_id: string;
  last_signal_id: string;
  queued_at: Generated<Date>;
}

export interface MunicipalitySettingsTable {
  municipality_code: string;
  /** 016_matching_period: weekly added. */
  matching_mode: Generated<'continuous' | 'weekly' | 'monthly'>;
  standard_lookback_months: Generated<number>;
  consecutive_months: Generated<number>;
  repeat_months: Generated<number>;
  contact_target_days: number | null;
  /** 004_worklist: warn this many days before a case is due. */
  due_soon_days: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CasesTable {
  id: Generated<string>;
  municipality_code: string;
  address_key: string;
  bsn_pseudonym: string | null;
  surname_key: string | null;
  status: CaseStatus;
  opened_at: Generated<Date>;
  first_signal_date: DateCol;
  last_signal_date: DateCol;
  matching_date: DateCol;
  matching_period_start: DateCol;
  matching_period_end: DateCol;
  signal_count: number;
  signal_types: string[];
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  known_via_standard_signals: boolean;
  has_experimental_signal: boolean;
  deadline: DateCol;
  picked_up_on: DateCol | null;
  result: string | null;
  closed_at: Timestamp | null;
  assigned_to: string | null;
  experiment_arm: string | null;
  // 004_worklist: the worklist's classification of the case
  queue_id: string | null;
  queue_rule_id: string | null;
  amount_cents: string | null;
  district: string | null;
  // 014_address_table: CBS codes of the address ('WK036300', 'BU03630000')
  district_code: string | null;
  neighbourhood_code: string | null;
  age_group: string | null;
  due_date: DateCol | null;
  classified_stamp: number | null;
}

export interface DeletionLogTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  municipality_code: string | null;
  kind: string;
  reason: string;
  signals: number;
  cases: number;
  actor_id: string;
  /** 006: batch result rows deleted, and case records per table (counts only). */
  batch_rows: Generated<number>;
  case_records: ColumnType<unknown, string | null | undefined, string | null> | null;
}

/** 006: a municipality's own retention terms (months). */
export interface RetentionSettingsTable {
  municipality_code: string;
  unpicked_signal_months: number;
  picked_up_signal_months: number;
  case_months_after_closing: number;
  updated_at: Timestamp;
  updated_by: string;
}

/** 006: one row per run of a queued or scheduled job. */
export interface JobRunsTable {
  id: Generated<string>;
  job_id: string;
  queue: string;
  process: string;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  outcome: 'success' | 'error' | null;
  detail: ColumnType<unknown, string | null | undefined, string | null> | null;
}

export interface BatchRowsTable {
  batch_id: string;
  row_no: number;
  reference: string | null;
  outcome: 'refused' | 'duplicate' | 'conflict';
  signal_id: string | null;
  refusals: unknown | null;
  /** 007: what a refused row is counted by in the evaluation (as the sender wrote it). */
  municipality_code: string | null;
  signal_type: string | null;
  signal_date: DateCol | null;
}

export interface EvaluationParametersTable {
  experiment_id: string;
  parameters: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
  updated_by: string;
}

export interface AccessTokensTable {
  token_hash: string;
  api_key_id: string;
  organisation_id: string;
  scopes: string[];
  issued_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ExperimentsTable {
  id: string;
  name_nl: string;
  name_en: string;
  summary: Generated<string>;
  signal_type: string | null;
  rule_ids: ColumnType<string[], string[] | undefined, string[]>;
  research_questions: ColumnType<unknown, string | undefined, string>;
  target_group: Generated<string>;
  stage: Generated<string>;
  stop_reason: string | null;
  approved_with_changes: Generated<boolean>;
  plan_80_on: DateCol | null;
  planned_start: DateCol | null;
  planned_end: DateCol | null;
  started_on: DateCol | null;
  ended_on: DateCol | null;
  ap_advice_on: DateCol | null;
  published_on: DateCol | null;
  publication_url: string | null;
  assignment_method: Generated<'none' | 'random' | 'stratified' | 'by_municipality'>;
  assignment_seed: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ExperimentParticipantsTable {
  id: Generated<string>;
  experiment_id: string;
  organisation_id: string | null;
  name: string;
  role: 'municipality' | 'creditor' | 'processor' | 'other';
  municipality_code: string | null;
  contacts: ColumnType<unknown, string | undefined, string>;
}

export interface ExperimentGroundRulesTable {
  experiment_id: string;
  code: string;
  met: boolean;
  note: Generated<string>;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
}

export interface ExperimentPreselectionRulesTable {
  id: Generated<string>;
  experiment_id: string;
  kind: 'min_amount' | 'min_arrear_age_months' | 'declared';
  amount: string | number | null;
  months: number | null;
  mode: 'enforce' | 'flag' | 'declared';
  selected_by: string | null;
  description: Generated<string>;
}

export interface ExperimentCapacityTable {
  experiment_id: string;
  municipality_code: string;
  capacity_per_month: number;
  expected_per_month: number | null;
  note: Generated<string>;
}

export interface ExperimentArmsTable {
  experiment_id: string;
  code: string;
  name_nl: string;
  name_en: string;
  description: Generated<string>;
  combine_with_other_signals: boolean;
  without_prior_consent: boolean | null;
  weight: number;
  municipalities: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ExperimentAssignmentsTable {
  experiment_id: string;
  household_ref: string;
  municipality_code: string;
  arm_code: string;
  method: string;
  seed: string;
  ordinal: number;
  case_id: string | null;
  assigned_at: Generated<Date>;
}

export interface ExperimentSignalFlagsTable {
  experiment_id: string;
  signal_id: string;
  codes: string[];
  recorded_at: Generated<Date>;
}

export interface ExperimentHistoryTable {
  id: Generated<string>;
  experiment_id: string;
  occurred_at: Generated<Date>;
  actor_type: string;
  actor_id: string;
  actor_label: string;
  organisation_id: string | null;
  kind: string;
  from_stage: string | null;
  to_stage: string | null;
  reason: string;
  changes: ColumnType<unknown, string | null | undefined, string | null> | null;
}

/** 004_worklist */
export interface WorklistQueuesTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  approach: 'letter' | 'phone' | 'home_visit';
  position: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WorklistRulesTable {
  id: Generated<string>;
  municipality_code: string;
  position: number;
  queue_id: string;
  conditions: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MunicipalityDistrictsTable {
  municipality_code: string;
  name: string;
  pc4_from: number;
  pc4_to: number;
}

export interface ContactAttemptsTable {
  id: Generated<string>;
  case_id: string;
  municipality_code: string;
  contact_type: string;
  reached: boolean;
  attempted_on: DateCol;
  part_of_day: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseNotesTable {
  id: Generated<string>;
  case_id: string;
  municipality_code: string;
  body: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  municipality_code: string;
  kind: string;
  detail: unknown | null;
  actor_type: string;
  actor_id: string;
  actor_label: string;
  occurred_at: Generated<Date>;
}

// 014_address_table
export interface AddressTableVersionsTable {
  id: Generated<number>;
  valid_from: DateCol;
  source_name: string;
  source_sha256: string;
  reference_year: number;
  status: Generated<'loading' | 'complete'>;
  lines_done: Generated<string>;
  bytes_done: Generated<string>;
  rows_stored: Generated<string>;
  rows_refused: Generated<string>;
  refusals: Generated<unknown>;
  changes: unknown | null;
  started_at: Generated<Date>;
  completed_at: Timestamp | null;
}

export interface AddressTableRowsTable {
  version_id: number;
  postcode: string;
  house_number: number;
  neighbourhood: number;
  district: number;
  municipality: number;
}

export interface AddressTablePostcodesTable {
  version_id: number;
  postcode: string;
  municipality: number | null;
}

// 017_case_brp_checks
export interface CaseBrpChecksTable {
  case_id: string;
  municipality_code: string;
  status: Generated<'pending' | 'checked' | 'brp_unavailable'>;
  attempts: Generated<number>;
  next_try_at: Generated<Date>;
  last_error: string | null;
  checked_at: Date | null;
  peildatum: DateCol | null;
  outcome: string | null;
  moved_to: string | null;
  resident_count: number | null;
  minors_present: boolean | null;
  created_at: Generated<Date>;
}

// 018_data_steps
export interface DataStepsTable {
  name: string;
  done_at: Generated<Date>;
  detail: unknown | null;
}

export interface IdentityProvidersTable {
  id: Generated<string>;
  organisation_id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_auth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  client_credential_sealed: string;
  scopes: Generated<string>;
  role_claim: Generated<string>;
  role_map: ColumnType<Record<string, string>, string | undefined, string>;
  allowed_email_domains: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Generated<boolean>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

// 024_outreach
export interface OutreachTemplatesTable {
  municipality_code: string;
  channel: 'letter' | 'email' | 'sms';
  language: 'nl' | 'en';
  subject: Generated<string>;
  body: string;
  contact_person: Generated<string>;
  contact_phone: Generated<string>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface OutreachMessagesTable {
  id: Generated<string>;
  case_id: string;
  municipality_code: string;
  channel: 'letter' | 'email' | 'sms';
  language: 'nl' | 'en';
  contact_attempt_id: string | null;
  sent_at: Generated<Date>;
  sent_by: string | null;
}

export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
  last_login_at: Generated<Date>;
}

/** 020: single-use, expiring links sent by e-mail (password reset, invitation); only the token's hash. */
export interface EmailTokensTable {
  token_hash: string;
  purpose: 'reset' | 'invitation';
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** 022: an organisation's own look (src/domain/branding); no row: the neutral theme. */
export interface OrganisationThemesTable {
  organisation_id: string;
  display_name: string | null;
  primary_color: string;
  primary_text_color: string;
  header_background_color: string;
  header_text_color: string;
  footer_background_color: string;
  footer_text_color: string;
  /** PNG or JPEG bytes (a Buffer from pg, a Uint8Array from PGlite). */
  logo: Uint8Array | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  logo_width: number | null;
  logo_height: number | null;
  logo_sha256: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

/** 026_referrals: a municipality's debt-help webhook; the secret sealed (secret-box). */
export interface ReferralEndpointsTable {
  municipality_code: string;
  url: string;
  secret_sealed: string;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

/** 026_referrals: a case handed off to debt help with the resident's consent, and its delivery. */
export interface ReferralsTable {
  id: string;
  case_id: string;
  municipality_code: string;
  result: string;
  consent_recorded_by: string;
  consent_recorded_at: Timestamp;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_http_status: number | null;
  delivered_at: Timestamp | null;
  payload: unknown;
  created_at: Generated<Date>;
}

/** 025: one row per user per day a digest was sent (claimed before sending: at most one a day). */
export interface DigestDeliveriesTable {
  user_id: string;
  day: DateCol;
  sent_at: Generated<Date>;
}

/** 028: an experiment's pre-registered analysis plan (computed, as JSON), frozen when it starts running. */
export interface ExperimentAnalysisPlansTable {
  experiment_id: string;
  plan: ColumnType<unknown, string, string>;
  recorded_by: string;
  recorded_at: Generated<Date>;
  frozen_at: Timestamp | null;
}

/** 028: the documents the ground rules ask for (AP advice, DPIA, publication), with their hash. */
export interface ExperimentDocumentsTable {
  id: Generated<string>;
  experiment_id: string;
  kind: 'ap_advice' | 'dpia' | 'publication';
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  /** The file's bytes (a Buffer from pg, a Uint8Array from PGlite). */
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

export interface DB {
  digest_deliveries: DigestDeliveriesTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  email_tokens: EmailTokensTable;
  resident_objections: ResidentObjectionsTable;
  resident_reminders: ResidentRemindersTable;
  audit_log: AuditLogTable;
  batches: BatchesTable;
  signals: SignalsTable;
  signal_states: SignalStatesTable;
  signal_references: SignalReferencesTable;
  match_queue: MatchQueueTable;
  batch_rows: BatchRowsTable;
  municipality_settings: MunicipalitySettingsTable;
  cases: CasesTable;
  deletion_log: DeletionLogTable;
  retention_settings: RetentionSettingsTable;
  job_runs: JobRunsTable;
  evaluation_parameters: EvaluationParametersTable;
  access_tokens: AccessTokensTable;
  experiments: ExperimentsTable;
  experiment_participants: ExperimentParticipantsTable;
  experiment_ground_rules: ExperimentGroundRulesTable;
  experiment_preselection_rules: ExperimentPreselectionRulesTable;
  experiment_capacity: ExperimentCapacityTable;
  experiment_arms: ExperimentArmsTable;
  experiment_assignments: ExperimentAssignmentsTable;
  experiment_signal_flags: ExperimentSignalFlagsTable;
  experiment_history: ExperimentHistoryTable;
  experiment_analysis_plans: ExperimentAnalysisPlansTable;
  experiment_documents: ExperimentDocumentsTable;
  worklist_queues: WorklistQueuesTable;
  worklist_rules: WorklistRulesTable;
  municipality_districts: MunicipalityDistrictsTable;
  contact_attempts: ContactAttemptsTable;
  case_notes: CaseNotesTable;
  case_events: CaseEventsTable;
  address_table_versions: AddressTableVersionsTable;
  address_table_rows: AddressTableRowsTable;
  address_table_postcodes: AddressTablePostcodesTable;
  data_steps: DataStepsTable;
  case_brp_checks: CaseBrpChecksTable;
  identity_providers: IdentityProvidersTable;
  user_identities: UserIdentitiesTable;
  pending_logins: PendingLoginsTable;
  recovery_codes: RecoveryCodesTable;
  organisation_themes: OrganisationThemesTable;
  outreach_templates: OutreachTemplatesTable;
  outreach_messages: OutreachMessagesTable;
  referral_endpoints: ReferralEndpointsTable;
  referrals: ReferralsTable;
}
