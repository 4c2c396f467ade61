import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

describe('GET /v1/signal-types: what is in force on a date (public)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!, { now: () => new Date('2026-12-04T10:00:00Z') });
  });
  after(() => p.close());

  it('answers without a key, with each designation, its citations and its verification status', async () => {
    const r = await fetch(`${p.url}/v1/signal-types?date=2025-09-01`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('api-version'), '1.0.0');
    const v = (await r.json()) as { date: string; entries: Array<{ signalType: string; verified: boolean; verify: unknown[]; municipalities: { all: boolean }; senders: { citation: { article: string } } }>; notInForce: Array<{ signalType: string; reason: string }> };
    assert.equal(v.date, '2025-09-01');
    const tax = v.entries.find((e) => e.signalType === 'tax_debt')!;
    assert.equal(tax.verified, false);
    assert.equal(tax.municipalities.all, false);
    assert.equal(tax.senders.citation.article, '2.5');
    assert.deepEqual(v.notInForce.find((n) => n.signalType === 'municipal_tax')?.reason, 'repealed');
    assert.ok(v.entries.find((e) => e.signalType === 'rent'));
  });

  it('defaults to today (December 2026: the Tijdelijke regeling has lapsed) and refuses a date that does not exist', async () => {
    const today = (await (await fetch(`${p.url}/v1/signal-types`)).json()) as { date: string; entries: Array<{ regulation: { id: string } }>; notInForce: Array<{ signalType: string; reason: string }> };
    assert.equal(today.date, '2026-12-04');
    assert.ok(!today.entries.some((e) => e.regulation.id.startsWith('tijdelijke-regeling')));
    assert.equal(today.notInForce.find((n) => n.signalType === 'mortgage')?.reason, 'lapsed');
    const bad = await fetch(`${p.url}/v1/signal-types?date=2025-02-30`);
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});
