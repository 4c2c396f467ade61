import { createElement } from 'react';
import { issueReminderCodesFromCsv } from '../../../app/resident/reminder-codes-csv.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import type { WebApp } from '../../web-app.ts';
import { ReminderCodesPage } from './reminder-codes-page.tsx';
import { reminderCodeMessages } from './reminder-codes-messages.ts';

const SENDERS: ReadonlyArray<Actor['organisationKind']> = ['creditor', 'processor'];
// The permission POST /v1/reminder-codes asks of an API key.
const CODES = { permission: 'signals:submit', organisationKinds: SENDERS } as const;

type Body = Record<string, string | string[] | Buffer | undefined>;

/** The uploaded file: multipart gives a Buffer (a part sent as text arrives as a string). */
function fileOf(v: Body[string]): Uint8Array | undefined {
  if (Buffer.isBuffer(v)) return v.length ? v : undefined;
  if (typeof v === 'string' && v.length) return Buffer.from(v, 'utf8');
  return undefined;
}

/**
 * Reminder codes in the creditor portal (issue 24 point 1): the bulk upload next to the API,
 * through the same use case, and the letter text with the page's address filled in.
 */
export function registerReminderCodePages(web: WebApp): void {
  web.addNav({ href: '/herinneringscodes', label: { nl: 'Herinneringscodes', en: 'Reminder codes' }, ...CODES, order: 23 });

  web.get('/herinneringscodes', CODES, async ({ req, locale }) => ({
    title: reminderCodeMessages(locale)('title'),
    body: createElement(ReminderCodesPage, { pageUrl: `${web.baseUrl(req)}/mijn-signaal` }),
  }));

  web.post<Body>('/herinneringscodes', CODES, async ({ req, deps, ctx, locale, body }) => {
    const file = fileOf(body.file);
    const outcome = file ? await issueReminderCodesFromCsv(deps, ctx, file) : ({ fileProblem: 'NO_FILE' } as const);
    const page = { title: reminderCodeMessages(locale)('title'), body: createElement(ReminderCodesPage, { pageUrl: `${web.baseUrl(req)}/mijn-signaal`, outcome }) };
    return 'fileProblem' in outcome ? { status: 400, page } : page;
  });
}
