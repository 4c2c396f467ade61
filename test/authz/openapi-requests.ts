/**
 * Builds a schema-valid request for every operation of the served OpenAPI document, so the
 * authorisation matrix reaches each handler's permission check (Fastify validates the body before
 * the handler runs: an invalid body would answer 400 to everyone and hide a missing check).
 * Values come from hints by field name (fixture ids of the organisation under test), else from the
 * schema: enums, formats, patterns, bounds.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
export interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
}

export interface BuiltRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

const QUERY_ONLY_HINTS = ['from', 'to'];
// the last: an id written as a uuid under a pattern (an objection registration), which no one holds
const PATTERN_CANDIDATES = ['1', '111222333', 'GM0363', '1012LG', '2025-03-14', 'rent', 'a', 'A', 'x1', 'abc', '12345678', '00000000-0000-4000-8000-000000000000'];
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function resolveRef(doc: OpenApiDoc, s: Schema | undefined): Schema {
  if (!s) return {};
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const name = ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '');
  return resolveRef(doc, doc.components?.schemas?.[name] ?? {});
}

/** A value that satisfies `schema`, preferring `hints[name]` for named fields. */
export function valueFor(doc: OpenApiDoc, schema: Schema | undefined, hints: Record<string, Json>, name = ''): Json {
  if (name && name in hints) return hints[name]!;
  const s = resolveRef(doc, schema);
  if ('const' in s) return s.const as Json;
  if (Array.isArray(s.enum)) return s.enum[0] as Json;
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((x) => valueFor(doc, x as Schema, hints, name) as object)) as Json;
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) {
    const options = (s[k] as Schema[]).map((x) => resolveRef(doc, x));
    const nonNull = options.find((o) => o.type !== 'null') ?? options[0];
    return valueFor(doc, nonNull, hints, name);
  }
  if ('default' in s && s.default !== undefined) return s.default as Json;
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const out: Record<string, Json> = {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = valueFor(doc, props[key], hints, key);
      return out;
    }
    case 'array': {
      const n = Math.max(1, (s.minItems as number | undefined) ?? 1);
      return Array.from({ length: n }, () => valueFor(doc, s.items as Schema, hints, name));
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? Math.max(s.minimum, Math.min(1, (s.maximum as number | undefined) ?? 1)) : 1;
    case 'boolean':
      return false;
    case 'string': {
      const f = s.format as string | undefined;
      if (f === 'date') return '2025-03-14';
      if (f === 'date-time') return '2025-03-14T12:00:00.000Z';
      if (f === 'email') return `authz-${unique()}@example.org`;
      if (f === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (f === 'uri') return 'https://example.org/';
      if (typeof s.pattern === 'string') {
        const re = new RegExp(s.pattern as string);
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (hit) return hit;
      }
      const min = (s.minLength as number | undefined) ?? 1;
      const base = `authz${unique()}`;
      return base.length >= min ? base.slice(0, (s.maxLength as number | undefined) ?? base.length) : base.padEnd(min, 'x');
    }
    default:
      return 'x';
  }
}

/** The operation as a request: path and query parameters filled, and a body of the first content type. */
export function buildRequest(doc: OpenApiDoc, path: string, method: string, op: Operation, hints: Record<string, Json>, csv: () => string): BuiltRequest {
  let url = `/v1${path}`;
  const query = new URLSearchParams();
  for (const prm of op.parameters ?? []) {
    const v = valueFor(doc, prm.schema, hints, prm.name);
    if (prm.in === 'path') url = url.replace(`{${prm.name}}`, encodeURIComponent(String(v)));
    else if (prm.in === 'query' && (prm.required || prm.name in hints)) query.set(prm.name, String(v));
  }
  const q = query.toString();
  const out: BuiltRequest = { method: method.toUpperCase(), path: q ? `${url}?${q}` : url };
  const content = op.requestBody?.content;
  if (content) {
    const type = Object.keys(content)[0]!;
    out.contentType = type;
    if (type === 'text/csv') out.body = csv();
    else {
      // Query-only hints (from, to) must not leak into bodies, where the same names mean other things.
      const bodyHints = Object.fromEntries(Object.entries(hints).filter(([k]) => !QUERY_ONLY_HINTS.includes(k)));
      const value = valueFor(doc, content[type]!.schema, bodyHints);
      if (type === 'application/x-ndjson') out.body = JSON.stringify(value) + '\n';
      else if (type === 'application/x-www-form-urlencoded') out.body = new URLSearchParams(Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, String(v)]))).toString();
      else out.body = JSON.stringify(value);
    }
  }
  return out;
}
