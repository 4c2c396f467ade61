import { createHash, createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditEntry {
  traceId: string;
  spanId: string;
  activity: string;
  actorType: 'user' | 'api_key' | 'job' | 'system';
  actorId: string;
  organisationId: string | null;
  objectType?: string;
  objectIds?: readonly string[];
  subjectPseudonyms?: readonly string[];
  outcome: 'success' | 'refused' | 'error';
  detail?: Record<string, unknown>;
}

/** Appends an audit record in the caller's transaction, so it commits (or not) with the processing. */
export async function appendAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      trace_id: e.traceId,
      span_id: e.spanId,
      activity: e.activity,
      actor_type: e.actorType,
      actor_id: e.actorId,
      organisation_id: e.organisationId,
      object_type: e.objectType ?? null,
      object_ids: [...(e.objectIds ?? [])],
      subject_pseudonyms: [...(e.subjectPseudonyms ?? [])],
      outcome: e.outcome,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}

/**
 * The same record for a processing of many signals at once (a chunk of a batch file): object ids
 * and subject pseudonyms travel as one comma-separated string each instead of two arrays of
 * thousands of strings (ids are digits, pseudonyms base64url: neither holds a comma).
 */
export async function appendAuditOfMany(
  db: Executor,
  e: Omit<AuditEntry, 'objectIds' | 'subjectPseudonyms'> & { objectIds: string; subjectPseudonyms: string },
): Promise<void> {
  await sql`
    insert into audit_log (trace_id, span_id, activity, actor_type, actor_id, organisation_id, object_type, object_ids, subject_pseudonyms, outcome, detail)
    values (${e.traceId}, ${e.spanId}, ${e.activity}, ${e.actorType}, ${e.actorId}, ${e.organisationId}, ${e.objectType ?? null},
      case when ${e.objectIds} = '' then '{}'::text[] else string_to_array(${e.objectIds}, ',') end,
      case when ${e.subjectPseudonyms} = '' then '{}'::text[] else string_to_array(${e.subjectPseudonyms}, ',') end,
      ${e.outcome}, ${e.detail ? JSON.stringify(e.detail) : null}::jsonb)`.execute(db);
}

interface AuditRowForHash {
  id: string;
  occurred_at: Date;
  trace_id: string;
  activity: string;
  actor_type: string;
  actor_id: string;
  organisation_id: string | null;
  object_type: string | null;
  object_ids: string[];
  subject_pseudonyms: string[];
  outcome: string;
  detail: unknown;
}

/** The current link: keyed, so a database writer without the key cannot recompute the chain. */
const CHAIN_VERSION = 2;

function rowBody(seq: string, r: AuditRowForHash): string {
  return JSON.stringify([
    seq,
    r.id,
    new Date(r.occurred_at).toISOString(),
    r.trace_id,
    r.activity,
    r.actor_type,
    r.actor_id,
    r.organisation_id,
    r.object_type,
    r.object_ids,
    r.subject_pseudonyms,
    r.outcome,
    r.detail ?? null,
  ]);
}

/** A record's link: HMAC-SHA-256 under the audit MAC key (version 2), or the plain SHA-256 of records sealed before keys (version 1). */
function auditRowHash(macKey: string, version: number, prevHash: string, seq: string, r: AuditRowForHash): string {
  const h = version >= 2 ? createHmac('sha256', macKey) : createHash('sha256');
  return h.update(prevHash).update(rowBody(seq, r)).digest('hex');
}

const GENESIS = '0'.repeat(64);

/** At most this many records are sealed in one transaction. */
export const SEAL_BATCH = 50_000;

/**
 * Links committed, unsealed audit rows into the hash chain. Only rows of transactions older than
 * every running one are sealed (pg_snapshot_xmin), so no earlier row can still appear afterwards.
 * One sealer at a time (advisory lock); returns how many rows it sealed and the chain's head.
 */
export async function sealAuditLog(db: Kysely<DB>, macKey: string, limit = SEAL_BATCH): Promise<{ sealed: number; head: { seq: string; hash: string } | undefined }> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(727275) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return { sealed: 0, head: undefined };
    const last = await sql<{ seq: string; hash: string }>`
      select seq::text as seq, hash from audit_log where seq is not null order by audit_log.seq desc limit 1`.execute(trx);
    let seq = BigInt(last.rows[0]?.seq ?? '0');
    let prev = last.rows[0]?.hash ?? GENESIS;
    const rows = await sql<AuditRowForHash>`
      select id::text as id, occurred_at, trace_id, activity, actor_type, actor_id, organisation_id, object_type,
             object_ids, subject_pseudonyms, outcome, detail
      from audit_log
      where seq is null and xid < pg_snapshot_xmin(pg_current_snapshot())
      order by audit_log.id limit ${limit}`.execute(trx);
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows.rows) {
      seq += 1n;
      const hash = auditRowHash(macKey, CHAIN_VERSION, prev, seq.toString(), r);
      ids.push(r.id);
      seqs.push(seq.toString());
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    if (ids.length > 0)
      await sql`update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash, chain_version = ${CHAIN_VERSION}
        from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev, hash)
        where a.id = v.id`.execute(trx);
    return { sealed: rows.rows.length, head: seq > 0n ? { seq: seq.toString(), hash: prev } : undefined };
  });
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq?: string;
  reason?: string;
  /** The last record's sequence number and link, as found. */
  head?: { seq: string; hash: string };
}

/** The link stored for each of these sequence numbers (those that exist). */
export async function auditLinksAt(db: Kysely<DB>, seqs: readonly string[]): Promise<Map<string, string>> {
  if (seqs.length === 0) return new Map();
  const r = await sql<{ seq: string; hash: string }>`select seq::text as seq, hash from audit_log where seq = any(${seqs as string[]}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [x.seq, x.hash]));
}

/** Walks the sealed chain in order and reports the first link that does not hold. */
export async function verifyAuditChain(db: Kysely<DB>, macKey: string, pageSize = 10_000): Promise<ChainVerification> {
  let prev = GENESIS;
  let expectedSeq = 1n;
  let checked = 0;
  let keyed = false;
  for (;;) {
    const page = await sql<AuditRowForHash & { seq: string; prev_hash: string; hash: string; chain_version: number | null }>`
      select id::text as id, seq::text as seq, prev_hash, hash, chain_version, occurred_at, trace_id, activity, actor_type, actor_id,
             organisation_id, object_type, object_ids, subject_pseudonyms, outcome, detail
      from audit_log where seq >= ${expectedSeq.toString()}::bigint and seq is not null
      order by audit_log.seq limit ${pageSize}`.execute(db);
    if (page.rows.length === 0) return { ok: true, checked, ...(checked > 0 ? { head: { seq: (expectedSeq - 1n).toString(), hash: prev } } : {}) };
    for (const r of page.rows) {
      if (r.seq !== expectedSeq.toString())
        return { ok: false, checked, firstBrokenSeq: expectedSeq.toString(), reason: 'missing record (gap in sequence): deleted' };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'previous-hash link broken' };
      const version = r.chain_version ?? 1;
      // Unkeyed links only before the first keyed one: going back to them would let a writer recompute.
      if (keyed && version < CHAIN_VERSION) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'an unkeyed link after keyed ones: rewritten' };
      keyed ||= version >= CHAIN_VERSION;
      if (auditRowHash(macKey, version, prev, r.seq, r) !== r.hash)
        return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'record content does not match its keyed hash: altered' };
      prev = r.hash;
      expectedSeq += 1n;
      checked += 1;
    }
  }
}

/** The newest record's sequence number ('0' when the trail is empty), sealed or not. */
export async function lastAuditSeq(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return (row?.seq as string | null) ?? '0';
}
