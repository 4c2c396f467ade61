/**
 * A local BRP that speaks the Haal Centraal specifications (BRP API Personen 2.7, BRP bewoning 2.1)
 * over real HTTP, with an OAuth2 client-credentials token endpoint in front: the platform's BRP
 * client talks to it exactly as to the real one. Requests are checked against the copied OpenAPI
 * documents and refused the way the specification says (problem+json); answers come from the
 * synthetic population (residents.ts). For the demo (npm start), the tests and bench:brp.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ErrorObject } from 'ajv';
import type { BrpConnection } from '../../infra/brp/brp-connection.ts';
import { BEWONING_SPEC, OpenApiSchemas, PERSONEN_SPEC } from './openapi-schemas.ts';
import { raadpleeg, unknownFields, zoekMetPostcodeEnHuisnummer, type AddressQuery } from './personen.ts';
import { bewoningMetPeildatum } from './bewoning.ts';
import { buildStubRegister, type StubRegister, type StubRegisterOptions } from './residents.ts';

type Json = Record<string, unknown>;

const PERSONEN_PATH = '/haalcentraal/api/brp';
const BEWONING_PATH = '/haalcentraal/api/bewoning';
const TOKEN_PATH = '/oauth2/token';

export interface BrpStubOptions extends StubRegisterOptions {
  /** A register built already (shared between stubs in one process); otherwise built from the options. */
  register?: StubRegister;
  host?: string;
  port?: number;
  /** client id → secret accepted at the token endpoint. */
  clients?: Readonly<Record<string, string>>;
  /** The stub's "today" (leeftijd, current residence); default the real date. */
  today?: () => string;
  /** Called with every API exchange, for tests that validate them against the specifications. */
  onExchange?: (e: { api: 'personen' | 'bewoning'; request: unknown; status: number; response: unknown }) => void;
}

export interface BrpStub {
  url: string;
  personenUrl: string;
  bewoningUrl: string;
  tokenUrl: string;
  register: StubRegister;
  /** HTTP requests received, by endpoint. */
  readonly stats: { token: number; personen: number; bewoning: number };
  /** Down: every request is answered 503, as a BRP in maintenance does. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export const DEMO_CLIENT = { id: 'vroegsignaal-demo', secret: 'demo-only-brp-stub-secret' } as const;

/** A municipality's connection to the stub with the demo client, as BRP_CONFIG_FILE would give one for a real BRP. */
export function stubConnection(stub: BrpStub, municipality: string, tuning: Partial<BrpConnection> = {}): BrpConnection {
  return {
    municipality,
    enabled: true,
    personenUrl: stub.personenUrl,
    bewoningUrl: stub.bewoningUrl,
    oauth2: { tokenUrl: stub.tokenUrl, clientId: DEMO_CLIENT.id, clientSecret: DEMO_CLIENT.secret },
    timeoutMs: 5000,
    retries: 2,
    concurrency: 8,
    ...tuning,
  };
}
const TOKEN_SECONDS = 300;

const PROBLEM_TYPES: Record<number, string> = {
  400: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
  401: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2',
  404: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
  406: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.7',
  415: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.16',
  503: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.4',
};

class Problem {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly invalidParams?: Json[],
  ) {}
}

function invalidParamsOf(errors: ErrorObject[]): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') path.push((e.params as { missingProperty: string }).missingProperty);
    const name = path.join('.').slice(0, 30) || 'body';
    const [code, reason] =
      e.keyword === 'required' ? ['required', 'Parameter is verplicht.']
      : e.keyword === 'pattern' ? ['pattern', 'Waarde voldoet niet aan het patroon.']
      : e.keyword === 'maxItems' ? ['maxItems', `Array bevat meer dan ${(e.params as { limit: number }).limit} items.`]
      : e.keyword === 'minItems' ? ['minItems', `Array bevat minder dan ${(e.params as { limit: number }).limit} items.`]
      : e.keyword === 'format' ? [(e.params as { format: string }).format, 'Waarde is geen geldige datum.']
      : e.keyword === 'type' ? [(e.params as { type: string }).type, `Waarde is geen geldige ${(e.params as { type: string }).type}.`]
      : e.keyword === 'enum' ? ['value', 'Waarde is geen geldige zoek type.']
      : [e.keyword.replace(/[^a-zA-Z0-9]/g, '').slice(0, 25), 'Waarde is ongeldig.'];
    const key = `${name} ${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: 'https://www.vng.nl/realisatie/api/validaties/' + code, name, code, reason });
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startBrpStub(opts: BrpStubOptions = {}): Promise<BrpStub> {
  const register = opts.register ?? buildStubRegister(opts);
  const clients = opts.clients ?? { [DEMO_CLIENT.id]: DEMO_CLIENT.secret };
  const today = opts.today ?? (() => new Date().toISOString().slice(0, 10));
  const personen = new OpenApiSchemas(PERSONEN_SPEC);
  const bewoning = new OpenApiSchemas(BEWONING_SPEC);
  const persoonFields = personen.propertiesOf('Persoon');
  const beperktFields = personen.propertiesOf('PersoonBeperkt');
  const tokens = new Map<string, number>();
  const stats = { token: 0, personen: 0, bewoning: 0 };
  let down = false;
  let base = '';

  const send = (res: ServerResponse, status: number, body: Json, type = 'application/json; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
    res.end(JSON.stringify(body));
  };
  const problem = (res: ServerResponse, path: string, p: Problem) =>
    send(res, p.status, { type: PROBLEM_TYPES[p.status], title: p.title, status: p.status, instance: base + path, code: p.code, ...(p.invalidParams ? { invalidParams: p.invalidParams } : {}) }, 'application/problem+json');

  const issueToken = async (req: IncomingMessage, res: ServerResponse) => {
    stats.token++;
    const form = new URLSearchParams(await readBody(req));
    let id = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').map(decodeURIComponent) as [string, string];
    if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    const known = clients[id];
    if (known === undefined || !sameSecret(known, secret)) return send(res, 401, { error: 'invalid_client' });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, Date.now() + TOKEN_SECONDS * 1000);
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS });
  };

  /** The checks every API call passes, in the order a gateway does them; then the parsed body. */
  const admit = async (req: IncomingMessage, schemas: OpenApiSchemas, querySchema: string): Promise<Json> => {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer === undefined ? undefined : tokens.get(bearer);
    if (expires === undefined || expires < Date.now()) throw new Problem(401, 'authentication', 'Niet correct geauthenticeerd.');
    const accept = req.headers.accept;
    if (accept && !/application\/json|application\/\*|\*\/\*/.test(accept)) throw new Problem(406, 'notAcceptable', 'Gevraagde contenttype wordt niet ondersteund.');
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) throw new Problem(415, 'unsupportedMediaType', 'Media Type wordt niet ondersteund.');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      throw new Problem(400, 'paramsValidation', 'Een of meerdere parameters zijn niet correct.', [{ type: 'https://www.vng.nl/realisatie/api/validaties/json', name: 'body', code: 'json', reason: 'Geen geldige JSON.' }]);
    }
    const errors = schemas.errors(querySchema, body);
    if (errors) throw new Problem(400, 'paramsValidation', 'Een of meerdere parameters zijn niet correct.', invalidParamsOf(errors));
    const q = body as Json;
    const concrete = (schemas.document.components as { schemas: Record<string, { discriminator?: { mapping: Record<string, string> } }> }).schemas[querySchema]!.discriminator!.mapping[q.type as string]!;
    const allowed = schemas.propertiesOf(concrete.split('/').pop()!);
    const unknown = Object.keys(q).filter((k) => !allowed.has(k));
    if (unknown.length > 0)
      throw new Problem(400, 'paramsValidation', 'Een of meerdere parameters zijn niet correct.', unknown.map((name) => ({ type: 'https://www.vng.nl/realisatie/api/validaties/unknownParam', name: name.replace(/[^a-zA-Z0-9._]/g, '').slice(0, 30) || 'param', code: 'unknownParam', reason: 'Parameter is niet verwacht.' })));
    return q;
  };

  const answerPersonen = (q: Json): Json => {
    const fields = q.fields as string[];
    const allowed = q.type === 'RaadpleegMetBurgerservicenummer' ? persoonFields : beperktFields;
    const bad = unknownFields(fields, allowed);
    if (bad.length > 0) throw new Problem(400, 'paramsValidation', 'Een of meerdere parameters zijn niet correct.', bad.map((f, i) => ({ type: 'https://www.vng.nl/realisatie/api/validaties/fields', name: `fields.${fields.indexOf(f) >= 0 ? fields.indexOf(f) : i}`, code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' })));
    if (q.type === 'RaadpleegMetBurgerservicenummer')
      return { type: q.type, personen: raadpleeg(register, q.burgerservicenummer as string[], fields, today(), q.gemeenteVanInschrijving as string | undefined) };
    if (q.type === 'ZoekMetPostcodeEnHuisnummer') return { type: q.type, personen: zoekMetPostcodeEnHuisnummer(register, q as unknown as AddressQuery, fields, today()) };
    // A valid query of a type the stub does not serve: the specification's 501 is Bewoning's only.
    throw new Problem(400, 'paramsValidation', 'Zoektype wordt niet ondersteund door de stub.', [{ type: 'https://www.vng.nl/realisatie/api/validaties/value', name: 'type', code: 'value', reason: 'Zoektype wordt niet ondersteund.' }]);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    void (async () => {
      if (req.method === 'POST' && path === TOKEN_PATH) return issueToken(req, res);
      const api = path === `${PERSONEN_PATH}/personen` ? 'personen' : path === `${BEWONING_PATH}/bewoningen` ? 'bewoning' : undefined;
      if (api === undefined || req.method !== 'POST') return problem(res, path, new Problem(404, 'notFound', 'Opgevraagde resource bestaat niet.'));
      stats[api]++;
      if (down) return problem(res, path, new Problem(503, 'notAvailable', 'Bronservice BRP is tijdelijk niet beschikbaar.'));
      let request: unknown;
      try {
        request = await admit(req, api === 'personen' ? personen : bewoning, api === 'personen' ? 'PersonenQuery' : 'BewoningenQuery');
        const q = request as Json;
        let body: Json;
        if (api === 'personen') body = answerPersonen(q);
        else if (q.type === 'BewoningMetPeildatum') body = { bewoningen: bewoningMetPeildatum(register, q.adresseerbaarObjectIdentificatie as string, q.peildatum as string) };
        else throw new Problem(400, 'paramsValidation', 'Zoektype wordt niet ondersteund door de stub.');
        opts.onExchange?.({ api, request, status: 200, response: body });
        send(res, 200, body);
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        opts.onExchange?.({ api, request, status: e.status, response: { type: PROBLEM_TYPES[e.status], title: e.title, status: e.status, instance: base + path, code: e.code, ...(e.invalidParams ? { invalidParams: e.invalidParams } : {}) } });
        problem(res, path, e);
      }
    })().catch(() => {
      if (!res.headersSent) problem(res, path, new Problem(503, 'notAvailable', 'Bronservice BRP is tijdelijk niet beschikbaar.'));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  base = `http://${addr.address}:${addr.port}`;
  return {
    url: base,
    personenUrl: base + PERSONEN_PATH,
    bewoningUrl: base + BEWONING_PATH,
    tokenUrl: base + TOKEN_PATH,
    register,
    stats,
    setDown(d) {
      down = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
