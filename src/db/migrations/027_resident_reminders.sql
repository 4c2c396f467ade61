-- The resident's own page (issue 24). A creditor asks for a code per reminder letter, tied to the
-- signal reference it will use and the resident's postcode; the resident uses the code on
-- /mijn-signaal to object (TR art. 1.2 onder d), give consent, or ask to be contacted now.
-- Only a keyed hash of the code is kept. The choice is read by intake for the signal with this
-- reference from this sender, and locks once that signal arrived (signal_id). No e-mail address is
-- stored: the confirmation is sent at once and the address forgotten.
create table resident_reminders (
  id bigserial primary key,
  sender_org_id text not null references organisations (id),
  reference text not null,
  code_hash text not null unique,
  postcode text not null,
  house_number text,
  expires_at timestamptz not null,
  issued_at timestamptz not null default now(),
  choice text check (choice in ('objected', 'consented', 'help')),
  chosen_at timestamptz,
  chosen_via text check (chosen_via in ('code', 'digid')),
  signal_id bigint,
  signal_received_at timestamptz,
  unique (sender_org_id, reference)
);
create index resident_reminders_expiry on resident_reminders (expires_at);
