-- Intake: batch files, accepted signals, and the per-row results of refused or duplicate rows.

create table batches (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations (id),
  filename text,
  format text not null check (format in ('csv', 'jsonl', 'json')),
  -- receiving → completed | failed
  status text not null check (status in ('receiving', 'completed', 'failed')),
  bytes_received bigint not null default 0,
  -- from Content-Length when the client sent one: lets anyone watching see the percentage done
  bytes_expected bigint,
  rows_total integer not null default 0,
  rows_accepted integer not null default 0,
  rows_refused integer not null default 0,
  rows_duplicate integer not null default 0,
  error jsonb,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
create index batches_organisation on batches (organisation_id, created_at desc);

create table signals (
  id bigserial primary key,
  sender_org_id text not null references organisations (id),
  reference text not null,
  -- hash of the delivered content: a re-send of the same reference with other content is a conflict
  content_hash text not null,
  batch_id uuid references batches (id),
  row_no integer,
  signal_type text not null,
  signal_date date not null,
  municipality_code text not null,
  on_behalf_of text,
  -- the creditor the signal is from (the sender itself, or the creditor a processor acts for)
  creditor_org_id text not null,
  amount_cents bigint,
  components jsonb,
  arrear_start_date date,
  bsn text,
  bsn_pseudonym text,
  -- keyed pseudonym of the data subject (BSN where given, else the address) for audit and analytics
  subject_pseudonym text not null,
  initials text,
  given_name text,
  prefix text,
  surname text,
  street text,
  house_number text,
  house_number_addition text,
  postcode text,
  city text,
  phone text,
  email text,
  customer_number text,
  crisis boolean not null default false,
  personal_contact_attempted_on date,
  debt_assistance_referred_on date,
  reminder_sent_on date,
  agreement_offered_in_reminder boolean,
  resident_response text,
  regulation_version text not null,
  rule_id text not null,
  -- DDAS EnumSignaalstatus
  status text not null default 'Nog niet opgepakt',
  received_at timestamptz not null default now(),
  unique (sender_org_id, reference)
);
create index signals_batch on signals (batch_id, row_no) where batch_id is not null;
create index signals_municipality on signals (municipality_code, signal_date);
create index signals_creditor on signals (creditor_org_id, received_at);

-- Rows of a batch that were not stored as a new signal: refused, or a duplicate of one already received.
create table batch_rows (
  batch_id uuid not null references batches (id) on delete cascade,
  row_no integer not null,
  reference text,
  outcome text not null check (outcome in ('refused', 'duplicate', 'conflict')),
  signal_id bigint,
  refusals jsonb,
  primary key (batch_id, row_no)
);
