import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { DEFAULT_ROTATION_OVERLAP_HOURS, MAX_ROTATION_OVERLAP_HOURS, rotateApiKey, RotationRefused } from '../../app/users/rotate-api-key.ts';
import { callContext } from '../plugins/auth.ts';
import { ScopesBeyondCreator } from '../../app/users/create-api-key.ts';
import { scopesProblem } from './access.ts';
import { untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';

const RotationBody = Type.Object(
  {
    overlapHours: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_ROTATION_OVERLAP_HOURS, default: DEFAULT_ROTATION_OVERLAP_HOURS, description: 'How long the old key keeps working' }),
    ),
  },
  { additionalProperties: false },
);

/** API-key rotation: a new key replaces an old one, which runs out after an overlap period. */
export function registerApiKeyRotationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Params: { apiKeyId: string }; Body: Static<typeof RotationBody> | undefined }>(
    '/v1/api-keys/:apiKeyId/rotations',
    {
      schema: {
        operationId: 'rotateApiKey',
        tags: ['Access'],
        summary: 'Rotate an API key: a new token (shown once) replaces it; the old one works until the overlap ends',
        params: Type.Object({ apiKeyId: Type.String({ format: 'uuid' }) }),
        body: Type.Optional(RotationBody),
        response: responses({
          201: {
            description: 'Rotated',
            schema: Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String(), oldKeyExpiresAt: Type.String({ format: 'date-time' }) }),
          },
        }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'users:manage');
      try {
        const r = await rotateApiKey(deps, ctx, { apiKeyId: req.params.apiKeyId, ...(req.body?.overlapHours !== undefined ? { overlapHours: req.body.overlapHours } : {}) });
        if (!r) throw notFound('apiKeyNotFound');
        return reply.code(201).send(r);
      } catch (e) {
        if (e instanceof RotationRefused) throw new HttpProblem(409, 'cannotRotate', untranslated(e.message), 'ROTATION_REFUSED');
        if (e instanceof ScopesBeyondCreator) throw scopesProblem(e);
        throw e;
      }
    },
  );
}
