-- One-off steps over stored data that SQL alone cannot do (they need the platform's own code), run
-- once by the platform at start-up and recorded here (src/app/operations/data-steps.ts).
create table data_steps (
  name text primary key,
  done_at timestamptz not null default now(),
  -- what the step did, e.g. { "changed": 12 }
  detail jsonb
);
