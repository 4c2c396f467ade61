-- Objections on screen (issue 21 point 6): the reason the privacy officer recorded with the
-- objection, and which rows one registration made, so that they are listed and withdrawn together.
alter table resident_objections add column reason text;
alter table resident_objections add column objection_id uuid;
create index resident_objections_municipality on resident_objections (municipality_code, registered_at desc);
