-- Signals age out by the month (issue 23 point 4): retention removes a month whose signals are all
-- due by detaching and dropping its partitions, instead of deleting millions of rows one by one.
--
-- Partitioned by RANGE of the signal id, not of received_at. Ids are handed out in order of
-- receipt, so one id range per month of receipt is a month; and with the id as partition key,
-- PK(id) and PK(signal_id) stay primary keys, every lookup by id prunes to one partition, and the
-- foreign key experiment_signal_flags → signals(id) keeps working. By received_at, the primary key
-- would have to become (id, received_at) and nothing could reference a signal any more.
--
-- A unique index on a partitioned table must contain the partition key, so "nothing accepted is
-- ever stored twice" — (sender_org_id, reference) unique across all months — moves to the narrow,
-- unpartitioned signal_references, written in the same transaction as the signal (intake's COPY
-- copies the references first: a known reference fails that COPY on this key exactly as it failed
-- the signals COPY before; the API inserts its references with `on conflict do nothing`). Readers
-- that look a signal up by its reference go through signal_references too, so signals drops that
-- index (intake would pay for two (sender, reference) B-trees per signal) and keeps one on the
-- sender alone, for the creditor's listing of what it sent (sender or creditor, an index each).
-- A row-wise delete of signals takes their references along (statement trigger below); a dropped
-- partition's references are deleted by retention itself (src/app/privacy/apply-retention.ts).
--
-- The old tables become the first partitions as they are (no row is copied): signals_0 and
-- signal_states_0 hold every id handed out so far; a partition for the current month is opened
-- after them, [next id, MAXVALUE). At each month's end src/db/repositories/signal-partitions.ts
-- closes the open partition at the next id and opens one for the new month. signal_states is
-- partitioned by the same bounds, so a month's states go with its signals. batch_rows is not
-- partitioned: it is keyed by batch, most of its rows point at no signal (refused rows), and the
-- few that do are deleted by signal id.

create table signal_references (
  sender_org_id text not null,
  reference text not null,
  signal_id bigint not null,
  primary key (sender_org_id, reference)
);
insert into signal_references (sender_org_id, reference, signal_id) select sender_org_id, reference, id from signals;

alter table signals rename to signals_0;
alter table signals_0 drop constraint signals_sender_org_id_reference_key;
alter index signals_pkey rename to signals_0_pkey;
alter index signals_batch rename to signals_0_batch;
alter index signals_creditor rename to signals_0_creditor;
create table signals (like signals_0 including defaults including constraints including storage) partition by range (id);
-- The sequence must outlive the first partition (retention drops it one day).
alter sequence signals_id_seq owned by signals.id;
alter table signals add primary key (id);
create index signals_sender on signals (sender_org_id);
create index signals_batch on signals (batch_id, row_no) where batch_id is not null;
create index signals_creditor on signals (creditor_org_id, received_at);

alter table signal_states rename to signal_states_0;
alter index signal_states_pkey rename to signal_states_0_pkey;
alter index signal_states_unmatched rename to signal_states_0_unmatched;
alter index signal_states_address rename to signal_states_0_address;
alter index signal_states_case rename to signal_states_0_case;
alter index signal_states_evaluation rename to signal_states_0_evaluation;
alter index signal_states_case_surname rename to signal_states_0_case_surname;
create table signal_states (like signal_states_0 including defaults including constraints including storage) partition by range (signal_id);
alter table signal_states add primary key (signal_id);
create index signal_states_unmatched on signal_states (municipality_code, address_key, signal_id)
  where case_id is null and status = 'Nog niet opgepakt';
create index signal_states_address on signal_states (municipality_code, address_key, signal_date);
create index signal_states_case on signal_states (case_id) where case_id is not null;
create index signal_states_evaluation on signal_states (municipality_code, signal_date)
  include (signal_type, crisis, repeat_of, case_id, amount_cents);
create index signal_states_case_surname on signal_states (municipality_code, surname_key) where case_id is not null;

-- The first partitions end at the next id; the check constraints let ATTACH skip its own scan.
do $$
declare
  next_id bigint;
  month text := to_char(now() at time zone 'UTC', 'YYYYMM');
begin
  select greatest(case when is_called then last_value + 1 else last_value end, coalesce((select max(id) + 1 from signals_0), 1))
    into next_id from signals_id_seq;
  execute format('alter table signals_0 add constraint signals_0_range check (id < %s)', next_id);
  execute format('alter table signal_states_0 add constraint signal_states_0_range check (signal_id < %s)', next_id);
  execute format('alter table signals attach partition signals_0 for values from (minvalue) to (%s)', next_id);
  execute format('alter table signal_states attach partition signal_states_0 for values from (minvalue) to (%s)', next_id);
  execute format('create table signals_%s partition of signals for values from (%s) to (maxvalue)', month, next_id);
  execute format('create table signal_states_%s partition of signal_states for values from (%s) to (maxvalue)', month, next_id);
end $$;

-- The foreign key pointed at the old table (now a partition): it points at all of signals again.
alter table experiment_signal_flags drop constraint experiment_signal_flags_signal_id_fkey;
alter table experiment_signal_flags add constraint experiment_signal_flags_signal_id_fkey
  foreign key (signal_id) references signals (id) on delete cascade;

-- Signals deleted row by row (retention's fallback, objections at intake, residents' choices) take
-- their references along, whichever code deleted them; a dropped partition fires no trigger.
create function signal_references_follow_deletes() returns trigger language plpgsql as $$
begin
  delete from signal_references r using gone g
   where r.sender_org_id = g.sender_org_id and r.reference = g.reference and r.signal_id = g.id;
  return null;
end $$;
create trigger signals_references_follow after delete on signals
  referencing old table as gone for each statement execute function signal_references_follow_deletes();
