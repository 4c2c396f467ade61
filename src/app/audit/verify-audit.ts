import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { auditLinksAt, lastAuditSeq, verifyAuditChain } from '../../db/repositories/audit.ts';
import { compareWithCheckpoints, type Finding } from '../../domain/audit/checkpoint.ts';
import type { CheckpointStore } from './checkpoint-store.ts';

export interface AuditVerification {
  ok: boolean;
  /** Records whose links were checked. */
  checked: number;
  head: { seq: string; hash: string } | undefined;
  checkpoints: number;
  lastCheckpoint: { seq: string; at: string } | undefined;
  /** What is wrong: in the chain itself (first broken link) and against each checkpoint. */
  findings: Finding[];
}

/**
 * The audit trail against itself and against its checkpoints: every keyed link from the start,
 * then every checkpoint the store holds — truncation at the end, records deleted, records altered
 * (or the chain recomputed), checkpoints not signed with the key.
 */
export async function verifyAuditTrail(db: Kysely<DB>, macKey: string, store: CheckpointStore | undefined): Promise<AuditVerification> {
  const chain = await verifyAuditChain(db, macKey);
  const findings: Finding[] = [];
  if (!chain.ok) {
    const reason = chain.reason ?? '';
    findings.push({ kind: /deleted/.test(reason) ? 'deleted' : 'altered', seq: chain.firstBrokenSeq ?? '?', detail: reason });
  }
  const checkpoints = store ? await store.list() : [];
  const headSeq = BigInt(await lastAuditSeq(db));
  const links = await auditLinksAt(db, checkpoints.map((c) => String(c.seq)).filter((x) => /^\d+$/.test(x)));
  findings.push(...compareWithCheckpoints(macKey, checkpoints, links, headSeq));
  const last = checkpoints.at(-1);
  return {
    ok: findings.length === 0,
    checked: chain.checked,
    head: chain.head,
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { seq: String(last.seq), at: String(last.at) } : undefined,
    findings,
  };
}
