-- The daily digest of a worker's cases (new crisis cases, deadlines within two working days,
-- overdue cases): who wants it by e-mail, and which day each user was sent one, so a second run
-- of the job on the same day sends nothing (the row is claimed before the mail goes out).
alter table users add column digest_email boolean not null default true;

create table digest_deliveries (
  user_id uuid not null references users (id) on delete cascade,
  day date not null,
  sent_at timestamptz not null default now(),
  primary key (user_id, day)
);
