import { createElement } from 'react';
import { commonMessages } from '../../i18n/common.ts';
import type { WebApp } from '../../web-app.ts';
import { HomePage } from './home-page.tsx';
import { ownDigest } from '../../../app/digest/own-digest.ts';

/**
 * `/`: for a municipal worker, the daily digest (new crisis cases, deadlines within two working
 * days, overdue cases) and the menu; for everyone else straight to the first screen the role has,
 * or a welcome page when there is none.
 */
export function registerHomePage(web: WebApp): void {
  web.get('/', {}, async ({ user, locale, deps, ctx }) => {
    const items = web.navFor(user?.actor);
    if (user?.actor.organisationKind === 'municipality' && user.actor.permissions.has('cases:work')) {
      return { title: commonMessages(locale)('home'), body: createElement(HomePage, { items, digest: await ownDigest(deps, ctx) }) };
    }
    if (items[0]) return { redirect: items[0].href };
    return { title: commonMessages(locale)('home'), body: createElement(HomePage, { items: [] }) };
  });
}
