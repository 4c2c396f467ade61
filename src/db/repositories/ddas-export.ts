import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';
import type { CaseFacts, ContactAttemptFacts, SignalFacts } from '../../domain/ddas/map-delivery.ts';
import type { ContactAttemptsSource } from './contact-attempts-source.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface DeliveryScope {
  municipalities: readonly string[] | null;
  from: string;
  to: string;
}

// A delivery holds the signals matching has taken in (signal_states, alias st): every signal within
// one matching round of its arrival.
const inScope = (s: DeliveryScope) =>
  s.municipalities
    ? sql`st.municipality_code = any(${[...s.municipalities]}::text[]) and st.signal_date between ${s.from}::date and ${s.to}::date`
    : sql`st.signal_date between ${s.from}::date and ${s.to}::date`;

export async function countDeliverySignals(db: Executor, scope: DeliveryScope): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from signal_states st where ${inScope(scope)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export interface DeliverySignalRow extends SignalFacts {
  municipalityCode: string;
  subjectPseudonym: string;
}

/**
 * One page of the signals in a delivery, per municipality, a case's signals of the period side by
 * side (ordered by the case's first signal of the period, then by id; a signal without a case by
 * its own id): stable across pages, and a case's signals are split over two pages only where a page
 * boundary falls among them.
 */
export async function pageDeliverySignals(db: Executor, scope: DeliveryScope, offset: number, limit: number, withClient: boolean): Promise<DeliverySignalRow[]> {
  const client = withClient
    ? sql`, s.bsn, s.initials, s.prefix, s.surname, s.street, s.postcode, s.house_number, s.house_number_addition, s.city`
    : sql``;
  const r = await sql<Record<string, string | boolean | null>>`
    select s.id::text as id, st.municipality_code, st.signal_type, st.signal_date::text as signal_date, s.arrear_start_date::text as arrear_start_date,
      st.amount_cents::text as amount_cents, st.crisis, st.status, c.status as case_status, s.subject_pseudonym ${client}
    from signal_states st join signals s on s.id = st.signal_id left join cases c on c.id = st.case_id
    where ${inScope(scope)}
    order by st.municipality_code,
      case when st.case_id is null then st.signal_id else min(st.signal_id) over (partition by st.case_id) end,
      st.signal_id
    offset ${offset} limit ${limit}`.execute(db);
  return r.rows.map((x) => ({
    id: String(x.id),
    municipalityCode: String(x.municipality_code),
    signalType: String(x.signal_type),
    signalDate: String(x.signal_date),
    arrearStartDate: (x.arrear_start_date as string | null) ?? null,
    amountCents: x.amount_cents === null ? null : Number(x.amount_cents),
    crisis: x.crisis === true,
    status: String(x.status),
    caseStatus: (x.case_status as CaseStatus | null) ?? null,
    subjectPseudonym: String(x.subject_pseudonym),
    ...(withClient
      ? {
          client: {
            bsn: x.bsn as string | null,
            initials: x.initials as string | null,
            prefix: x.prefix as string | null,
            surname: x.surname as string | null,
            street: x.street as string | null,
            postcode: x.postcode as string | null,
            houseNumber: x.house_number as string | null,
            houseNumberAddition: x.house_number_addition as string | null,
            city: x.city as string | null,
          },
        }
      : {}),
  }));
}

export interface DeliveryCaseRow extends CaseFacts {
  municipalityCode: string;
  /** The case's first signal within the delivery's scope: the page that carries it carries the case. */
  firstInScope: string | null;
}

/**
 * The cases of the given signals, each with its signal ids among them: a case refers only to
 * signals its own message carries (never to one outside the delivery's period or page).
 */
export async function casesOfSignals(db: Executor, scope: DeliveryScope, signalIds: readonly string[]): Promise<DeliveryCaseRow[]> {
  if (signalIds.length === 0) return [];
  const r = await sql<{ id: string; municipality_code: string; result: string | null; matching_date: string; matching_period_start: string; matching_period_end: string; picked_up_on: string | null; ids: string[] | null; first_in_scope: string | null }>`
    select c.id::text as id, c.municipality_code, c.result, c.matching_date::text as matching_date, c.matching_period_start::text as matching_period_start,
      c.matching_period_end::text as matching_period_end, c.picked_up_on::text as picked_up_on,
      array_agg(st.signal_id::text order by st.signal_id) filter (where st.signal_id = any(${[...signalIds]}::bigint[])) as ids,
      (min(st.signal_id) filter (where ${inScope(scope)}))::text as first_in_scope
    from cases c join signal_states st on st.case_id = c.id
    where c.id in (select distinct case_id from signal_states where signal_id = any(${[...signalIds]}::bigint[]) and case_id is not null)
    group by c.id`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    municipalityCode: x.municipality_code,
    result: x.result,
    matchingDate: x.matching_date,
    matchingPeriodStart: x.matching_period_start,
    matchingPeriodEnd: x.matching_period_end,
    pickedUpOn: x.picked_up_on,
    signalIds: x.ids ?? [],
    contactAttempts: [],
    firstInScope: x.first_in_scope,
  }));
}

/** The contact attempts of the given cases, when the worklist records them. */
export async function contactAttemptsOf(db: Executor, source: ContactAttemptsSource | undefined, caseIds: readonly string[]): Promise<Map<string, ContactAttemptFacts[]>> {
  const out = new Map<string, ContactAttemptFacts[]>();
  if (!source || caseIds.length === 0) return out;
  const kind = source.kind ? sql`a.${sql.ref(source.kind)}::text` : sql`'Overige'`;
  const part = source.partOfDay ? sql`a.${sql.ref(source.partOfDay)}::text` : sql`null::text`;
  const r = await sql<{ case_id: string; at: Date | string; reached: boolean; kind: string; part: string | null }>`
    select a.${sql.ref(source.caseId)}::text as case_id, a.${sql.ref(source.at)} as at, a.${sql.ref(source.reached)} as reached, ${kind} as kind, ${part} as part
    from ${sql.table(source.table)} a where a.${sql.ref(source.caseId)} = any(${[...caseIds]}::bigint[])`.execute(db);
  for (const x of r.rows) {
    const list = out.get(x.case_id) ?? [];
    const partOfDay = x.part === 'Ochtend' || x.part === 'Middag' || x.part === 'Avond' ? x.part : null;
    list.push({ kind: x.kind, reached: x.reached, at: source.atIsTimestamp ? new Date(x.at) : String(x.at).slice(0, 10), partOfDay });
    out.set(x.case_id, list);
  }
  return out;
}

export async function municipalityNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const r = await db.selectFrom('organisations').select(['municipality_code', 'name']).where('municipality_code', 'in', [...codes]).execute();
  return new Map(r.map((x) => [x.municipality_code!, x.name]));
}

/** A municipality matching the DDAS request's "aanleverende_organisatie": its code (GM0363 or 0363) or its name. */
export async function findMunicipalityByDeliverer(db: Executor, deliverer: string): Promise<string | undefined> {
  const code = /^\d{4}$/.test(deliverer) ? `GM${deliverer}` : deliverer.toUpperCase();
  const r = await db
    .selectFrom('organisations')
    .select('municipality_code')
    .where('kind', '=', 'municipality')
    .where((eb) => eb.or([eb('municipality_code', '=', code), eb(eb.fn('lower', ['name']), '=', deliverer.toLowerCase())]))
    .executeTakeFirst();
  return r?.municipality_code ?? undefined;
}
