/**
 * A real OpenID provider for the demo and the tests: oidc-provider (certified by the OpenID
 * Foundation) with the demo's accounts, its own login pages and signing keys made at start. The
 * platform's single sign-on talks to it exactly as to a municipality's Entra ID or Keycloak, or to
 * an eHerkenning or DigiD broker: discovery, authorization code flow with PKCE (S256, required),
 * nonce and state, userinfo, RP-initiated logout. Listens on 127.0.0.1 over plain HTTP.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { JSONWebKeySet, JWK as PublicJwk } from 'jose';
import Provider, { type ClientMetadata, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import { memoryAdapterFactory } from './memory-adapter.ts';
import { errorPage, localeOf, loggedOutPage, logoutPage } from './pages.ts';
import { interactionHandler } from './interactions.ts';
import { ACR_VALUES, claimsOf, SCOPE_CLAIMS, type AccountOf, type AnyAccount, type IdentityProfile } from './profiles.ts';

export interface IdentityProviderClient {
  clientId: string;
  /** Required for client_secret_basic and client_secret_post. */
  clientSecret?: string;
  /** Shown on the login page ("U logt in voor …"). */
  clientName?: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  /** Default client_secret_basic. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** Public keys of the client, for private_key_jwt. */
  jwks?: { keys: readonly JWK[] };
}

export interface IdentityProviderOptions<P extends IdentityProfile> {
  profile: P;
  accounts: readonly AccountOf<P>[];
  clients: readonly IdentityProviderClient[];
  /** 0 (default): a free port. Ignored when `issuer` names a port. */
  port?: number;
  /** Path of the issuer on 127.0.0.1, e.g. '/gemeente-amsterdam'; default none. */
  issuerPath?: string;
  /** The full issuer URL instead (http://127.0.0.1:PORT/PATH); host and port are taken from it. */
  issuer?: string;
  /** Shown on the pages, e.g. 'Gemeente Amsterdam (demo)'. */
  name?: string;
  /** Signing algorithm of ID tokens; default RS256 (every relying party must support it). */
  signingAlg?: 'RS256' | 'ES256';
  /** Called with errors oidc-provider could not answer properly (500s); default console.error. */
  onServerError?: (error: Error) => void;
}

export interface RunningIdentityProvider {
  issuer: string;
  profile: IdentityProfile;
  /** The public signing keys, as the JWKS endpoint publishes them. */
  jwks: JSONWebKeySet;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

const DEFAULT_NAMES: Record<IdentityProfile, string> = {
  municipal: 'Gemeente (demo)',
  eherkenning: 'eHerkenning-makelaar (demo)',
  digid: 'DigiD-makelaar (demo)',
};

function signingKey(alg: 'RS256' | 'ES256'): JWK {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg, use: 'sig' };
}

function publicPart(jwk: JWK): PublicJwk {
  const { kty, kid, alg, use, n, e, crv, x, y } = jwk;
  return Object.fromEntries(Object.entries({ kty, kid, alg, use, n, e, crv, x, y }).filter(([, v]) => v !== undefined)) as PublicJwk;
}

function clientMetadata(c: IdentityProviderClient, alg: 'RS256' | 'ES256'): ClientMetadata {
  const method = c.tokenEndpointAuthMethod ?? 'client_secret_basic';
  if (method !== 'private_key_jwt' && !c.clientSecret) throw new Error(`client ${c.clientId}: ${method} needs a clientSecret`);
  if (method === 'private_key_jwt' && !c.jwks) throw new Error(`client ${c.clientId}: private_key_jwt needs jwks`);
  return {
    client_id: c.clientId,
    ...(method === 'private_key_jwt' ? {} : { client_secret: c.clientSecret }),
    ...(c.clientName ? { client_name: c.clientName } : {}),
    ...(c.jwks ? { jwks: { keys: [...c.jwks.keys] } } : {}),
    redirect_uris: [...c.redirectUris],
    post_logout_redirect_uris: [...(c.postLogoutRedirectUris ?? [])],
    token_endpoint_auth_method: method,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: alg,
  };
}

function resolveIssuer(opts: { issuer?: string; issuerPath?: string; port?: number }): { port: number; path: string } {
  if (opts.issuer) {
    const u = new URL(opts.issuer);
    if (u.protocol !== 'http:' || u.hostname !== HOST) throw new Error(`issuer must be http://${HOST}:PORT/…, got ${opts.issuer}`);
    return { port: u.port ? Number(u.port) : 80, path: u.pathname.replace(/\/$/, '') };
  }
  const path = (opts.issuerPath ?? '').replace(/\/$/, '');
  if (path !== '' && !path.startsWith('/')) throw new Error(`issuerPath must start with '/', got ${path}`);
  return { port: opts.port ?? 0, path };
}

export async function startIdentityProvider<P extends IdentityProfile>(opts: IdentityProviderOptions<P>): Promise<RunningIdentityProvider> {
  const { profile } = opts;
  const providerName = opts.name ?? DEFAULT_NAMES[profile];
  const alg = opts.signingAlg ?? 'RS256';
  const { port: wantedPort, path: mountPath } = resolveIssuer(opts);
  const onServerError = opts.onServerError ?? ((e: Error) => console.error('identity provider:', e));

  const accounts: readonly AnyAccount[] = opts.accounts;
  const byUsername = new Map(accounts.map((a) => [a.username, a]));
  const bySub = new Map(accounts.map((a) => [a.sub, a]));
  if (byUsername.size !== accounts.length || bySub.size !== accounts.length) throw new Error('account usernames and subs must be unique');

  // Checked before listening, so that a bad option leaves no server behind.
  const clients = opts.clients.map((c) => clientMetadata(c, alg));

  // The port must be known before the provider exists (the issuer contains it), so listen first.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedPort, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${HOST}:${port}${mountPath}`;

  const key = signingKey(alg);
  const scopeClaims = SCOPE_CLAIMS[profile];
  const allScopes = Object.keys(scopeClaims);
  // Cookie names unique per issuer: browsers do not separate cookies by port, and the platform and
  // several providers all run on 127.0.0.1 in the tests.
  const cookiePrefix = `idp${createHash('sha256').update(issuer).digest('hex').slice(0, 8)}`;

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients,
    jwks: { keys: [key] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: `${cookiePrefix}_session`, interaction: `${cookiePrefix}_interaction`, resume: `${cookiePrefix}_resume` },
      // Not `secure`: the demo runs over plain HTTP on 127.0.0.1; oidc-provider marks them secure
      // by itself when a request does come in over HTTPS.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    pkce: { required: () => true },
    scopes: allScopes,
    claims: {
      // Claims of the authentication itself, released without a scope (oidc-provider's defaults).
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      ...Object.fromEntries(Object.entries(scopeClaims).map(([scope, names]) => [scope, [...names]])),
    },
    acrValues: ACR_VALUES[profile],
    // Real providers (Entra ID, Keycloak, the brokers) put the profile's claims in the ID token as
    // well as in userinfo; the platform reads them from the ID token.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(localeOf(ctx.oidc.params?.ui_locales), providerName, form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          // The confirmation does not carry ui_locales on: Dutch.
          ctx.body = loggedOutPage(localeOf(ctx.oidc.params?.ui_locales), providerName);
        },
      },
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    findAccount: (_ctx, sub) => {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...claimsOf(profile, account), sub }) };
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    // Consent is given by the organisation for its own applications, as a first-party client is
    // configured at Entra ID or a broker: every client here gets every scope without a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(allScopes.join(' '));
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const detail = out.error_description === undefined ? undefined : String(out.error_description);
      ctx.body = errorPage(localeOf(ctx.oidc?.params?.ui_locales), providerName, String(out.error), detail === undefined ? {} : { detail });
    },
  };

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (e) {
    server.close();
    throw e;
  }
  provider.on('server_error', (_ctx: unknown, error: Error) => onServerError(error));
  const callback = provider.callback();

  const interaction = interactionHandler({ provider, profile, providerName, mountPath, byUsername, scopes: allScopes, onServerError });

  handler = (req, res) => {
    if (interaction(req, res)) return;
    const url = req.url ?? '/';
    if (mountPath !== '' && url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
      res.writeHead(404).end();
      return;
    }
    // Mounted under the issuer's path: oidc-provider routes on the rest and builds its URLs with
    // baseUrl in front (as under Express). No originalUrl: it would guess the mount point by
    // searching for the rest in it, which goes wrong when the path ends with a route's name.
    const inner = url.slice(mountPath.length);
    Object.assign(req, { baseUrl: mountPath, url: inner.startsWith('/') ? inner : `/${inner}` });
    void callback(req, res);
  };

  return {
    issuer,
    profile,
    jwks: { keys: [publicPart(key)] },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
