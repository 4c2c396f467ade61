-- The national address table (issue 18): CBS "buurt, wijk en gemeente per postcode en huisnummer",
-- imported by `npm run addresses:import` as dated versions; old versions are kept so a signal is
-- placed by the table in force on its date.
create table address_table_versions (
  id serial primary key,
  -- The day this version applies from (default: 1 January of the year in the file's header, the
  -- municipal division the file follows).
  valid_from date not null,
  source_name text not null,
  -- The file's SHA-256: importing the same file again changes nothing, and an interrupted import
  -- of it resumes where it stopped.
  source_sha256 text not null unique,
  reference_year integer not null,
  status text not null default 'loading' check (status in ('loading', 'complete')),
  -- Resume point: the lines and bytes of the file committed so far.
  lines_done bigint not null default 0,
  bytes_done bigint not null default 0,
  rows_stored bigint not null default 0,
  rows_refused bigint not null default 0,
  -- The first refused lines with their reason: [{ line, reason }].
  refusals jsonb not null default '[]',
  -- What changed against the version before it (addresses that moved between municipalities).
  changes jsonb,
  started_at timestamptz not null default now(),
  completed_at timestamptz
);

-- One partition per version (created by the import, indexed once loaded), so loading is a plain
-- COPY and dropping an old version is dropping a table.
create table address_table_rows (
  version_id integer not null,
  postcode text not null,
  house_number integer not null,
  -- CBS codes as numbers: buurt 3630000 = BU03630000, wijk 36300 = WK036300, gemeente 363 = GM0363.
  neighbourhood integer not null,
  district integer not null,
  municipality integer not null
) partition by list (version_id);

-- Per version and postcode its municipality, or null where the postcode straddles a border: what
-- routing keeps in memory.
create table address_table_postcodes (
  version_id integer not null references address_table_versions (id) on delete cascade,
  postcode text not null,
  municipality integer,
  primary key (version_id, postcode)
);

-- How a signal's municipality was settled (src/domain/routing/routing.ts); routed_from keeps the
-- code the creditor sent when the address table placed the address elsewhere.
alter table signals add column routing text not null default 'given';

-- The district (wijk) and neighbourhood (buurt) of a case's address, from the address table in
-- force on its first signal's date, for queues, filters and statistics.
alter table cases add column district_code text;
alter table cases add column neighbourhood_code text;
-- Cases still to be placed ('' once looked up and not found): few at any time.
create index cases_without_area on cases (municipality_code) where district_code is null;
