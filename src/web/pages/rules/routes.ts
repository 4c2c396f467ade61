import { createElement } from 'react';
import { getRulesInForce } from '../../../app/rules/get-rules-in-force.ts';
import { dateKey } from '../../../domain/rules/input-checks.ts';
import { one, type WebApp } from '../../web-app.ts';
import { InForcePage } from './in-force-page.tsx';
import { rulesMessages } from './messages.ts';

/**
 * "Regels in werking" (issue 16, point 4): what is in force on a date, for operators, creditors and
 * anyone else, with every value that is not verified. Public: the regulations are public law.
 */
export function registerRulesPages(web: WebApp): void {
  web.addNav({ href: '/regels', label: { nl: rulesMessages('nl')('nav'), en: rulesMessages('en')('nav') }, order: 90 });
  web.get('/regels', { public: true }, async ({ deps, locale, query }) => {
    const asked = one(query['datum']);
    const dateError = asked !== '' && dateKey(asked) < 0;
    const view = getRulesInForce(deps, asked === '' || dateError ? undefined : asked);
    return { title: rulesMessages(locale)('title'), body: createElement(InForcePage, { view, dateValue: asked === '' ? view.date : asked, dateError }) };
  });
}
