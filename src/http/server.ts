import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { AppDeps } from '../app/context.ts';
import { SIGNAL_SUB_SCHEMAS, SignalInputSchema } from '../domain/signals/signal-schema.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerNegotiation } from './plugins/negotiation.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { trackRouteMethods } from './plugins/route-methods.ts';
import { API_VERSION } from './openapi-helpers.ts';
import { ProblemSchema } from './problem.ts';
import { SHARED_SCHEMAS } from './schemas.ts';
import { registerSignalRoutes } from './routes/signals.ts';
import { registerBatchRoutes } from './routes/batches.ts';
import { registerSignalTypeRoutes } from './routes/signal-types.ts';
import { registerTemplateRoutes } from './routes/templates.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerAccessRoutes } from './routes/access.ts';
import { registerEvaluationRoutes } from './routes/evaluation.ts';
import { ddasOptionsFromEnv, registerDdasRoutes } from './routes/ddas.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerExperimentRoutes } from './routes/experiments.ts';
import { registerPrivacyRoutes } from './routes/privacy.ts';
import { registerReminderCodeRoutes } from './routes/reminder-codes.ts';
import { registerApiKeyRotationRoutes } from './routes/api-key-rotation.ts';
import { loggerOptions } from './logger.ts';
import { lazySerializers } from './lazy-serializers.ts';
import { limitFailedAuthentication, loginRateLimit, rateLimitKey } from './rate-limits.ts';
import type { TrustProxy } from '../config.ts';
import { registerWebApp } from '../web/plugin.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Request body documented in OpenAPI for routes that stream their body instead of parsing it. */
    openapiBody?: unknown;
  }
}

export interface ServerOptions {
  logLevel: string;
  maxUploadBytes: number;
  /** Requests per minute per client (API key or address); 0 disables (benchmarks). */
  rateLimitPerMinute: number;
  sessionTtlMinutes: number;
  /** Mark cookies Secure (when served over HTTPS). */
  secureCookies: boolean;
  /** Login attempts per minute per client address on each login route; 0 disables (tests that log in often). */
  loginAttemptsPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY): none by default. */
  trustProxy: TrustProxy;
  /** The address users reach the platform at (PUBLIC_URL), for links and identity-provider redirects; absent: the request's own. */
  publicUrl?: string | undefined;
}

/** Trusts the nearest `n` proxies (proxy-addr asks per hop, nearest first). */
const hops = (n: number) => (_address: string, hop: number) => hop < n;

/** Builds the HTTP adapter: thin routes over the use cases, with the cross-cutting plugins. */
export async function buildServer(deps: AppDeps, opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logLevel),
    bodyLimit: 10 * 1024 * 1024,
    // X-Forwarded-For only from the proxies the operator named: believing every sender let a client
    // pick its own address, and so its own rate-limit bucket.
    trustProxy: typeof opts.trustProxy === 'number' ? hops(opts.trustProxy) : opts.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
  });

  // Before any route is added: the not-found handler tells a wrong method (405) from a wrong path.
  const allowedMethods = trackRouteMethods(app);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('API-Version', API_VERSION);
  });

  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      // Fonts too from here only (helmet's default allows any https: origin): no page loads a third party's asset.
      directives: { upgradeInsecureRequests: null, defaultSrc: ["'self'"], fontSrc: ["'self'", 'data:'], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"] },
    },
  });
  // Registered even when the general limit is off: the login routes keep their own (loginRateLimit).
  await app.register(rateLimit, {
    global: opts.rateLimitPerMinute > 0,
    max: Math.max(1, opts.rateLimitPerMinute),
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey,
  });
  if (opts.rateLimitPerMinute > 0) limitFailedAuthentication(app, opts.rateLimitPerMinute);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vroegsignaal API',
        version: API_VERSION,
        description:
          'Intake of early signals of payment arrears (vroegsignalering van schulden), judged by the regulation in force on each signal\'s date.',
        contact: { name: 'Vroegsignaal', email: 'api@vroegsignaal.example', url: 'https://vroegsignaal.example' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
      },
      servers: [{ url: '/v1', description: 'This server' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key of your organisation: Authorization: Bearer vsk_…' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: ({ schema, url, route }) => {
      const body = (route.config as { openapiBody?: unknown } | undefined)?.openapiBody;
      return { schema: (body ? { ...schema, body } : schema) as typeof schema, url };
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `Schema${i}` },
    transformObject: (doc) => {
      const spec = (doc as { openapiObject: Record<string, unknown> }).openapiObject;
      // The server URL carries /v1 (ADR uri-version); paths are relative to it.
      const paths = spec.paths as Record<string, unknown>;
      spec.paths = Object.fromEntries(Object.entries(paths).map(([p, v]) => [p.replace(/^\/v1/, '') || '/', v]));
      return spec;
    },
  });

  for (const s of [ProblemSchema, ...SIGNAL_SUB_SCHEMAS, SignalInputSchema, ...SHARED_SCHEMAS]) app.addSchema(s);

  registerErrorHandling(app, allowedMethods);
  registerAuth(app, deps.db, deps.now);
  registerNegotiation(app);
  registerMetrics(app);

  registerHealthRoutes(app, deps.db);
  registerTemplateRoutes(app);
  registerSignalTypeRoutes(app, deps);
  registerSignalRoutes(app, deps);
  registerBatchRoutes(app, deps, { maxUploadBytes: opts.maxUploadBytes });
  const loginLimit = loginRateLimit(opts.loginAttemptsPerMinute);
  registerAccessRoutes(app, deps, { sessionTtlMinutes: opts.sessionTtlMinutes, secureCookies: opts.secureCookies, loginLimit });
  registerApiKeyRotationRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerReminderCodeRoutes(app, deps);
  registerEvaluationRoutes(app, deps);
  registerOAuthRoutes(app, deps);
  registerDdasRoutes(app, deps, ddasOptionsFromEnv());
  registerExperimentRoutes(app, deps);

  await registerWebApp(app, deps, { sessionTtlMinutes: opts.sessionTtlMinutes, secureCookies: opts.secureCookies, loginLimit, publicUrl: opts.publicUrl });
  app.get('/v1/openapi.json', { schema: { hide: true, security: [] } }, async () => app.swagger());
  return app;
}
