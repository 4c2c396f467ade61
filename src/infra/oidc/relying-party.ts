import { webcrypto } from 'node:crypto';
import * as oidc from 'openid-client';

/** How the platform authenticates itself at a provider's token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface RelyingPartySettings {
  issuer: string;
  clientId: string;
  clientAuth: ClientAuthMethod;
  /** The client secret, or for private_key_jwt the private key as a JWK (JSON text). */
  credential: string;
}

/** What the login needs to finish: kept sealed in the browser between the redirect and the callback. */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    /** A short code for logs and the audit trail; never the provider's claims. */
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Plain http only towards this machine (the demo's and tests' own provider): an identity provider
 * elsewhere is reached over TLS or not at all.
 */
function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

async function clientAuthOf(s: RelyingPartySettings): Promise<oidc.ClientAuth> {
  if (s.clientAuth === 'client_secret_post') return oidc.ClientSecretPost(s.credential);
  if (s.clientAuth === 'client_secret_basic') return oidc.ClientSecretBasic(s.credential);
  const jwk = JSON.parse(s.credential) as webcrypto.JsonWebKey & { kid?: string; alg?: string };
  const alg = jwk.alg ?? (jwk.kty === 'EC' ? 'ES256' : 'RS256');
  const algorithm = alg.startsWith('ES') ? { name: 'ECDSA', namedCurve: jwk.crv ?? 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const key = await webcrypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
  return oidc.PrivateKeyJwt(jwk.kid ? { key, kid: jwk.kid } : key);
}

const DISCOVERY_TTL_MS = 60 * 60_000;

/**
 * The providers' metadata (discovery document), fetched once an hour per provider and client:
 * a login costs no extra round trip, and a provider's key rollover reaches us within the hour
 * (openid-client refetches the JWKS itself when it meets an unknown key id).
 */
export class RelyingParty {
  private readonly cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

  constructor(private readonly now: () => number = Date.now) {}

  configuration(s: RelyingPartySettings): Promise<oidc.Configuration> {
    const key = JSON.stringify([s.issuer, s.clientId, s.clientAuth, s.credential]);
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const issuer = new URL(s.issuer);
    const config = (async () => {
      try {
        return await oidc.discovery(issuer, s.clientId, undefined, await clientAuthOf(s), isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined);
      } catch (e) {
        this.cache.delete(key);
        throw new ProviderError(`discovery of ${s.issuer} failed: ${(e as Error).message}`, 'discovery');
      }
    })();
    this.cache.set(key, { at: this.now(), config });
    return config;
  }

  /** The provider's authorization URL with PKCE (S256), state and nonce, and what the callback must check. */
  async authorizationUrl(s: RelyingPartySettings, redirectUri: string, scope: string, extra: Record<string, string> = {}): Promise<{ url: URL; pending: PendingAuthorization }> {
    const config = await this.configuration(s);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...extra,
    });
    return { url, pending };
  }

  /**
   * Exchanges the code at the provider that was asked (its issuer, its keys), checking state, nonce
   * and PKCE; returns the ID token's claims merged with the UserInfo claims (which carry groups or
   * e-mail at some providers), and the raw ID token for logging out at the provider later.
   */
  async complete(s: RelyingPartySettings, callbackUrl: URL, pending: PendingAuthorization): Promise<{ claims: Record<string, unknown>; idToken: string; subject: string }> {
    const config = await this.configuration(s);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    } catch (e) {
      const code = (e as { code?: string; error?: string }).error ?? (e as { code?: string }).code ?? 'token';
      throw new ProviderError(`the provider's answer was not accepted: ${(e as Error).message}`, String(code));
    }
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new ProviderError('no ID token', 'no-id-token');
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (e) {
        throw new ProviderError(`userinfo failed: ${(e as Error).message}`, 'userinfo');
      }
    }
    // The ID token's claims are signed by the provider: where both say something, they win.
    return { claims: { ...userinfo, ...idClaims }, idToken: tokens.id_token, subject: idClaims.sub };
  }

  /** Where to send the browser to end the session at the provider too (RP-initiated logout), if it offers that. */
  async endSessionUrl(s: RelyingPartySettings, idToken: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
    const config = await this.configuration(s);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
  }
}
