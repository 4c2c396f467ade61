import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from '../src/db/database.ts';
import { createAppDeps } from '../src/app-deps.ts';
import type { AppDeps } from '../src/app/context.ts';
import { processChunk, type ChunkJob } from '../src/app/intake/judging/chunk-processor.ts';
import { snapshotIntakeKit } from '../src/app/intake/judging/intake-kit.ts';
import type { IntakeWorkers } from '../src/app/intake/judging/intake-workers.ts';
import { checkSignalShape } from '../src/app/validation/signal-validator.ts';
import { columnIndex } from '../src/domain/signals/csv-columns.ts';
import { seedOrganisations } from '../src/app/seed/seed-demo.ts';
import { CSV_HEADER, rentCsvRow } from './helpers/platform.ts';

const header = CSV_HEADER.split(',');
const job = (rows: number, from: number): ChunkJob => {
  const text = Array.from({ length: rows }, (_, i) => rentCsvRow(`w-${from + i}`, { amount: `${from + i}.25` })).join('\n') + '\n';
  return { bytes: Buffer.from(text), offset: 0, layout: { format: 'csv', header, columns: columnIndex(header) }, senderOrgId: 'demo-woningcorporatie', latestSignalDate: '2026-12-31', batchId: '00000000-0000-4000-8000-000000000001' };
};

// The pool hands buffers back and forth (a stored chunk's tuples to its worker, a job's bytes with
// its result): whatever buffer a chunk lands in, it must come out exactly as judged in this thread.
describe('intake worker threads', () => {
  let database: Database;
  let deps: AppDeps;
  let workers: IntakeWorkers;
  before(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    // One thread, so that every buffer given back is the one the next chunk can reuse.
    const made = await createAppDeps(database, { intakeWorkers: 1 });
    deps = made.deps;
    await seedOrganisations(deps, made.registers);
    workers = deps.intakeWorkers!;
  });
  after(async () => {
    await workers.close();
    await database.close();
  });

  it('judges chunk after chunk as this thread does, in new and in recycled buffers of other sizes', async () => {
    const kit = snapshotIntakeKit(deps)!;
    const local = { judge: deps.judge, router: deps.registers, pseudonymize: deps.pseudonymize, checkShape: checkSignalShape };
    let from = 1;
    // Large, then smaller (fits a recycled buffer), then larger than any (a new one), and so on.
    for (const rows of [900, 400, 1500, 600, 600, 2000, 300, 1000]) {
      const j = job(rows, from);
      from += rows;
      const there = await workers.run(kit, j);
      const here = processChunk(local, j);
      assert.equal(there.accepted.references.length, rows);
      assert.deepEqual(there.accepted.references, here.accepted.references);
      assert.deepEqual([...there.accepted.at], [...here.accepted.at]);
      assert.ok(Buffer.from(there.tuples).equals(Buffer.from(here.tuples)), `tuples of the ${rows}-row chunk`);
      workers.recycle(there);
      // Gone to the worker: this thread can no longer read it.
      assert.equal(there.tuples.byteLength, 0);
    }
  });
});
