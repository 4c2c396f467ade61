-- signals_municipality (municipality_code, signal_date) duplicated the leading column of
-- signals_address_history; every extra index is paid on each intake insert and each matching
-- update, and per-municipality period queries can use the history index or a scan.
drop index if exists signals_municipality;
