import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The facts a rule can look at that matching may change; equal to the partial index in 004_worklist.sql. */
const STAMP = sql`(c.signal_count * 8 + (case when c.multiple then 4 else 0 end) + (case when c.consecutive then 2 else 0 end) + (case when c.crisis then 1 else 0 end))`;
const ACTIVE = sql`c.status <> 'closed'`;

// ---- queues, rules, districts -------------------------------------------------------------

export interface QueueRow {
  id: string;
  name: string;
  approach: 'letter' | 'phone' | 'home_visit';
  position: number;
}

export async function listQueues(db: Executor, municipality: string): Promise<QueueRow[]> {
  const r = await db.selectFrom('worklist_queues').select(['id', 'name', 'approach', 'position']).where('municipality_code', '=', municipality).orderBy('position').orderBy('id').execute();
  return r.map((q) => ({ ...q, id: String(q.id) }));
}

/** Queue names by id, with their municipality's code when several municipalities are in view ("Brieven (GM0363)"). */
export async function queueNames(db: Executor, ids: readonly string[], withMunicipality: boolean): Promise<Record<string, string>> {
  const valid = ids.filter((id) => /^\d+$/.test(id));
  if (valid.length === 0) return {};
  const r = await db.selectFrom('worklist_queues').select(['id', 'name', 'municipality_code']).where('id', 'in', valid).execute();
  return Object.fromEntries(r.map((q) => [String(q.id), withMunicipality ? `${q.name} (${q.municipality_code})` : q.name]));
}

export async function insertQueue(db: Executor, municipality: string, q: { name: string; approach: QueueRow['approach']; position: number }): Promise<string> {
  const r = await db.insertInto('worklist_queues').values({ municipality_code: municipality, ...q }).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

export async function updateQueue(db: Executor, municipality: string, id: string, q: { name: string; approach: QueueRow['approach']; position: number }): Promise<boolean> {
  const r = await db.updateTable('worklist_queues').set({ ...q, updated_at: new Date() }).where('municipality_code', '=', municipality).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteQueue(db: Executor, municipality: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('worklist_queues').where('municipality_code', '=', municipality).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function queueNameTaken(db: Executor, municipality: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('worklist_queues').select('id').where('municipality_code', '=', municipality).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface RuleRow {
  id: string;
  queueId: string;
  position: number;
  conditions: unknown;
}

export async function listRules(db: Executor, municipality: string): Promise<RuleRow[]> {
  const r = await db.selectFrom('worklist_rules').select(['id', 'queue_id', 'position', 'conditions']).where('municipality_code', '=', municipality).orderBy('position').orderBy('id').execute();
  return r.map((x) => ({ id: String(x.id), queueId: String(x.queue_id), position: x.position, conditions: x.conditions }));
}

export async function insertRule(db: Executor, municipality: string, r: { queueId: string; position: number; conditions: unknown }): Promise<string> {
  const row = await db
    .insertInto('worklist_rules')
    .values({ municipality_code: municipality, queue_id: r.queueId, position: r.position, conditions: JSON.stringify(r.conditions) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export async function updateRule(db: Executor, municipality: string, id: string, r: { queueId: string; position: number; conditions: unknown }): Promise<boolean> {
  const res = await db
    .updateTable('worklist_rules')
    .set({ queue_id: r.queueId, position: r.position, conditions: JSON.stringify(r.conditions), updated_at: new Date() })
    .where('municipality_code', '=', municipality)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteRule(db: Executor, municipality: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('worklist_rules').where('municipality_code', '=', municipality).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Renumbers rules 10, 20, 30… in the given order (moving one up or down swaps neighbours). */
export async function renumberRules(db: Executor, municipality: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  await sql`update worklist_rules r set position = v.pos, updated_at = now()
    from unnest(${orderedIds as string[]}::bigint[], ${orderedIds.map((_, i) => (i + 1) * 10)}::int4[]) as v(id, pos)
    where r.id = v.id and r.municipality_code = ${municipality}`.execute(db);
}

export async function listDistricts(db: Executor, municipality: string) {
  const r = await db.selectFrom('municipality_districts').select(['name', 'pc4_from', 'pc4_to']).where('municipality_code', '=', municipality).orderBy('pc4_from').execute();
  return r.map((d) => ({ name: d.name, pc4From: d.pc4_from, pc4To: d.pc4_to }));
}

export async function insertDistricts(db: Executor, municipality: string, districts: ReadonlyArray<{ name: string; pc4From: number; pc4To: number }>): Promise<void> {
  if (districts.length === 0) return;
  await db
    .insertInto('municipality_districts')
    .values(districts.map((d) => ({ municipality_code: municipality, name: d.name, pc4_from: d.pc4From, pc4_to: d.pc4To })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The CBS districts (wijk codes) of a municipality's open cases, for rules when it defined no districts of its own. */
export async function cbsDistrictsInUse(db: Executor, municipality: string): Promise<string[]> {
  const r = await sql<{ d: string }>`select distinct district_code as d from cases
    where municipality_code = ${municipality} and status <> 'closed' and district_code <> '' order by 1 limit 1000`.execute(db);
  return r.rows.map((x) => x.d);
}

// ---- classification ----------------------------------------------------------------------------

export interface UnclassifiedCase {
  id: string;
  addressKey: string;
  signalTypes: string[];
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  ageGroup: string | null;
  queueId: string | null;
  stamp: number;
  amountCents: number | null;
  deadline: string;
  matchingDate: string;
  /** CBS district code from the address table ('' when the table does not list the address). */
  districtCode: string | null;
}

/** Open cases whose facts changed since they were classified (partial index: usually none). */
export async function unclassifiedCases(db: Executor, municipality: string, limit: number): Promise<UnclassifiedCase[]> {
  const r = await sql<{ id: string; address_key: string; signal_types: string[]; multiple: boolean; consecutive: boolean; crisis: boolean; age_group: string | null; queue_id: string | null; stamp: number; amount: string | null; deadline: string; matching_date: string; district_code: string | null }>`
    select c.id::text as id, c.address_key, c.district_code, c.signal_types, c.multiple, c.consecutive, c.crisis, c.age_group, c.queue_id::text as queue_id, ${STAMP} as stamp,
      to_char(c.deadline, 'YYYY-MM-DD') as deadline, to_char(c.matching_date, 'YYYY-MM-DD') as matching_date,
      (select sum(s.amount_cents) from signal_states s where s.case_id = c.id)::text as amount
    from cases c
    where c.municipality_code = ${municipality} and ${ACTIVE} and c.classified_stamp is distinct from ${STAMP}
    order by c.id limit ${limit}
    -- two readers of the worklist at once: each classifies different cases
    for update of c skip locked`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    addressKey: x.address_key,
    districtCode: x.district_code,
    signalTypes: x.signal_types,
    multiple: x.multiple,
    consecutive: x.consecutive,
    crisis: x.crisis,
    ageGroup: x.age_group,
    queueId: x.queue_id,
    stamp: Number(x.stamp),
    amountCents: x.amount === null ? null : Number(x.amount),
    deadline: x.deadline,
    matchingDate: x.matching_date,
  }));
}

export async function writeClassification(
  db: Executor,
  rows: ReadonlyArray<{ id: string; queueId: string | null; ruleId: string | null; amountCents: number | null; district: string | null; stamp: number; dueDate: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`update cases c set queue_id = v.queue_id, queue_rule_id = v.rule_id, amount_cents = v.amount, district = v.district, classified_stamp = v.stamp, due_date = v.due
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.queueId)}::bigint[], ${rows.map((r) => r.ruleId)}::bigint[],
      ${rows.map((r) => r.amountCents)}::bigint[], ${rows.map((r) => r.district)}::text[], ${rows.map((r) => r.stamp)}::int4[], ${rows.map((r) => r.dueDate)}::date[])
      as v(id, queue_id, rule_id, amount, district, stamp, due)
    where c.id = v.id`.execute(db);
}

/** After the framework or the own target changed: every open case is classified again. */
export async function forgetClassification(db: Executor, municipality: string): Promise<void> {
  await sql`update cases c set classified_stamp = null where c.municipality_code = ${municipality} and ${ACTIVE} and c.classified_stamp is not null`.execute(db);
}

/** The facts of all open cases, for the framework's preview counts. */
export async function openCaseFacts(db: Executor, municipality: string) {
  const r = await sql<{ signal_types: string[]; amount_cents: string | null; multiple: boolean; consecutive: boolean; crisis: boolean; age_group: string | null; district: string | null }>`
    select c.signal_types, c.amount_cents::text as amount_cents, c.multiple, c.consecutive, c.crisis, c.age_group, c.district
    from cases c where c.municipality_code = ${municipality} and ${ACTIVE}`.execute(db);
  return r.rows.map((x) => ({
    signalTypes: x.signal_types,
    amountCents: x.amount_cents === null ? null : Number(x.amount_cents),
    multiple: x.multiple,
    consecutive: x.consecutive,
    crisis: x.crisis,
    ageGroup: x.age_group,
    district: x.district,
  }));
}

// ---- the worklist ------------------------------------------------------------------------------

export interface WorklistQuery {
  municipality: string;
  today: string;
  contactTargetDays: number | null;
  /** 'all', a queue id, or 'none' (no rule caught the case). */
  queue: string;
  status: 'active' | Exclude<CaseStatus, 'closed'>;
  /** '' anyone, 'none' unassigned, or a user id. */
  assignedTo: string;
  overdueOnly: boolean;
  crisisOnly: boolean;
  signalType: string;
  search: { caseId?: string; postcodePrefix?: string; surnameKey?: string } | undefined;
  sort: 'due' | 'opened' | 'amount' | 'signals';
  limit: number;
  offset: number;
}

export interface WorklistRow {
  id: string;
  addressKey: string;
  status: CaseStatus;
  signalTypes: string[];
  signalCount: number;
  amountCents: number | null;
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  deadline: string;
  matchingDate: string;
  openedAt: Date;
  assignedTo: string | null;
  assignedName: string | null;
  queueId: string | null;
}

/** The stored due date (classification sets it from the deadline and the own target), so an index serves order and counts. */
function dueExpr(_target: number | null): RawBuilder<unknown> {
  return sql`c.due_date`;
}

function whereOf(q: WorklistQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`c.municipality_code = ${q.municipality}`];
  parts.push(q.status === 'active' ? ACTIVE : sql`c.status = ${q.status}`);
  if (q.queue === 'none') parts.push(sql`c.queue_id is null`);
  else if (q.queue !== 'all') parts.push(sql`c.queue_id = ${q.queue}::bigint`);
  if (q.assignedTo === 'none') parts.push(sql`c.assigned_to is null`);
  else if (q.assignedTo) parts.push(sql`c.assigned_to = ${q.assignedTo}::uuid`);
  if (q.overdueOnly) parts.push(sql`c.status = 'open' and ${dueExpr(q.contactTargetDays)} < ${q.today}::date`);
  if (q.crisisOnly) parts.push(sql`c.crisis`);
  if (q.signalType) parts.push(sql`${q.signalType} = any(c.signal_types)`);
  if (q.search?.caseId) parts.push(sql`c.id = ${q.search.caseId}::bigint`);
  if (q.search?.postcodePrefix) parts.push(sql`c.address_key like ${`${q.search.postcodePrefix}%`}`);
  if (q.search?.surnameKey) parts.push(sql`c.surname_key like ${`${q.search.surnameKey}%`}`);
  return sql.join(parts, sql` and `);
}

function orderOf(q: WorklistQuery): RawBuilder<unknown> {
  switch (q.sort) {
    case 'opened':
      return sql`c.opened_at desc, c.id desc`;
    case 'amount':
      return sql`c.amount_cents desc nulls last, c.id`;
    case 'signals':
      return sql`c.signal_count desc, c.id`;
    default:
      return sql`${dueExpr(q.contactTargetDays)}, c.id`;
  }
}

export async function worklistPage(db: Executor, q: WorklistQuery): Promise<WorklistRow[]> {
  const r = await sql<{
    id: string;
    address_key: string;
    status: WorklistRow['status'];
    signal_types: string[];
    signal_count: number;
    amount_cents: string | null;
    multiple: boolean;
    consecutive: boolean;
    crisis: boolean;
    deadline: string;
    matching_date: string;
    opened_at: Date;
    assigned_to: string | null;
    assigned_name: string | null;
    queue_id: string | null;
  }>`
    select c.id::text as id, c.address_key, c.status, c.signal_types, c.signal_count, c.amount_cents::text as amount_cents, c.multiple, c.consecutive, c.crisis,
      to_char(c.deadline, 'YYYY-MM-DD') as deadline, to_char(c.matching_date, 'YYYY-MM-DD') as matching_date, c.opened_at, c.assigned_to::text as assigned_to,
      u.display_name as assigned_name, c.queue_id::text as queue_id
    from (select c.* from cases c where ${whereOf(q)} order by ${orderOf(q)} limit ${q.limit} offset ${q.offset}) c
    left join users u on u.id = c.assigned_to
    order by ${orderOf(q)}`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    addressKey: x.address_key,
    status: x.status,
    signalTypes: x.signal_types,
    signalCount: x.signal_count,
    amountCents: x.amount_cents === null ? null : Number(x.amount_cents),
    multiple: x.multiple,
    consecutive: x.consecutive,
    crisis: x.crisis,
    deadline: x.deadline,
    matchingDate: x.matching_date,
    openedAt: x.opened_at,
    assignedTo: x.assigned_to,
    assignedName: x.assigned_name,
    queueId: x.queue_id,
  }));
}

export async function worklistCount(db: Executor, q: WorklistQuery): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from cases c where ${whereOf(q)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Open (not closed) cases per queue, and how many of them are overdue. */
export async function queueCounts(db: Executor, municipality: string, today: string, contactTargetDays: number | null): Promise<Array<{ queueId: string | null; open: number; overdue: number }>> {
  const r = await sql<{ queue_id: string | null; open: number; overdue: number }>`
    select c.queue_id::text as queue_id, count(*)::int as open,
      (count(*) filter (where c.status = 'open' and ${dueExpr(contactTargetDays)} < ${today}::date))::int as overdue
    from cases c where c.municipality_code = ${municipality} and ${ACTIVE}
    group by c.queue_id`.execute(db);
  return r.rows.map((x) => ({ queueId: x.queue_id, open: x.open, overdue: x.overdue }));
}

/** Assigns cases of this municipality (only open or picked-up ones); returns the ids it changed. */
export async function assignCases(db: Executor, municipality: string, caseIds: readonly string[], userId: string | null): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const r = await sql<{ id: string }>`
    update cases c set assigned_to = ${userId}::uuid
    where c.municipality_code = ${municipality} and c.id = any(${caseIds as string[]}::bigint[]) and ${ACTIVE}
      and c.assigned_to is distinct from ${userId}::uuid
    returning c.id::text as id`.execute(db);
  return r.rows.map((x) => x.id);
}

// ---- workload (open cases per worker, inflow per week) -------------------------------------------

export async function openCasesPerWorker(db: Executor, municipality: string, today: string, contactTargetDays: number | null) {
  const r = await sql<{ assigned_to: string | null; name: string | null; open: number; overdue: number }>`
    select c.assigned_to::text as assigned_to, u.display_name as name, count(*)::int as open,
      (count(*) filter (where c.status = 'open' and ${dueExpr(contactTargetDays)} < ${today}::date))::int as overdue
    from cases c left join users u on u.id = c.assigned_to
    where c.municipality_code = ${municipality} and ${ACTIVE}
    group by 1, 2 order by 3 desc`.execute(db);
  return r.rows.map((x) => ({ userId: x.assigned_to, name: x.name, open: x.open, overdue: x.overdue }));
}

/** New cases per week (Monday) since `from`. */
export async function inflowPerWeek(db: Executor, municipality: string, from: string): Promise<Map<string, number>> {
  const r = await sql<{ week: string; n: number }>`
    select to_char(date_trunc('week', c.matching_date::timestamp), 'YYYY-MM-DD') as week, count(*)::int as n
    from cases c where c.municipality_code = ${municipality} and c.matching_date >= ${from}::date
    group by 1`.execute(db);
  return new Map(r.rows.map((x) => [x.week, x.n]));
}

/** Users of the organisation who may work cases (for assignment). */
export async function caseWorkers(db: Executor, organisationId: string): Promise<Array<{ id: string; name: string }>> {
  const r = await sql<{ id: string; display_name: string }>`
    select id::text as id, display_name from users
    where organisation_id = ${organisationId} and disabled_at is null
      and roles && array['municipal_worker', 'municipal_coordinator']::text[]
    order by display_name`.execute(db);
  return r.rows.map((x) => ({ id: x.id, name: x.display_name }));
}
