-- Second factor (TOTP, RFC 6238) for local accounts, enforced per organisation, and sessions a
-- person can see and end.

-- The seed is sealed with SECRETS_KEY (src/app/auth/secret-box.ts): a copy of the database alone
-- does not let anyone compute codes. The last accepted time step is kept so that a code, once used,
-- is refused for the rest of its window (RFC 6238 § 5.2).
alter table users add column totp_seed_sealed text;
alter table users add column totp_enrolled_at timestamptz;
alter table users add column totp_last_step integer;

-- Single-use recovery codes for a lost authenticator, stored as a keyed hash only.
create table recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- An organisation can demand the second factor of every person who logs in with a password.
-- Sessions opened through an identity provider are not asked for it: the provider does MFA.
alter table organisations add column mfa_required boolean not null default false;

-- What the session list shows: how the session was opened, from which browser, when last used.
-- A session gets an id of its own, so the list can name one without showing its token's hash.
alter table sessions add column id uuid not null default gen_random_uuid();
create unique index sessions_id on sessions (id);
-- via: LoginMethod of src/app/auth/open-session.ts ('password', 'password+totp', 'oidc', 'eherkenning').
alter table sessions add column via text not null default 'password';
alter table sessions add column user_agent text;
alter table sessions add column last_seen_at timestamptz not null default now();

-- A login whose password was right but whose second factor is still missing (a code, or enrolment
-- the organisation demands). Not a session: nothing reads it to authorise a request. It lives for
-- minutes, and keeps the throttle key of the address as typed so wrong codes count towards the lock.
create table pending_logins (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  step text not null check (step in ('code', 'enrol')),
  account_hash text not null,
  csrf_token text not null,
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index pending_logins_expires on pending_logins (expires_at);
