-- Experiments with new signals (art. 10 Wgs): the register, its ground rules, pre-selection,
-- capacity, experiment groups (arms) and the history of every change. The designation itself
-- (who sends what to whom, from when to when) is NOT stored here: it lives in the dated rule data
-- (rules/) and is named by rule id, so there is one source of truth.

create table experiments (
  -- readable slug, 'gemeentelijke-belastingen'
  id text primary key,
  name_nl text not null,
  name_en text not null,
  summary text not null default '',
  -- the new signal, as a signal type code of the rule data ('municipal_tax'); null while only an idea
  signal_type text,
  -- the designation in rules/: rule ids (tr-2.1-municipal-tax); checked against the rule book
  rule_ids text[] not null default '{}',
  -- [{ "nl": …, "en": … }]: the first is the added value of the signal; a second may ask about prior consent
  research_questions jsonb not null default '[]',
  target_group text not null default '',
  -- initiative → idea → plan → submitted → approved → regulation_in_force → running → evaluated; or stopped
  stage text not null default 'initiative' check (stage in
    ('initiative', 'idea', 'plan', 'submitted', 'approved', 'regulation_in_force', 'running', 'evaluated', 'stopped')),
  stop_reason text,
  approved_with_changes boolean not null default false,
  -- planning: the 80 % version of the plan, planned and actual dates
  plan_80_on date,
  planned_start date,
  planned_end date,
  started_on date,
  ended_on date,
  -- ground rules 7 and 8: AP advice and internet publication, both before the start
  ap_advice_on date,
  published_on date,
  publication_url text,
  -- how households are assigned to arms; the seed is recorded so the assignment can be recomputed
  assignment_method text not null default 'none' check (assignment_method in ('none', 'random', 'stratified', 'by_municipality')),
  assignment_seed text,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint experiments_stop_reason check (stage <> 'stopped' or stop_reason is not null),
  constraint experiments_period check (planned_end is null or planned_start is null or planned_end >= planned_start)
);
create index experiments_stage on experiments (stage);

-- Municipalities, creditors and processors taking part, each with fixed contact persons
-- (a lesson from the live experiments). An organisation on the platform where there is one.
create table experiment_participants (
  id bigserial primary key,
  experiment_id text not null references experiments (id) on delete cascade,
  organisation_id text references organisations (id),
  name text not null,
  role text not null check (role in ('municipality', 'creditor', 'processor', 'other')),
  municipality_code text,
  -- [{ "name", "function", "email", "phone" }]: staff of the participant, never residents
  contacts jsonb not null default '[]',
  unique (experiment_id, name)
);
create index experiment_participants_organisation on experiment_participants (organisation_id);

-- The ground-rule checklist (randvoorwaarden). Duration ≤ 5 years is computed from the dates.
create table experiment_ground_rules (
  experiment_id text not null references experiments (id) on delete cascade,
  code text not null,
  met boolean not null default false,
  note text not null default '',
  confirmed_by text,
  confirmed_at timestamptz,
  primary key (experiment_id, code)
);

-- Declared pre-selection: how senders select before sending (SZW wants to know how). Intake
-- enforces (refuses) or flags a signal that does not meet a checkable rule; 'declared' rules are
-- described only (e.g. a processor's selection that the signal does not show).
create table experiment_preselection_rules (
  id bigserial primary key,
  experiment_id text not null references experiments (id) on delete cascade,
  kind text not null check (kind in ('min_amount', 'min_arrear_age_months', 'declared')),
  amount numeric(12, 2),
  months integer,
  mode text not null check (mode in ('enforce', 'flag', 'declared')),
  -- the organisation that selects (a creditor or its processor); null: every sender in the experiment
  selected_by text,
  description text not null default ''
);
create index experiment_preselection_experiment on experiment_preselection_rules (experiment_id);

-- The capacity a municipality states, per month, and the signals per month senders expect.
create table experiment_capacity (
  experiment_id text not null references experiments (id) on delete cascade,
  municipality_code text not null,
  capacity_per_month integer not null check (capacity_per_month >= 0),
  expected_per_month integer check (expected_per_month >= 0),
  note text not null default '',
  primary key (experiment_id, municipality_code)
);

-- Experiment groups: e.g. 'new signal alone' vs 'combined with other signals', 'with' vs 'without prior consent'.
create table experiment_arms (
  experiment_id text not null references experiments (id) on delete cascade,
  code text not null,
  name_nl text not null,
  name_en text not null,
  description text not null default '',
  -- the worklist shows the household's other signals with the new one (false: the new signal alone)
  combine_with_other_signals boolean not null default true,
  -- contact without the resident's prior consent (the second research question); null: not varied
  without_prior_consent boolean,
  weight integer not null default 1 check (weight between 1 and 100),
  -- by_municipality: the municipalities in this arm
  municipalities text[] not null default '{}',
  primary key (experiment_id, code)
);

-- Household → arm, recorded once: the household is a keyed pseudonym (never an address), so the
-- recorded seed and pseudonym are enough to recompute the assignment.
create table experiment_assignments (
  experiment_id text not null references experiments (id) on delete cascade,
  household_ref text not null,
  municipality_code text not null,
  arm_code text not null,
  method text not null,
  seed text not null,
  -- the n-th household of this experiment in this municipality (stratified blocks)
  ordinal integer not null,
  case_id bigint references cases (id) on delete set null,
  assigned_at timestamptz not null default now(),
  primary key (experiment_id, household_ref),
  foreign key (experiment_id, arm_code) references experiment_arms (experiment_id, code)
);
create index experiment_assignments_municipality on experiment_assignments (experiment_id, municipality_code);

-- Signals accepted although they did not meet a flag-mode pre-selection rule.
create table experiment_signal_flags (
  experiment_id text not null references experiments (id) on delete cascade,
  signal_id bigint not null references signals (id) on delete cascade,
  codes text[] not null,
  recorded_at timestamptz not null default now(),
  primary key (experiment_id, signal_id)
);

-- Every change: who, when, why; a stage change also from and to.
create table experiment_history (
  id bigserial primary key,
  experiment_id text not null references experiments (id) on delete cascade,
  occurred_at timestamptz not null default now(),
  actor_type text not null,
  actor_id text not null,
  actor_label text not null,
  organisation_id text,
  kind text not null,
  from_stage text,
  to_stage text,
  reason text not null,
  changes jsonb
);
create index experiment_history_experiment on experiment_history (experiment_id, id);
