-- Foundation: organisations, users, credentials, sessions, the audit trail.

create table organisations (
  id text primary key,
  name text not null,
  -- creditor | processor | municipality | ministry | operator
  kind text not null check (kind in ('creditor', 'processor', 'municipality', 'ministry', 'operator')),
  -- The organisation's entry in the rule registers (rules/registers), when it has one.
  register_id text,
  -- For municipalities: the CBS code (GM0363).
  municipality_code text,
  -- For creditors onboarded here rather than named in the registers: their kinds (landlord, …).
  creditor_kinds text[] not null default '{}',
  created_at timestamptz not null default now()
);
create unique index organisations_municipality_code on organisations (municipality_code) where municipality_code is not null;

create table users (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations (id),
  email text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null,
  locale text not null default 'nl',
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);
create index users_organisation on users (organisation_id);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisations (id),
  name text not null,
  -- The public part of the key, used to find it; the secret part is only stored as a hash.
  key_prefix text not null unique,
  secret_hash text not null,
  scopes text[] not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_keys_organisation on api_keys (organisation_id);

create table sessions (
  -- sha-256 of the session token; the token itself lives only in the browser's cookie.
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Logboek Dataverwerkingen: one row per processing of personal data. Rows are appended in the
-- processing's own transaction; a sealer later links them into a hash chain (seq, prev_hash,
-- hash) in commit order, so concurrent writers never wait on one another.
create table audit_log (
  id bigserial primary key,
  xid xid8 not null default pg_current_xact_id(),
  occurred_at timestamptz not null default now(),
  trace_id text not null,
  span_id text not null,
  -- processing activity, e.g. 'signal.intake', 'case.read', 'retention.delete'
  activity text not null,
  actor_type text not null check (actor_type in ('user', 'api_key', 'job', 'system')),
  actor_id text not null,
  organisation_id text,
  object_type text,
  object_ids text[] not null default '{}',
  -- keyed pseudonyms of the data subjects, never a BSN
  subject_pseudonyms text[] not null default '{}',
  outcome text not null check (outcome in ('success', 'refused', 'error')),
  detail jsonb,
  seq bigint unique,
  prev_hash text,
  hash text
);
create index audit_log_unsealed on audit_log (id) where seq is null;
create index audit_log_organisation on audit_log (organisation_id, occurred_at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'audit_log is append-only';
  end if;
  -- The only change allowed is sealing an unsealed row.
  if old.hash is not null
     or new.id <> old.id or new.occurred_at <> old.occurred_at or new.activity <> old.activity
     or new.actor_id <> old.actor_id or new.object_ids <> old.object_ids
     or new.subject_pseudonyms <> old.subject_pseudonyms or new.outcome <> old.outcome
     or new.trace_id <> old.trace_id
     or coalesce(new.detail::text, '') <> coalesce(old.detail::text, '') then
    raise exception 'audit_log is append-only';
  end if;
  return new;
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
