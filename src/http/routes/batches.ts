import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { importBatch } from '../../app/intake/import-batch.ts';
import { checkBatch } from '../../app/intake/check-batch.ts';
import { openBatchResults } from '../../app/intake/batch-results.ts';
import { resultCsvLines, resultHeader } from '../../app/intake/file/result-csv.ts';
import { FileRefused, type BatchFormat, type FileReading, type FileRefusal } from '../../app/intake/file/read-batch-file.ts';
import { textIn, type Locale } from '../../domain/i18n/index.ts';
import { getOwnBatch, type OwnBatch } from '../../app/creditor/get-own-batch.ts';
import { listOwnBatches } from '../../app/creditor/list-own-batches.ts';
import { callContext } from '../plugins/auth.ts';
import { HttpProblem, notFound, problemDetail } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';
import { requestLang } from '../language.ts';
import { BatchSchema } from '../schemas.ts';
import { ProblemSchema as ProblemRef } from '../problem.ts';

const FILE_TYPES: Record<string, BatchFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/jsonlines': 'jsonl',
};

function batchView(b: OwnBatch, lang: Locale) {
  const err = b.error as FileRefusal | null;
  return {
    id: b.id,
    filename: b.filename,
    format: b.format,
    status: b.status,
    bytesReceived: Number(b.bytes_received),
    bytesExpected: b.bytes_expected === null ? null : Number(b.bytes_expected),
    rowsTotal: b.rows_total,
    rowsAccepted: b.rows_accepted,
    rowsRefused: b.rows_refused,
    rowsDuplicate: b.rows_duplicate,
    error: err ? { code: err.code, message: textIn(err, lang) } : null,
    fileFormat: (b.file_format as FileReading | null) ?? null,
    createdAt: new Date(b.created_at).toISOString(),
    completedAt: b.completed_at ? new Date(b.completed_at).toISOString() : null,
    resultsUrl: `/v1/batches/${b.id}/results`,
  };
}

const UploadQuery = Type.Object({
  filename: Type.Optional(Type.String({ maxLength: 200 })),
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Judge every row and return the results; store nothing' })),
});

function formatOf(req: FastifyRequest): BatchFormat {
  const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const f = FILE_TYPES[ct];
  if (!f)
    throw new HttpProblem(415, 'unsupportedMediaType', problemDetail('fileType'), 'UNSUPPORTED_MEDIA_TYPE');
  return f;
}

/** How the file was read, as a structured header: `delimiter=";", encoding="windows-1252", byte-order-mark=?0, notation="nl"`. */
function fileFormatHeader(r: FileReading): string {
  return [
    r.delimiter === null ? null : `delimiter="${r.delimiter}"`,
    `encoding="${r.encoding}"`,
    `byte-order-mark=${r.byteOrderMark ? '?1' : '?0'}`,
    `notation="${r.notation}"`,
  ]
    .filter((x) => x !== null)
    .join(', ');
}

async function sendDryRun(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, format: BatchFormat, maxBytes: number) {
  const ctx = callContext(req, 'signals:submit');
  const lang = requestLang(req);
  // Results go to a temporary file first: answering while the upload is still coming in can
  // deadlock clients that only read once they have sent everything.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vs-check-'));
  const file = path.join(dir, 'results.csv');
  const out = createWriteStream(file);
  let reading: FileReading | undefined;
  try {
    out.write(resultHeader());
    let buf = [];
    for await (const item of checkBatch(deps, ctx, { source: req.body as Readable, format, maxBytes, onReading: (r) => (reading = r) })) {
      buf.push({
        row: item.rowNo,
        reference: item.signal.reference,
        outcome: item.judgement.decision,
        signalId: null,
        regulationVersion: item.judgement.regulationVersion ?? null,
        refusals: item.judgement.refusals,
      });
      if (buf.length >= 1000) {
        if (!out.write(resultCsvLines(buf, lang))) await once(out, 'drain');
        buf = [];
      }
    }
    out.end(resultCsvLines(buf, lang));
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    if (err instanceof FileRefused) throw new HttpProblem(err.status, 'fileRefused', err, err.code);
    throw err;
  }
  const stream = createReadStream(file);
  stream.on('close', () => void rm(dir, { recursive: true, force: true }));
  const read = reading as FileReading | undefined;
  if (read) reply.header('File-Format', fileFormatHeader(read));
  return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="controle-resultaten.csv"').send(stream);
}

export function registerBatchRoutes(app: FastifyInstance, deps: AppDeps, opts: { maxUploadBytes: number }): void {
  app.addContentTypeParser(Object.keys(FILE_TYPES), (_req, payload, done) => done(null, payload));

  app.post<{ Querystring: Static<typeof UploadQuery> }>(
    '/v1/batches',
    {
      // The file is streamed, not parsed into a body, so its schema is for the OpenAPI document only.
      config: { openapiBody: { description: 'The batch file', content: { 'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } } },
      schema: {
        operationId: 'uploadBatch',
        tags: ['Batches'],
        summary: 'Upload a batch file of signals (CSV or JSON Lines), streamed',
        description:
          'The body is the file itself (Content-Type text/csv or application/x-ndjson). Rows are judged and stored in ' +
          'chunks while the file streams in; GET /v1/batches/{batchId} shows progress. Re-uploading the same file is ' +
          'safe: rows already received come back as duplicates. With dryRun=true the per-row results come back as CSV and nothing is stored.',
        querystring: UploadQuery,
        response: responses({
          200: {
            description: 'Dry run: per-row results',
            contentType: 'text/csv',
            headers: {
              'File-Format': {
                description: 'How the file was read: delimiter, encoding (utf-8 or windows-1252), byte order mark and notation (nl: decimal comma, d-m-jjjj dates)',
                schema: { type: 'string', example: 'delimiter=";", encoding="windows-1252", byte-order-mark=?0, notation="nl"' },
              },
            },
          },
          201: { description: 'The batch, completed or failed', schema: Type.Ref(BatchSchema) },
          413: { description: 'File too large', contentType: 'application/problem+json', schema: Type.Ref(ProblemRef) },
          415: { description: 'Not a CSV or JSON Lines file', contentType: 'application/problem+json', schema: Type.Ref(ProblemRef) },
          422: { description: 'The file as a whole was refused', contentType: 'application/problem+json', schema: Type.Ref(ProblemRef) },
        }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'signals:submit');
      const format = formatOf(req);
      const length = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(length) && length > opts.maxUploadBytes)
        throw new HttpProblem(413, 'tooLarge', problemDetail('fileTooLarge', { length, max: opts.maxUploadBytes }), 'FILE_TOO_LARGE');
      if (req.query.dryRun) return sendDryRun(deps, req, reply, format, opts.maxUploadBytes);
      const batch = await importBatch(deps, ctx, {
        source: req.body as Readable,
        format,
        filename: req.query.filename ?? null,
        maxBytes: opts.maxUploadBytes,
        bytesExpected: Number.isFinite(length) ? length : undefined,
      });
      const lang = requestLang(req);
      const view = batchView(batch, lang);
      if (batch.status === 'failed') {
        const err = batch.error as FileRefusal;
        // The rest of a refused upload is not read; close the connection rather than drain gigabytes.
        reply.header('Connection', 'close');
        const detail = problemDetail('fileRefusedAfterRows', (l) => ({ reason: textIn(err, l), batchId: batch.id, rows: batch.rows_total }));
        throw new HttpProblem(err.status ?? 422, 'fileRefused', detail, err.code);
      }
      return reply.code(201).header('Location', `/v1/batches/${batch.id}`).send(view);
    },
  );

  app.get(
    '/v1/batches',
    {
      schema: {
        operationId: 'listBatches',
        tags: ['Batches'],
        summary: "Your organisation's most recent batches",
        response: responses({ 200: { description: 'Batches, newest first', schema: Type.Array(Type.Ref(BatchSchema)) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'batches:manage');
      const lang = requestLang(req);
      return (await listOwnBatches(deps, ctx)).map((b) => batchView(b, lang));
    },
  );

  const BatchParams = Type.Object({ batchId: Type.String({ format: 'uuid' }) });

  app.get<{ Params: Static<typeof BatchParams> }>(
    '/v1/batches/:batchId',
    {
      schema: {
        operationId: 'getBatch',
        tags: ['Batches'],
        summary: 'A batch and its progress',
        params: BatchParams,
        response: responses({ 200: { description: 'The batch', schema: Type.Ref(BatchSchema) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'batches:manage');
      const b = await getOwnBatch(deps, ctx, req.params.batchId);
      if (!b) throw notFound('batchNotFound');
      return batchView(b, requestLang(req));
    },
  );

  app.get<{ Params: Static<typeof BatchParams> }>(
    '/v1/batches/:batchId/results',
    {
      schema: {
        operationId: 'getBatchResults',
        tags: ['Batches'],
        summary: 'Per-row results of a batch as CSV',
        params: BatchParams,
        response: responses({ 200: { description: 'CSV, one line per row of the file', contentType: 'text/csv' } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'batches:manage');
      const lang = requestLang(req);
      const opened = await openBatchResults(deps, ctx, req.params.batchId, lang);
      if (!opened) throw notFound('batchNotFound');
      const body = Readable.from(opened.pages);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="resultaten-${opened.batch.id}.csv"`)
        .send(body);
    },
  );
}
