-- Single sign-on: each organisation's own OpenID Connect provider, bound to it, and the people who
-- log in through one. eHerkenning (one broker for every creditor) is configured by the operator in
-- the environment, not here: its KvK claim, not its issuer, says which organisation a person is of.

-- The KvK number eHerkenning names the represented company by; it ties a person to a creditor.
alter table organisations add column kvk_number text;
create unique index organisations_kvk on organisations (kvk_number) where kvk_number is not null;

create table identity_providers (
  id uuid primary key default gen_random_uuid(),
  -- One provider per organisation, and one organisation per issuer: a token of this issuer can only
  -- ever open a session in this organisation, whatever its claims say.
  organisation_id text not null unique references organisations (id) on delete cascade,
  display_name text not null,
  issuer text not null unique,
  client_id text not null,
  client_auth text not null check (client_auth in ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
  -- Sealed with SECRETS_KEY (src/app/auth/secret-box.ts); a client secret or a private JWK.
  client_credential_sealed text not null,
  scopes text not null default 'openid email profile',
  -- The claim holding the person's groups or roles, and which value grants which platform role.
  role_claim text not null default 'groups',
  role_map jsonb not null default '{}',
  allowed_email_domains text[] not null default '{}',
  enabled boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

-- Who a person is at a provider (issuer + subject); the platform's user they are.
create table user_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index user_identities_user on user_identities (user_id);

-- A session opened through a provider remembers which one (for logout at the provider) and, for
-- eHerkenning, the assurance level it was opened at (delivering signals needs EH3 or higher).
alter table sessions add column identity_issuer text;
alter table sessions add column id_token_sealed text;
alter table sessions add column assurance_level text;
