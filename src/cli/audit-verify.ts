// npm run audit:verify — seals what is ready, then checks the audit trail: every keyed link of the
// chain (AUDIT_MAC_KEY), and the chain against the signed checkpoints in AUDIT_CHECKPOINT_DIR
// (truncation at the end, deleted records, altered records or a recomputed chain, forged
// checkpoints). Exit code 0: intact; 1: something is wrong (each finding is printed); 2: no
// checkpoint to measure against (the chain alone shows neither truncation nor a chain recomputed
// from its start with unkeyed links).
import { loadConfig } from '../config.ts';
import { openDatabaseFromConfig } from '../db/database.ts';
import { DirectoryCheckpointStore } from '../app/audit/checkpoint-store.ts';
import { sealWaitingAuditRecords } from '../app/audit/seal-audit.ts';
import { verifyAuditTrail } from '../app/audit/verify-audit.ts';

const config = loadConfig();
const database = await openDatabaseFromConfig(config);
try {
  const sealed = await sealWaitingAuditRecords(database.db, config.auditMacKey);
  const v = await verifyAuditTrail(database.db, config.auditMacKey, new DirectoryCheckpointStore(config.auditCheckpointDir));
  const last = v.lastCheckpoint ? `last checkpoint: record ${v.lastCheckpoint.seq} at ${v.lastCheckpoint.at}` : 'no checkpoint';
  if (v.ok && v.checkpoints === 0 && v.checked > 0) {
    // Without an anchor the links prove little: a writer could cut the end, or recompute the whole chain unkeyed.
    console.log(`Audit trail NOT anchored: the links of ${v.checked} records hold (${sealed} newly sealed), but no checkpoint was found in ${config.auditCheckpointDir}, so truncation at the end or a chain recomputed from its start cannot be ruled out. Point AUDIT_CHECKPOINT_DIR at the checkpoints the platform writes.`);
    process.exitCode = 2;
  } else if (v.ok) {
    console.log(`Audit trail intact: ${v.checked} records checked (${sealed} newly sealed), ${v.checkpoints} checkpoints in ${config.auditCheckpointDir} hold (${last}).`);
  } else {
    console.log(`Audit trail NOT intact (${v.checked} records checked; ${last}):`);
    for (const f of v.findings) console.log(`  ${f.kind.toUpperCase()} at record ${f.seq}: ${f.detail}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
