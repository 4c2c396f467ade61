import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { CallContext } from '../src/app/context.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../src/app/worklist/record-outcome.ts';
import { WorklistInputError } from '../src/app/worklist/own-municipality.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';
import { saveReferralEndpointSettings } from '../src/app/referrals/endpoint-settings.ts';
import { handOffCase } from '../src/app/referrals/hand-off-case.ts';
import { deliverDueReferrals } from '../src/app/referrals/deliver-referrals.ts';
import { verifySignatureHeader } from '../src/domain/referrals/signature.ts';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const validatePayload = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(JSON.parse(readFileSync(new URL('../docs/integrations/referral.schema.json', import.meta.url), 'utf8')) as object);

// The tests drive delivery themselves with their own clock; the queue's own runs would race them.
process.env.REFERRAL_DELIVERY_INTERVAL_MS = '0';

const SECRET = 'test-webhook-secret-0123456789abcdefghij';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A debt-help system on this machine: answers with the statuses it is given in turn (then 200), records what came. */
async function receiver(): Promise<{ url: string; received: Received[]; answers: number[]; server: Server }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/referrals`, received, answers, server };
}

for (const engine of ENGINES) {
  describe(`hand-off to debt help (${engine.name})`, () => {
    let p: TestPlatform;
    let worker: CallContext;
    let clock = new Date('2025-03-20T10:00:00Z');
    let rx: Awaited<ReturnType<typeof receiver>>;
    const caseOf = async (reference: string) => (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id!;
    const job = () => systemContext('platform-beheer', 'referrals', 'job');

    before(async () => {
      rx = await receiver();
      p = await startTestPlatform(engine, { now: () => clock });
      const out = await submitSignals(
        p.deps,
        systemContext('demo-woningcorporatie', 'test'),
        [rentSignal('rf-1', { address: { street: 'Keizersgracht', houseNumber: '60', postcode: '1015CS', city: 'Amsterdam' } }), rentSignal('rf-2', { address: { postcode: '1012CD', houseNumber: '8' } })],
        { dryRun: false },
      );
      for (const o of out) assert.equal(o.outcome, 'accepted');
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      worker = await userContext(p, 'medewerker@amsterdam.demo');
      for (const [ref, result] of [
        ['rf-1', 'Vervolghulp en/of verwijzing financieel'],
        ['rf-2', '(Budget)advies en/of quick fix'],
      ] as const) {
        const id = await caseOf(ref);
        await recordContactAttempt(p.deps, worker, id, { contactType: 'Telefoon', reached: 'yes', date: '2025-03-19', partOfDay: 'Ochtend' });
        await recordOutcome(p.deps, worker, id, { result });
      }
    });
    after(async () => {
      await p.close();
      rx.server.close();
    });

    it('refuses a hand-off without consent, for a result that is not a financial referral, or with no debt-help system connected; only a coordinator connects one', async () => {
      const eligible = await caseOf('rf-1');
      await assert.rejects(handOffCase(p.deps, worker, eligible, { consent: 'yes' }), (e) => e instanceof WorklistInputError && e.fields.consent === 'no endpoint');
      await assert.rejects(saveReferralEndpointSettings(p.deps, worker, { url: rx.url, secret: SECRET }), /municipality:configure/);
      const coordinator = await userContext(p, 'coordinator@amsterdam.demo');
      await assert.rejects(saveReferralEndpointSettings(p.deps, coordinator, { url: 'http://debt-help.example/in', secret: SECRET }), (e) => e instanceof WorklistInputError && e.fields.url === 'use https');
      await assert.rejects(saveReferralEndpointSettings(p.deps, coordinator, { url: rx.url, secret: 'short' }), (e) => e instanceof WorklistInputError && !!e.fields.secret);
      await saveReferralEndpointSettings(p.deps, coordinator, { url: rx.url, secret: SECRET });
      const stored = await p.deps.db.selectFrom('referral_endpoints').selectAll().executeTakeFirstOrThrow();
      assert.ok(!stored.secret_sealed.includes(SECRET), 'the secret is stored sealed');
      await assert.rejects(handOffCase(p.deps, worker, eligible, { consent: '' }), (e) => e instanceof WorklistInputError && e.fields.consent === 'consent required');
      await assert.rejects(handOffCase(p.deps, worker, await caseOf('rf-2'), { consent: 'yes' }), (e) => e instanceof WorklistInputError && e.fields.consent === 'not eligible');
    });

    it('sends a signed referral: a 500 then a 200 gives exactly two attempts with the same id, one delivery, and never a third', async () => {
      const caseId = await caseOf('rf-1');
      const { referralId } = await handOffCase(p.deps, worker, caseId, { consent: 'yes' });
      await assert.rejects(handOffCase(p.deps, worker, caseId, { consent: 'yes' }), (e) => e instanceof WorklistInputError && e.fields.consent === 'already handed off');
      const row = await p.deps.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.ok(row.consent_recorded_by, 'who recorded the consent');
      assert.equal(new Date(row.consent_recorded_at).toISOString(), clock.toISOString(), 'and when');

      rx.answers.push(500);
      assert.deepEqual(await deliverDueReferrals(p.deps, job()), { attempted: 1, delivered: 0, failed: 0 });
      assert.equal(rx.received.length, 1);
      assert.deepEqual(await deliverDueReferrals(p.deps, job()), { attempted: 0, delivered: 0, failed: 0 }, 'not again before the backoff is over');
      const waiting = await p.deps.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
      assert.equal(waiting.status, 'pending');
      assert.equal(waiting.attempts, 1);
      assert.equal(waiting.last_http_status, 500);
      assert.equal(new Date(waiting.next_attempt_at!).getTime() - clock.getTime(), 30_000, 'first retry after 30 s');

      clock = new Date(clock.getTime() + 31_000);
      assert.deepEqual(await deliverDueReferrals(p.deps, job()), { attempted: 1, delivered: 1, failed: 0 });
      clock = new Date(clock.getTime() + 24 * 3600_000);
      assert.deepEqual(await deliverDueReferrals(p.deps, job()), { attempted: 0, delivered: 0, failed: 0 }, 'delivered is final');
      assert.equal(rx.received.length, 2, 'exactly two attempts');

      for (const [i, r] of rx.received.entries()) {
        assert.equal(r.headers['x-vroegsignaal-delivery'], referralId, 'the same idempotency key on every attempt');
        assert.equal(r.headers['x-vroegsignaal-attempt'], String(i + 1));
        const header = String(r.headers['x-vroegsignaal-signature']);
        const t = Number(/t=(\d+)/.exec(header)![1]);
        assert.ok(verifySignatureHeader(header, SECRET, r.body, t), 'the signature verifies');
        assert.ok(!verifySignatureHeader(header, 'another-secret-0123456789abcdefghijkl', r.body, t), 'not with another secret');
        assert.ok(!verifySignatureHeader(header, SECRET, r.body.replace('812.50', '1.00'), t), 'not over a changed body');
        assert.ok(!verifySignatureHeader(header, SECRET, r.body, t + 3600), 'not an hour later (replay)');
      }
      const payload = JSON.parse(rx.received[1]!.body) as Record<string, unknown> & { resident: { name: string; address: { postcode: string } }; debts: Array<{ amount: string; creditor: string }> };
      assert.ok(validatePayload(payload), `the payload follows docs/integrations/referral.schema.json: ${JSON.stringify(validatePayload.errors)}`);
      assert.equal(payload.referralId, referralId);
      assert.equal(payload.caseId, caseId);
      assert.equal(payload.resident.name, 'J. de Vries');
      assert.equal(payload.resident.address.postcode, '1015CS');
      assert.deepEqual(payload.debts.map((d) => d.amount), ['812.50']);
      assert.ok(!('bsn' in payload.resident) && !rx.received[1]!.body.includes('customerNumber'), 'no BSN, no customer number');

      const audits = (await sql<{ activity: string; outcome: string; detail: unknown }>`select activity, outcome, detail from audit_log where activity like 'referral.%' order by occurred_at, id`.execute(p.deps.db)).rows;
      assert.deepEqual(
        audits.map((a) => `${a.activity}:${a.outcome}`),
        ['referral.endpoint:success', 'referral.hand-off:success', 'referral.delivery:error', 'referral.delivery:success'],
      );
      assert.ok(!JSON.stringify(audits).includes('Vries'), 'no personal data in the audit details');
    });

    it('a receiver that answers 2xx twice for one id (its first answer lost) gets no third attempt', async () => {
      // The first answer comes after the platform stopped waiting: the attempt counts as failed, the receiver has it.
      const slow = createServer((req, res) => {
        req.resume();
        req.on('end', () => setTimeout(() => res.writeHead(200).end(), slowCalls++ === 0 ? 1500 : 0));
      });
      let slowCalls = 0;
      await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
      try {
        await p.deps.db.updateTable('referral_endpoints').set({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/` }).execute();
        const c = await caseOf('rf-2');
        await p.deps.db.updateTable('cases').set({ result: 'Verwijzing zonder contact' }).where('id', '=', c).execute();
        await handOffCase(p.deps, worker, c, { consent: 'yes' });
        assert.deepEqual(await deliverDueReferrals(p.deps, job(), { timeoutMs: 300 }), { attempted: 1, delivered: 0, failed: 0 });
        clock = new Date(clock.getTime() + 31_000);
        assert.deepEqual(await deliverDueReferrals(p.deps, job(), { timeoutMs: 3000 }), { attempted: 1, delivered: 1, failed: 0 });
        await new Promise((r) => setTimeout(r, 1600));
        clock = new Date(clock.getTime() + 24 * 3600_000);
        assert.deepEqual(await deliverDueReferrals(p.deps, job(), { timeoutMs: 3000 }), { attempted: 0, delivered: 0, failed: 0 });
        assert.equal(slowCalls, 2, 'two requests, both answered 2xx; no third');
      } finally {
        slow.close();
      }
    });
  });
}
