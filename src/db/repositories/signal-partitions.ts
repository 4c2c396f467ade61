import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { ident } from './dependents.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * One id range of signals (migration 030): the partition of signals and the one of signal_states
 * with the same bounds. `from` null: from the lowest id; `to` null: open, new signals go here.
 * Month partitions are named after the month they were opened in (signals_202612), the first one
 * of a converted database signals_0.
 */
export interface SignalPartition {
  signals: string;
  states: string;
  from: string | null;
  to: string | null;
}

const BOUND = /FROM \((.+)\) TO \((.+)\)/;
const value = (v: string): string | null => (/^(MINVALUE|MAXVALUE)$/i.test(v) ? null : v.replace(/^'|'$/g, ''));

async function partitionsOf(db: Executor, parent: 'signals' | 'signal_states'): Promise<Array<{ name: string; from: string | null; to: string | null }>> {
  const r = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${parent}::regclass`.execute(db);
  return r.rows.map((p) => {
    const m = BOUND.exec(p.bound);
    if (!m) throw new Error(`${p.name}: not a range partition (${p.bound})`);
    return { name: p.name, from: value(m[1]!), to: value(m[2]!) };
  });
}

/** The id ranges of signals, lowest first, each with its signal_states partition. */
export async function listSignalPartitions(db: Executor): Promise<SignalPartition[]> {
  const [signals, states] = await Promise.all([partitionsOf(db, 'signals'), partitionsOf(db, 'signal_states')]);
  const statesByFrom = new Map(states.map((s) => [`${s.from}`, s]));
  const out = signals.map((s) => {
    const st = statesByFrom.get(`${s.from}`);
    if (!st || st.to !== s.to) throw new Error(`signal_states has no partition with the bounds of ${s.name}`);
    return { signals: s.name, states: st.name, from: s.from, to: s.to };
  });
  return out.sort((a, b) => (a.from === null ? -1 : b.from === null ? 1 : Number(BigInt(a.from) - BigInt(b.from))));
}

const monthOf = (d: Date) => d.toISOString().slice(0, 7).replace('-', '');
const LOCK_NOT_AVAILABLE = '55P03';

/** The error of a lock not had within lock_timeout. */
export const isLockTimeout = (e: unknown): boolean => (e as { code?: string }).code === LOCK_NOT_AVAILABLE;

/**
 * Closes the month of receipt: when the open partition was opened in an earlier month than `now`,
 * it is bounded at the next id to be handed out and a partition for the new month is opened after
 * it. Idempotent (a second call in the same month does nothing) and one transaction (DDL is
 * transactional), so a crash leaves either the old layout or the new one. Called by retention and
 * the scheduler; true when it closed a month.
 *
 * Under ACCESS EXCLUSIVE on both tables (so no id can be handed out and stored between reading the
 * sequence and splitting): a CHECK constraint on the closing partition (one scan of that month)
 * lets the re-attach skip its own scan. Ids already reserved by a transaction still to insert them
 * are below the bound and land in the closed month, which is right: they were received in it. If
 * the locks cannot be had within lock_timeout (a long reader), nothing changes: the next call tries again.
 */
export async function closeSignalMonth(db: Kysely<DB>, now: Date, opts: { lockTimeoutMs?: number } = {}): Promise<boolean> {
  const month = monthOf(now);
  const isDue = (open: SignalPartition | undefined) => {
    const opened = open?.signals.match(/_(\d{6})$/)?.[1];
    return open !== undefined && (opened === undefined || opened < month);
  };
  if (!isDue((await listSignalPartitions(db)).find((p) => p.to === null))) return false;
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select set_config('lock_timeout', ${`${opts.lockTimeoutMs ?? 10_000}ms`}, true)`.execute(trx);
      await sql`lock table signals, signal_states in access exclusive mode`.execute(trx);
      // Read again under the lock: another process may have closed it meanwhile.
      const open = (await listSignalPartitions(trx)).find((p) => p.to === null);
      if (!open || !isDue(open)) return false;
      const next = (
        await sql<{ next: string }>`
          select greatest(case when q.is_called then q.last_value + 1 else q.last_value end,
                          coalesce((select max(id) + 1 from ${ident(open.signals)}), 1))::text as next
          from signals_id_seq q`.execute(trx)
      ).rows[0]!.next;
      const [signals, states] = [`signals_${month}`, `signal_states_${month}`];
      if (open.from !== null && BigInt(next) <= BigInt(open.from)) {
        // Nothing was received in the open month: it simply becomes the new one.
        await sql`alter table ${ident(open.signals)} rename to ${ident(signals)}`.execute(trx);
        await sql`alter table ${ident(open.states)} rename to ${ident(states)}`.execute(trx);
        return true;
      }
      const lower = open.from === null ? sql.raw('minvalue') : sql.lit(Number(open.from));
      const upper = sql.lit(Number(next));
      for (const [table, column] of [
        [open.signals, 'id'],
        [open.states, 'signal_id'],
      ] as const) {
        await sql`alter table ${ident(table)} add constraint ${ident(`${table}_range`)} check (${ident(column)} < ${upper})`.execute(trx);
      }
      await sql`alter table signals detach partition ${ident(open.signals)}`.execute(trx);
      await sql`alter table signals attach partition ${ident(open.signals)} for values from (${lower}) to (${upper})`.execute(trx);
      await sql`alter table signal_states detach partition ${ident(open.states)}`.execute(trx);
      await sql`alter table signal_states attach partition ${ident(open.states)} for values from (${lower}) to (${upper})`.execute(trx);
      await sql`create table ${ident(signals)} partition of signals for values from (${upper}) to (maxvalue)`.execute(trx);
      await sql`create table ${ident(states)} partition of signal_states for values from (${upper}) to (maxvalue)`.execute(trx);
      return true;
    });
  } catch (e) {
    if (isLockTimeout(e)) return false;
    throw e;
  }
}

/**
 * Removes a closed id range's partitions of signals and signal_states: detached (which checks that
 * nothing references them any more) and dropped. ACCESS EXCLUSIVE on both tables from here to the
 * caller's commit: call it last in the transaction. Waiting for that lock behind a long reader
 * would hold up every query queued behind it, so it gives up after lock_timeout (error 55P03,
 * isLockTimeout): the caller's transaction is then rolled back and the month is tried again later.
 */
export async function dropSignalPartition(trx: Transaction<DB>, p: SignalPartition, opts: { lockTimeoutMs?: number } = {}): Promise<void> {
  if (p.to === null) throw new Error('the open partition of signals is never dropped');
  await sql`select set_config('lock_timeout', ${`${opts.lockTimeoutMs ?? 5_000}ms`}, true)`.execute(trx);
  await sql`alter table signal_states detach partition ${ident(p.states)}`.execute(trx);
  await sql`alter table signals detach partition ${ident(p.signals)}`.execute(trx);
  await sql`drop table ${ident(p.states)}, ${ident(p.signals)}`.execute(trx);
}
