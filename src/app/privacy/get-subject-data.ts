import { ACCESS_PURPOSE, toAccessCase, toAccessSignal, type AccessDocument } from '../../domain/privacy/access-document.ts';
import { DEFAULT_RETENTION } from '../../domain/privacy/retention.ts';
import type { SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findSubjectCases, processingRecordsAbout, recordsAbout } from '../../db/repositories/privacy.ts';
import { getRetentionSettings } from '../../db/repositories/retention.ts';
import { objectionsAbout } from '../../db/repositories/resident-objections.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { findSubject } from './find-subject.ts';
import { requireMunicipalityStaff } from './municipality-scope.ts';

const PROCESSING_LIMIT = 1000;

/**
 * Right of access (art. 15 AVG): everything the caller's municipality holds about one person, and
 * what it did with it, as a document — never what other organisations hold or did (they answer
 * for their own processing). Only a privacy officer may ask (permission subjects:access). The
 * request is itself a processing and is recorded in the audit trail, a refused one too.
 */
export async function getSubjectData(deps: AppDeps, ctx: CallContext, query: SubjectQuery): Promise<AccessDocument> {
  let municipality: string;
  try {
    municipality = requireMunicipalityStaff(ctx, 'subjects:access');
  } catch (e) {
    await appendAudit(deps.db, { traceId: ctx.traceId, spanId: ctx.spanId, activity: 'subject.access', actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: ctx.actor.organisationId, outcome: 'refused' });
    throw e;
  }
  return deps.db.transaction().execute(async (trx) => {
    const { signals, foundBy, bsnPseudonym } = await findSubject(trx, deps, municipality, query);
    const caseIdsOfSignals = [...new Set(signals.map((s) => s.case_id).filter((c): c is string => c !== null).map(String))];
    const cases = await findSubjectCases(trx, municipality, caseIdsOfSignals, bsnPseudonym);
    const caseIds = cases.map((c) => String(c.id));
    const signalIds = signals.map((s) => String(s.id));
    const records = {
      ...(await recordsAbout(trx, 'cases', caseIds, ['signals', 'signal_states'])),
      // The state rows are shown as each signal's status and case.
      ...(await recordsAbout(trx, 'signals', signalIds, ['signal_states'])),
    };
    const pseudonyms = [...new Set(signals.map((s) => s.subject_pseudonym).concat(bsnPseudonym ? [bsnPseudonym] : []))];
    const processing = await processingRecordsAbout(trx, { organisationId: municipality, pseudonyms, signalIds, caseIds, limit: PROCESSING_LIMIT + 1 });
    const stored = await getRetentionSettings(trx, municipality);
    const objections = await objectionsAbout(trx, municipality, pseudonyms);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'subject.access',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'signal',
      objectIds: signalIds,
      subjectPseudonyms: pseudonyms,
      outcome: 'success',
      detail: { foundBy, signals: signals.length, cases: cases.length },
    });
    return {
      generatedAt: deps.now().toISOString(),
      municipalityCode: municipality,
      foundBy,
      purpose: ACCESS_PURPOSE,
      retention: stored ? { unpickedSignalMonths: stored.unpickedSignalMonths, pickedUpSignalMonths: stored.pickedUpSignalMonths, caseMonthsAfterClosing: stored.caseMonthsAfterClosing } : DEFAULT_RETENTION,
      signals: signals.map((s) => toAccessSignal(s)),
      cases: cases.map((c) => toAccessCase(c)),
      records,
      processing: processing.slice(0, PROCESSING_LIMIT).map((p) => ({ at: new Date(p.occurred_at).toISOString(), activity: p.activity, actorType: p.actor_type, organisation: p.organisation_id, outcome: p.outcome })),
      processingTruncated: processing.length > PROCESSING_LIMIT,
      objections: objections.map((o) => ({ registeredAt: new Date(o.registered_at).toISOString(), reason: o.reason })),
    };
  });
}
