-- Issue 21 points 4 and 5: the pre-registered analysis plan of an experiment, frozen when it starts
-- running, and the documents the ground rules ask for (AP advice, DPIA, publication), stored in
-- the database with their hash so a download can be checked against what was uploaded.

create table experiment_analysis_plans (
  experiment_id text primary key references experiments (id) on delete cascade,
  -- the computed plan (outcomes, effect, inflow, arms, comparisons, needed and expected per arm)
  plan jsonb not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  -- set when the experiment moves to 'running': from then on the plan cannot change
  frozen_at timestamptz
);

create table experiment_documents (
  id bigserial primary key,
  experiment_id text not null references experiments (id) on delete cascade,
  kind text not null check (kind in ('ap_advice', 'dpia', 'publication')),
  file_name text not null check (length(file_name) between 1 and 200),
  media_type text not null check (media_type in (
    'application/pdf',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now()
);
create index experiment_documents_experiment on experiment_documents (experiment_id, kind, id);
