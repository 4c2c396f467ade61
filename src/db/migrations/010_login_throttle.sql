-- Failed logins per account (ASVS 2.2.1, BIO 9.4.2): consecutive failures and the lock they led to.
-- Keyed by a hash of the normalised e-mail address as typed, so unknown addresses lock the same way
-- as known ones (no account enumeration) and the table names no one.
create table login_throttle (
  account_hash text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);
