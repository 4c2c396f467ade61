// npm run addresses -- import <file> [--valid-from YYYY-MM-DD]   load a CBS address table as a dated version
// npm run addresses -- versions                                 list the versions and what each changed
// The accepted layout is described in src/domain/addresses/cbs-layout.ts and the README.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabaseFromConfig } from '../db/database.ts';
import { AddressTableRefused, importAddressTable } from '../app/addresses/import-address-table.ts';
import { addressTableVersions } from '../app/addresses/address-table-versions.ts';
import { loadRules } from '../app/rules/load-rules.ts';
import { municipalityCodeOf } from '../domain/addresses/postcode-index.ts';
import { formatChanges, formatVersions } from './addresses-format.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'valid-from': { type: 'string' } } });
const [command, file] = positionals;
const USAGE = 'usage: npm run addresses -- import <pc6hnr…_gwb.csv> [--valid-from YYYY-MM-DD] | versions';

if (command !== 'import' && command !== 'versions') {
  console.error(USAGE);
  process.exit(2);
}
if (command === 'import' && !file) {
  console.error(USAGE);
  process.exit(2);
}

const names = new Map((await loadRules()).book.registers.municipalities.map((m) => [m.code, m.name]));
const nameOf = (n: number) => {
  const code = municipalityCodeOf(n);
  return `${names.get(code) ?? '?'} (${code})`;
};

const database = await openDatabaseFromConfig(loadConfig());
try {
  if (command === 'versions') {
    console.log(formatVersions(await addressTableVersions({ db: database.db })));
  } else {
    const started = Date.now();
    let last = 0;
    const r = await importAddressTable(
      { db: database.db },
      {
        file: file!,
        ...(values['valid-from'] ? { validFrom: values['valid-from'] } : {}),
        onProgress: (p) => {
          if (Date.now() - last < 2000) return;
          last = Date.now();
          console.error(`… ${p.lines.toLocaleString('en')} lines`);
        },
      },
    );
    const v = r.version;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (r.outcome === 'unchanged') console.log(`Already imported as version ${v.id} (valid from ${v.validFrom}); nothing changed.`);
    else console.log(`${r.outcome === 'resumed' ? 'Resumed and completed' : 'Imported'} version ${v.id}, valid from ${v.validFrom}, in ${secs} s: ${v.rowsStored.toLocaleString('en')} addresses, ${v.rowsRefused.toLocaleString('en')} lines refused.`);
    for (const x of v.refusals.slice(0, 10)) console.log(`  line ${x.line}: ${x.reason}`);
    if (r.changes) console.log(formatChanges(r.changes, nameOf));
  }
} catch (e) {
  if (!(e instanceof AddressTableRefused)) throw e;
  console.error(`Address table refused: ${e.message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
