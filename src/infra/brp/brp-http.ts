import { Agent, request } from 'undici';
import { BrpUnavailable } from '../../domain/routing/brp-register.ts';
import type { BrpConnection } from './brp-connection.ts';

/** A 4xx answer the caller caused (a bad query): retrying will not help, and the BRP is not down. */
class BrpRequestRefused extends Error {
  override readonly name = 'BrpRequestRefused';
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`BRP refused the request (${status}${typeof problem === 'object' && problem !== null && 'code' in problem ? ` ${String((problem as { code: unknown }).code)}` : ''})`);
  }
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * JSON over HTTP to one BRP: a pooled keep-alive connection (with the client certificate for mTLS),
 * an OAuth2 client-credentials token fetched once and renewed before it expires (or when refused),
 * at most `concurrency` calls in flight, a time-out per call, and retries with exponential back-off
 * and jitter on network errors, 429 and 5xx. What still fails becomes BrpUnavailable.
 */
export class BrpHttp {
  private readonly agent: Agent;
  private token: { value: string; until: number } | undefined;
  private tokenFetch: Promise<string> | undefined;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** HTTP calls made (token calls included) and retries among them, for the bench and the logs. */
  readonly stats = { calls: 0, retries: 0, tokenCalls: 0 };

  constructor(private readonly conn: BrpConnection) {
    this.agent = new Agent({
      connections: conn.concurrency,
      keepAliveTimeout: 10_000,
      ...(conn.tls ? { connect: { cert: conn.tls.cert, key: conn.tls.key, ...(conn.tls.ca ? { ca: conn.tls.ca } : {}) } } : {}),
    });
  }

  async postJson(url: string, body: unknown): Promise<unknown> {
    await this.slot();
    try {
      return await this.withRetries(url, body);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async slot(): Promise<void> {
    if (this.active < this.conn.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private async withRetries(url: string, body: unknown): Promise<unknown> {
    let last: unknown;
    let lastStatus: number | undefined;
    let tokenRenewed = false;
    for (let attempt = 0; attempt <= this.conn.retries; attempt++) {
      if (attempt > 0) {
        this.stats.retries++;
        await sleep(Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
      try {
        const { status, json, retryAfter } = await this.call(url, body, await this.bearer());
        if (status >= 200 && status < 300) return json;
        lastStatus = status;
        // An expired or revoked token: one fresh token, then the same call again at once.
        if (status === 401 && this.conn.oauth2 && !tokenRenewed) {
          tokenRenewed = true;
          this.token = undefined;
          attempt--;
          continue;
        }
        if (!RETRYABLE.has(status)) {
          if (status === 401 || status === 403) throw new BrpUnavailable(`BRP refused the platform's credentials (${status})`, status);
          throw new BrpRequestRefused(status, json);
        }
        last = new Error(`HTTP ${status}`);
        if (retryAfter !== undefined) await sleep(Math.min(retryAfter * 1000, 5000));
      } catch (e) {
        if (e instanceof BrpUnavailable || e instanceof BrpRequestRefused) throw e;
        last = e;
      }
    }
    throw new BrpUnavailable(`BRP did not answer after ${this.conn.retries + 1} attempts${lastStatus ? ` (last status ${lastStatus})` : ''}`, lastStatus, { cause: last });
  }

  private async call(url: string, body: unknown, bearer: string | undefined): Promise<{ status: number; json: unknown; retryAfter?: number }> {
    this.stats.calls++;
    const res = await request(url, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
      headersTimeout: this.conn.timeoutMs,
      bodyTimeout: this.conn.timeoutMs,
      signal: AbortSignal.timeout(this.conn.timeoutMs),
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const ra = Number(res.headers['retry-after']);
    return { status: res.statusCode, json, ...(Number.isFinite(ra) && ra > 0 ? { retryAfter: ra } : {}) };
  }

  private async bearer(): Promise<string | undefined> {
    if (!this.conn.oauth2) return undefined;
    if (this.token && this.token.until > Date.now()) return this.token.value;
    // One token request however many calls are waiting for it.
    this.tokenFetch ??= this.fetchToken().finally(() => (this.tokenFetch = undefined));
    return this.tokenFetch;
  }

  private async fetchToken(): Promise<string> {
    const o = this.conn.oauth2!;
    this.stats.calls++;
    this.stats.tokenCalls++;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(o.scope ? { scope: o.scope } : {}) });
    // A network error propagates as it is: withRetries tries again.
    const res = await request(o.tokenUrl, {
      method: 'POST',
      dispatcher: this.agent,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        // RFC 6749 §2.3.1: id and secret form-encoded, then HTTP Basic.
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString('base64')}`,
      },
      body: form.toString(),
      headersTimeout: this.conn.timeoutMs,
      bodyTimeout: this.conn.timeoutMs,
      signal: AbortSignal.timeout(this.conn.timeoutMs),
    });
    const json = (await res.body.json().catch(() => undefined)) as { access_token?: string; expires_in?: number } | undefined;
    if (res.statusCode >= 500 || res.statusCode === 429) throw new Error(`token endpoint HTTP ${res.statusCode}`);
    if (res.statusCode !== 200 || typeof json?.access_token !== 'string')
      throw new BrpUnavailable(`BRP token endpoint refused the client credentials (${res.statusCode})`, res.statusCode);
    // Renewed 30 s before it runs out, so no call leaves with a token about to expire.
    this.token = { value: json.access_token, until: Date.now() + Math.max(0, (json.expires_in ?? 300) - 30) * 1000 };
    return json.access_token;
  }
}
