import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { importBatch } from '../src/app/intake/import-batch.ts';
import { CHUNK_BYTES } from '../src/app/intake/file/file-chunks.ts';
import { openBatchResults } from '../src/app/intake/batch-results.ts';
import { resultCsvLines, resultHeader } from '../src/app/intake/file/result-csv.ts';
import { pageBatchResultRows } from '../src/db/repositories/creditor-portal.ts';

/** Rows of about this size make a file of several chunks. */
const ROWS_PER_CHUNK = Math.ceil(CHUNK_BYTES / 200);
import { systemContext } from '../src/app/auth/system-actor.ts';

async function upload(p: TestPlatform, key: string, body: string | Buffer, type = 'text/csv', query = '') {
  const res = await fetch(`${p.url}/v1/batches${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': type },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

async function results(p: TestPlatform, key: string, batchId: string): Promise<Record<string, string>[]> {
  const res = await fetch(`${p.url}/v1/batches/${batchId}/results`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200);
  return parse(await res.text(), { columns: true }) as Record<string, string>[];
}

async function count(p: TestPlatform, where = sql`true`): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from signals where ${where}`.execute(p.deps.db);
  return r.rows[0]!.n;
}

function csvFile(n: number, prefix: string, bad: (i: number) => string | undefined = () => undefined): string {
  const lines = [CSV_HEADER];
  for (let i = 1; i <= n; i++) lines.push(bad(i) ?? rentCsvRow(`${prefix}-${i}`));
  return lines.join('\n') + '\n';
}

for (const engine of ENGINES) {
  describe(`batch files (${engine.name})`, () => {
    let p: TestPlatform;
    let key: string;
    before(async () => {
      // Files of several chunks: the chunks after the first are judged in worker threads.
      p = await startTestPlatform(engine, { maxUploadBytes: 2 * 1024 * 1024, intakeWorkers: 2 });
      key = p.keyOf('demo-woningcorporatie');
    });
    after(async () => p.close());

    it('imports a CSV in chunks, with a result per row, and a re-upload stores nothing twice', async () => {
      const n = ROWS_PER_CHUNK + 1200;
      const file = csvFile(n, 'csv', (i) =>
        i === 7 ? rentCsvRow(`csv-${i}`, { postcode: '10XXAB' }) : i === 9 ? rentCsvRow(`csv-${i}`, { amount: '-5' }) : undefined,
      );
      const r = await upload(p, key, file, 'text/csv', '?filename=maart.csv');
      assert.equal(r.status, 201, r.text);
      const b = r.json();
      assert.equal(b.status, 'completed');
      assert.equal(b.rowsTotal, n);
      assert.equal(b.rowsRefused, 2);
      assert.equal(b.rowsAccepted, n - 2);
      assert.equal(b.bytesReceived, Buffer.byteLength(file));
      const rows = await results(p, key, b.id);
      assert.equal(rows.length, n);
      assert.deepEqual(rows.slice(0, 3).map((x) => x.row), ['1', '2', '3']);
      assert.equal(rows[6]!.outcome, 'refused');
      assert.match(rows[6]!.codes!, /POSTCODE/);
      assert.equal(rows[8]!.outcome, 'refused');
      assert.equal(rows[0]!.outcome, 'accepted');
      assert.ok(rows[0]!.signal_id);

      const again = await upload(p, key, file);
      const b2 = again.json();
      assert.equal(b2.rowsAccepted, 0);
      assert.equal(b2.rowsDuplicate, n - 2);
      assert.equal(await count(p, sql`reference like 'csv-%'`), n - 2);
      const rows2 = await results(p, key, b2.id);
      assert.equal(rows2[0]!.outcome, 'duplicate');
      assert.equal(rows2[0]!.signal_id, rows[0]!.signal_id);
    });

    it('imports JSON Lines, refusing unreadable lines with a reason each', async () => {
      const lines = [
        JSON.stringify(rentSignal('jl-1')),
        '{not json',
        JSON.stringify({ ...rentSignal('jl-3'), favouriteColour: 'blue' }),
        JSON.stringify(rentSignal('jl-4', { bsn: '111222333' })),
      ].join('\n');
      const r = await upload(p, key, lines, 'application/x-ndjson');
      assert.equal(r.status, 201, r.text);
      const rows = await results(p, key, r.json().id);
      assert.deepEqual(rows.map((x) => x.outcome), ['accepted', 'refused', 'refused', 'refused']);
      assert.equal(rows[1]!.codes, 'ROW_NOT_JSON');
      assert.equal(rows[2]!.codes, 'SCHEMA_INVALID');
      assert.match(rows[2]!.message!, /favouriteColour/);
      assert.match(rows[3]!.articles!, /art\./);
    });

    it('writes the results file as the row-by-row renderer would, across pages, with references that need quoting', async () => {
      const quoted = (ref: string) => `"${ref.replace(/"/g, '""')}"`;
      const refs = ['rq-1', 'rq,2', 'rq"3', 'rq\n4', 'rq-5', 'rq-6', 'rq\r\n7', 'rq-8', 'rq-9', 'rq-10', 'rq-11'];
      const lines = refs.map((ref, i) =>
        i === 0 || i === 4 || i === 5
          ? rentCsvRow(quoted(ref), { postcode: '10XXAB' }) // refused
          : i === 8
            ? rentCsvRow(quoted('rq"3')) // the same signal again: a duplicate of row 3
            : i === 9
              ? rentCsvRow(quoted('rq,2'), { amount: '99.00' }) // the same reference, other content: a conflict
              : rentCsvRow(quoted(ref)),
      );
      const r = await upload(p, key, [CSV_HEADER, ...lines].join('\n') + '\n');
      assert.equal(r.status, 201, r.text);
      const batchId = r.json().id as string;
      const ctx = systemContext('demo-woningcorporatie', 'test');
      const all = await pageBatchResultRows(p.deps.db, batchId, { page: 1, size: 1000 });
      assert.deepEqual(all.map((x) => x.outcome), ['refused', 'accepted', 'accepted', 'accepted', 'refused', 'refused', 'accepted', 'accepted', 'duplicate', 'conflict', 'accepted']);
      for (const lang of ['nl', 'en'] as const) {
        const expected =
          resultHeader() +
          resultCsvLines(
            all.map((x) => ({ row: x.row_no, reference: x.reference, outcome: x.outcome, signalId: x.signal_id, regulationVersion: x.regulation_version, refusals: (x.refusals as never) ?? [] })),
            lang,
          );
        for (const pageSize of [1, 3, 4, 1000]) {
          let text = '';
          for await (const page of (await openBatchResults(p.deps, ctx, batchId, lang, pageSize))!.pages) text += page;
          assert.equal(text, expected, `pages of ${pageSize} (${lang})`);
        }
      }
      const downloadsBefore = await p.deps.db.selectFrom('audit_log').select('id').where('activity', '=', 'batch.results.download').execute();
      const back = await results(p, key, batchId);
      assert.deepEqual(back.map((x) => x.reference), ['rq-1', 'rq,2', 'rq"3', 'rq\n4', 'rq-5', 'rq-6', 'rq\r\n7', 'rq-8', 'rq"3', 'rq,2', 'rq-11']);
      // The API download is in the audit trail, as the web app's is.
      const downloads = await p.deps.db.selectFrom('audit_log').select(['object_ids', 'organisation_id', 'actor_type']).where('activity', '=', 'batch.results.download').orderBy('id').execute();
      assert.equal(downloads.length, downloadsBefore.length + 1);
      assert.deepEqual(downloads.at(-1), { object_ids: [batchId], organisation_id: 'demo-woningcorporatie', actor_type: 'api_key' });

      // Long runs of accepted rows come from the database in several pieces: still every row once, in order.
      const many = Array.from({ length: 2203 }, (_, i) => rentCsvRow(`rp-${i + 1}`, i === 599 || i === 1501 ? { postcode: '10XXAB' } : {}));
      const big = await upload(p, key, [CSV_HEADER, ...many].join('\n') + '\n');
      assert.equal(big.status, 201, big.text);
      const bigId = big.json().id as string;
      const bigRows = await pageBatchResultRows(p.deps.db, bigId, { page: 1, size: 3000 });
      const bigExpected =
        resultHeader() +
        resultCsvLines(
          bigRows.map((x) => ({ row: x.row_no, reference: x.reference, outcome: x.outcome, signalId: x.signal_id, regulationVersion: x.regulation_version, refusals: (x.refusals as never) ?? [] })),
          'nl',
        );
      for (const pageSize of [1300, 20_000]) {
        let text = '';
        for await (const page of (await openBatchResults(p.deps, ctx, bigId, 'nl', pageSize))!.pages) text += page;
        assert.equal(text, bigExpected, `pages of ${pageSize}`);
      }
      assert.equal(bigExpected.split('\n').length, 2203 + 2);
    });

    it('refuses malformed files clearly, never with a 500', async () => {
      const tabs = await upload(p, key, CSV_HEADER.replaceAll(',', '\t') + '\n' + rentCsvRow('t-1').replaceAll(',', '\t'));
      assert.equal(tabs.status, 422);
      assert.equal(tabs.json().code, 'FILE_WRONG_DELIMITER');
      const missing = await upload(p, key, 'reference,amount\nx,12\n');
      assert.equal(missing.status, 422);
      assert.equal(missing.json().code, 'FILE_MISSING_COLUMNS');
      const unknownCol = await upload(p, key, CSV_HEADER + ',nationaliteit\n');
      assert.equal(unknownCol.json().code, 'FILE_UNKNOWN_COLUMNS');
      // A byte order mark promises UTF-8: bytes that are not UTF-8 after it are refused.
      const bomLatin1 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_HEADER + '\n'), Buffer.from(rentCsvRow('l-1').replace('Vries', 'Müller'), 'latin1')]);
      const enc = await upload(p, key, bomLatin1);
      assert.equal(enc.status, 422);
      assert.equal(enc.json().code, 'FILE_NOT_UTF8');
      const empty = await upload(p, key, '');
      assert.equal(empty.json().code, 'FILE_EMPTY');
      const wrongType = await upload(p, key, 'x', 'application/pdf');
      assert.equal(wrongType.status, 415);
      const quote = await upload(p, key, CSV_HEADER + '\n"unterminated,rent\n');
      assert.equal(quote.status, 422);
      assert.equal(quote.json().code, 'FILE_NOT_CSV');
      // Good rows before the broken quote, in the same chunk: the refused file keeps none of them.
      const before = await count(p);
      const late = await upload(p, key, csvFile(3, 'late-quote') + 'late-quote-4,rent,"never closed\n' + rentCsvRow('late-quote-5') + '\n');
      assert.equal(late.status, 422);
      assert.equal(late.json().code, 'FILE_NOT_CSV');
      assert.equal(await count(p), before);
      const fields = await upload(p, key, CSV_HEADER + '\nonly,three,fields\n');
      assert.equal(fields.status, 201);
      const fr = await results(p, key, fields.json().id);
      assert.equal(fr[0]!.codes, 'ROW_FIELD_COUNT');
    });

    it('reads a file as Dutch Excel saves it: semicolons, Windows-1252, decimal commas and d-m-jjjj dates, and says so', async () => {
      // "CSV (gescheiden door lijstscheidingsteken)" from Excel in Dutch: ';', ANSI (Windows-1252), no BOM, CRLF.
      const header = CSV_HEADER.replaceAll(',', ';');
      const row = (ref: string) =>
        `${ref};rent;14-3-2025;GM0363;812,50;J.;Çelik-Müller;Dorpsstraat;12;1011AB;Amsterdam;20-2-2025;20-2-2025;1-2-2025;WAAR;none`;
      const cp1252 = Buffer.from([header, row('xl-1'), row('xl-2')].join('\r\n') + '\r\n', 'latin1');
      const r = await upload(p, key, cp1252);
      assert.equal(r.status, 201, r.text);
      const batch = r.json();
      assert.equal(batch.rowsAccepted, 2, r.text);
      assert.deepEqual(batch.fileFormat, { format: 'csv', delimiter: ';', byteOrderMark: false, encoding: 'windows-1252', notation: 'nl' });
      const stored = await sql<{ surname: string; amount_cents: string; signal_date: string; reminder_sent_on: string }>`
        select surname, amount_cents::text, signal_date::text, reminder_sent_on::text from signals where reference = 'xl-1'`.execute(p.deps.db);
      assert.deepEqual(stored.rows[0], { surname: 'Çelik-Müller', amount_cents: '81250', signal_date: '2025-03-14', reminder_sent_on: '2025-02-01' });
      // "CSV UTF-8" from Excel: the same with a byte order mark, in UTF-8; the same content is a duplicate.
      const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([header, row('xl-1')].join('\r\n') + '\r\n', 'utf8')]);
      const again = await upload(p, key, utf8);
      assert.equal(again.status, 201, again.text);
      assert.equal(again.json().rowsDuplicate, 1, 'the same signal read from another encoding is a duplicate, not a conflict');
      assert.deepEqual(again.json().fileFormat, { format: 'csv', delimiter: ';', byteOrderMark: true, encoding: 'utf-8', notation: 'nl' });
      // The dry run says how it read the file too.
      const dry = await upload(p, key, cp1252, 'text/csv', '?dryRun=true');
      assert.equal(dry.status, 200);
      assert.equal(dry.headers.get('file-format'), 'delimiter=";", encoding="windows-1252", byte-order-mark=?0, notation="nl"');
      // UTF-8 without a byte order mark, with one stray byte: refused, not read as Windows-1252 (which
      // would store "Ã‡elik-MÃ¼ller"), with where the byte is.
      const lines = Buffer.from([header, row('xl-3'), ''].join('\r\n'), 'utf8');
      const stray = Buffer.concat([lines, Buffer.from([0x80]), Buffer.from(`${row('xl-4')}\r\n`, 'utf8')]);
      const refused = await upload(p, key, stray);
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.json().code, 'FILE_NOT_UTF8');
      assert.match(refused.json().detail, new RegExp(`rond byte ${lines.length}\\b`));
      const none = await sql<{ n: number }>`select count(*)::int as n from signals where reference in ('xl-3', 'xl-4')`.execute(p.deps.db);
      assert.equal(none.rows[0]!.n, 0);
    });

    it('refuses a file over the size limit with 413, before and while reading', async () => {
      const big = csvFile(40_000, 'big');
      assert.ok(Buffer.byteLength(big) > 2 * 1024 * 1024);
      const r = await upload(p, key, big);
      assert.equal(r.status, 413);
      assert.equal(r.json().code, 'FILE_TOO_LARGE');
      // Without Content-Length (chunked), the limit is enforced while streaming.
      const res = await fetch(`${p.url}/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: Readable.toWeb(Readable.from([big])) as unknown as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      assert.equal(res.status, 413);
    });

    it('a broken-off upload leaves whole chunks stored once; re-sending the file completes it', async () => {
      const n = ROWS_PER_CHUNK * 3;
      const file = csvFile(n, 'crash');
      const cut = Math.floor(file.length * 0.55);
      const broken = new Readable({
        read() {
          this.push(file.slice(0, cut));
          this.destroy(new Error('connection reset'));
        },
      });
      const ctx = systemContext('demo-woningcorporatie', 'test');
      const failed = await importBatch(p.deps, ctx, { source: broken, format: 'csv', filename: 'crash.csv', maxBytes: 1e9 });
      assert.equal(failed.status, 'failed');
      const stored = await count(p, sql`reference like 'crash-%'`);
      assert.equal(stored, failed.rows_accepted);
      assert.ok(stored > 0 && stored < n, `some whole chunks were stored (${stored} of ${n})`);
      // Whole chunks in file order: exactly the first rows, none of a chunk cut off half-way.
      const prefix = await count(p, sql`reference in (select 'crash-' || g from generate_series(1, ${stored}) g)`);
      assert.equal(prefix, stored, 'what is stored is the start of the file');
      const done = await upload(p, key, file);
      const b = done.json();
      assert.equal(b.status, 'completed');
      assert.equal(b.rowsAccepted + b.rowsDuplicate, n);
      assert.equal(b.rowsDuplicate, stored);
      assert.equal(await count(p, sql`reference like 'crash-%'`), n);
      const dup = await sql<{ n: number }>`select count(*)::int as n from (select reference from signals group by sender_org_id, reference having count(*) > 1) d`.execute(p.deps.db);
      assert.equal(dup.rows[0]!.n, 0);
    });

    it('dry run returns per-row results as CSV and stores nothing', async () => {
      const before = await count(p);
      const r = await upload(p, key, csvFile(3, 'dry', (i) => (i === 2 ? rentCsvRow('dry-2', { amount: 'abc' }) : undefined)), 'text/csv', '?dryRun=true');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /text\/csv/);
      const rows = parse(r.text, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((x) => x.outcome), ['accepted', 'refused', 'accepted']);
      assert.equal(await count(p), before);
    });

    it('shows progress and keeps batches to their own organisation', async () => {
      const r = await upload(p, key, csvFile(10, 'own'));
      const id = r.json().id;
      const mine = await fetch(`${p.url}/v1/batches/${id}`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(mine.status, 200);
      const b = (await mine.json()) as { rowsTotal: number; bytesExpected: number; bytesReceived: number };
      assert.equal(b.rowsTotal, 10);
      assert.equal(b.bytesExpected, b.bytesReceived);
      const theirs = await fetch(`${p.url}/v1/batches/${id}`, { headers: { authorization: `Bearer ${p.keyOf('aegon')}` } });
      assert.equal(theirs.status, 404);
      const theirResults = await fetch(`${p.url}/v1/batches/${id}/results`, { headers: { authorization: `Bearer ${p.keyOf('aegon')}` } });
      assert.equal(theirResults.status, 404);
      const list = (await (await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${p.keyOf('aegon')}` } })).json()) as unknown[];
      assert.equal(list.length, 0);
    });

    it('serves the CSV template, whose header the import accepts', async () => {
      const res = await fetch(`${p.url}/v1/templates/signals.csv`);
      assert.equal(res.status, 200);
      const text = await res.text();
      const header = text.split('\n')[0]!;
      assert.ok(header.startsWith('reference,signal_type,signal_date'));
      const r = await upload(p, key, text.replace('HUUR-2025-000123', 'template-1'), 'text/csv', '?dryRun=true');
      assert.equal(r.status, 200);
    });
  });
}
