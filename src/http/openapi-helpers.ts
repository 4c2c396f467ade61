import type { TSchema } from '@sinclair/typebox';

export const API_VERSION = '1.0.0';

const VersionHeader = {
  'API-Version': { description: 'Full version of this API', schema: { type: 'string', example: API_VERSION } },
};

const problem = (description: string) => ({
  description,
  headers: VersionHeader,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
});

/** Standard responses every operation documents: the success ones given, plus the problems. */
export function responses(
  ok: Record<
    number,
    {
      description: string;
      schema?: TSchema;
      contentType?: string;
      /** Other media types the operation can answer with (chosen by Accept or a format parameter): documented, so content negotiation admits them. */
      alsoAs?: string[];
      headers?: Record<string, { description: string; schema: object }>;
    }
  >,
) {
  const out: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(ok)) {
    const headers = { ...VersionHeader, ...r.headers };
    const also = Object.fromEntries((r.alsoAs ?? []).map((type) => [type, { schema: { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }) } }]));
    out[status] = r.schema
      ? { description: r.description, headers, content: { [r.contentType ?? 'application/json']: { schema: r.schema }, ...also } }
      : { description: r.description, headers, ...(r.contentType || r.alsoAs ? { content: { ...(r.contentType ? { [r.contentType]: { schema: { type: 'string' } } } : {}), ...also } } : {}) };
  }
  out['400'] = problem('Invalid input: the problem says which field and why');
  out['401'] = problem('Not authenticated');
  out['403'] = problem('Not allowed for this role or key');
  out['404'] = problem('Not found');
  out['429'] = problem('Too many requests');
  out['500'] = problem('Internal error');
  return out;
}

