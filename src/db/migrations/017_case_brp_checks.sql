-- BRP checks on a case (issue 18 point 3): does a resident with the signals' name live at the
-- address, deceased, moved out; and the household's composition on the signal date. One row per
-- case, deleted with it (on delete cascade): the composition is never kept longer than the case.
-- Counts and codes only: no BSN, no name, nobody's address.
create table case_brp_checks (
  case_id bigint primary key references cases (id) on delete cascade,
  municipality_code text not null,
  -- pending: to be asked; checked: the BRP answered; brp_unavailable: it did not, tried again at next_try_at
  status text not null default 'pending' check (status in ('pending', 'checked', 'brp_unavailable')),
  attempts integer not null default 0,
  next_try_at timestamptz not null default now(),
  last_error text,
  checked_at timestamptz,
  -- the day the BRP was asked about (the case's latest signal date)
  peildatum date,
  outcome text check (outcome in ('match', 'no_resident', 'other_address', 'deceased', 'moved_out', 'unknown_address')),
  -- moved_out: the municipality the person is registered in now
  moved_to text,
  resident_count integer,
  minors_present boolean,
  created_at timestamptz not null default now(),
  check ((status = 'checked') = (outcome is not null))
);
create index case_brp_checks_due on case_brp_checks (municipality_code, next_try_at) where status <> 'checked';
