-- Hand-off to debt help (issue 20 point 5). A municipality's debt-help system (Allegro/Kred'IT,
-- Perspectief, ...) receives referrals by a signed webhook; the shared secret is stored sealed
-- (AES-256-GCM under SECRETS_KEY, src/app/auth/secret-box.ts), never in the clear.
create table referral_endpoints (
  municipality_code text primary key,
  url text not null check (url ~ '^https?://' and length(url) <= 2000),
  secret_sealed text not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id)
);

-- One referral per case: the resident's consent (who recorded it and when), what was sent, and
-- the delivery's state. The referral's id is the webhook's idempotency key.
create table referrals (
  id uuid primary key,
  case_id bigint not null unique references cases (id) on delete cascade,
  municipality_code text not null,
  -- The case's end result that made it eligible (DDAS EnumEindresultaat).
  result text not null,
  consent_recorded_by uuid not null references users (id),
  consent_recorded_at timestamptz not null,
  -- pending: waiting for (another) attempt; delivered: a 2xx came back; failed: attempts ran out.
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  -- HTTP status of the last attempt (null: no answer, e.g. a timeout or refused connection).
  last_http_status integer,
  delivered_at timestamptz,
  -- The payload as signed and sent, so every attempt sends the same bytes (and the PDF shows it).
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create index referrals_due on referrals (next_attempt_at) where status = 'pending';
