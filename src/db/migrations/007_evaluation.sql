-- Monitoring and evaluation (TR art. 1.3), the DDAS-VS export and its OAuth2 client credentials.

-- Cost-benefit parameters per experiment (toelichting § 4 figures, edited per experiment). Keyed by
-- the experiment's id without a foreign key, so an evaluation can also be kept for a regulation's
-- signal that is not (yet) registered as an experiment.
create table evaluation_parameters (
  experiment_id text primary key,
  parameters jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by text not null
);

-- Short-lived bearer tokens issued by POST /v1/oauth/token (client credentials grant) to an API
-- client; the client is an API key (client_id = its prefix, client_secret = its secret). Only the
-- token's SHA-256 is stored; revoking the key ends its tokens (cascade).
create table access_tokens (
  token_hash text primary key,
  api_key_id uuid not null references api_keys (id) on delete cascade,
  organisation_id text not null references organisations (id),
  scopes text[] not null,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index access_tokens_expiry on access_tokens (expires_at);

-- Refused rows carry what the evaluation counts them by (never who they were about): the
-- municipality addressed, the signal type and date as the sender wrote them.
alter table batch_rows
  add column municipality_code text,
  add column signal_type text,
  add column signal_date date;
