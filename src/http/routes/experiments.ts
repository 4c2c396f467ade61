import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps, CallContext } from '../../app/context.ts';
import { checkExperimentCapacity } from '../../app/experiments/check-capacity.ts';
import { checkPreselection } from '../../app/experiments/check-preselection.ts';
import { createExperiment } from '../../app/experiments/create-experiment.ts';
import { ExperimentInputError, ExperimentNotFound, ExperimentRefused } from '../../app/experiments/errors.ts';
import { getExperimentHistory } from '../../app/experiments/get-experiment-history.ts';
import { getExperimentView } from '../../app/experiments/get-experiment.ts';
import { listExperimentSummaries } from '../../app/experiments/list-experiments.ts';
import { moveExperimentStage } from '../../app/experiments/move-experiment-stage.ts';
import { setArms } from '../../app/experiments/set-arms.ts';
import { setCapacity } from '../../app/experiments/set-capacity.ts';
import { setGroundRule } from '../../app/experiments/set-ground-rule.ts';
import { setParticipants } from '../../app/experiments/set-participants.ts';
import { setPreselectionRules } from '../../app/experiments/set-preselection-rules.ts';
import { updateExperimentFields } from '../../app/experiments/update-experiment.ts';
import type { Permission } from '../../domain/access/roles.ts';
import type { Stage } from '../../domain/experiments/stages.ts';
import { requestLang } from '../language.ts';
import { responses } from '../openapi-helpers.ts';
import { callContext } from '../plugins/auth.ts';
import { joinTexts, textIn, untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem, ProblemSchema, problemDetail } from '../problem.ts';
import { problemDetails } from '../problem-messages.ts';
import {
  ArmsBody,
  CapacityBody,
  CapacityCheckSchema,
  EXPERIMENT_SCHEMAS,
  ExperimentSummary,
  ExperimentView,
  GroundRuleBody,
  GroundRuleCode,
  HistoryEntry,
  NewExperimentBody,
  ParticipantsBody,
  PreselectionBody,
  PreselectionCheckBody,
  PreselectionResult,
  StageSchema,
  TransitionBody,
  UpdateExperimentBody,
} from './experiment-schemas.ts';

const Params = Type.Object({ experimentId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,59}$', description: 'The experiment id' }) });
type P = Static<typeof Params>;
const TAGS = ['Experiments'];
const problem = (description: string) => ({ description, schema: Type.Ref(ProblemSchema), contentType: 'application/problem+json' });
const refused = { 409: problem('Not possible in the current stage'), 422: problem('Refused: the problem lists each unmet condition') };

/** Runs a use case with the caller's context and turns its refusals into problem+json. */
async function run<T>(req: FastifyRequest, permission: Permission, fn: (ctx: CallContext) => Promise<T>): Promise<T> {
  const ctx = callContext(req, permission);
  const lang = requestLang(req);
  try {
    return await fn(ctx);
  } catch (e) {
    if (e instanceof ExperimentNotFound) throw new HttpProblem(404, 'notFound', problemDetail('experimentNotVisible', { experimentId: e.experimentId }), 'NOT_FOUND');
    if (e instanceof ExperimentInputError) throw new HttpProblem(400, 'invalidInput', untranslated(e.message), 'INVALID_INPUT', [...e.params]);
    if (e instanceof ExperimentRefused)
      throw new HttpProblem(
        e.status,
        'notPossible',
        joinTexts(e.problems.map((p) => p.message), ' '),
        e.code,
        e.problems.flatMap((p) =>
          p.groundRules?.length
            ? p.groundRules.map((g) => ({ name: `groundRules.${g}`, reason: problemDetails(lang)('groundRuleUnmet'), code: 'GROUND_RULE_UNMET' }))
            : [{ name: 'experiment', reason: textIn(p.message, lang), code: p.code }],
        ),
      );
    throw e;
  }
}

/** The experiments register (issue 6): stages, ground rules, participants, pre-selection, capacity, arms. */
export function registerExperimentRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const s of EXPERIMENT_SCHEMAS) app.addSchema(s);
  const view = (ctx: CallContext, id: string) => getExperimentView(deps, ctx, id);
  const ok = (description: string) => responses({ 200: { description, schema: Type.Ref(ExperimentView) }, ...refused });

  app.get<{ Querystring: { stage?: Stage } }>(
    '/v1/experiments',
    {
      schema: {
        operationId: 'listExperiments',
        tags: TAGS,
        summary: 'The experiments register: all for the ministry, your own for a participant',
        querystring: Type.Object({ stage: Type.Optional(StageSchema) }),
        response: responses({ 200: { description: 'Experiments', schema: Type.Array(Type.Ref(ExperimentSummary)) } }),
      },
    },
    (req) => run(req, 'experiments:read', (ctx) => listExperimentSummaries(deps, ctx, req.query.stage ? { stage: req.query.stage } : {})),
  );

  app.post<{ Body: Static<typeof NewExperimentBody> }>(
    '/v1/experiments',
    {
      schema: {
        operationId: 'createExperiment',
        tags: TAGS,
        summary: 'Register an experiment (initiative or idea); a participant that registers one takes part in it',
        body: Type.Ref(NewExperimentBody),
        response: responses({ 201: { description: 'Registered', schema: Type.Ref(ExperimentView) }, ...refused }),
      },
    },
    async (req, reply) => {
      const v = await run(req, 'experiments:manage', async (ctx) => {
        await createExperiment(deps, ctx, req.body);
        return view(ctx, req.body.id);
      });
      return reply.code(201).header('Location', `/v1/experiments/${v.id}`).send(v);
    },
  );

  app.get<{ Params: P }>(
    '/v1/experiments/:experimentId',
    { schema: { operationId: 'getExperiment', tags: TAGS, summary: 'One experiment: stage, designation (from the rule book), ground rules, participants, arms, planning', params: Params, response: responses({ 200: { description: 'Experiment', schema: Type.Ref(ExperimentView) } }) } },
    (req) => run(req, 'experiments:read', (ctx) => view(ctx, req.params.experimentId)),
  );

  app.patch<{ Params: P; Body: Static<typeof UpdateExperimentBody> }>(
    '/v1/experiments/:experimentId',
    { schema: { operationId: 'updateExperiment', tags: TAGS, summary: 'Change the description and dates, with a reason', params: Params, body: Type.Ref(UpdateExperimentBody), response: ok('Changed') } },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await updateExperimentFields(deps, ctx, req.params.experimentId, req.body);
        return view(ctx, req.params.experimentId);
      }),
  );

  app.get<{ Params: P }>(
    '/v1/experiments/:experimentId/history',
    { schema: { operationId: 'getExperimentHistory', tags: TAGS, summary: 'Every change: who, when, why (and from/to for stage changes)', params: Params, response: responses({ 200: { description: 'History, oldest first', schema: Type.Array(Type.Ref(HistoryEntry)) } }) } },
    (req) => run(req, 'experiments:read', (ctx) => getExperimentHistory(deps, ctx, req.params.experimentId)),
  );

  app.post<{ Params: P; Body: Static<typeof TransitionBody> }>(
    '/v1/experiments/:experimentId/stage-transitions',
    {
      schema: {
        operationId: 'moveExperimentStage',
        tags: TAGS,
        summary: 'Move the experiment to another stage, with a reason',
        description:
          'Refused with problem+json when the step is not allowed (409), not yours (403), or a condition is unmet (422): ' +
          'ground rules before submitting (each unmet one in invalidParams as groundRules.<code>), the designation in the rule book before ' +
          '"regulation_in_force", AP advice, publication and a designation in force before "running".',
        params: Params,
        body: Type.Ref(TransitionBody),
        response: responses({ 201: { description: 'Moved; the experiment as it now stands', schema: Type.Ref(ExperimentView) }, ...refused }),
      },
    },
    async (req, reply) => {
      const v = await run(req, 'experiments:manage', async (ctx) => {
        await moveExperimentStage(deps, ctx, req.params.experimentId, { to: req.body.to, reason: req.body.reason, ...(req.body.approvedWithChanges !== undefined ? { approvedWithChanges: req.body.approvedWithChanges } : {}) });
        return view(ctx, req.params.experimentId);
      });
      return reply.code(201).send(v);
    },
  );

  app.put<{ Params: P; Body: Static<typeof ParticipantsBody> }>(
    '/v1/experiments/:experimentId/participants',
    { schema: { operationId: 'setExperimentParticipants', tags: TAGS, summary: 'Who takes part, with fixed contact persons', params: Params, body: Type.Ref(ParticipantsBody), response: ok('Participants set') } },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await setParticipants(deps, ctx, req.params.experimentId, req.body);
        return view(ctx, req.params.experimentId);
      }),
  );

  app.put<{ Params: P & { groundRule: string }; Body: Static<typeof GroundRuleBody> }>(
    '/v1/experiments/:experimentId/ground-rules/:groundRule',
    {
      schema: {
        operationId: 'setExperimentGroundRule',
        tags: TAGS,
        summary: 'Tick or untick one ground rule of the checklist',
        params: Type.Object({ experimentId: Params.properties.experimentId, groundRule: GroundRuleCode }),
        body: Type.Ref(GroundRuleBody),
        response: ok('Ground rule set'),
      },
    },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await setGroundRule(deps, ctx, req.params.experimentId, { code: req.params.groundRule, ...req.body });
        return view(ctx, req.params.experimentId);
      }),
  );

  app.put<{ Params: P; Body: Static<typeof PreselectionBody> }>(
    '/v1/experiments/:experimentId/preselection-rules',
    { schema: { operationId: 'setExperimentPreselection', tags: TAGS, summary: 'Declare how senders select before sending (enforced, flagged or described)', params: Params, body: Type.Ref(PreselectionBody), response: ok('Pre-selection set') } },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await setPreselectionRules(deps, ctx, req.params.experimentId, {
          reason: req.body.reason,
          rules: req.body.rules.map((r) => ({ kind: r.kind, amount: r.amount ?? null, months: r.months ?? null, mode: r.mode, selectedBy: r.selectedBy ?? null, description: r.description })),
        });
        return view(ctx, req.params.experimentId);
      }),
  );

  app.post<{ Params: P; Body: Static<typeof PreselectionCheckBody> }>(
    '/v1/experiments/:experimentId/preselection-checks',
    { schema: { operationId: 'checkExperimentPreselection', tags: TAGS, summary: 'How the declared pre-selection treats a signal with these facts', params: Params, body: Type.Ref(PreselectionCheckBody), response: responses({ 200: { description: 'Result', schema: Type.Ref(PreselectionResult) } }) } },
    (req) =>
      run(req, 'experiments:read', async (ctx) => {
        const lang = requestLang(req);
        const r = await checkPreselection(deps, ctx, req.params.experimentId, req.body);
        const text = (m: (typeof r.refusals)[number]) => ({ code: m.code, mode: m.mode, message: textIn(m.message, lang) });
        return { decision: r.decision, refusals: r.refusals.map(text), flags: r.flags.map(text) };
      }),
  );

  app.put<{ Params: P; Body: Static<typeof CapacityBody> }>(
    '/v1/experiments/:experimentId/capacity',
    { schema: { operationId: 'setExperimentCapacity', tags: TAGS, summary: 'Capacity per municipality per month, and the signals expected', params: Params, body: Type.Ref(CapacityBody), response: ok('Capacity set') } },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await setCapacity(deps, ctx, req.params.experimentId, req.body);
        return view(ctx, req.params.experimentId);
      }),
  );

  app.get<{ Params: P }>(
    '/v1/experiments/:experimentId/capacity-check',
    { schema: { operationId: 'checkExperimentCapacity', tags: TAGS, summary: 'Do the expected (and received) signals per month fit each municipality’s capacity?', params: Params, response: responses({ 200: { description: 'Per municipality', schema: Type.Ref(CapacityCheckSchema) } }) } },
    (req) => run(req, 'experiments:read', (ctx) => checkExperimentCapacity(deps, ctx, req.params.experimentId)),
  );

  app.put<{ Params: P; Body: Static<typeof ArmsBody> }>(
    '/v1/experiments/:experimentId/arms',
    { schema: { operationId: 'setExperimentArms', tags: TAGS, summary: 'Experiment groups and how households are assigned (fixed once running)', params: Params, body: Type.Ref(ArmsBody), response: ok('Arms set') } },
    (req) =>
      run(req, 'experiments:manage', async (ctx) => {
        await setArms(deps, ctx, req.params.experimentId, req.body);
        return view(ctx, req.params.experimentId);
      }),
  );
}
