import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext, webLogin } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { listWorklist } from '../src/app/worklist/list-worklist.ts';
import { exportWorklist } from '../src/app/worklist/export-worklist.ts';
import { assignCases } from '../src/app/worklist/assign-to-colleague.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { getWorklistStatistics } from '../src/app/worklist/worklist-statistics.ts';
import { WorklistInputError } from '../src/app/worklist/own-municipality.ts';
import { dutchToday } from '../src/domain/worklist/deadlines.ts';
import { ruleDataOf } from '../src/web/pages/worklist/rule-data.ts';

const WORKER = 'medewerker@amsterdam.demo';

for (const engine of ENGINES) {
  describe(`worklist exports and statistics (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 40);
    });
    after(async () => p.close());

    const audits = async (activity: string) =>
      (await sql<{ object_ids: string[]; detail: Record<string, unknown> }>`select object_ids, detail from audit_log where activity = ${activity} order by id`.execute(p.deps.db)).rows;

    it('exports every case the filtered list holds, in its order, and audits which ones without the search text', async () => {
      const ctx = await userContext(p, WORKER);
      const list = await listWorklist(p.deps, ctx, { sort: 'amount' });
      const allowed = ruleDataOf(p.judge.ruleBook).allowed;
      const data = await exportWorklist(p.deps, ctx, { sort: 'amount', q: '' }, 'csv', allowed);
      assert.equal(data.rows.length, list.total);
      assert.deepEqual(
        data.rows.slice(0, list.rows.length).map((r) => r.id),
        list.rows.map((r) => r.id),
      );
      assert.ok(data.rows.every((r) => r.area.length > 0), 'each case has a district or a PC4 area');
      assert.deepEqual(
        data.rows.slice(0, list.rows.length).map((r) => r.amountCents),
        list.rows.map((r) => r.amountCents),
        'the demo rules allow the amounts the list shows',
      );
      const noAmounts = await exportWorklist(p.deps, ctx, { sort: 'amount' }, 'csv', () => ['contact_details']);
      assert.ok(noAmounts.rows.every((r) => r.amountCents === null), 'no amount leaves where no rule allowed one');
      const pc4 = list.rows[0]!.addressKey.slice(0, 4);
      const searched = await exportWorklist(p.deps, ctx, { q: pc4 }, 'xlsx', allowed);
      assert.ok(searched.rows.length > 0 && searched.rows.every((r) => r.addressKey.startsWith(pc4)));
      const entries = await audits('worklist.export');
      assert.equal(entries.length, 3);
      assert.deepEqual(entries[0]!.object_ids, data.rows.map((r) => r.id));
      assert.equal(entries[2]!.detail.format, 'xlsx');
      assert.ok(!JSON.stringify(entries[2]!.detail).includes(pc4), 'the search text is not in the audit detail');
    });

    it('downloads the worklist as CSV (semicolons, BOM) and XLSX holding what the list shows', async () => {
      const web = await webLogin(p, WORKER);
      const ctx = await userContext(p, WORKER);
      const list = await listWorklist(p.deps, ctx, { crisis: true });
      const csv = await p.app.inject({ method: 'GET', url: '/werklijst/export.csv?crisis=1', headers: { cookie: web.cookie } });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="werklijst-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.ok(csv.body.startsWith('\ufeff'), 'a byte order mark for Excel');
      const records = parse(csv.body.slice(1), { delimiter: ';' }) as string[][];
      assert.equal(records[0]![0], 'Zaak');
      assert.equal(records.length - 1, list.total);
      assert.deepEqual(records.slice(1).map((r) => r[0]).sort(), list.rows.map((r) => r.id).sort());
      assert.ok(records.slice(1).every((r) => r[4] === 'ja'), 'crisis only');
      const xlsx = await p.app.inject({ method: 'GET', url: '/werklijst/export.xlsx?crisis=1&lang=en', headers: { cookie: web.cookie } });
      assert.equal(xlsx.statusCode, 200);
      const rows = await readXlsxFile(xlsx.rawPayload);
      const sheet = rows[0]!.data;
      assert.equal(sheet[0]![0], 'Case');
      assert.deepEqual(sheet.slice(1).map((r) => String(r[0])).sort(), list.rows.map((r) => r.id).sort());
      const anon = await p.app.inject({ method: 'GET', url: '/werklijst/export.csv' });
      assert.equal(anon.statusCode, 303, 'no session: to the login page');
      const creditor = await webLogin(p, 'aanlevering@demo-woningcorporatie.demo');
      assert.equal((await p.app.inject({ method: 'GET', url: '/werklijst/export.csv', headers: { cookie: creditor.cookie } })).statusCode, 403, 'a creditor has no worklist');
    });

    it('counts per worker (assigned, picked up, attempts, closed, overdue) and per district or PC4 area, for a period', async () => {
      const coordinator = await userContext(p, 'coordinator@amsterdam.demo');
      const worker = await userContext(p, WORKER);
      const today = dutchToday(p.deps.now());
      const ids = (await listWorklist(p.deps, coordinator, { status: 'open' })).rows.slice(0, 2).map((r) => r.id);
      await assignCases(p.deps, coordinator, { caseIds: ids, userId: worker.actor.id });
      await recordContactAttempt(p.deps, worker, ids[0]!, { contactType: 'Telefoon', reached: 'yes', partOfDay: 'Middag', date: today });
      const s = await getWorklistStatistics(p.deps, worker, { to: today });
      const me = s.perWorker.find((w) => w.userId === worker.actor.id)!;
      assert.ok(me.assigned >= 2);
      assert.ok(me.pickedUp >= 1);
      assert.equal(me.contactAttempts, 1);
      const boss = s.perWorker.find((w) => w.userId === coordinator.actor.id);
      assert.ok(boss, 'a worker with nothing is listed with zeros');
      const open = (await p.deps.db.selectFrom('cases').select((e) => e.fn.countAll<number>().as('n')).where('municipality_code', '=', 'GM0363').where('status', '<>', 'closed').executeTakeFirstOrThrow()).n;
      assert.equal(s.perArea.reduce((n, a) => n + a.open, 0), Number(open));
      assert.ok(s.perArea.every((a) => (a.cbs ? a.area.length > 4 : /^\d{4}$/.test(a.area))));
      await assert.rejects(getWorklistStatistics(p.deps, worker, { from: '2026-02-30' }), WorklistInputError);
      await assert.rejects(getWorklistStatistics(p.deps, worker, { from: today, to: '2020-01-01' }), WorklistInputError);
      const web = await webLogin(p, WORKER);
      const page = await web.get(`/capaciteit?to=${today}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /Contactpogingen/);
      assert.equal((await web.get('/capaciteit?from=gisteren')).status, 400);
      const file = await p.app.inject({ method: 'GET', url: `/capaciteit/export.xlsx?to=${today}`, headers: { cookie: web.cookie } });
      const sheets = await readXlsxFile(file.rawPayload);
      assert.equal(sheets.length, 2);
      assert.equal(sheets[0]!.data.length - 1, s.perWorker.length);
      const csv = await p.app.inject({ method: 'GET', url: `/capaciteit/export.csv?to=${today}&tabel=wijk`, headers: { cookie: web.cookie } });
      assert.equal((parse(csv.body.slice(1), { delimiter: ';' }) as string[][]).length - 1, s.perArea.length);
      assert.equal((await audits('capacity.export')).length, 2);
    });
  });
}
