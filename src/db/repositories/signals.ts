import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { compiledOnce } from '../prepared.ts';
import type { SignalRow } from '../signal-row.ts';
import { SIGNAL_INSERT_COLUMNS } from '../signal-columns.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Column → PostgreSQL array type for the unnest() bulk insert, from the one column list. */
const COLUMNS: ReadonlyArray<readonly [string, string]> = SIGNAL_INSERT_COLUMNS.map((c) => [c.name, c.pg] as const);

const SUBJECT_COLUMN = COLUMNS.findIndex(([c]) => c === 'subject_pseudonym');

const COLUMN_LIST = sql.raw(COLUMNS.map(([c]) => c).join(', '));
const U_COLUMN_LIST = sql.raw(COLUMNS.map(([c]) => `u.${c}`).join(', '));
const SELECT_LIST = sql.raw(COLUMNS.map(([c, type]) => (type === 'text[]' ? `${c}::text[]` : c)).join(', '));

/** '{"a","b"}': a text array as one element of the text[] parameter array. */
function arrayLiteral(v: readonly string[]): string {
  return `{${v.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function toArrays(rows: readonly SignalRow[]): unknown[][] {
  const arrays: unknown[][] = COLUMNS.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown as Record<string, unknown>;
    for (let c = 0; c < COLUMNS.length; c++) {
      const v = row[COLUMNS[c]![0]];
      // jsonb travels as text inside the array parameter
      arrays[c]![r] = v === undefined ? null : COLUMNS[c]![1] === 'jsonb' && v !== null ? JSON.stringify(v) : v;
      // An array cannot be an element of unnest()'s array parameters (a text[][] must be rectangular
      // and unnest flattens it): a text[] value travels as its literal and is cast back in the select.
      if (COLUMNS[c]![1] === 'text[]' && Array.isArray(v)) arrays[c]![r] = arrayLiteral(v as string[]);
    }
  }
  return arrays;
}

/** Who stores the signals, and what the audit record must count besides the new signals (intakeAuditDetail). */
export interface IntakeAudit {
  traceId: string;
  spanId: string;
  actorType: string;
  actorId: string;
  organisationId: string;
  /** Rows delivered in all. */
  rows: number;
  /** Rows the rules refused (not among `rows` given to insertSignals). */
  refusedByRules: number;
  /** Per row given: how many delivered rows it stands for (itself and later copies with the same content), to count the objected ones. */
  copies: readonly number[];
}

/** What insertSignals did: the new rows' ids by reference, and the references refused for an objection. */
export interface InsertedSignals {
  inserted: Map<string, string>;
  objected: Set<string>;
}

/** insertSignals' values besides the column arrays, by name; in its list they follow the column arrays. */
const VALUE_NAMES = ['subjects', 'copies', 'refusedByRules', 'traceId', 'spanId', 'actorType', 'actorId', 'organisationId', 'rows'] as const;
type ValueName = (typeof VALUE_NAMES)[number];

// Prepared once per connection: the API stores each signal with this statement, and planning a
// 38-array unnest with its audit and queue inserts costs PostgreSQL more than running it. Built and
// compiled once in this process too (compiledOnce): each call only supplies the values.
const INSERT_SIGNALS = compiledOnce('insert_signals', (at) => {
  const slot = (name: ValueName) => at(COLUMNS.length + VALUE_NAMES.indexOf(name));
  const arrays = sql.join(COLUMNS.map(([, type], i) => (type === 'text[]' ? sql`${at(i)}::text[]` : sql`${at(i)}::${sql.raw(type)}[]`)));
  // Objections are looked up once for the statement's subjects and then probed per row (hashed
  // subplans): a per-row EXISTS has a cost PostgreSQL cannot bound for a prepared statement's
  // parameter arrays, and it would then plan the statement anew for every signal.
  return sql<{ id: string | null; reference: string }>`
    with u as materialized (
      select ${SELECT_LIST},
        (u.subject_pseudonym, u.municipality_code) in (
          select o.subject_pseudonym, o.municipality_code from resident_objections o
           where o.subject_pseudonym = any(${slot('subjects')}::text[]) and o.surname_key is null)
        or coalesce((u.subject_pseudonym, u.municipality_code, u.surname_key) in (
          select o.subject_pseudonym, o.municipality_code, o.surname_key from resident_objections o
           where o.subject_pseudonym = any(${slot('subjects')}::text[]) and o.surname_key is not null), false) as objected
      , u.copies
      from unnest(${arrays}, ${slot('copies')}::int4[]) as u(${COLUMN_LIST}, copies)
    ), refused as (
      select ${slot('refusedByRules')}::int + coalesce(sum(copies) filter (where objected), 0)::int as n from u
    ), refs as (
      -- The reference is unique in signal_references (signals is partitioned, migration 030): a
      -- reference stored before, or by a concurrent call, gets no new id and no signal.
      insert into signal_references (sender_org_id, reference, signal_id)
      select sender_org_id, reference, nextval('signals_id_seq') from u where not objected
      on conflict (sender_org_id, reference) do nothing
      returning reference, signal_id
    ), ins as (
      insert into signals (id, ${COLUMN_LIST})
      select r.signal_id, ${U_COLUMN_LIST} from u join refs r on r.reference = u.reference
      returning id, reference, subject_pseudonym
    ), aud as (
      insert into audit_log (trace_id, span_id, activity, actor_type, actor_id, organisation_id, object_type,
                             object_ids, subject_pseudonyms, outcome, detail)
      select ${slot('traceId')}, ${slot('spanId')}, 'signal.intake', ${slot('actorType')}, ${slot('actorId')}, ${slot('organisationId')},
             'signal', array_agg(id::text order by id), array_agg(subject_pseudonym order by id), 'success',
             jsonb_build_object('batchId', null, 'rows', ${slot('rows')}::int, 'accepted', count(*), 'refused', (select n from refused),
                                'duplicate', ${slot('rows')}::int - count(*) - (select n from refused))
      from ins having count(*) > 0
    ), queued as (
      insert into match_queue (first_signal_id, last_signal_id) select min(id), max(id) from ins having count(*) > 0
    )
    select id::text as id, reference from ins
    union all
    select null, reference from u where objected`;
});

/**
 * Inserts many signals and their audit record in ONE statement: atomic without an explicit
 * transaction, and one round trip for the API's single-signal path. Rows about a resident who
 * objected with the municipality (art. 21 AVG) are not inserted and come back as `objected`; rows
 * whose (sender, reference) already exists are skipped. `inserted` holds the ids of the rows that
 * were new. The audit record lists exactly the new signals and their subjects' pseudonyms, with the
 * detail intakeAuditDetail gives a batch chunk (objected rows and their copies count as refused, the
 * rest of what is not new as duplicates); the new ids are queued for matching.
 */
export async function insertSignals(db: Executor, rows: readonly SignalRow[], audit: IntakeAudit): Promise<InsertedSignals> {
  if (rows.length === 0) return { inserted: new Map(), objected: new Set() };
  const params = toArrays(rows);
  const named: Record<ValueName, unknown> = {
    subjects: params[SUBJECT_COLUMN],
    copies: audit.copies,
    refusedByRules: audit.refusedByRules,
    traceId: audit.traceId,
    spanId: audit.spanId,
    actorType: audit.actorType,
    actorId: audit.actorId,
    organisationId: audit.organisationId,
    rows: audit.rows,
  };
  const values: unknown[] = params;
  for (const n of VALUE_NAMES) values.push(named[n]);
  const result = await INSERT_SIGNALS(db, values);
  const out: InsertedSignals = { inserted: new Map(), objected: new Set() };
  for (const r of result.rows) {
    if (r.id === null) out.objected.add(r.reference);
    else out.inserted.set(r.reference, r.id);
  }
  return out;
}

export async function findSignalsByReference(
  db: Executor,
  senderOrgId: string,
  references: readonly string[],
): Promise<Array<{ id: string; reference: string; content_hash: string; batch_id: string | null }>> {
  if (references.length === 0) return [];
  // Through signal_references (migration 030): its key finds the id, which finds the month partition.
  return db
    .selectFrom('signal_references as r')
    .innerJoin('signals', 'signals.id', 'r.signal_id')
    .select(['signals.id', 'r.reference', 'signals.content_hash', 'signals.batch_id'])
    .where('r.sender_org_id', '=', senderOrgId)
    .where('r.reference', 'in', references as string[])
    .execute();
}

/**
 * Ids for new signals, taken from the sequence up front so a COPY can carry them (and the results
 * point at them). One string back, not a row per id: a big upload reserves a million.
 */
export async function reserveSignalIds(db: Executor, n: number): Promise<number[]> {
  const r = await sql<{ ids: string }>`select string_agg(nextval('signals_id_seq')::text, ',') as ids from generate_series(1, ${n})`.execute(db);
  return r.rows[0]!.ids.split(',').map(Number);
}

/** Tells matching about newly stored signals: one queue entry for their id range. */
export async function queueForMatching(db: Executor, ids: readonly (string | number)[]): Promise<void> {
  if (ids.length === 0) return;
  let lo = Number(ids[0]);
  let hi = lo;
  for (const id of ids) {
    const v = Number(id);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  await sql`insert into match_queue (first_signal_id, last_signal_id) values (${lo}, ${hi})`.execute(db);
}
