-- Two delivered fields for the signals the law added since 2023 (issue 16):
--   supply_end_date  the day supply ends (energy end-of-supply signal: at least 20 working days before it);
--   attestations     statements a designation requires and the platform cannot check itself
--                    (e.g. 'no_deferral_granted', TR art. 2.5 lid 1 onder a).
-- Both null for every signal stored before: older content hashes stay valid (signal-row.ts).
alter table signals add column supply_end_date date;
alter table signals add column attestations text[];

-- How a batch file was read (issue 16: files as creditors make them): separator (',' or ';'),
-- byte order mark, text encoding (UTF-8 or Windows-1252) and notation (decimal comma, d-m-jjjj).
alter table batches add column file_format jsonb;
