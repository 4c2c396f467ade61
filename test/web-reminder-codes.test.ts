import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';
import { REMINDER_PROBLEM_TEXT } from '../src/domain/resident/reminder-request.ts';

const LANDLORD = 'aanlevering@demo-woningcorporatie.demo';
const MUNICIPAL = 'medewerker@amsterdam.demo';
const NOW = new Date('2025-05-14T10:00:00Z');
const CODE = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/g;

/** A multipart form as a browser sends it: the CSRF field and the file in `file`. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----vscodes' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const unescape = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The CSV behind the page's download link (a data: URL: the codes' only copy). */
function downloadOf(html: string): string[][] {
  const href = /id="download-codes" href="([^"]+)" download="herinneringscodes\.csv"/.exec(html)?.[1];
  assert.ok(href, 'the page offers the download');
  const url = unescape(href);
  assert.ok(url.startsWith('data:text/csv;charset=utf-8,'));
  return parse(decodeURIComponent(url.slice(url.indexOf(',') + 1)), { bom: true }) as string[][];
}

for (const engine of ENGINES) {
  describe(`creditor portal: reminder codes in bulk (${engine.name})`, () => {
    let p: TestPlatform;
    let landlord: WebSession;
    const send = (s: WebSession, csv: string | undefined, lang = 'nl') => {
      const m = multipart({ _csrf: s.csrf }, csv === undefined ? undefined : { name: 'codes.csv', bytes: Buffer.from(csv, 'utf8') });
      return p.app.inject({ method: 'POST', url: `/herinneringscodes?lang=${lang}`, headers: { cookie: s.cookie, 'content-type': m.contentType }, payload: m.payload });
    };
    const audits = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'resident.codes.issue'`.execute(p.deps.db)).rows[0]!.n;

    before(async () => {
      p = await startTestPlatform(engine, { now: () => NOW });
      landlord = await webLogin(p, LANDLORD);
    });
    after(async () => p.close());

    it('offers the upload form, the columns and the letter text with the page address, in Dutch and English', async () => {
      const nl = await landlord.get('/herinneringscodes?lang=nl');
      assert.equal(nl.status, 200);
      assert.match(nl.html, /<h1[^>]*>Herinneringscodes<\/h1>/);
      assert.match(nl.html, /href="\/herinneringscodes"/, 'in the menu');
      assert.match(nl.html, /action="\/herinneringscodes" encType="multipart\/form-data" method="post"/);
      assert.match(nl.html, /Wilt u weten welke gegevens wij aan uw gemeente mogen geven als u niet betaalt\? .* Ga naar https?:\/\/[^ ]+\/mijn-signaal en vul deze code in: \[code\]/);
      assert.match(nl.html, /lang="en"[^>]*>.*Would you like to know which of your details/s);
      const en = await landlord.get('/herinneringscodes?lang=en');
      assert.match(en.html, /<h1[^>]*>Reminder codes<\/h1>/);
      assert.match(en.html, /Text for your reminder letter/);
    });

    it('gives a code to each good row, says per row why another got none, and offers exactly those codes as CSV', async () => {
      const before = await audits();
      const csv = ['reference,postcode,house_number,period_end', 'HERINN-1,1011 ab,12,2025-06-20', 'HERINN-BAD,12345,3,2025-06-20', 'HERINN-2,3011AD,,2025-07-01'].join('\r\n');
      const r = await send(landlord, csv);
      assert.equal(r.statusCode, 200, r.body);
      assert.match(r.body, /2 van 3 regels kregen een code; 1 regels niet\./);
      const shown = [...new Set(r.body.match(CODE))];
      assert.equal(shown.length, 2, 'two codes on the page');
      // The bad row: its line in the file (header is line 1), the column and the reason.
      const problems = /<caption[^>]*>Regels zonder code \(1\)<\/caption>(.*?)<\/table>/s.exec(r.body)?.[1] ?? '';
      assert.match(problems, />3<\/td>.*HERINN-BAD.*<code>postcode<\/code>/s);
      assert.ok(problems.includes(REMINDER_PROBLEM_TEXT.POSTCODE_INVALID.nl));
      const file = downloadOf(r.body);
      assert.deepEqual(file[0], ['reference', 'postcode', 'house_number', 'code', 'valid_until']);
      assert.deepEqual(
        file.slice(1).map((x) => [x[0], x[1], x[2], x[4]]),
        [
          ['HERINN-1', '1011AB', '12', '2025-06-20'],
          ['HERINN-2', '3011AD', '', '2025-07-01'],
        ],
      );
      assert.deepEqual(file.slice(1).map((x) => x[3]), shown, 'the file holds the codes the page shows');
      assert.equal(await audits(), before + 1, 'the issue is audited');
      const stored = await p.deps.db.selectFrom('resident_reminders').select(['reference', 'code_hash']).where('reference', 'like', 'HERINN-%').execute();
      assert.deepEqual(stored.map((s) => s.reference).sort(), ['HERINN-1', 'HERINN-2']);
      for (const s of stored) for (const c of shown) assert.ok(!s.code_hash.includes(c.replace(/-/g, '')), 'only a hash is kept');
    });

    it('refuses a second code for the same reference, per row, in the reader\'s language', async () => {
      const r = await send(landlord, ['reference;postcode;house_number;period_end', 'HERINN-1;1011AB;12;2025-06-20', 'HERINN-3;1011AB;14;2025-06-20'].join('\n'), 'en');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /1 of 2 rows got a code; 1 rows did not\./);
      const problems = /<caption[^>]*>Rows without a code \(1\)<\/caption>(.*?)<\/table>/s.exec(r.body)?.[1] ?? '';
      assert.match(problems, />2<\/td>.*HERINN-1.*<code>reference<\/code>/s);
      assert.ok(problems.includes(REMINDER_PROBLEM_TEXT.REFERENCE_HAS_CODE.en));
      assert.deepEqual(downloadOf(r.body).slice(1).map((x) => x[0]), ['HERINN-3']);
      const all = await send(landlord, ['reference,postcode,period_end', 'HERINN-1,1011AB,2025-06-20'].join('\n'));
      assert.match(all.body, /Geen enkele regel kreeg een code\./);
      assert.doesNotMatch(all.body, /id="download-codes"/, 'no download without codes');
    });

    it('says why a whole file is not read, and issues nothing then', async () => {
      const before = await audits();
      const missing = await send(landlord, 'reference,house_number\nX,1\n');
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /De eerste regel mist deze kolommen: postcode, period_end\./);
      const none = await send(landlord, undefined);
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Kies een bestand\./);
      const header = await send(landlord, 'reference,postcode,house_number,period_end\n');
      assert.match(header.body, /geen regels onder de kopregel/);
      const big = await send(landlord, `reference,postcode,period_end\n${'X,1011AB,2025-06-20\n'.repeat(250_000)}`);
      assert.equal(big.statusCode, 400);
      assert.match(big.body, /Het bestand is groter dan 4 MB\./);
      assert.equal(await audits(), before);
    });

    it('is for senders only, and a form needs its CSRF token', async () => {
      const municipal = await webLogin(p, MUNICIPAL);
      assert.equal((await municipal.get('/herinneringscodes')).status, 403);
      assert.doesNotMatch((await municipal.get('/werklijst')).html, /href="\/herinneringscodes"/);
      const m = multipart({}, { name: 'x.csv', bytes: Buffer.from('reference,postcode,period_end\nHERINN-9,1011AB,2025-06-20\n') });
      const r = await p.app.inject({ method: 'POST', url: '/herinneringscodes', headers: { cookie: landlord.cookie, 'content-type': m.contentType }, payload: m.payload });
      assert.equal(r.statusCode, 403);
    });
  });
}
