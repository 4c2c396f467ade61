-- The municipal worklist: queues and the weighing framework, the work on a case (contact
-- attempts, notes, outcome) and its timeline. DDAS vocabulary where the standard has a word.

-- Queues (werkbakjes), each with the approach the municipality takes for its households.
create table worklist_queues (
  id bigserial primary key,
  municipality_code text not null,
  name text not null check (length(name) between 1 and 100),
  approach text not null check (approach in ('letter', 'phone', 'home_visit')),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality_code, name)
);
create index worklist_queues_municipality on worklist_queues (municipality_code, position);

-- The weighing framework (afwegingskader): ordered rules, first match wins; each sends the cases
-- it catches to a queue. conditions: see src/domain/worklist/queue-rules.ts (RuleConditions).
create table worklist_rules (
  id bigserial primary key,
  municipality_code text not null,
  position integer not null,
  queue_id bigint not null references worklist_queues (id) on delete cascade,
  conditions jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index worklist_rules_municipality on worklist_rules (municipality_code, position);

-- A municipality's districts by PC4 range (rules on district).
create table municipality_districts (
  municipality_code text not null,
  name text not null,
  pc4_from integer not null check (pc4_from between 1000 and 9999),
  pc4_to integer not null check (pc4_to between 1000 and 9999 and pc4_to >= pc4_from),
  primary key (municipality_code, name, pc4_from)
);

-- The worklist's classification of a case. Matching owns the case's facts; the worklist stores
-- what it derived from them and the stamp of the facts it used, so a case whose facts changed
-- since (a new signal, a flag) is found through the partial index below and classified again.
alter table cases
  add column queue_id bigint references worklist_queues (id) on delete set null,
  add column queue_rule_id bigint references worklist_rules (id) on delete set null,
  -- total arrear of the case's signals, in cents
  add column amount_cents bigint,
  add column district text,
  -- recorded by the municipality (no signal may carry a birth date): 18-26, 27-45, 46-66, 67+
  add column age_group text,
  -- when the case is due: the earlier of the legal deadline and the municipality's own target
  -- (stored so the worklist sorts and counts overdue cases from an index)
  add column due_date date,
  add column classified_stamp integer;

-- The stamp: the facts a rule can look at that matching may change (age group is the worklist's own).
create index cases_worklist_unclassified on cases (municipality_code)
  where status <> 'closed' and classified_stamp is distinct from
    (signal_count * 8 + (case when multiple then 4 else 0 end) + (case when consecutive then 2 else 0 end) + (case when crisis then 1 else 0 end));
create index cases_worklist_due on cases (municipality_code, due_date, id) include (status, queue_id) where status <> 'closed';
create index cases_worklist_queue on cases (municipality_code, queue_id, due_date, id) include (status) where status <> 'closed';
create index cases_worklist_assigned on cases (municipality_code, assigned_to) where status <> 'closed';
create index cases_worklist_matched on cases (municipality_code, matching_date);

-- DDAS Contactpoging: soort, bereikt, datum, dagdeel.
create table contact_attempts (
  id bigserial primary key,
  case_id bigint not null references cases (id),
  municipality_code text not null,
  contact_type text not null check (contact_type in ('Mail', 'Brief', 'SMS/Whatsapp', 'Telefoon', 'Huisbezoek', 'Kaartje', 'Overige', 'Administratief')),
  reached boolean not null,
  attempted_on date not null,
  part_of_day text check (part_of_day in ('Ochtend', 'Middag', 'Avond')),
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index contact_attempts_case on contact_attempts (case_id, attempted_on);

create table case_notes (
  id bigserial primary key,
  case_id bigint not null references cases (id),
  municipality_code text not null,
  body text not null check (length(body) between 1 and 4000),
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_notes_case on case_notes (case_id, created_at);

-- The case's timeline: what happened, who did it, when. Names of workers only, never residents' data.
create table case_events (
  id bigserial primary key,
  case_id bigint not null references cases (id),
  municipality_code text not null,
  -- opened | classified | assigned | contact_attempt | outcome | note | signal_added
  kind text not null,
  detail jsonb,
  actor_type text not null,
  actor_id text not null,
  actor_label text not null,
  occurred_at timestamptz not null default now()
);
create index case_events_case on case_events (case_id, occurred_at);

-- A contact target of the municipality's own needs a "due soon" window to warn ahead.
alter table municipality_settings
  add column due_soon_days integer not null default 3 check (due_soon_days between 0 and 14);
