import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

// The API and batch files store signals differently (one INSERT statement; binary COPY) but decide
// alike: the same rows get the same outcomes and the same audit counts on both paths.

async function lastIntakeAudit(p: TestPlatform): Promise<Record<string, unknown>> {
  const r = await sql<{ detail: Record<string, unknown> }>`
    select detail from audit_log where activity = 'signal.intake' order by id desc limit 1`.execute(p.deps.db);
  const { batchId: _batch, ...rest } = r.rows[0]!.detail;
  return rest;
}

for (const engine of ENGINES) {
  describe(`one decision for API and batch intake (${engine.name})`, () => {
    let p: TestPlatform;
    let key: string;
    before(async () => {
      p = await startTestPlatform(engine);
      key = p.keyOf('demo-woningcorporatie');
    });
    after(async () => p.close());

    const send = (body: unknown) =>
      fetch(`${p.url}/v1/signals`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const upload = async (csv: string) => {
      const res = await fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: csv });
      assert.equal(res.status, 201, await res.clone().text());
      const id = ((await res.json()) as { id: string }).id;
      const out = await fetch(`${p.url}/v1/batches/${id}/results`, { headers: { authorization: `Bearer ${key}` } });
      return parse(await out.text(), { columns: true }) as Array<{ outcome: string; signal_id: string }>;
    };

    it('a stored reference sent again with other content conflicts, and so does a copy of that row; a copy of a new row is its duplicate', async () => {
      // Over the API.
      const stored = (await (await send(rentSignal('oda-1'))).json()) as { results: Array<{ signalId: string }> };
      const apiRes = (await (
        await send({
          signals: [
            rentSignal('oda-1', { amount: '999.00' }),
            rentSignal('oda-1', { amount: '999.00' }),
            rentSignal('oda-2'),
            rentSignal('oda-2'),
            rentSignal('oda-3', { address: { street: 'Dorpsstraat', houseNumber: '12', postcode: '10XXAB', city: 'Amsterdam' } }),
          ],
        })
      ).json()) as { results: Array<{ outcome: string; signalId?: string }> };
      const api = apiRes.results.map((r) => r.outcome);
      assert.deepEqual(api, ['conflict', 'conflict', 'accepted', 'duplicate', 'refused']);
      assert.equal(apiRes.results[1]!.signalId, stored.results[0]!.signalId, 'the copy points at the stored signal it conflicts with');
      assert.equal(apiRes.results[3]!.signalId, apiRes.results[2]!.signalId);
      const apiAudit = await lastIntakeAudit(p);

      // In a batch file.
      await upload(`${CSV_HEADER}\n${rentCsvRow('odb-1')}\n`);
      const rows = await upload(
        [CSV_HEADER, rentCsvRow('odb-1', { amount: '999.00' }), rentCsvRow('odb-1', { amount: '999.00' }), rentCsvRow('odb-2'), rentCsvRow('odb-2'), rentCsvRow('odb-3', { postcode: '10XXAB' })].join('\n') + '\n',
      );
      assert.deepEqual(
        rows.map((r) => r.outcome),
        api,
      );
      assert.deepEqual(await lastIntakeAudit(p), apiAudit);
      assert.deepEqual(apiAudit, { rows: 5, accepted: 1, refused: 1, duplicate: 3 });
    });
  });
}
