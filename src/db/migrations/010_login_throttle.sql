-- Failed logins per account (ASVS 2.2.1, BIO 9.4.2): consecutive failures and the lock they led to.
-- Keyed by an HMAC (the pseudonym key) of the normalised e-mail address as typed, so unknown
-- addresses lock the same way as known ones (no account enumeration) and the table cannot be checked
-- against a known address. Rows a day past their last failure are deleted (src/app/auth/login.ts).
create table login_throttle (
  account_hash text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);
