import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadRules } from '../../app/rules/load-rules.ts';
import { loadPostcodeAreaRouter } from '../../app/routing/load-postcode-areas.ts';
import { syntheticAddressLines, type SyntheticTableOptions } from '../addresses/synthetic-address-table.ts';

/**
 * Writes a synthetic address table in the CBS layout for a year (the municipalities of the register
 * and the demo's postcode areas), streamed: for `npm run generate:addresses`, the tests and bench:addresses.
 */
export async function writeAddressTableFile(file: string, o: Omit<SyntheticTableOptions, 'municipalities' | 'areas' | 'date'>): Promise<void> {
  const { book } = await loadRules();
  const areas = (await loadPostcodeAreaRouter()).areas;
  const lines = syntheticAddressLines({ municipalities: book.registers.municipalities, areas, date: `${o.year}-06-01`, ...o });
  await pipeline(Readable.from(lines), createWriteStream(file));
}
