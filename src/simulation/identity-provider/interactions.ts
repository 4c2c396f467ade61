/**
 * The provider's own interaction pages (oidc-provider's development pages are off): the login form,
 * its answer, cancelling, and consent given at once (the platform is a first-party client).
 *
 *   GET  <issuer>/interaction/<uid>         the login form (or, when only consent is asked, straight on)
 *   POST <issuer>/interaction/<uid>/login   username and password
 *   POST <issuer>/interaction/<uid>/abort   back to the relying party with access_denied
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors, type default as Provider } from 'oidc-provider';
import { errorPage, localeOf, loginPage } from './pages.ts';
import { identityProviderMessages } from './messages.ts';
import { acrOf, type AnyAccount, type IdentityProfile } from './profiles.ts';

const MAX_FORM_BYTES = 16 * 1024;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No scripts, no external assets: only the inline style block is allowed.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so that unequal lengths take the same time as unequal contents.
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export interface InteractionSetup {
  provider: Provider;
  profile: IdentityProfile;
  providerName: string;
  mountPath: string;
  byUsername: ReadonlyMap<string, AnyAccount>;
  /** Every scope of the profile: what a first-party client is granted. */
  scopes: readonly string[];
  onServerError: (error: Error) => void;
}

/** A request handler for the interaction paths, or undefined when the path is not one. */
export function interactionHandler(s: InteractionSetup): (req: IncomingMessage, res: ServerResponse) => boolean {
  const escaped = s.mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const route = new RegExp(`^${escaped}/interaction/([A-Za-z0-9_-]+)(/login|/abort)?$`);

  async function handle(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const { provider } = s;
    const details = await provider.interactionDetails(req, res);
    const locale = localeOf(details.params.ui_locales);
    const t = identityProviderMessages(locale);
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage(locale, s.providerName, 'invalid_request', { message: t('otherInteraction') }));
      return;
    }

    // Logged in already and only consent asked (prompt=consent): given, as for every first-party client.
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ clientId: String(details.params.client_id), accountId: details.session.accountId }))
        : new provider.Grant({ clientId: String(details.params.client_id), accountId: details.session.accountId });
      grant.addOIDCScope(s.scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    const client = await provider.Client.find(String(details.params.client_id));
    const page = (status: number, extra: { username?: string; failed?: boolean } = {}) =>
      sendHtml(
        res,
        status,
        loginPage({
          locale,
          providerName: s.providerName,
          clientName: client?.clientName ?? String(details.params.client_id),
          action: `${s.mountPath}/interaction/${uid}/login`,
          abortAction: `${s.mountPath}/interaction/${uid}/abort`,
          ...extra,
        }),
      );

    if (action === undefined && req.method === 'GET') {
      page(200);
      return;
    }
    if (action === undefined || req.method !== 'POST') {
      res.writeHead(405, { allow: action ? 'POST' : 'GET' }).end();
      return;
    }
    if (action === '/abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: t('aborted') }, { mergeWithLastSubmission: false });
      return;
    }
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim();
    const account = s.byUsername.get(username);
    // Compare even for an unknown name, so the answer takes as long either way.
    const passwordOk = sameSecret(form.get('password') ?? '', account?.password ?? randomUUID());
    if (!account || !passwordOk) {
      page(401, { username, failed: true });
      return;
    }
    const acr = acrOf(s.profile, account);
    await provider.interactionFinished(req, res, { login: { accountId: account.sub, amr: ['pwd'], ...(acr ? { acr } : {}) } }, { mergeWithLastSubmission: false });
  }

  return (req, res) => {
    const m = route.exec((req.url ?? '/').split('?')[0] ?? '/');
    if (!m) return false;
    handle(req, res, m[1] ?? '', m[2]).catch((error: unknown) => {
      if (res.headersSent) return;
      // No interaction to read the language from: Dutch.
      if (error instanceof errors.SessionNotFound) {
        sendHtml(res, 400, errorPage('nl', s.providerName, 'session_not_found', { message: identityProviderMessages('nl')('expired') }));
        return;
      }
      s.onServerError(error instanceof Error ? error : new Error(String(error)));
      sendHtml(res, 500, errorPage('nl', s.providerName, 'server_error'));
    });
    return true;
  };
}
