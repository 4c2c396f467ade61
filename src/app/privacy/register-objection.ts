import { randomUUID } from 'node:crypto';
import { resolveSubjectQuery, type SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import { registerObjectionKeys, type ObjectionKey } from '../../db/repositories/resident-objections.ts';
import { addressSubjectPseudonym } from '../../domain/intake/subject.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { TOMBSTONE_REASONS } from '../../domain/privacy/tombstone-reasons.ts';
import { anonymiseSignals, casesWithoutSignals, findSignalsById, recountCases } from '../../db/repositories/privacy.ts';
import { deleteCases, insertTombstone } from '../../db/repositories/retention.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { findSubject, subjectKeyOf } from './find-subject.ts';
import { requireMunicipalityStaff } from './municipality-scope.ts';

export interface ObjectionResult {
  signals: number;
  casesDeleted: number;
  casesKept: number;
  /** Whether new signals about the person are refused from now on (false: nothing identified the person). */
  registered: boolean;
  /** The registration's id, to withdraw it later (null when nothing new was registered: no key, or every key already under an earlier objection). */
  objection: string | null;
}

/**
 * Whom the objection covers from now on: the BSN's pseudonym when found by BSN; the household
 * address's (as intake keys a signal without a BSN), narrowed to the surname when one was given;
 * and each found signal's own subject key, so the spellings senders used are covered too.
 */
function objectionKeys(
  deps: Pick<AppDeps, 'pseudonymize'>,
  municipality: string,
  input: { subject: SubjectQuery } | { signalIds: readonly string[] },
  found: ReadonlyArray<{ subject_pseudonym: string; bsn: string | null; surname_key: string | null }>,
): ObjectionKey[] {
  const keys: ObjectionKey[] = found.map((s) => ({ municipality, subject: s.subject_pseudonym, surnameKey: s.bsn ? null : s.surname_key }));
  if ('subject' in input) {
    const r = resolveSubjectQuery(input.subject);
    if (r.kind === 'bsn') keys.push({ municipality, subject: deps.pseudonymize('bsn', r.bsn), surnameKey: null });
    else if ('postcode' in input.subject)
      keys.push({
        municipality,
        subject: addressSubjectPseudonym(deps.pseudonymize, normalisePostcode(input.subject.postcode), input.subject.houseNumber, input.subject.houseNumberAddition),
        surnameKey: r.surnameKey ?? null,
      });
  }
  const seen = new Set<string>();
  return keys.filter((k) => !seen.has(`${k.subject}|${k.surnameKey}`) && seen.add(`${k.subject}|${k.surnameKey}`));
}

/**
 * An objection that reaches the municipality after the signal did: processing stops and the
 * personal data goes — the signals are emptied of everyone in them and taken out of their cases,
 * a case left without signals is deleted with everything recorded about it, a case that still
 * holds others' signals is recounted. One transaction leaves a tombstone that an objection was
 * handled (kind, counts, when — not whose or what) and the audit record.
 */
export async function registerObjection(
  deps: AppDeps,
  ctx: CallContext,
  input: ({ subject: SubjectQuery } | { signalIds: readonly string[] }) & { reason?: string },
): Promise<ObjectionResult> {
  const municipality = requireMunicipalityStaff(ctx, 'objections:register');
  if ('subject' in input) subjectKeyOf(deps, input.subject); // bad input fails before any work
  return deps.db.transaction().execute(async (trx) => {
    const subject = 'subject' in input ? await findSubject(trx, deps, municipality, input.subject) : null;
    const found = subject ? subject.signals : await findSignalsById(trx, municipality, 'signalIds' in input ? input.signalIds : []);
    const live = found.filter((s) => s.subject_pseudonym !== '');
    const pseudonyms = [...new Set(live.map((s) => s.subject_pseudonym))];
    // Forward too (art. 21 AVG): intake refuses new signals about this person for this municipality.
    const keys = objectionKeys(deps, municipality, input, live);
    const reason = input.reason?.trim().slice(0, 500);
    const objectionId = randomUUID();
    const added = await registerObjectionKeys(trx, keys, ctx.actor.id, { objectionId, ...(reason ? { reason } : {}) });
    const changed = await anonymiseSignals(trx, live.map((s) => String(s.id)));
    const touched = [...new Set(changed.map((c) => c.case_id).filter((c): c is string => c !== null))];
    const empty = await casesWithoutSignals(trx, touched);
    const deleted = await deleteCases(trx, empty);
    const kept = touched.filter((c) => !empty.includes(c));
    await recountCases(trx, kept, subject?.bsnPseudonym ?? null);
    const result = { signals: changed.length, casesDeleted: deleted.cases, casesKept: kept.length, registered: keys.length > 0, objection: added > 0 ? objectionId : null };
    if (changed.length > 0)
      await insertTombstone(trx, {
        municipalityCode: municipality,
        kind: 'objection',
        reason: TOMBSTONE_REASONS.objection().nl,
        signals: changed.length,
        cases: deleted.cases,
        batchRows: deleted.batchRows,
        caseRecords: deleted.records,
        actorId: ctx.actor.id,
        occurredAt: deps.now(),
      });
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'subject.objection',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'signal',
      objectIds: changed.map((c) => c.id),
      subjectPseudonyms: pseudonyms,
      outcome: 'success',
      detail: result,
    });
    return result;
  });
}
