-- Privacy lifecycle: retention terms per municipality, richer tombstones, job runs, API-key rotation.

-- A municipality's own retention terms; without a row the platform defaults apply
-- (src/domain/privacy/retention.ts checks every value before it is stored).
create table retention_settings (
  municipality_code text primary key,
  -- signals never picked up: months after receipt
  unpicked_signal_months integer not null,
  -- signals of a case that was picked up: months after receipt, once the case is closed
  picked_up_signal_months integer not null,
  -- the case file (case and everything recorded about it): months after closing
  case_months_after_closing integer not null,
  updated_at timestamptz not null default now(),
  updated_by text not null
);

-- Tombstones also count the batch result rows and the case records (contact attempts, notes, …)
-- that went, per table name; still never what they held.
alter table deletion_log
  add column batch_rows integer not null default 0,
  add column case_records jsonb;

-- One row per run of a queued or scheduled job, written by the job itself: what ran, where, with
-- which outcome. Lets operators (and the multi-process proof) see that no job ran twice.
create table job_runs (
  id bigserial primary key,
  job_id text not null,
  queue text not null,
  process text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  outcome text check (outcome in ('success', 'error')),
  detail jsonb
);
create index job_runs_job on job_runs (job_id);
create index job_runs_queue on job_runs (queue, started_at desc);

-- API-key rotation: the key that replaced this one (the old one stays valid until its expires_at).
alter table api_keys add column replaced_by uuid references api_keys (id);
