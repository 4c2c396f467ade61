-- Weekly matching (issue 18 point 4): a municipality matches continuously, per ISO week (Monday to
-- Sunday, once it is over) or per calendar month (once it is over), as the commercial platforms offer.
alter table municipality_settings drop constraint municipality_settings_matching_mode_check;
alter table municipality_settings add constraint municipality_settings_matching_mode_check
  check (matching_mode in ('continuous', 'weekly', 'monthly'));
