import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { databaseAnswers } from '../../app/operations/database-ready.ts';
import type { DB } from '../../db/schema.ts';
import { responses } from '../openapi-helpers.ts';
import { requestLang } from '../language.ts';
import { HttpProblem, ProblemSchema, problemDetail } from '../problem.ts';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) }, { $id: 'Health', title: 'Health' });

/** Liveness (the process answers) and readiness (the database answers) for orchestrators. */
export function registerHealthRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get(
    '/v1/health/live',
    { schema: { operationId: 'getLiveness', tags: ['Operations'], summary: 'Liveness', security: [], response: responses({ 200: { description: 'Alive', schema: Health } }) } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/v1/health/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['Operations'],
        summary: 'Readiness: the database answers',
        security: [],
        response: responses({ 200: { description: 'Ready', schema: Health }, 503: { description: 'Not ready: the database does not answer', schema: ProblemSchema, contentType: 'application/problem+json' } }),
      },
    },
    async (req, reply) => {
      if (await databaseAnswers(db)) return { status: 'ok', checks: { database: 'ok' } };
      return reply
        .code(503)
        .type('application/problem+json')
        .send({ type: 'about:blank', status: 503, ...new HttpProblem(503, 'notReady', problemDetail('databaseNotAnswering')).textIn(requestLang(req)), code: 'NOT_READY' });
    },
  );
}
