import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { copyInto } from '../copy/copy-in.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const ADDRESS_ROW_COLUMNS = ['version_id', 'postcode', 'house_number', 'neighbourhood', 'district', 'municipality'] as const;

export interface AddressVersionRow {
  id: number;
  validFrom: string;
  sourceName: string;
  sourceSha256: string;
  referenceYear: number;
  status: 'loading' | 'complete';
  linesDone: number;
  bytesDone: number;
  rowsStored: number;
  rowsRefused: number;
  refusals: Array<{ line: number; reason: string }>;
  changes: AddressChanges | null;
  completedAt: Date | null;
}

export interface AddressChanges {
  /** The version compared with (the one in force before this one), if any. */
  previous: { id: number; validFrom: string } | null;
  added: number;
  removed: number;
  moved: number;
  /** Addresses that moved between municipalities, per pair, most first. */
  movedBetween: Array<{ from: number; to: number; addresses: number }>;
}

const partition = (versionId: number) => {
  if (!Number.isSafeInteger(versionId) || versionId < 1) throw new Error('invalid address table version id');
  return `address_table_rows_v${versionId}`;
};

function toVersion(r: Record<string, unknown>): AddressVersionRow {
  return {
    id: Number(r['id']),
    validFrom: String(r['valid_from']),
    sourceName: String(r['source_name']),
    sourceSha256: String(r['source_sha256']),
    referenceYear: Number(r['reference_year']),
    status: r['status'] as 'loading' | 'complete',
    linesDone: Number(r['lines_done']),
    bytesDone: Number(r['bytes_done']),
    rowsStored: Number(r['rows_stored']),
    rowsRefused: Number(r['rows_refused']),
    refusals: r['refusals'] as Array<{ line: number; reason: string }>,
    changes: (r['changes'] as AddressChanges | null) ?? null,
    completedAt: (r['completed_at'] as Date | null) ?? null,
  };
}

const VERSION_COLUMNS = sql`id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, source_name, source_sha256, reference_year, status, lines_done,
  bytes_done, rows_stored, rows_refused, refusals, changes, completed_at`;

export async function findAddressVersionBySha(db: Executor, sha256: string): Promise<AddressVersionRow | undefined> {
  const r = await sql<Record<string, unknown>>`select ${VERSION_COLUMNS} from address_table_versions where source_sha256 = ${sha256}`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function listAddressVersions(db: Executor): Promise<AddressVersionRow[]> {
  const r = await sql<Record<string, unknown>>`select ${VERSION_COLUMNS} from address_table_versions order by valid_from, id`.execute(db);
  return r.rows.map(toVersion);
}

/** A new version in state 'loading', with its (empty, unindexed) partition. */
export async function createAddressVersion(
  db: Kysely<DB>,
  v: { validFrom: string; sourceName: string; sourceSha256: string; referenceYear: number },
): Promise<AddressVersionRow> {
  return db.transaction().execute(async (trx) => {
    const r = await sql<Record<string, unknown>>`insert into address_table_versions (valid_from, source_name, source_sha256, reference_year)
      values (${v.validFrom}, ${v.sourceName}, ${v.sourceSha256}, ${v.referenceYear}) returning ${VERSION_COLUMNS}`.execute(trx);
    const version = toVersion(r.rows[0]!);
    await sql`create table ${sql.raw(partition(version.id))} partition of address_table_rows for values in (${sql.lit(version.id)})`.execute(trx);
    return version;
  });
}

/** Stores one chunk of rows and moves the resume point past it, together: a crash keeps both or neither. */
export async function storeAddressChunk(
  db: Kysely<DB>,
  versionId: number,
  tuples: readonly Uint8Array[],
  progress: { linesDone: number; bytesDone: number; rowsStored: number; refused: ReadonlyArray<{ line: number; reason: string }>; refusedCount: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await copyInto(trx, partition(versionId), ADDRESS_ROW_COLUMNS, tuples);
    await sql`update address_table_versions set lines_done = ${progress.linesDone}, bytes_done = ${progress.bytesDone},
      rows_stored = rows_stored + ${progress.rowsStored}, rows_refused = rows_refused + ${progress.refusedCount},
      refusals = case when jsonb_array_length(refusals) >= 100 then refusals
        else refusals || ${JSON.stringify(progress.refused)}::jsonb end
      where id = ${versionId}`.execute(trx);
  });
}

/** An address the file lists twice: the version cannot say which line is right. */
export async function firstDuplicateAddress(db: Executor, versionId: number): Promise<{ postcode: string; houseNumber: number } | undefined> {
  const r = await sql<{ postcode: string; house_number: number }>`select postcode, house_number from ${sql.raw(partition(versionId))}
    group by postcode, house_number having count(*) > 1 limit 1`.execute(db);
  return r.rows[0] ? { postcode: r.rows[0].postcode, houseNumber: r.rows[0].house_number } : undefined;
}

/**
 * Indexes a loaded version and derives its postcode summary. Idempotent, so an import interrupted
 * here finishes on the next run. Throws PostgreSQL's unique violation when an address is listed twice.
 */
export async function indexAddressVersion(db: Kysely<DB>, versionId: number): Promise<void> {
  const table = partition(versionId);
  await sql`create unique index if not exists ${sql.raw(`${table}_address`)} on ${sql.raw(table)} (postcode, house_number)`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`delete from address_table_postcodes where version_id = ${versionId}`.execute(trx);
    await sql`insert into address_table_postcodes (version_id, postcode, municipality)
      select ${versionId}::int, postcode, case when min(municipality) = max(municipality) then min(municipality) end
      from ${sql.raw(table)} group by postcode`.execute(trx);
  });
}

/** What changed against the complete version in force before this one. */
export async function compareAddressVersion(db: Executor, versionId: number, validFrom: string): Promise<AddressChanges> {
  const prev = await sql<{ id: number; valid_from: string }>`select id, to_char(valid_from, 'YYYY-MM-DD') as valid_from from address_table_versions
    where status = 'complete' and id <> ${versionId} and valid_from <= ${validFrom} order by valid_from desc, id desc limit 1`.execute(db);
  const p = prev.rows[0];
  if (!p) {
    const n = await sql<{ n: string }>`select count(*)::text as n from ${sql.raw(partition(versionId))}`.execute(db);
    return { previous: null, added: Number(n.rows[0]!.n), removed: 0, moved: 0, movedBetween: [] };
  }
  const older = sql.raw(partition(p.id));
  const newer = sql.raw(partition(versionId));
  // One pass over both versions: every pair (old municipality, new municipality), null where the address is new or gone.
  const pairs = await sql<{ from: number | null; to: number | null; addresses: string }>`select o.municipality as "from", n.municipality as "to", count(*)::text as addresses
    from ${older} o full join ${newer} n on n.postcode = o.postcode and n.house_number = o.house_number
    group by 1, 2`.execute(db);
  let added = 0;
  let removed = 0;
  const movedBetween: AddressChanges['movedBetween'] = [];
  for (const r of pairs.rows) {
    const n = Number(r.addresses);
    if (r.from === null) added += n;
    else if (r.to === null) removed += n;
    else if (r.from !== r.to) movedBetween.push({ from: r.from, to: r.to, addresses: n });
  }
  movedBetween.sort((a, b) => b.addresses - a.addresses || a.from - b.from || a.to - b.to);
  return { previous: { id: p.id, validFrom: p.valid_from }, added, removed, moved: movedBetween.reduce((s, m) => s + m.addresses, 0), movedBetween };
}

export async function completeAddressVersion(db: Executor, versionId: number, changes: AddressChanges): Promise<void> {
  await sql`update address_table_versions set status = 'complete', completed_at = now(), changes = ${JSON.stringify(changes)}::jsonb
    where id = ${versionId}`.execute(db);
}

/** The complete versions' ids, to see whether routing's copy is current. */
export async function completeAddressVersionIds(db: Executor): Promise<number[]> {
  const r = await sql<{ id: number }>`select id from address_table_versions where status = 'complete' order by id`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * What routing keeps of a version, packed by the database: per postcode its PC6 index (int4) and
 * municipality (int2, 0 where it straddles a border), sorted; and per house number on a border its
 * key (int8: index * 100000 + number) and municipality. Byte strings instead of half a million
 * rows, asked for one range of postcodes at a time (`from` ≤ postcode < `to`): the driver's buffers
 * never hold the whole version, so loading stays cheap in time and memory.
 */
export async function addressRoutingData(db: Executor, versionId: number, from: string, to: string): Promise<{ postcodes: Uint8Array; border: Uint8Array }> {
  const pc6 = (col: string) =>
    sql.raw(`(substr(${col}, 1, 4)::int * 676 + (ascii(substr(${col}, 5, 1)) - 65) * 26 + (ascii(substr(${col}, 6, 1)) - 65))`);
  const postcodes = await sql<{ packed: Uint8Array | null }>`select string_agg(int4send(${pc6('postcode')}) || int2send(coalesce(municipality, 0)::int2), ''::bytea order by ${pc6('postcode')}) as packed
    from address_table_postcodes where version_id = ${versionId} and postcode >= ${from} and postcode < ${to}`.execute(db);
  const border = await sql<{ packed: Uint8Array | null }>`select string_agg(int8send(${pc6('r.postcode')}::int8 * 100000 + r.house_number) || int2send(r.municipality::int2), ''::bytea
      order by ${pc6('r.postcode')}::int8 * 100000 + r.house_number) as packed
    from address_table_postcodes p join ${sql.raw(partition(versionId))} r on r.postcode = p.postcode
    where p.version_id = ${versionId} and p.municipality is null and p.postcode >= ${from} and p.postcode < ${to}`.execute(db);
  return { postcodes: postcodes.rows[0]?.packed ?? new Uint8Array(0), border: border.rows[0]?.packed ?? new Uint8Array(0) };
}

/**
 * Records the CBS district and neighbourhood of a municipality's open cases that have none yet,
 * from the address table version in force on the case's first signal date (the oldest before the
 * first version). A case whose address the table does not list gets '' (looked up, not found), so
 * it is not looked up again. Returns the cases placed.
 */
export async function placeCasesInAreas(db: Executor, municipality: string): Promise<number> {
  const r = await sql`update cases c set (district_code, neighbourhood_code) = (
      select coalesce('WK' || lpad(a.district::text, 6, '0'), ''), 'BU' || lpad(a.neighbourhood::text, 8, '0')
      from (select 1) one left join address_table_rows a
        on a.version_id = coalesce(
          (select v.id from address_table_versions v where v.status = 'complete' and v.valid_from <= c.first_signal_date order by v.valid_from desc, v.id desc limit 1),
          (select v.id from address_table_versions v where v.status = 'complete' order by v.valid_from, v.id limit 1))
        and a.postcode = split_part(c.address_key, '|', 1)
        and a.house_number = nullif(substring(split_part(c.address_key, '|', 2) from '^[0-9]{1,5}'), '')::int)
    where c.municipality_code = ${municipality} and c.district_code is null and c.status <> 'closed'`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Whether any version is complete: without one there is nothing to place cases by. */
export async function hasAddressTable(db: Executor): Promise<boolean> {
  const r = await sql<{ one: number }>`select 1 as one from address_table_versions where status = 'complete' limit 1`.execute(db);
  return r.rows.length > 0;
}
