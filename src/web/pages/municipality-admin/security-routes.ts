import { createElement } from 'react';
import { getMfaRequirement, resetSecondFactorOf, setMfaRequirement } from '../../../app/organisations/mfa-requirement.ts';
import { one, WebNotFound, type WebApp } from '../../web-app.ts';
import { accountMessages } from '../account/messages.ts';
import { SecurityPage } from './security-page.tsx';

/** /beveiliging, beside /gebruikers: any organisation's user admin decides whether password logins need a second factor. */
export function registerSecurityPages(web: WebApp): void {
  const USERS = { permission: 'users:manage' } as const;
  web.addNav({ href: '/beveiliging', label: { nl: 'Beveiliging', en: 'Security' }, permission: 'users:manage', order: 91 });
  web.get('/beveiliging', USERS, async (r) => {
    const t = accountMessages(r.locale);
    const q = r.query as Record<string, string | undefined>;
    const notice = one(q.opgeslagen) ? t('saved') : one(q.uitgezet) ? t('resetDone') : undefined;
    return { title: t('securityTitle'), body: createElement(SecurityPage, { ...(await getMfaRequirement(r.deps, r.ctx)), notice }) };
  });
  web.post<Record<string, string | string[] | undefined>>('/beveiliging', USERS, async (r) => {
    await setMfaRequirement(r.deps, r.ctx, one(r.body.mfaRequired) === '1');
    return { redirect: '/beveiliging?opgeslagen=1' };
  });
  web.post<Record<string, string | string[] | undefined>, { id: string }>('/beveiliging/gebruikers/:id/tweestapsverificatie-uitzetten', USERS, async (r) => {
    if (!(await resetSecondFactorOf(r.deps, r.ctx, r.params.id))) throw new WebNotFound();
    return { redirect: '/beveiliging?uitgezet=1' };
  });
}
