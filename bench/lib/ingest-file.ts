// Child process of bench:intake: ingests one CSV file end to end (parse, validate, judge, store,
// per-row results written out) and prints its figures as JSON, including its own peak memory.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { openDatabase } from '../../src/db/database.ts';
import { createAppDeps } from '../../src/app-deps.ts';
import { seedOrganisations } from '../../src/app/seed/seed-demo.ts';
import { importBatch } from '../../src/app/intake/import-batch.ts';
import { openBatchResults } from '../../src/app/intake/batch-results.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { snapshotIntakeKit } from '../../src/app/intake/judging/intake-kit.ts';
import { availableParallelism } from 'node:os';

const [databaseUrl, file, sender, resultsFile] = process.argv.slice(2) as [string, string, string, string];
// `pglite:<dir>`: the embedded database on disk, in this process (bench:intake --engine pglite).
const database = databaseUrl.startsWith('pglite:') ? await openDatabase({ dataDir: databaseUrl.slice('pglite:'.length) }) : await openDatabase({ databaseUrl, poolSize: 4 });
// As the platform runs it: worker threads judge chunks beside the database work (INTAKE_WORKERS).
const { deps, registers } = await createAppDeps(database, { intakeWorkers: Number(process.env.INTAKE_WORKERS ?? Math.min(2, availableParallelism())) });
await seedOrganisations(deps, registers);
const ctx = systemContext(sender, 'bench-intake');
// A running platform has its workers started; so does the measurement (starting them takes ~1 s, once).
const kit = snapshotIntakeKit(deps);
if (deps.intakeWorkers && kit) await deps.intakeWorkers.warmUp(kit);

const t0 = performance.now();
const batch = await importBatch(deps, ctx, { source: createReadStream(file), format: 'csv', filename: file, maxBytes: 64 * 1024 ** 3 });
const t1 = performance.now();
const opened = await openBatchResults(deps, ctx, batch.id, 'nl');
const out = createWriteStream(resultsFile);
let resultLines = 0;
for await (const page of opened!.pages) {
  for (let i = page.indexOf('\n'); i !== -1; i = page.indexOf('\n', i + 1)) resultLines++;
  if (!out.write(page)) await once(out, 'drain');
}
// Lines of the file, less its header (a reason never holds a line break unquoted; none holds one here).
const resultRows = resultLines - 1;
out.end();
await once(out, 'finish');
const t2 = performance.now();
await deps.intakeWorkers?.close();
await database.close();
console.log(
  JSON.stringify({
    status: batch.status,
    rows: batch.rows_total,
    accepted: batch.rows_accepted,
    refused: batch.rows_refused,
    duplicate: batch.rows_duplicate,
    ingestSeconds: (t1 - t0) / 1000,
    resultsSeconds: (t2 - t1) / 1000,
    resultRows,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    // all threads of this process (main and intake workers), from start-up to the end
    cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
  }),
);
