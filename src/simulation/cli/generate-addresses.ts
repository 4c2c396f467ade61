// npm run generate:addresses -- --out pc6hnr20250801_gwb.csv [--year 2025] [--rows 9500000] [--merge GM0037:GM0014]
// A synthetic national address table in the CBS layout (src/simulation/addresses/synthetic-address-table.ts),
// to try `npm run addresses -- import` and for benchmarks; --merge moves one municipality's addresses to
// another, as a merger does between two years' tables.
import { parseArgs } from 'node:util';
import { writeAddressTableFile } from '../generate/address-table-file.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, year: { type: 'string', default: String(new Date().getFullYear()) }, rows: { type: 'string', default: '9500000' }, merge: { type: 'string', multiple: true } },
});
if (!values.out) {
  console.error('usage: npm run generate:addresses -- --out <file> [--year 2025] [--rows 9500000] [--merge GM0037:GM0014]');
  process.exit(2);
}
const reassign = new Map((values.merge ?? []).map((m) => m.split(':') as [string, string]));
await writeAddressTableFile(values.out, { rows: Number(values.rows), year: Number(values.year), reassign });
console.log(`wrote ${Number(values.rows).toLocaleString('en')} addresses to ${values.out}`);
