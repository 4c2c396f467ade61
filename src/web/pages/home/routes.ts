import { createElement } from 'react';
import { commonMessages } from '../../i18n/common.ts';
import type { WebApp } from '../../web-app.ts';
import { HomePage } from './home-page.tsx';

/** `/`: straight to the first screen the user's role has; a welcome page when there is none. */
export function registerHomePage(web: WebApp): void {
  web.get('/', {}, async ({ user, locale }) => {
    const items = web.navFor(user?.actor);
    if (items[0]) return { redirect: items[0].href };
    return { title: commonMessages(locale)('home'), body: createElement(HomePage, { items: [] }) };
  });
}
