-- Routing, matching per household (DDAS vroegsignaalzaak), and the municipality's own settings.

alter table signals
  -- the household key: normalised postcode|number|addition (see src/domain/matching)
  add column address_key text not null,
  add column surname_key text,
  add column case_id bigint,
  add column matched_at timestamptz,
  -- a re-sent arrear that did not increase: the earlier signal it repeats
  add column repeat_of bigint,
  -- the municipality the sender addressed, when the signal was handed to the resident's new one
  add column routed_from text;

-- The matching queue: signals not yet in a case, per municipality.
create index signals_unmatched on signals (municipality_code, address_key, id) where case_id is null and status = 'Nog niet opgepakt';
-- History at an address: multiple, consecutive, repeat and standard-signal look-backs.
create index signals_address_history on signals (municipality_code, address_key, signal_date);
create index signals_case on signals (case_id) where case_id is not null;

create table municipality_settings (
  municipality_code text primary key,
  -- continuous: match as signals arrive; monthly: match a calendar month once it is over (RIS practice)
  matching_mode text not null default 'continuous' check (matching_mode in ('continuous', 'monthly')),
  -- look-back for "known through the standard signals" (new versus known)
  standard_lookback_months integer not null default 12 check (standard_lookback_months between 1 and 60),
  -- "consecutive": an earlier signal at the address within this many months before the period
  consecutive_months integer not null default 6 check (consecutive_months between 1 and 24),
  -- "repeat": same creditor, same arrear, within this many months, not increased
  repeat_months integer not null default 6 check (repeat_months between 1 and 24),
  -- the municipality's own target for first contact, in days (e.g. Amsterdam: 14)
  contact_target_days integer check (contact_target_days between 1 and 90),
  updated_at timestamptz not null default now()
);

create table cases (
  id bigserial primary key,
  municipality_code text not null,
  address_key text not null,
  -- the household's resident as a keyed pseudonym, when a signal carried a BSN
  bsn_pseudonym text,
  surname_key text,
  status text not null default 'open' check (status in ('open', 'picked_up', 'closed')),
  opened_at timestamptz not null default now(),
  first_signal_date date not null,
  last_signal_date date not null,
  -- DDAS: matchingsdatum, startdatum/einddatum matchingperiode
  matching_date date not null,
  matching_period_start date not null,
  matching_period_end date not null,
  signal_count integer not null default 0,
  signal_types text[] not null default '{}',
  multiple boolean not null default false,
  consecutive boolean not null default false,
  crisis boolean not null default false,
  -- new versus known: a standard signal at the household within the look-back window
  known_via_standard_signals boolean not null default false,
  has_experimental_signal boolean not null default false,
  -- offer of a first conversation: 4 weeks, 3 working days in a threatening situation (art. 4 Wgs)
  deadline date not null,
  picked_up_on date,
  -- DDAS EnumEindresultaat
  result text,
  closed_at timestamptz,
  assigned_to uuid references users (id),
  experiment_arm text
);
create index cases_open_address on cases (municipality_code, address_key) where status <> 'closed';
create index cases_municipality on cases (municipality_code, status, deadline);

alter table signals add constraint signals_case_fk foreign key (case_id) references cases (id);

-- What the platform did with personal data that it no longer holds: objections, retention, moves.
-- Kind and count and why — never what it was.
create table deletion_log (
  id bigserial primary key,
  occurred_at timestamptz not null default now(),
  municipality_code text,
  kind text not null,
  reason text not null,
  signals integer not null default 0,
  cases integer not null default 0,
  actor_id text not null
);
