-- The archive of closed cases (issue 20 point 3): searched per municipality by period closed, postcode
-- and surname key. The worklist's indexes are partial on open cases; these are partial on closed ones.
create index cases_archive_closed on cases (municipality_code, closed_at desc, id desc) where status = 'closed';
-- The address key begins with the postcode ('1011AB|12|A'); an expression, as LIKE on a prefix needs the C collation.
create index cases_archive_postcode on cases (municipality_code, left(address_key, 6)) where status = 'closed';
create index cases_archive_surname on cases (municipality_code, surname_key) where status = 'closed';
-- A household's signals may carry other names than the case's own key.
create index signal_states_case_surname on signal_states (municipality_code, surname_key) where case_id is not null;
