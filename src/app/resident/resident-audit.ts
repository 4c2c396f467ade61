import { appendAudit } from '../../db/repositories/audit.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The audit record of what a resident did on their own page. The actor is no account: the way in
 * (code or DigiD) is in the detail; never the code, postcode, BSN or e-mail address.
 */
export async function auditResident(
  db: Kysely<DB> | Transaction<DB>,
  trace: { traceId: string; spanId: string },
  e: { activity: string; outcome: 'success' | 'refused'; organisationId: string | null; objectIds?: string[]; subjectPseudonyms?: string[]; detail: Record<string, unknown> },
): Promise<void> {
  await appendAudit(db, {
    traceId: trace.traceId,
    spanId: trace.spanId,
    activity: e.activity,
    actorType: 'system',
    actorId: 'inwoner',
    organisationId: e.organisationId,
    objectType: 'resident_reminder',
    ...(e.objectIds ? { objectIds: e.objectIds } : {}),
    ...(e.subjectPseudonyms ? { subjectPseudonyms: e.subjectPseudonyms } : {}),
    outcome: e.outcome,
    detail: e.detail,
  });
}
