import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { CASE_AREA as AREA } from './case-area.ts';

type Executor = Kysely<DB> | Transaction<DB>;


/** The statistics area and the worklist's own district of some cases (for the export). */
export async function caseAreas(db: Executor, municipality: string, caseIds: readonly string[]): Promise<Map<string, { area: string; district: string | null }>> {
  if (caseIds.length === 0) return new Map();
  const r = await sql<{ id: string; area: string; district: string | null }>`
    select c.id::text as id, ${AREA} as area, c.district from cases c
    where c.municipality_code = ${municipality} and c.id = any(${caseIds as string[]}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, { area: x.area, district: x.district }]));
}

export interface PeriodFigures {
  /** Cases (now) assigned that were open at some moment of the period. */
  assigned: number;
  pickedUp: number;
  contactAttempts: number;
  closed: number;
  /** Not picked up and past the due date today. */
  overdue: number;
}

/** Per worker of the organisation who may work cases (also those with nothing), for the period from..to (dates, inclusive). */
export async function figuresPerWorker(db: Executor, municipality: string, organisationId: string, from: string, to: string, today: string) {
  const r = await sql<{ id: string; name: string; assigned: number; picked_up: number; attempts: number; closed: number; overdue: number }>`
    with w as (
      select u.id, u.display_name as name from users u
      where u.organisation_id = ${organisationId} and u.disabled_at is null and u.roles && array['municipal_worker', 'municipal_coordinator']::text[]
    ), c as (
      select c.assigned_to,
        count(*) filter (where c.opened_at < ${to}::date + 1 and (c.closed_at is null or c.closed_at >= ${from}::date))::int as assigned,
        count(*) filter (where c.picked_up_on between ${from}::date and ${to}::date)::int as picked_up,
        count(*) filter (where c.closed_at >= ${from}::date and c.closed_at < ${to}::date + 1)::int as closed,
        count(*) filter (where c.status = 'open' and c.due_date < ${today}::date)::int as overdue
      from cases c where c.municipality_code = ${municipality} and c.assigned_to is not null group by c.assigned_to
    ), a as (
      select a.created_by, count(*)::int as attempts from contact_attempts a
      where a.municipality_code = ${municipality} and a.attempted_on between ${from}::date and ${to}::date and a.created_by is not null group by a.created_by
    )
    select w.id::text as id, w.name, coalesce(c.assigned, 0) as assigned, coalesce(c.picked_up, 0) as picked_up, coalesce(a.attempts, 0) as attempts,
      coalesce(c.closed, 0) as closed, coalesce(c.overdue, 0) as overdue
    from w left join c on c.assigned_to = w.id left join a on a.created_by = w.id
    order by w.name, w.id`.execute(db);
  return r.rows.map((x) => ({ userId: x.id, name: x.name, assigned: x.assigned, pickedUp: x.picked_up, contactAttempts: x.attempts, closed: x.closed, overdue: x.overdue }));
}

/** Per district (or PC4 area): cases that came in, were picked up and closed in the period; open and overdue today. */
export async function figuresPerArea(db: Executor, municipality: string, from: string, to: string, today: string) {
  const r = await sql<{ area: string; from_table: boolean; new_cases: number; picked_up: number; closed: number; open: number; overdue: number }>`
    select ${AREA} as area, bool_or(coalesce(c.district_code, '') <> '') as from_table,
      count(*) filter (where c.matching_date between ${from}::date and ${to}::date)::int as new_cases,
      count(*) filter (where c.picked_up_on between ${from}::date and ${to}::date)::int as picked_up,
      count(*) filter (where c.closed_at >= ${from}::date and c.closed_at < ${to}::date + 1)::int as closed,
      count(*) filter (where c.status <> 'closed')::int as open,
      count(*) filter (where c.status = 'open' and c.due_date < ${today}::date)::int as overdue
    from cases c where c.municipality_code = ${municipality}
      and (c.status <> 'closed' or c.matching_date between ${from}::date and ${to}::date or c.closed_at >= ${from}::date)
    group by 1 order by 1`.execute(db);
  return r.rows
    .map((x) => ({ area: x.area, cbs: x.from_table, newCases: x.new_cases, pickedUp: x.picked_up, closed: x.closed, open: x.open, overdue: x.overdue }))
    .filter((x) => x.newCases + x.pickedUp + x.closed + x.open > 0);
}
