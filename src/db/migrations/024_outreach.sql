-- Outreach to residents (issue 20 point 1): a municipality's own letter, e-mail and SMS texts, and
-- every message that went out. Without an own template the platform's default text is used.

create table outreach_templates (
  municipality_code text not null,
  channel text not null check (channel in ('letter', 'email', 'sms')),
  language text not null check (language in ('nl', 'en')),
  -- The subject of an e-mail; the heading of a letter; unused for SMS.
  subject text not null default '',
  body text not null,
  -- Who the resident can call: the {{contactpersoon}} and {{telefoon}} merge fields.
  contact_person text not null default '',
  contact_phone text not null default '',
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id),
  primary key (municipality_code, channel, language)
);

-- One row per message sent or printed; no address, e-mail address or phone number is kept here
-- (the signal holds them; the audit trail says who sent what).
create table outreach_messages (
  id bigserial primary key,
  case_id bigint not null references cases (id),
  municipality_code text not null,
  channel text not null check (channel in ('letter', 'email', 'sms')),
  language text not null check (language in ('nl', 'en')),
  contact_attempt_id bigint references contact_attempts (id),
  sent_at timestamptz not null default now(),
  sent_by uuid references users (id)
);
create index outreach_messages_case on outreach_messages (case_id, sent_at);
