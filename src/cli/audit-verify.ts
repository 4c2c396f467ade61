// npm run audit:verify — seals what is ready, then walks the audit trail's hash chain and reports
// the first broken link, if any. Exit code 0: intact; 1: broken.
import { loadConfig } from '../config.ts';
import { openDatabaseFromConfig } from '../db/database.ts';
import { sealAuditLog, verifyAuditChain } from '../db/repositories/audit.ts';

const config = loadConfig();
const database = await openDatabaseFromConfig(config);
try {
  let sealed = 0;
  for (let n = await sealAuditLog(database.db); n > 0; n = await sealAuditLog(database.db)) sealed += n;
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit trail intact: ${result.checked} records checked (${sealed} newly sealed).`);
  } else {
    console.log(`Audit trail BROKEN at record ${result.firstBrokenSeq}: ${result.reason}. ${result.checked} records before it are intact.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
