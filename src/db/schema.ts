import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Keep in step with src/db/migrations/*.sql. */

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
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
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
  personal_contact_attempted_on: DateCol | null;
  debt_assistance_referred_on: DateCol | null;
  reminder_sent_on: DateCol | null;
  agreement_offered_in_reminder: boolean | null;
  resident_response: string | null;
  regulation_version: string;
  rule_id: string;
  status: Generated<string>;
  received_at: Generated<Date>;
  address_key: string;
  surname_key: string | null;
  case_id: string | null;
  matched_at: Timestamp | null;
  repeat_of: string | null;
  routed_from: string | null;
}

export interface MunicipalitySettingsTable {
  municipality_code: string;
  matching_mode: 'continuous' | 'monthly';
  standard_lookback_months: number;
  consecutive_months: number;
  repeat_months: number;
  contact_target_days: number | null;
  updated_at: Generated<Date>;
}

export interface CasesTable {
  id: Generated<string>;
  municipality_code: string;
  address_key: string;
  bsn_pseudonym: string | null;
  surname_key: string | null;
  status: 'open' | 'picked_up' | 'closed';
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
}

export interface BatchRowsTable {
  batch_id: string;
  row_no: number;
  reference: string | null;
  outcome: 'refused' | 'duplicate' | 'conflict';
  signal_id: string | null;
  refusals: unknown | null;
}

export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  batches: BatchesTable;
  signals: SignalsTable;
  batch_rows: BatchRowsTable;
  municipality_settings: MunicipalitySettingsTable;
  cases: CasesTable;
  deletion_log: DeletionLogTable;
}
