import type { PendingAuthorization } from '../../infra/oidc/relying-party.ts';
import type { SecretBox } from '../auth/secret-box.ts';
import type { ProviderKey } from './sso-provider.ts';

const FLOW_PURPOSE = 'sso-flow';

/** Ten minutes to log in at the provider; a callback after that starts over. */
export const FLOW_TTL_MS = 10 * 60_000;

/**
 * What the callback must check, kept sealed in a cookie of the browser that started the login:
 * the callback is then bound to that browser (a code sent to another browser is useless there),
 * and the platform keeps no state for logins that never come back.
 */
export interface SsoFlow extends PendingAuthorization {
  provider: ProviderKey;
  next: string;
  expiresAt: number;
}

export const sealFlow = (box: SecretBox, flow: SsoFlow): string => box.seal(FLOW_PURPOSE, JSON.stringify(flow));

export function openFlow(box: SecretBox, sealed: string | undefined, now: Date): SsoFlow | undefined {
  if (!sealed) return undefined;
  const text = box.open(FLOW_PURPOSE, sealed);
  if (!text) return undefined;
  const flow = JSON.parse(text) as SsoFlow;
  return flow.expiresAt > now.getTime() ? flow : undefined;
}
