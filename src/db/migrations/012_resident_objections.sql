-- Residents who objected to their municipality's processing for early signalling (art. 21 AVG):
-- intake refuses new signals about them for that municipality (README, "Objections"). Only keyed
-- pseudonyms: the BSN's, or the household address's for signals without a BSN (then narrowed to
-- one person by the normalised surname when the objection named one).
create table resident_objections (
  id bigserial primary key,
  municipality_code text not null,
  subject_pseudonym text not null,
  surname_key text,
  registered_at timestamptz not null default now(),
  registered_by text not null
);
create unique index resident_objections_subject on resident_objections (subject_pseudonym, municipality_code, coalesce(surname_key, ''));
