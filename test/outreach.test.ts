import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpSmsSender } from '../src/infra/sms/http-sms-sender.ts';
import { e164 } from '../src/domain/outreach/sms.ts';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext } from './helpers/web.ts';
import { startMailSink } from './helpers/mail.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { ruleDataOf } from '../src/web/pages/worklist/rule-data.ts';
import { listQueues } from '../src/db/repositories/worklist.ts';
import { casesAwaitingLetterPerQueue, printLetters } from '../src/app/outreach/print-letters.ts';
import { pdfTextOf } from './helpers/pdf-text.ts';
import { emailResident, previewCaseMessage, smsResident } from '../src/app/outreach/case-message.ts';
import { getOutreachTemplateOf, saveOutreachTemplate } from '../src/app/outreach/outreach-templates.ts';
import { WorklistInputError } from '../src/app/worklist/own-municipality.ts';
import { AccessDenied } from '../src/domain/access/actor.ts';
import type { AppDeps, CallContext } from '../src/app/context.ts';
import type { AllowedCategories } from '../src/app/worklist/open-case.ts';

const WORKER = 'medewerker@amsterdam.demo';
const COORDINATOR = 'coordinator@amsterdam.demo';

/** Pages of a PDF: its /Type /Page objects (pdfkit writes object dictionaries uncompressed). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

async function pdfOf(deps: AppDeps, ctx: CallContext, target: { caseId: string } | { queue: string; reprint?: boolean }, allowed: AllowedCategories, language: 'nl' | 'en' = 'nl') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await printLetters(deps, ctx, target, language, allowed, out);
  return { result, pdf: Buffer.concat(chunks) };
}

for (const engine of ENGINES) {
  describe(`outreach: letters, e-mail, templates (${engine.name})`, () => {
    let p: TestPlatform;
    let mail: Awaited<ReturnType<typeof startMailSink>>;
    before(async () => {
      mail = await startMailSink();
      p = await startTestPlatform(engine, { mailer: mail.mailer });
      await seedDemoSignals(p.deps, 40);
    });
    after(async () => {
      await p.close();
      await mail.close();
    });

    const allowed = () => ruleDataOf(p.judge.ruleBook).allowed;
    const attempts = async (type: string) => (await sql<{ case_id: string }>`select case_id::text from contact_attempts where contact_type = ${type} order by case_id`.execute(p.deps.db)).rows.map((r) => r.case_id);
    const someCase = async (where = sql`true`) =>
      (await sql<{ id: string }>`select c.id::text from cases c join signal_states s on s.case_id = c.id join signals g on g.id = s.signal_id where c.status <> 'closed' and ${where} order by c.id limit 1`.execute(p.deps.db)).rows[0]!.id;

    it('previews the default letter merged with only the allowed data, in Dutch and English', async () => {
      const ctx = await userContext(p, WORKER);
      const id = await someCase();
      const nl = await previewCaseMessage(p.deps, ctx, id, 'letter', 'nl', allowed());
      assert.ok(nl.recipient, 'the demo rules allow contact details');
      assert.ok(nl.body.startsWith(`Beste ${nl.recipient.name},`));
      assert.match(nl.body, /gemeente Amsterdam is gratis/);
      assert.doesNotMatch(nl.body + nl.subject, /\{\{|\}\}/);
      const en = await previewCaseMessage(p.deps, ctx, id, 'letter', 'en', allowed());
      assert.ok(en.body.startsWith(`Dear ${en.recipient!.name},`));
      const none = await previewCaseMessage(p.deps, ctx, id, 'letter', 'nl', () => ['arrear_amount']);
      assert.equal(none.recipient, undefined, 'no contact details where no rule allowed them');
      assert.ok(none.body.startsWith('Beste ,'), 'the name merge field stays empty');
    });

    it('lets only the coordinator save an own template, and refuses unknown merge fields', async () => {
      const worker = await userContext(p, WORKER);
      const coordinator = await userContext(p, COORDINATOR);
      const t = { channel: 'letter' as const, language: 'nl' as const, subject: 'Even contact', body: 'Beste {{naam}}, bel {{contactpersoon}} op {{telefoon}}. {{datum}}', contactPerson: 'Fatima Yilmaz', contactPhone: '020 555 0101' };
      await assert.rejects(saveOutreachTemplate(p.deps, worker, t), AccessDenied);
      await assert.rejects(saveOutreachTemplate(p.deps, coordinator, { ...t, body: 'Beste {{bsn}}' }), WorklistInputError);
      assert.equal((await getOutreachTemplateOf(p.deps, worker, 'letter', 'nl')).own, false);
      await saveOutreachTemplate(p.deps, coordinator, t);
      const saved = await getOutreachTemplateOf(p.deps, worker, 'letter', 'nl');
      assert.equal(saved.own, true);
      const m = await previewCaseMessage(p.deps, worker, await someCase(), 'letter', 'nl', allowed());
      assert.match(m.body, /bel Fatima Yilmaz op 020 555 0101\. \d{1,2} [a-z]+ \d{4}$/);
      const audit = (await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'outreach.template-save'`.execute(p.deps.db)).rows[0]!.n;
      assert.equal(audit, 1);
    });

    it('prints one letter a page for every case of a letter queue and registers the contact attempt Brief', async () => {
      const ctx = await userContext(p, WORKER);
      const queue = (await listQueues(p.deps.db, 'GM0363')).find((q) => q.approach === 'letter')!;
      const { result, pdf } = await pdfOf(p.deps, ctx, { queue: queue.id }, allowed());
      assert.ok(result.letters > 0);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.equal(pageCount(pdf), result.letters);
      const inQueue = (await sql<{ id: string }>`select id::text from cases where queue_id = ${queue.id} and status <> 'closed' order by id`.execute(p.deps.db)).rows.map((r) => r.id);
      assert.equal(result.letters + result.withoutAddress, inQueue.length);
      const briefs = await attempts('Brief');
      assert.equal(briefs.length, result.letters);
      assert.ok(briefs.every((id) => inQueue.includes(id)));
      const picked = (await sql<{ n: number }>`select count(*)::int as n from cases where id::text = any(${briefs}) and status = 'picked_up'`.execute(p.deps.db)).rows[0]!.n;
      assert.equal(picked, briefs.length, 'the letter counts as the first contact attempt');
      const messages = (await sql<{ n: number }>`select count(*)::int as n from outreach_messages where channel = 'letter'`.execute(p.deps.db)).rows[0]!.n;
      assert.equal(messages, result.letters);
      const audit = (await sql<{ object_ids: string[]; detail: unknown }>`select object_ids, detail from audit_log where activity = 'outreach.letter' and outcome = 'success'`.execute(p.deps.db)).rows;
      assert.deepEqual(audit.flatMap((a) => a.object_ids).sort(), [...briefs].sort());
      assert.ok(!JSON.stringify(audit).includes('@'), 'no e-mail address in the audit trail');
    });

    it('runs a queue again for the cases without a letter only, unless asked to reprint all', async () => {
      const ctx = await userContext(p, WORKER);
      const queue = (await listQueues(p.deps.db, 'GM0363')).find((q) => q.approach === 'letter')!;
      const before = await attempts('Brief');
      assert.ok(before.length > 0, 'the previous test printed this queue');
      // A case that had no letter yet: its letter attempt taken away, as for a case matched since.
      const fresh = before[0]!;
      await sql`delete from outreach_messages where case_id = ${fresh}`.execute(p.deps.db);
      await sql`delete from contact_attempts where case_id = ${fresh} and contact_type = 'Brief'`.execute(p.deps.db);
      assert.equal((await casesAwaitingLetterPerQueue(p.deps, ctx)).get(queue.id), 1);
      const again = await pdfOf(p.deps, ctx, { queue: queue.id }, allowed());
      assert.deepEqual(again.result, { letters: 1, withoutAddress: 0, alreadyHadLetter: before.length - 1, truncated: false });
      assert.equal(pageCount(again.pdf), 1);
      assert.deepEqual(await attempts('Brief'), before, 'only the case without a letter got one');
      assert.equal((await casesAwaitingLetterPerQueue(p.deps, ctx)).get(queue.id), undefined);
      const all = await pdfOf(p.deps, ctx, { queue: queue.id, reprint: true }, allowed());
      assert.equal(all.result.letters, before.length);
      assert.equal(all.result.alreadyHadLetter, 0);
      assert.equal(pageCount(all.pdf), before.length);
      assert.equal((await attempts('Brief')).length, 2 * before.length, 'a reprinted letter is a new contact attempt');
    });

    it('prints a letter to a resident whose name is outside Latin-1 as written', async () => {
      const ctx = await userContext(p, WORKER);
      const id = await someCase(sql`g.surname is not null and g.street is not null`);
      await sql`update signals set given_name = 'Şükrü', initials = 'Ş.', prefix = null, surname = 'Łukasz', street = 'Çağlayanstraat' where id in (select signal_id from signal_states where case_id = ${id})`.execute(p.deps.db);
      const { result, pdf } = await pdfOf(p.deps, ctx, { caseId: id }, allowed());
      assert.equal(result.letters, 1);
      const text = pdfTextOf(pdf);
      assert.match(text, /Ş\.? ?(Şükrü )?Łukasz/, text);
      assert.ok(text.includes('Çağlayanstraat'), text);
      assert.doesNotMatch(text, /\?/);
    });

    it('prints no letter for a case whose rules allowed no contact details', async () => {
      const ctx = await userContext(p, WORKER);
      const { result, pdf } = await pdfOf(p.deps, ctx, { caseId: await someCase() }, () => ['arrear_amount']);
      assert.deepEqual(result, { letters: 0, withoutAddress: 1, alreadyHadLetter: 0, truncated: false });
      assert.equal(pageCount(pdf), 0);
    });

    it('e-mails the resident over SMTP and registers the contact attempt Mail, auditing without the address', async () => {
      const ctx = await userContext(p, WORKER);
      const id = await someCase(sql`g.email is not null`);
      const preview = await previewCaseMessage(p.deps, ctx, id, 'email', 'nl', allowed());
      await emailResident(p.deps, ctx, id, 'nl', allowed());
      const got = await mail.sink.waitFor(preview.recipient!.email!);
      assert.equal(got.subject, 'Wij willen u graag helpen');
      assert.ok(got.text.includes(`Beste ${preview.recipient!.name},`));
      assert.ok((await attempts('Mail')).includes(id));
      const audit = (await sql<{ detail: unknown }>`select detail from audit_log where activity = 'outreach.email'`.execute(p.deps.db)).rows;
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(preview.recipient!.email!));
      await assert.rejects(emailResident(p.deps, ctx, id, 'nl', () => ['arrear_amount']), WorklistInputError);
    });

    it('texts the resident through the HTTP SMS provider and registers the contact attempt SMS/Whatsapp', async () => {
      const received: Array<{ auth: string | undefined; body: { to: string; text: string } }> = [];
      const server = createServer((req, res) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString()));
        req.on('end', () => {
          received.push({ auth: req.headers.authorization, body: JSON.parse(data) as { to: string; text: string } });
          res.writeHead(received.length === 1 ? 202 : 503).end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const sms = createHttpSmsSender({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, token: 'test-token' });
        const ctx = await userContext(p, WORKER);
        const id = await someCase(sql`g.phone is not null and not exists (select 1 from contact_attempts a where a.case_id = c.id)`);
        const preview = await previewCaseMessage(p.deps, ctx, id, 'sms', 'nl', allowed());
        await smsResident(p.deps, ctx, sms, id, 'nl', allowed());
        assert.equal(received.length, 1);
        assert.equal(received[0]!.auth, 'Bearer test-token');
        assert.equal(received[0]!.body.to, e164(preview.recipient!.phone!));
        assert.match(received[0]!.body.text, /^Gemeente Amsterdam: /);
        assert.ok((await attempts('SMS/Whatsapp')).includes(id));
        // A rule that allowed no contact details: nothing to send it to, nothing sent.
        await assert.rejects(smsResident(p.deps, ctx, sms, id, 'nl', () => ['arrear_amount']), WorklistInputError);
        assert.equal(received.length, 1);
        // The provider refuses the next one: no contact attempt, an error in the audit trail.
        await assert.rejects(smsResident(p.deps, ctx, sms, id, 'nl', allowed()), /HTTP 503/);
        assert.equal((await attempts('SMS/Whatsapp')).filter((c) => c === id).length, 1);
        const audit = (await sql<{ outcome: string; detail: unknown }>`select outcome, detail from audit_log where activity = 'outreach.sms' order by id`.execute(p.deps.db)).rows;
        assert.deepEqual(audit.map((a) => a.outcome), ['success', 'error']);
        assert.ok(!JSON.stringify(audit).includes(received[0]!.body.to.slice(3)));
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });
}
