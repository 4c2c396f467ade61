import { createElement } from 'react';
import { getOwnProvider, removeOwnProvider, saveOwnProvider } from '../../../app/identity/configure-provider.ts';
import { ROLES_BY_ORGANISATION_KIND } from '../../../domain/access/roles.ts';
import type { FieldProblem, ProviderForm } from '../../../domain/identity/provider-form.ts';
import { one, type WebApp, type WebRequest } from '../../web-app.ts';
import { identityMessages } from './messages.ts';
import { formOfStored, ProviderPage } from './provider-page.tsx';
import { SSO_CALLBACK_PATH } from './sso-routes.ts';

type Body = Record<string, string | string[] | undefined>;
const USERS = { permission: 'users:manage' } as const;

function formOfBody(b: Body): ProviderForm {
  return {
    displayName: one(b.displayName),
    issuer: one(b.issuer),
    clientId: one(b.clientId),
    clientAuth: one(b.clientAuth),
    credential: one(b.credential),
    scopes: one(b.scopes),
    roleClaim: one(b.roleClaim),
    roleMap: one(b.roleMap),
    allowedEmailDomains: one(b.allowedEmailDomains),
    enabled: one(b.enabled) === '1',
  };
}

/** /eenmalig-inloggen: an organisation's user admin connects its own OpenID Connect provider. */
export function registerProviderPages(web: WebApp): void {
  web.addNav({ href: '/eenmalig-inloggen', label: { nl: 'Eenmalig inloggen', en: 'Single sign-on' }, permission: 'users:manage', order: 92 });

  const page = async (r: WebRequest<unknown, unknown, unknown>, opts: { form?: ProviderForm; problems?: FieldProblem[]; notice?: string; status?: number } = {}) => {
    const t = identityMessages(r.locale);
    const stored = await getOwnProvider(r.deps, r.ctx);
    const base = web.baseUrl(r.req);
    const body = createElement(ProviderPage, {
      stored,
      form: opts.form ?? formOfStored(stored),
      problems: opts.problems ?? [],
      notice: opts.notice,
      redirectUri: `${base}${SSO_CALLBACK_PATH}`,
      logoutUri: `${base}/inloggen?uitgelogd=1`,
      roles: ROLES_BY_ORGANISATION_KIND[r.ctx.actor.organisationKind] ?? [],
    });
    return opts.status ? { status: opts.status, page: { title: t('ssoTitle'), body } } : { title: t('ssoTitle'), body };
  };

  web.get('/eenmalig-inloggen', USERS, (r) => {
    const q = r.query as Record<string, string | undefined>;
    const t = identityMessages(r.locale);
    return page(r, one(q.opgeslagen) ? { notice: t('saved') } : one(q.verwijderd) ? { notice: t('removed') } : {});
  });

  web.post<Body>('/eenmalig-inloggen', USERS, async (r) => {
    const form = formOfBody(r.body);
    const saved = await saveOwnProvider(r.deps, r.ctx, form);
    if ('problems' in saved) return page(r, { form, problems: saved.problems, status: 400 });
    return { redirect: '/eenmalig-inloggen?opgeslagen=1' };
  });

  web.post('/eenmalig-inloggen/verwijderen', USERS, async (r) => {
    await removeOwnProvider(r.deps, r.ctx);
    return { redirect: '/eenmalig-inloggen?verwijderd=1' };
  });
}
