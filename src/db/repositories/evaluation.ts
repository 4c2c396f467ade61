import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { formatCitation } from '../../domain/rules/format-citation.ts';
import type { DB } from '../schema.ts';
import type { CaseCell, CaseKey, EvaluationFilter, RefusalReasonCell, RefusedCell, SignalCell } from '../../domain/evaluation/cells.ts';
import { RESULTS_HELP_ACCEPTED, RESULTS_NOT_PICKED_UP, RESULTS_WITH_CONTACT } from '../../domain/ddas/vocabulary.ts';
import type { ContactAttemptsSource } from './contact-attempts-source.ts';
import { CASE_AREA } from './case-area.ts';

type Executor = Kysely<DB> | Transaction<DB>;

const TRUE = sql<boolean>`true`;
const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` and `) : TRUE);

/** The case property a breakdown asks for, over a case aliased `c` (null when the signal has no case). */
function caseKeyOf(key: CaseKey | undefined): RawBuilder<unknown> {
  switch (key) {
    case 'arm':
      return sql`c.experiment_arm`;
    case 'district':
      return CASE_AREA;
    case 'queue':
      return sql`c.queue_id::text`;
    default:
      return sql`''`;
  }
}

/**
 * One pass over the signals matching has taken in (signal_states: every signal within one matching round of its arrival): counts and sums per month × municipality × signal type
 * (× the case property of a breakdown, which joins each signal to its case). Everything else (partner type, totals) is rolled up from these cells in memory.
 * Definitions: src/domain/evaluation/definitions.ts (accepted, matched).
 */
export async function signalCells(db: Executor, f: EvaluationFilter): Promise<SignalCell[]> {
  const where = [sql`s.signal_date between ${f.from}::date and ${f.to}::date`];
  if (f.municipalities?.length) where.push(sql`s.municipality_code = any(${[...f.municipalities]}::text[])`);
  if (f.signalTypes?.length) where.push(sql`s.signal_type = any(${[...f.signalTypes]}::text[])`);
  if (f.arms?.length) where.push(sql`s.case_id in (select id from cases where experiment_arm = any(${[...f.arms]}::text[]))`);
  if (f.experiment) where.push(sql`s.case_id in (select id from cases where split_part(experiment_arm, '/', 1) = ${f.experiment})`);
  const join = f.caseKey ? sql`left join cases c on c.id = s.case_id` : sql``;
  const r = await sql<Record<string, string | number | null>>`
    select to_char(date_trunc('month', s.signal_date), 'YYYY-MM') as month, s.municipality_code, s.signal_type,
      coalesce(${caseKeyOf(f.caseKey)}, '') as case_key,
      count(*)::int as signals,
      count(*) filter (where s.crisis)::int as crisis,
      count(*) filter (where s.repeat_of is not null)::int as repeats,
      count(s.case_id)::int as in_case,
      count(s.amount_cents)::int as with_amount,
      coalesce(sum(s.amount_cents), 0)::float8 as amount_sum,
      count(*) filter (where s.amount_cents < 30000)::int as b1,
      count(*) filter (where s.amount_cents >= 30000 and s.amount_cents < 100000)::int as b2,
      count(*) filter (where s.amount_cents >= 100000 and s.amount_cents < 250000)::int as b3,
      count(*) filter (where s.amount_cents >= 250000)::int as b4
    from signal_states s ${join}
    where ${and(where)}
    group by 1, 2, 3, 4`.execute(db);
  return r.rows.map((x) => ({
    month: String(x.month),
    municipality: String(x.municipality_code),
    signalType: String(x.signal_type),
    caseKey: String(x.case_key ?? ''),
    signals: Number(x.signals),
    crisis: Number(x.crisis),
    repeats: Number(x.repeats),
    inCase: Number(x.in_case),
    withAmount: Number(x.with_amount),
    amountSumCents: Number(x.amount_sum),
    bandUnder300: Number(x.b1),
    band300To1000: Number(x.b2),
    band1000To2500: Number(x.b3),
    band2500Plus: Number(x.b4),
  }));
}

function refusedWhere(f: EvaluationFilter) {
  // A refused row is dated by the signal date its sender wrote, else by when the batch came in.
  const where = [sql`br.outcome = 'refused'`, sql`coalesce(br.signal_date, b.created_at::date) between ${f.from}::date and ${f.to}::date`];
  if (f.municipalities?.length) where.push(sql`br.municipality_code = any(${[...f.municipalities]}::text[])`);
  if (f.signalTypes?.length) where.push(sql`br.signal_type = any(${[...f.signalTypes]}::text[])`);
  return and(where);
}

/** Refused rows per month × municipality × signal type (as sent). Refusals never belong to an arm. */
export async function refusedCells(db: Executor, f: EvaluationFilter): Promise<RefusedCell[]> {
  const r = await sql<{ month: string; municipality_code: string | null; signal_type: string | null; n: number }>`
    select to_char(date_trunc('month', coalesce(br.signal_date, b.created_at::date)), 'YYYY-MM') as month,
      br.municipality_code, br.signal_type, count(*)::int as n
    from batch_rows br join batches b on b.id = br.batch_id
    where ${refusedWhere(f)}
    group by 1, 2, 3`.execute(db);
  return r.rows.map((x) => ({ month: x.month, municipality: x.municipality_code ?? '', signalType: x.signal_type ?? '', refusedRows: Number(x.n) }));
}

/** Refusal reasons: each refusal of a row once, by its code and the article it cites. */
export async function refusalReasonCells(db: Executor, f: EvaluationFilter): Promise<RefusalReasonCell[]> {
  const r = await sql<{
    month: string;
    municipality_code: string | null;
    signal_type: string | null;
    code: string | null;
    title: string | null;
    article: string | null;
    paragraph: string | null;
    item: string | null;
    n: number;
  }>`
    select to_char(date_trunc('month', coalesce(br.signal_date, b.created_at::date)), 'YYYY-MM') as month,
      br.municipality_code, br.signal_type, x.r ->> 'code' as code,
      x.r -> 'citation' ->> 'title' as title, x.r -> 'citation' ->> 'article' as article,
      x.r -> 'citation' ->> 'paragraph' as paragraph, x.r -> 'citation' ->> 'item' as item,
      count(*)::int as n
    from batch_rows br join batches b on b.id = br.batch_id
      cross join lateral jsonb_array_elements(case when jsonb_typeof(br.refusals) = 'array' then br.refusals else '[]'::jsonb end) as x(r)
    where ${refusedWhere(f)}
    group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
  return r.rows.map((x) => ({
    month: x.month,
    municipality: x.municipality_code ?? '',
    signalType: x.signal_type ?? '',
    code: x.code ?? '',
    article:
      x.article === null
        ? ''
        : formatCitation({ title: x.title ?? '', article: x.article, ...(x.paragraph === null ? {} : { paragraph: x.paragraph }), ...(x.item === null ? {} : { item: x.item }) }),
    count: Number(x.n),
  }));
}

/** A contact attempt (alias `a`) towards the resident: every kind but an administrative step. */
const towardsResident = (attempts: ContactAttemptsSource) => (attempts.kind ? sql`a.${sql.ref(attempts.kind)}::text <> 'Administratief'` : sql`true`);

/**
 * One pass over cases: the funnel, timeliness, overlap and household counts per month ×
 * municipality × arm × combination of signal types (× the case property of a breakdown). Each
 * figure as src/domain/evaluation/definitions.ts defines it, so that the funnel's stages nest:
 * picked up ⊇ contact attempted ⊇ reached ⊇ help accepted. With contact attempts recorded, first
 * contact is the first attempt; otherwise the day the case was picked up and "reached" follows
 * from the end result.
 *
 * A case belongs to the period of its first signal; with a filter on signal types, of its first
 * signal of those types (so that it holds a matched signal of the same selection and month).
 */
export async function caseCells(db: Executor, f: EvaluationFilter, attempts: ContactAttemptsSource | undefined): Promise<CaseCell[]> {
  const typed = !!f.signalTypes?.length;
  // the date of the case's first signal of the selected types, looked up once per case
  const typedFirst = typed
    ? sql`cross join lateral (select min(st.signal_date) as first_date from signal_states st where st.case_id = c.id and st.signal_type = any(${[...f.signalTypes!]}::text[])) tf`
    : sql``;
  const basis = typed ? sql`tf.first_date` : sql`c.first_signal_date`;
  const where = [sql`${basis} between ${f.from}::date and ${f.to}::date`];
  if (f.municipalities?.length) where.push(sql`c.municipality_code = any(${[...f.municipalities]}::text[])`);
  if (typed) where.push(sql`c.signal_types && ${[...f.signalTypes!]}::text[]`);
  if (f.arms?.length) where.push(sql`c.experiment_arm = any(${[...f.arms]}::text[])`);
  if (f.experiment) where.push(sql`split_part(c.experiment_arm, '/', 1) = ${f.experiment}`);
  const help = [...RESULTS_HELP_ACCEPTED];
  const contactResults = [...RESULTS_WITH_CONTACT];
  const notPickedUpResults = [...RESULTS_NOT_PICKED_UP];

  // An administrative step is no attempt to reach the resident (and does not pick a case up).
  const ca = attempts
    ? sql`left join (
        select a.${sql.ref(attempts.caseId)} as case_id,
          min(a.${sql.ref(attempts.at)}) filter (where ${towardsResident(attempts)})::date as first_at,
          bool_or(a.${sql.ref(attempts.reached)}) filter (where ${towardsResident(attempts)}) as reached,
          bool_or(${towardsResident(attempts)}) as towards_resident
        from ${sql.table(attempts.table)} a group by 1) ca on ca.case_id = c.id`
    : sql``;
  const firstContact = attempts ? sql`ca.first_at` : sql`c.picked_up_on`;
  const reachedIf = attempts ? sql`(coalesce(ca.reached, false) or c.result = any(${contactResults}::text[]))` : sql`(c.result = any(${contactResults}::text[]))`;
  const attemptedIf = attempts ? sql`(coalesce(ca.towards_resident, false) or ${reachedIf})` : null;
  const pickedUpIf = sql`(c.picked_up_on is not null or (c.result is not null and not c.result = any(${notPickedUpResults}::text[])) or ${attemptedIf ?? reachedIf})`;
  const month = sql`date_trunc('month', ${basis})`;

  const r = await sql<Record<string, unknown>>`
    select to_char(${month}, 'YYYY-MM') as month, c.municipality_code,
      coalesce(c.experiment_arm, '') as arm, c.signal_types, coalesce(${caseKeyOf(f.caseKey)}, '') as case_key,
      count(*)::int as cases,
      coalesce(sum(c.signal_count), 0)::int as signals_in_cases,
      count(*) filter (where c.multiple)::int as multiple,
      count(*) filter (where c.consecutive)::int as consecutive,
      count(*) filter (where c.crisis)::int as crisis,
      count(*) filter (where c.known_via_standard_signals)::int as known,
      count(*) filter (where c.has_experimental_signal)::int as experimental,
      count(*) filter (where c.has_experimental_signal and not c.known_via_standard_signals)::int as experimental_new,
      count(*) filter (where c.signal_count <= 1)::int as h1,
      count(*) filter (where c.signal_count = 2)::int as h2,
      count(*) filter (where c.signal_count = 3)::int as h3,
      count(*) filter (where c.signal_count >= 4)::int as h4,
      count(*) filter (where ${pickedUpIf})::int as picked_up,
      ${attemptedIf ? sql`count(*) filter (where ${attemptedIf})::int` : sql`null::int`} as attempted,
      count(*) filter (where ${reachedIf})::int as reached,
      count(*) filter (where c.result = any(${help}::text[]))::int as help_accepted,
      count(c.result)::int as with_outcome,
      count(*) filter (where c.result = any(${notPickedUpResults}::text[]) and not ${pickedUpIf})::int as not_picked_up,
      count(${firstContact})::int as first_contact,
      count(*) filter (where ${firstContact} <= c.deadline)::int as on_time,
      count(*) filter (where ${firstContact} > c.deadline)::int as late,
      count(*) filter (where ${firstContact} is null and c.status <> 'closed' and c.deadline < ${f.today}::date)::int as overdue,
      coalesce(sum(greatest(${firstContact} - c.matching_date, 0)), 0)::float8 as days_sum
    from cases c ${typedFirst} ${ca}
    where ${and(where)}
    group by 1, 2, 3, 4, 5`.execute(db);
  return r.rows.map((x) => ({
    month: String(x.month),
    municipality: String(x.municipality_code),
    arm: String(x.arm),
    signalTypes: x.signal_types as string[],
    caseKey: String(x.case_key ?? ''),
    cases: Number(x.cases),
    signalsInCases: Number(x.signals_in_cases),
    multiple: Number(x.multiple),
    consecutive: Number(x.consecutive),
    crisis: Number(x.crisis),
    known: Number(x.known),
    experimental: Number(x.experimental),
    experimentalNew: Number(x.experimental_new),
    households1: Number(x.h1),
    households2: Number(x.h2),
    households3: Number(x.h3),
    households4Plus: Number(x.h4),
    pickedUp: Number(x.picked_up),
    contactAttempted: x.attempted === null ? null : Number(x.attempted),
    reached: Number(x.reached),
    helpAccepted: Number(x.help_accepted),
    withOutcome: Number(x.with_outcome),
    notPickedUp: Number(x.not_picked_up),
    firstContact: Number(x.first_contact),
    onTime: Number(x.on_time),
    late: Number(x.late),
    overdueOpen: Number(x.overdue),
    daysToFirstContactSum: Number(x.days_sum),
  }));
}

/** Creditor organisations that delivered accepted signals in the filter (for the cost model). */
export async function countCreditors(db: Executor, f: EvaluationFilter): Promise<number> {
  const where = [sql`s.signal_date between ${f.from}::date and ${f.to}::date`];
  if (f.municipalities?.length) where.push(sql`s.municipality_code = any(${[...f.municipalities]}::text[])`);
  if (f.signalTypes?.length) where.push(sql`s.signal_type = any(${[...f.signalTypes]}::text[])`);
  // a hashed distinct instead of count(distinct …), which would sort every signal
  const r = await sql<{ n: number }>`select count(*)::int as n from (select distinct s.creditor_org_id from signal_states s where ${and(where)}) d`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Lets the big scans use memory for hashing instead of spilling; local to the evaluation's transaction. */
export async function tuneForAggregation(db: Transaction<DB>): Promise<void> {
  // The planner over-estimates the groups (months × municipalities × arms × type combinations) and
  // would sort millions of cases on disk; with room to hash it aggregates in memory (10 M signals:
  // the case pass 5.5 s → 2.6 s). Local to the evaluation's read transactions only.
  await sql`set local work_mem = '256MB'`.execute(db);
}
