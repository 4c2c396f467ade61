import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { sealAuditLog } from '../../db/repositories/audit.ts';

/** Seals every record still waiting for its link, pass after pass; returns how many were sealed. */
export async function sealWaitingAuditRecords(db: Kysely<DB>, macKey: string): Promise<number> {
  let sealed = 0;
  for (let r = await sealAuditLog(db, macKey); r.sealed > 0; r = await sealAuditLog(db, macKey)) sealed += r.sealed;
  return sealed;
}
