-- Intake writes a signal once and never rewrites it; everything that happens to it afterwards
-- (matching into a case, repeats, DDAS status) lives in a narrow row of its own.
--
-- Why: a wide signals row with seven indexes made both intake and matching slow (issues 3 and 4).
-- Every index on signals is paid for by every accepted signal, and setting case_id rewrote the
-- whole ~430-byte row and every index entry (never a HOT update). Now:
--   * signals keeps only the indexes intake itself needs (id, sender + reference, batch rows,
--     the creditor's listing);
--   * signal_states is written by matching, once per signal, already pointing at its case, and
--     carries a copy of the keys matching and evaluation look signals up by (municipality,
--     address, date, type, creditor, amount). Those keys are refreshed whenever a signal's own
--     keys change (hand-over, rectification, objection);
--   * match_queue tells matching which signals intake committed since the last round, so no
--     per-signal queue index is needed.
-- A signal without a state row has not been taken in by matching yet: its status is
-- 'Nog niet opgepakt'.

-- No foreign keys: a key check locks the referenced row (FOR KEY SHARE), which rewrites the wide
-- signals row's header on a random page for every state written — it tripled matching's time.
-- Signals are only deleted through deleteSignals() (src/db/repositories/retention.ts), which
-- deletes their states first; a state's case is deleted with it (deleteCases).
create table signal_states (
  signal_id bigint primary key,
  -- copies of the signal's keys, for the indexes below
  municipality_code text not null,
  address_key text not null,
  signal_date date not null,
  signal_type text not null,
  creditor_org_id text not null,
  amount_cents bigint,
  crisis boolean not null,
  surname_key text,
  bsn_pseudonym text,
  -- DDAS EnumSignaalstatus
  status text not null default 'Nog niet opgepakt',
  case_id bigint,
  -- a re-sent arrear that did not increase: the earlier signal it repeats
  repeat_of bigint,
  matched_at timestamptz
);
-- Held back (monthly matching) or not yet matched: the queue of a municipality, by household.
create index signal_states_unmatched on signal_states (municipality_code, address_key, signal_id)
  where case_id is null and status = 'Nog niet opgepakt';
-- History at an address: multiple, consecutive, repeat and standard-signal look-backs.
create index signal_states_address on signal_states (municipality_code, address_key, signal_date);
create index signal_states_case on signal_states (case_id) where case_id is not null;
-- Evaluation reads every signal of a period: index-only, ~60 bytes a signal.
create index signal_states_evaluation on signal_states (municipality_code, signal_date)
  include (signal_type, crisis, repeat_of, case_id, amount_cents);

insert into signal_states (signal_id, municipality_code, address_key, signal_date, signal_type, creditor_org_id, amount_cents,
    crisis, surname_key, bsn_pseudonym, status, case_id, repeat_of, matched_at)
  select id, municipality_code, address_key, signal_date, signal_type, creditor_org_id, amount_cents,
    crisis, surname_key, bsn_pseudonym, status, case_id, repeat_of, matched_at
  from signals;

-- What intake committed and matching has not taken in yet: ranges of signal ids, one row per
-- committed chunk or request (a range may hold ids of other transactions; matching skips signals
-- that already have a state).
create table match_queue (
  id bigserial primary key,
  first_signal_id bigint not null,
  last_signal_id bigint not null,
  queued_at timestamptz not null default now(),
  check (last_signal_id >= first_signal_id)
);

drop index if exists signals_unmatched;
drop index if exists signals_address_history;
drop index if exists signals_case;
drop index if exists signals_evaluation;
alter table signals drop constraint if exists signals_case_fk;
alter table signals
  drop column case_id,
  drop column matched_at,
  drop column repeat_of,
  drop column status;

-- Per-row foreign-key checks cost more than the rest of a bulk load together (a 1 M-row file:
-- 5.8 s of 11.6 s in PostgreSQL). Intake takes the sender from the authenticated caller and the
-- batch from the row it created in the same request, and batches are only deleted once no signal
-- points at them (retention checks), so these two checks guard nothing intake can get wrong.
alter table signals drop constraint if exists signals_sender_org_id_fkey;
alter table signals drop constraint if exists signals_batch_id_fkey;
