import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { DdasRequestError, exportDdas } from '../../app/ddas/export-ddas.ts';
import type { ClientDetail } from '../../domain/ddas/map-delivery.ts';
import { MAX_SIGNALS_PER_MESSAGE } from '../../domain/ddas/paginate.ts';
import { callContext } from '../plugins/auth.ts';
import { untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';

/** DDAS-VS.yaml's GegevensRequest, with the paging bounds of its non-functionals. */
const GegevensRequest = Type.Object(
  {
    aanleverperiodeStartdatum: Type.Optional(Type.String({ format: 'date', description: 'Start of the period (signal date); default the last full month' })),
    aanleverperiodeEinddatum: Type.Optional(Type.String({ format: 'date' })),
    aanleverende_organisatie: Type.Optional(Type.String({ maxLength: 200, description: 'A municipality (name, GM code or 4-digit code); default all the client may see' })),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SIGNALS_PER_MESSAGE, description: 'Signals per message, at most 50,000' })),
  },
  { additionalProperties: false, $id: 'GegevensRequest', title: 'GegevensRequest' },
);

const Paginering = Type.Object({ pageSize: Type.Integer(), currentPage: Type.Integer(), totalPages: Type.Integer(), totalRecords: Type.Integer() });

const DDAS_BASE = '/v1/ddas';

export interface DdasRouteOptions {
  supplierCode: string;
  clientDetail: ClientDetail;
}

/** FSC-compatible error headers (DDAS-VS.yaml): which ERROR_CODE_… a 401/403 is. */
function fscCode(status: number, hadAuthorization: boolean): string | undefined {
  if (status === 401) return hadAuthorization ? 'ERROR_CODE_ACCESS_TOKEN_INVALID' : 'ERROR_CODE_ACCESS_TOKEN_MISSING';
  if (status === 403) return 'ERROR_CODE_WRONG_GROUP_ID_IN_TOKEN';
  if (status === 404) return 'ERROR_CODE_SERVICE_NOT_FOUND';
  if (status === 405) return 'ERROR_CODE_METHOD_UNSUPPORTED';
  return undefined;
}

/**
 * DDAS-VS (`standards/ddas/api-v1.0/DDAS-VS.yaml`) served under /v1/ddas, so that CBS's
 * base URL is `<platform>/v1/ddas` and the spec's path `/gegevens` applies unchanged. OAuth2 client
 * credentials (POST /v1/oauth/token, scope ddas:export), a Digest header over every body, FSC error
 * codes on authentication failures. JAdES payload signing needs a PKIoverheid certificate and is not done here.
 */
export function registerDdasRoutes(app: FastifyInstance, deps: AppDeps, opts: DdasRouteOptions): void {
  app.addSchema(GegevensRequest);
  void app.register(async (scope) => {
    scope.addHook('onSend', async (req, reply, payload) => {
      const code = fscCode(reply.statusCode, Boolean(req.headers.authorization));
      if (!code) return payload;
      reply.header('Fsc-Error-Code', code);
      if (reply.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer');
      // The FscError shape (code, domain) on top of our problem details.
      if (typeof payload !== 'string') return payload;
      try {
        return JSON.stringify({ ...(JSON.parse(payload) as object), code, domain: 'ERROR_DOMAIN_INWAY' });
      } catch {
        return payload;
      }
    });

    scope.post<{ Body: Static<typeof GegevensRequest> }>(
      `${DDAS_BASE}/gegevens`,
      {
        schema: {
          operationId: 'postGegevens',
          tags: ['DDAS'],
          summary: 'DDAS-VS: early-signalling data of a period in the DDAS exchange model (paginated, at most 50,000 signals a message)',
          description:
            'Per DDAS-VS.yaml (API v1.0): POST with an optional period, municipality and page. Authenticate with an OAuth2 access token of scope ddas:export. The response carries a Digest header (SHA-256 of the body).',
          body: Type.Ref(GegevensRequest),
          response: responses({
            200: {
              description: 'The data in the DDAS exchange model (Uitwisselmodel v0.9), with paginering when paged',
              schema: Type.Object({ gegevens: Type.Record(Type.String(), Type.Unknown()), paginering: Type.Optional(Paginering) }),
            },
          }),
        },
      },
      async (req, reply) => {
        const ctx = callContext(req, 'ddas:export');
        let result;
        try {
          result = await exportDdas(deps, ctx, req.body ?? {}, opts);
        } catch (e) {
          if (e instanceof DdasRequestError) throw new HttpProblem(e.status, e.status === 400 ? 'invalidRequest' : 'unprocessable', untranslated(e.message), 'INVALID_REQUEST', [{ name: e.field, in: 'body', reason: e.message }]);
          throw e;
        }
        if (result.warnings.length) req.log.warn({ warnings: result.warnings.map((w) => w.code) }, 'DDAS export: values not mappable were left out');
        const body = JSON.stringify({ gegevens: result.gegevens, ...(result.paginering ? { paginering: result.paginering } : {}) });
        reply.header('Digest', `SHA-256=${createHash('sha256').update(body).digest('base64')}`);
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );
  });
}

/** DDAS_SUPPLIER_CODE (codeGegevensleverancier) and DDAS_CLIENT_DETAIL ('none' | 'full'), from the environment. */
export function ddasOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DdasRouteOptions {
  return { supplierCode: env.DDAS_SUPPLIER_CODE || 'VROEGSIGNAAL', clientDetail: env.DDAS_CLIENT_DETAIL === 'full' ? 'full' : 'none' };
}
