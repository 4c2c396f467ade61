-- Password reset and invitations by e-mail: single-use links that expire. The database keeps only a
-- hash of each link's token (like sessions): a copy of the database, or a look at this table, does not
-- give a working link. A link is used at most once (used_at) and refused after expires_at.
create table email_tokens (
  token_hash text primary key,
  purpose text not null check (purpose in ('reset', 'invitation')),
  user_id uuid not null references users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
-- The recent links of a user (the reset limit per address, the pending invitations of a user list).
create index email_tokens_user on email_tokens (user_id, purpose, created_at);
create index email_tokens_expires on email_tokens (expires_at);
