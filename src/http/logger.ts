import type { FastifyServerOptions } from 'fastify';

/**
 * Structured JSON logs that never carry a BSN or contact detail: request bodies and query strings
 * are not logged, and any field that could hold personal data is censored if code logs it anyway.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  '*.bsn',
  '*.email',
  '*.phone',
  '*.person',
  '*.address',
  '*.postcode',
  '*.signal',
  '*.signals',
  'body',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}
