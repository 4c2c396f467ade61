import type { SmsSender } from '../../domain/outreach/sms.ts';

/** The provider's endpoint and bearer token (to come from SMS_PROVIDER_URL and SMS_PROVIDER_TOKEN). */
export interface SmsProviderSettings {
  url: string;
  token: string;
}

/**
 * A generic HTTP SMS provider: POST {to, text} as JSON with a bearer token (the shape most
 * gateways take, or a small adapter in front of one). Node's own fetch (undici): no extra library.
 * Errors name the HTTP status only — never the number or the text.
 */
export function createHttpSmsSender(s: SmsProviderSettings, opts: { timeoutMs?: number } = {}): SmsSender {
  return {
    async send(message) {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`the SMS provider answered HTTP ${res.status}`);
    },
  };
}
