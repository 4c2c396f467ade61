import { createElement } from 'react';
import { getMfaRequirement, setMfaRequirement } from '../../../app/organisations/mfa-requirement.ts';
import { one, type WebApp } from '../../web-app.ts';
import { accountMessages } from '../account/messages.ts';
import { SecurityPage } from './security-page.tsx';

/** /beveiliging, beside /gebruikers: any organisation's user admin decides whether password logins need a second factor. */
export function registerSecurityPages(web: WebApp): void {
  const USERS = { permission: 'users:manage' } as const;
  web.addNav({ href: '/beveiliging', label: { nl: 'Beveiliging', en: 'Security' }, permission: 'users:manage', order: 91 });
  web.get('/beveiliging', USERS, async (r) => {
    const saved = one((r.query as Record<string, string | undefined>).opgeslagen);
    return { title: accountMessages(r.locale)('securityTitle'), body: createElement(SecurityPage, { ...(await getMfaRequirement(r.deps, r.ctx)), ...(saved ? { notice: accountMessages(r.locale)('saved') } : {}) }) };
  });
  web.post<Record<string, string | string[] | undefined>>('/beveiliging', USERS, async (r) => {
    await setMfaRequirement(r.deps, r.ctx, one(r.body.mfaRequired) === '1');
    return { redirect: '/beveiliging?opgeslagen=1' };
  });
}
