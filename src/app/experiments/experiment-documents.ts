import { createHash } from 'node:crypto';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getDocument, insertDocument } from '../../db/repositories/experiment-plans.ts';
import { getExperiment, listParticipants } from '../../db/repositories/experiments.ts';
import { cleanFileName, documentProblem, isDocumentKind, type DocumentKind } from '../../domain/experiments/documents.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireSee } from './access.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentFieldErrors, ExperimentNotFound, ExperimentRefused } from './errors.ts';

/**
 * Stores a document a ground rule asks for (AP advice, DPIA, publication) with its SHA-256, after
 * checking by its bytes that it is a PDF, ODT or DOCX of at most 10 MB. Earlier versions stay: the
 * newest counts, the history says who replaced what and why.
 */
export async function uploadExperimentDocument(deps: AppDeps, ctx: CallContext, id: string, input: { kind: string; fileName: string; bytes: Uint8Array | undefined; reason: string }): Promise<void> {
  const fields: Array<{ name: string; message: { nl: string; en: string } }> = [];
  if (!isDocumentKind(input.kind)) fields.push({ name: 'kind', message: { nl: 'Kies wat voor document het is.', en: 'Choose what kind of document it is.' } });
  const checked = documentProblem(input.bytes);
  if ('problem' in checked) fields.push({ name: 'file', message: checked.problem });
  if (fields.length > 0 || !('mediaType' in checked)) throw new ExperimentFieldErrors(fields);
  const bytes = input.bytes!;
  const kind = input.kind as DocumentKind;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = cleanFileName(input.fileName);
  await changeExperiment(deps, ctx, id, { kind: 'document', reason: input.reason }, async ({ trx, row }) => {
    if (row.stage === 'evaluated' || row.stage === 'stopped')
      throw new ExperimentRefused(409, 'EXPERIMENT_CLOSED', [{ code: 'EXPERIMENT_CLOSED', message: { nl: 'Het experiment is afgelopen; de stukken blijven zoals ze waren.', en: 'The experiment is over; its documents stay as they were.' } }]);
    const docId = await insertDocument(trx, { experiment_id: id, kind, file_name: fileName, media_type: checked.mediaType, size_bytes: bytes.byteLength, sha256, content: bytes, uploaded_by: ctx.actor.label });
    return { changes: { document: docId, kind, fileName, sizeBytes: bytes.byteLength, sha256 } };
  });
}

export interface DownloadedDocument {
  fileName: string;
  mediaType: string;
  sha256: string;
  bytes: Uint8Array;
}

/** One stored document, for whoever may see the experiment; every download is in the audit trail. */
export async function downloadExperimentDocument(deps: AppDeps, ctx: CallContext, id: string, documentId: string): Promise<DownloadedDocument> {
  if (!/^\d{1,18}$/.test(documentId) || !(await getExperiment(deps.db, id))) throw new ExperimentNotFound(id);
  requireSee(ctx.actor, id, await listParticipants(deps.db, [id]));
  const doc = await getDocument(deps.db, id, documentId);
  if (!doc) throw new ExperimentNotFound(id);
  await appendAudit(deps.db, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'experiment.document.read',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: ctx.actor.organisationId,
    objectType: 'experiment_document',
    objectIds: [String(doc.id)],
    outcome: 'success',
    detail: { experiment: id, kind: doc.kind, sha256: doc.sha256 },
  });
  return { fileName: doc.file_name, mediaType: doc.media_type, sha256: doc.sha256, bytes: doc.content };
}
