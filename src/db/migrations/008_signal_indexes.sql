-- Evaluation reads every signal of a period (issue 7: 10 M signals in seconds). A narrow covering
-- index lets it scan ~60 bytes a signal instead of the whole wide row (index-only scan), and it
-- replaces signals_municipality (municipality_code, signal_date), which it serves as well — so
-- intake and matching pay for no extra index.
drop index if exists signals_municipality;
create index if not exists signals_evaluation on signals (municipality_code, signal_date)
  include (signal_type, crisis, repeat_of, case_id, amount_cents);
