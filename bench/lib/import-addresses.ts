// Child process of bench:addresses: imports one address table file and prints its figures as JSON,
// including its own peak memory.
import { openDatabase } from '../../src/db/database.ts';
import { importAddressTable } from '../../src/app/addresses/import-address-table.ts';

const [databaseUrl, file] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ databaseUrl, poolSize: 2 });
const t0 = performance.now();
const r = await importAddressTable({ db: database.db }, { file });
const seconds = (performance.now() - t0) / 1000;
await database.close();
console.log(
  JSON.stringify({
    outcome: r.outcome,
    rows: r.version.rowsStored,
    refused: r.version.rowsRefused,
    moved: r.changes?.moved ?? 0,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
