import type { SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { anonymiseSignals, casesWithoutSignals, findSignalsById, recountCases } from '../../db/repositories/privacy.ts';
import { deleteCases, insertTombstone } from '../../db/repositories/retention.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { findSubject, subjectKeyOf } from './find-subject.ts';
import { requireMunicipalityStaff } from './municipality-scope.ts';

export interface ObjectionResult {
  signals: number;
  casesDeleted: number;
  casesKept: number;
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
  input: { subject: SubjectQuery } | { signalIds: readonly string[] },
): Promise<ObjectionResult> {
  const municipality = requireMunicipalityStaff(ctx, 'cases:work');
  if ('subject' in input) subjectKeyOf(deps, input.subject); // bad input fails before any work
  return deps.db.transaction().execute(async (trx) => {
    const subject = 'subject' in input ? await findSubject(trx, deps, municipality, input.subject) : null;
    const found = subject ? subject.signals : await findSignalsById(trx, municipality, 'signalIds' in input ? input.signalIds : []);
    const live = found.filter((s) => s.subject_pseudonym !== '');
    const pseudonyms = [...new Set(live.map((s) => s.subject_pseudonym))];
    const changed = await anonymiseSignals(trx, live.map((s) => String(s.id)));
    const touched = [...new Set(changed.map((c) => c.case_id).filter((c): c is string => c !== null))];
    const empty = await casesWithoutSignals(trx, touched);
    const deleted = await deleteCases(trx, empty);
    const kept = touched.filter((c) => !empty.includes(c));
    await recountCases(trx, kept, subject?.bsnPseudonym ?? null);
    const result = { signals: changed.length, casesDeleted: deleted.cases, casesKept: kept.length };
    if (changed.length > 0)
      await insertTombstone(trx, {
        municipalityCode: municipality,
        kind: 'objection',
        reason: 'bezwaar van de inwoner, ontvangen na het signaal: verwerking gestopt, persoonsgegevens verwijderd',
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
