import { Type, type Static } from '@sinclair/typebox';
import { formatCitation } from '../../domain/rules/format-citation.ts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { submitSignals } from '../../app/intake/submit-signals.ts';
import type { RowOutcome } from '../../app/intake/storing/store-signals.ts';
import { getOwnSignal, findOwnSignalByReference } from '../../app/intake/get-own-signal.ts';
import { SignalInputSchema } from '../../domain/signals/signal-schema.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { callContext } from '../plugins/auth.ts';
import { joinTexts, textIn, untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';
import { ProblemSchema as ProblemRef } from '../problem.ts';
import { SignalFeedbackSchema as SignalFeedbackRef, SubmitResponseSchema as SubmitResponseRef } from '../schemas.ts';
import { requestLang, type Lang } from '../language.ts';

const MAX_SIGNALS_PER_REQUEST = 1000;

const ManySignals = Type.Object(
  { signals: Type.Array(Type.Ref(SignalInputSchema), { minItems: 1, maxItems: MAX_SIGNALS_PER_REQUEST }) },
  { additionalProperties: false, $id: 'SignalList', title: 'SignalList' },
);
const SubmitBody = Type.Union([Type.Ref(SignalInputSchema), Type.Ref(ManySignals)]);
const SubmitQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'Judge only; store nothing', default: false })),
});

/** A body with a `signals` member means the list form; anything else, one signal. */
const isSignalList = (body: unknown) => typeof body === 'object' && body !== null && !Array.isArray(body) && 'signals' in body;
/** A validation error that concerns the list form: under `signals`, or `signals` missing. */
const aboutTheList = (e: { instancePath: string; params: unknown }) =>
  e.instancePath === '/signals' || e.instancePath.startsWith('/signals/') || (e.params as { missingProperty?: string }).missingProperty === 'signals';

function toResult(o: RowOutcome, lang: Lang) {
  return {
    row: o.rowNo,
    reference: o.reference,
    outcome: o.outcome,
    ...(o.signalId ? { signalId: o.signalId } : {}),
    ...(o.judgement.regulationVersion ? { regulationVersion: o.judgement.regulationVersion } : {}),
    ...(o.judgement.ruleId ? { ruleId: o.judgement.ruleId } : {}),
    ...(o.municipalityCode ? { municipalityCode: o.municipalityCode } : {}),
    ...(o.routing ? { routing: o.routing.by, ...(o.routing.from ? { routedFrom: o.routing.from } : {}) } : {}),
    applied: o.judgement.decision === 'accepted' ? [...o.judgement.applied] : [],
    refusals: o.refusals.map((r) => ({
      code: r.code,
      inputError: r.inputError,
      ...(r.field ? { field: r.field } : {}),
      ...(r.citation ? { citation: r.citation } : {}),
      message: textIn(r.message, lang),
    })),
  };
}

function summarise(outcomes: RowOutcome[]) {
  const s = { accepted: 0, refused: 0, duplicate: 0, conflict: 0 };
  for (const o of outcomes) s[o.outcome]++;
  return s;
}

export function registerSignalRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addSchema(ManySignals);

  app.post<{ Body: SignalInput | Static<typeof ManySignals>; Querystring: Static<typeof SubmitQuery> }>(
    '/v1/signals',
    {
      config: { bodyShapeErrors: (body: unknown) => (isSignalList(body) ? aboutTheList : (e: { instancePath: string; params: unknown }) => !aboutTheList(e)) },
      schema: {
        operationId: 'submitSignals',
        tags: ['Signals'],
        summary: 'Deliver one signal or up to 1,000',
        description:
          'Each signal is judged by the regulation in force on its signalDate. One signal: 201 when accepted, ' +
          '200 when it was already received (same reference, same content), 409 when the reference was used for other ' +
          'content, 422 with the refusals and their articles when refused. Several: 200 with a result per signal. ' +
          'Re-sending is safe: the sender reference makes every delivery idempotent.',
        querystring: SubmitQuery,
        body: SubmitBody,
        response: responses({
          200: { description: 'Results (several signals, a dry run, or a duplicate)', schema: Type.Ref(SubmitResponseRef) },
          201: { description: 'Accepted and stored', schema: Type.Ref(SubmitResponseRef) },
          409: { description: 'Reference already used for a different signal', schema: Type.Ref(ProblemRef), contentType: 'application/problem+json' },
          422: { description: 'Refused by the regulation', schema: Type.Ref(ProblemRef), contentType: 'application/problem+json' },
        }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'signals:submit');
      const many = isSignalList(req.body);
      const list = many ? (req.body as Static<typeof ManySignals>).signals : [req.body as SignalInput];
      const dryRun = req.query.dryRun === true;
      const outcomes = await submitSignals(deps, ctx, list as SignalInput[], { dryRun });
      const lang = requestLang(req);
      const body = { dryRun, summary: summarise(outcomes), results: outcomes.map((o) => toResult(o, lang)) };
      if (many || dryRun) return reply.code(200).send(body);
      const only = outcomes[0]!;
      if (only.outcome === 'refused')
        throw new HttpProblem(
          422,
          'signalRefused',
          joinTexts(only.refusals.map((r) => r.message), ' '),
          'SIGNAL_REFUSED',
          only.refusals.map((r) => ({
            name: r.field ?? 'signal',
            reason: r.citation ? `${textIn(r.message, lang)} (${formatCitation(r.citation, lang)})` : textIn(r.message, lang),
            code: r.code,
          })),
        );
      if (only.outcome === 'conflict')
        throw new HttpProblem(409, 'conflict', only.refusals[0]?.message ?? untranslated('reference reused'), 'REFERENCE_REUSED');
      if (only.outcome === 'accepted') reply.header('Location', `/v1/signals/${only.signalId}`);
      return reply.code(only.outcome === 'accepted' ? 201 : 200).send(body);
    },
  );

  app.get<{ Params: { signalId: string } }>(
    '/v1/signals/:signalId',
    {
      schema: {
        operationId: 'getSignal',
        tags: ['Signals'],
        summary: 'One of your signals, with the feedback you may see',
        params: Type.Object({ signalId: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
        response: responses({ 200: { description: 'The signal', schema: Type.Ref(SignalFeedbackRef) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'signals:read-own');
      const s = await getOwnSignal(deps, ctx, req.params.signalId);
      if (!s) throw notFound('signalNotFound');
      return s;
    },
  );

  app.get<{ Querystring: { reference: string } }>(
    '/v1/signals',
    {
      schema: {
        operationId: 'findSignalByReference',
        tags: ['Signals'],
        summary: 'Find one of your signals by your own reference',
        querystring: Type.Object({ reference: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: responses({ 200: { description: 'Matching signals (0 or 1)', schema: Type.Array(Type.Ref(SignalFeedbackRef)) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'signals:read-own');
      const s = await findOwnSignalByReference(deps, ctx, req.query.reference);
      return s ? [s] : [];
    },
  );
}

