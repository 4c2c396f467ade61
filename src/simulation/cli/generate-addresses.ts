// npm run generate:addresses -- --out pc6hnr20250801_gwb.csv [--year 2025] [--rows 9500000] [--merge GM0037:GM0014]
// A synthetic national address table in the CBS layout (src/simulation/addresses/synthetic-address-table.ts),
// to try `npm run addresses -- import` and for benchmarks; --merge moves one municipality's addresses to
// another, as a merger does between two years' tables.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadRules } from '../../app/rules/load-rules.ts';
import { loadPostcodeAreaRouter } from '../../app/routing/load-postcode-areas.ts';
import { syntheticAddressLines } from '../addresses/synthetic-address-table.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, year: { type: 'string', default: String(new Date().getFullYear()) }, rows: { type: 'string', default: '9500000' }, merge: { type: 'string', multiple: true } },
});
if (!values.out) {
  console.error('usage: npm run generate:addresses -- --out <file> [--year 2025] [--rows 9500000] [--merge GM0037:GM0014]');
  process.exit(2);
}
const { book } = await loadRules();
const areas = (await loadPostcodeAreaRouter()).areas;
const reassign = new Map((values.merge ?? []).map((m) => m.split(':') as [string, string]));
const year = Number(values.year);
await pipeline(
  Readable.from(syntheticAddressLines({ municipalities: book.registers.municipalities, areas, date: `${year}-06-01`, rows: Number(values.rows), year, reassign })),
  createWriteStream(values.out),
);
console.log(`wrote ${Number(values.rows).toLocaleString('en')} addresses to ${values.out}`);
