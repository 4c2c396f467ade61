// Benchmark: the full monitoring-and-evaluation computation over 10,000,000 signals on PostgreSQL
// (issue 7: ≤ 10 s). Creates a fresh database, bulk-generates signals, cases and refused batch rows
// with generate_series (realistic row widths: names, addresses, hashes, pseudonyms), rebuilds the
// indexes the migrations define, then times the evaluation: the aggregate scans plus every table
// in every grouping, and the arm comparison. Prints the figures and the machine.
//
//   npm run bench:evaluation -- [--signals 10000000] [--keep]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (the server to create the database on)
import os from 'node:os';
import { loadRuleBook } from '../src/app/rules/load-rule-files.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { readEvaluationCells } from '../src/app/evaluation/compute-evaluation.ts';
import { buildEvaluationTables, DIMENSIONS } from '../src/domain/evaluation/tables.ts';
import { compareArms } from '../src/domain/statistics/compare-arms.ts';
import { ARM_OUTCOMES } from '../src/app/evaluation/compare-experiment-arms.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const SIGNALS = Number(arg('signals', '10000000'));
const CASES = Math.round(SIGNALS / 1.5); // half the households have one signal, the rest two (Divosa: "half")
const KEEP = process.argv.includes('--keep');
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `vs_bench_eval_${randomBytes(4).toString('hex')}`;
const t0 = () => performance.now();
const secs = (start: number) => ((performance.now() - start) / 1000).toFixed(2);

const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
const db = database.db;
const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}`);
console.log(`database: ${version}`);
console.log(`generating ${SIGNALS.toLocaleString('en')} signals in ${CASES.toLocaleString('en')} cases (database ${name})…`);

try {
  const gen = t0();
  for (let i = 0; i < 10; i++)
    await sql`insert into organisations (id, name, kind) values (${`bench-creditor-${i}`}, ${`Bench schuldeiser ${i}`}, 'creditor')`.execute(db);
  await sql`insert into batches (id, organisation_id, format, status, created_by, created_at)
    select ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'bench-creditor-' || (g % 10), 'csv', 'completed', 'bench',
      timestamptz '2022-01-01' + (g % 1400) * interval '1 day'
    from generate_series(1, 2000) g`.execute(db);

  // Drop the indexes (kept as the migrations defined them) and rebuild after the load: the fast way to load.
  const indexes = await sql<{ indexname: string; indexdef: string; constraint: string | null }>`
    select i.indexname, i.indexdef, c.conname as constraint from pg_indexes i
    left join pg_constraint c on c.conname = i.indexname
    where i.tablename in ('signals', 'signal_states', 'cases', 'batch_rows') and i.indexname not like '%_pkey'`.execute(db);
  for (const ix of indexes.rows)
    if (ix.constraint) await sql.raw(`alter table ${ix.indexdef.match(/ON (?:public\.)?(\w+)/)![1]} drop constraint ${ix.constraint}`).execute(db);
    else await sql.raw(`drop index ${ix.indexname}`).execute(db);

  const TYPES = `array['rent','electricity','gas','drinking_water','health_insurance','municipal_tax','mortgage','heat','rent','health_insurance']`;
  const typeOf = (caseExpr: string, k: string) => `(${TYPES})[((${caseExpr} * 7 + ${k} * 3) % 10) + 1]`;
  const step = 1_000_000;
  for (let from = 1; from <= CASES; from += step) {
    const to = Math.min(CASES, from + step - 1);
    await sql.raw(`
      insert into cases (id, municipality_code, address_key, bsn_pseudonym, surname_key, status, opened_at, first_signal_date, last_signal_date,
        matching_date, matching_period_start, matching_period_end, signal_count, signal_types, multiple, consecutive, crisis,
        known_via_standard_signals, has_experimental_signal, deadline, picked_up_on, result, experiment_arm)
      select c, 'GM' || lpad((c % 40 + 1)::text, 4, '0'), lpad((1000 + c % 9000)::text, 4, '0') || 'AB|' || (c % 300) || '|',
        substr(md5(c::text), 1, 22), 'jansen', case when c % 5 = 0 then 'closed' when c % 3 = 0 then 'open' else 'picked_up' end,
        d::timestamptz, d, d + 3, d + 1, date_trunc('month', d)::date, (date_trunc('month', d) + interval '1 month - 1 day')::date,
        case when c <= ${SIGNALS} - ${CASES} then 2 else 1 end,
        case when c <= ${SIGNALS} - ${CASES} then array[${typeOf('c', '0')}, ${typeOf('c', '1')}] else array[${typeOf('c', '0')}] end,
        c % 9 = 0, c % 5 = 1, c % 50 = 0, c % 4 <> 0, c % 3 = 0, d + 28,
        case when c % 3 <> 0 then d + (c % 35) end,
        case when c % 5 = 0 then (array['(Budget)advies en/of quick fix','Definitief geen contact kunnen krijgen','Inwoner hoeft geen hulp vanuit vroegsignalering','Vervolghulp en/of verwijzing financieel','Niet opgepakt: herhaalde melding'])[(c / 5) % 5 + 1] end,
        case when c % 10 < 3 then 'bench/alleen' when c % 10 < 6 then 'bench/gecombineerd' end
      from generate_series(${from}, ${to}) c, lateral (select date '2022-01-01' + (c % 1460) as d) x`).execute(db);
  }
  await sql.raw(`select setval('cases_id_seq', ${CASES})`).execute(db);
  console.log(`  cases: ${secs(gen)} s`);

  for (let from = 1; from <= SIGNALS; from += step) {
    const to = Math.min(SIGNALS, from + step - 1);
    await sql.raw(`
      insert into signals (sender_org_id, reference, content_hash, signal_type, signal_date, municipality_code, creditor_org_id, amount_cents,
        arrear_start_date, bsn, bsn_pseudonym, subject_pseudonym, initials, surname, street, house_number, postcode, city, phone, crisis,
        personal_contact_attempted_on, debt_assistance_referred_on, reminder_sent_on, agreement_offered_in_reminder, resident_response,
        regulation_version, rule_id, received_at, address_key, surname_key)
      select 'bench-creditor-' || (i % 10), 'ref-' || i, md5(i::text) || md5((i + 1)::text), t,
        d, 'GM' || lpad((c % 40 + 1)::text, 4, '0'), 'bench-creditor-' || (i % 10), 5000 + (i::bigint * 7919) % 400000,
        d - 60, case when i % 2 = 0 then lpad((i % 999999999)::text, 9, '0') end, substr(md5('b' || i), 1, 22), substr(md5('s' || i), 1, 22),
        'J.', 'Jansen-' || (c % 997), 'Voorbeeldstraat ' || (c % 50), (c % 300)::text, lpad((1000 + c % 9000)::text, 4, '0') || 'AB', 'Voorbeeldstad',
        '06' || lpad((i % 100000000)::text, 8, '0'), i % 50 = 0, d - 20, d - 20, d - 40, true, 'none',
        case when t = 'municipal_tax' or t = 'mortgage' then 'tijdelijke-regeling-signaal-betalingsachterstanden/2024-04-01' else 'besluit-gemeentelijke-schuldhulpverlening/2021-01-01' end,
        'bench-rule', d::timestamptz, lpad((1000 + c % 9000)::text, 4, '0') || 'AB|' || (c % 300) || '|', 'jansen'
      from generate_series(${from}, ${to}) i,
        lateral (select ((i - 1) % ${CASES}) + 1 as c, (i - 1) / ${CASES} as k) ck,
        lateral (select ${typeOf('ck.c', 'ck.k')} as t, date '2022-01-01' + (ck.c % 1460) + ck.k as d) td`).execute(db);
    // What matching made of them: signal i is in case ((i - 1) mod cases) + 1; one in forty repeats the one before.
    await sql.raw(`
      insert into signal_states (signal_id, municipality_code, address_key, signal_date, signal_type, creditor_org_id, amount_cents, crisis,
        surname_key, bsn_pseudonym, status, case_id, repeat_of, matched_at)
      select s.id, s.municipality_code, s.address_key, s.signal_date, s.signal_type, s.creditor_org_id, s.amount_cents, s.crisis,
        s.surname_key, s.bsn_pseudonym, case when s.id % 40 = 0 then 'Niet opgepakt: herhaalde melding' else 'Nog niet opgepakt' end,
        ((s.id - 1) % ${CASES}) + 1, case when s.id % 40 = 0 then s.id - 1 end, s.received_at
      from signals s where s.id between ${from} and ${to}`).execute(db);
    process.stdout.write(`  signals: ${to.toLocaleString('en')} (${secs(gen)} s)\r`);
  }
  console.log();
  // 5 % of delivered rows refused, each citing its article (and one in ten an input error too).
  await sql.raw(`
    insert into batch_rows (batch_id, row_no, reference, outcome, refusals, municipality_code, signal_type, signal_date)
    select ('00000000-0000-0000-0000-' || lpad((r % 2000 + 1)::text, 12, '0'))::uuid, r, 'bad-' || r, 'refused',
      case when r % 10 = 0 then '[{"code":"SENDER_NOT_DESIGNATED","citation":{"title":"Tijdelijke regeling signaal betalingsachterstanden","article":"2.1","paragraph":"2"}},{"code":"BSN_INVALID","field":"bsn"}]'::jsonb
           else '[{"code":"SOCIAL_COLLECTION_REMINDER_MISSING","citation":{"title":"Tijdelijke regeling signaal betalingsachterstanden","article":"1.2","item":"c"}}]'::jsonb end,
      'GM' || lpad((r % 40 + 1)::text, 4, '0'), (${TYPES})[(r % 10) + 1], date '2022-01-01' + (r % 1460)
    from generate_series(1, ${Math.round(SIGNALS * 0.05)}) r`).execute(db);
  console.log(`  refused rows: ${secs(gen)} s`);

  const ix = t0();
  for (const i of indexes.rows) {
    await sql.raw(i.indexdef).execute(db);
    // a unique constraint comes back on top of its rebuilt index
    if (i.constraint) await sql.raw(`alter table ${i.indexdef.match(/ON (?:public\.)?(\w+)/)![1]} add constraint ${i.constraint} unique using index ${i.indexname}`).execute(db);
  }
  await sql`vacuum analyze signals`.execute(db);
  await sql`vacuum analyze signal_states`.execute(db);
  await sql`vacuum analyze cases`.execute(db);
  await sql`vacuum analyze batch_rows`.execute(db);
  console.log(`  indexes and vacuum analyze: ${secs(ix)} s (total generation ${secs(gen)} s)`);
  const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('signals')) as s`.execute(db)).rows[0]!.s;
  const stateSize = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('signal_states')) as s`.execute(db)).rows[0]!.s;
  console.log(`  signals table with indexes: ${size}; signal_states with indexes: ${stateSize}`);

  const rules = loadRuleBook();
  const filter = { from: '2022-01-01', to: '2025-12-31', today: '2026-01-15' };
  for (const run of [1, 2]) {
    const start = t0();
    const cells = await readEvaluationCells(db, filter);
    const read = secs(start);
    const tables = DIMENSIONS.flatMap((d) => buildEvaluationTables(cells, d, rules.ddasPartnerOf));
    const arms = [...new Set(cells.cases.map((c) => c.arm).filter(Boolean))].sort();
    const comparisons = ARM_OUTCOMES.map((o) =>
      compareArms(o.key, o.label, arms.map((arm) => {
        const mine = cells.cases.filter((c) => c.arm === arm);
        return { arm, n: mine.reduce((s, c) => s + o.n(c), 0), successes: mine.reduce((s, c) => s + o.successes(c), 0) };
      })),
    );
    const signals = cells.signals.reduce((s, c) => s + c.signals, 0);
    console.log(
      `evaluation run ${run}: ${secs(start)} s total (SQL ${read} s) — ${signals.toLocaleString('en')} signals, ${cells.cases.reduce((s, c) => s + c.cases, 0).toLocaleString('en')} cases, ` +
        `${cells.refused.reduce((s, c) => s + c.refusedRows, 0).toLocaleString('en')} refused rows; ${tables.length} tables, ${comparisons.length} arm comparisons; ` +
        `cells: ${cells.signals.length} signal, ${cells.cases.length} case, ${cells.reasons.length} reason`,
    );
  }
} finally {
  await database.close();
  // let the closed pool's sockets go before the database goes (a forced drop would kill idle ones)
  await new Promise((r) => setTimeout(r, 500));
  if (!KEEP) await admin.query(`drop database if exists ${name}`).catch(() => admin.query(`drop database if exists ${name} with (force)`));
  else console.log(`kept database ${name}`);
  await admin.end();
}
