// npx tsx src/cli/rekey-surnames.ts — once after upgrading to transliterated surname keys (issue 18):
// works out the surname keys of stored signals whose surname goes beyond ASCII again and writes them
// to signals, states, cases and objections. Safe to run again (it then changes nothing).
import { loadConfig } from '../config.ts';
import { openDatabaseFromConfig } from '../db/database.ts';
import { rekeyStoredSurnames } from '../app/matching/rekey-surnames.ts';

const config = loadConfig();
const database = await openDatabaseFromConfig(config);
try {
  const n = await rekeyStoredSurnames({ db: database.db });
  console.log(`Surname keys: ${n} signals got a transliterated key.`);
} finally {
  await database.close();
}
