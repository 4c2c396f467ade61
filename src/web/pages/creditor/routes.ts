import { createElement } from 'react';
import { getBatchResultsPage, RESULT_OUTCOMES, type ResultOutcome } from '../../../app/creditor/batch-results-page.ts';
import { organisationNames } from '../../../app/creditor/organisation-names.ts';
import { downloadBatchResults } from '../../../app/creditor/download-batch-results.ts';
import { explainBatchRow } from '../../../app/creditor/explain-batch-row.ts';
import { explainRefusalCode, getSendingRights } from '../../../app/creditor/get-sending-rights.ts';
import { getOwnSignalView } from '../../../app/creditor/get-own-signal-view.ts';
import { listOwnBatches } from '../../../app/creditor/list-own-batches.ts';
import { listOwnSignals } from '../../../app/creditor/list-own-signals.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import { CREDITOR_VISIBLE_STATUSES } from '../../../domain/feedback/creditor-status-filter.ts';
import { dateKey } from '../../../domain/rules/input-checks.ts';
import { KNOWN_REFUSAL_CODES, REFUSAL_CODE, refusalTopic } from '../../../domain/rules/refusal-topics.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one, WebNotFound, type WebApp } from '../../web-app.ts';
import { BatchPage } from './batch-page.tsx';
import { ColumnsPage } from './columns-page.tsx';
import { DeliverPage } from './deliver-page.tsx';
import { webDownload } from './download-route.ts';
import { MaySendPage } from './may-send-page.tsx';
import { registerReminderCodePages } from './reminder-code-routes.ts';
import { creditorMessages } from './messages.ts';
import { RefusalCodePage } from './refusal-code-page.tsx';
import { RowPage } from './row-page.tsx';
import { SignalPage } from './signal-page.tsx';
import { SignalsPage } from './signals-page.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

type Query = Record<string, string | string[] | undefined>;

const SENDERS: ReadonlyArray<Actor['organisationKind']> = ['creditor', 'processor'];
const DELIVER = { permission: 'batches:manage', organisationKinds: SENDERS } as const;
const SIGNALS = { permission: 'signals:read-own', organisationKinds: SENDERS } as const;
const RULES = { permission: 'signals:submit', organisationKinds: SENDERS } as const;
const UPLOAD_SCRIPT = '/assets/web/creditor-upload.js';

function pageNo(v: string): number {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}

/** A date filter: '' when absent, the date when valid, undefined (with an error shown) when not. */
function dateFilter(v: string): string | undefined {
  if (v === '') return '';
  return dateKey(v) > 0 ? v : undefined;
}

/** Signal type names from the rule data, for filters and labels. */
function signalTypeOptions(web: WebApp, locale: Locale) {
  const seen = new Map<string, string>();
  for (const i of web.ruleBook.signalTypes()) if (!seen.has(i.signalType)) seen.set(i.signalType, textIn(i.label, locale));
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/**
 * The creditor portal (issue 5, point 5), for users of creditor and processor organisations:
 * deliver files with progress and see per-row results, the CSV template and its columns, the own
 * signals with the feedback a creditor may see, and "what may I send?" from the rule data.
 */
export function registerCreditorPages(web: WebApp): void {
  web.addNav(
    { href: '/aanleveren', label: { nl: 'Aanleveren', en: 'Deliver' }, permission: 'batches:manage', organisationKinds: SENDERS, order: 20 },
    { href: '/signalen', label: { nl: 'Signalen', en: 'Signals' }, permission: 'signals:read-own', organisationKinds: SENDERS, order: 21 },
    { href: '/wat-mag-ik-aanleveren', label: { nl: 'Wat mag ik aanleveren?', en: 'What may I send?' }, permission: 'signals:submit', organisationKinds: SENDERS, order: 22 },
  );

  registerReminderCodePages(web);

  web.get('/aanleveren', DELIVER, async ({ deps, ctx, locale }) => ({
    title: creditorMessages(locale)('deliverTitle'),
    body: createElement(DeliverPage, { batches: await listOwnBatches(deps, ctx) }),
    scripts: [UPLOAD_SCRIPT],
  }));

  web.get('/aanleveren/kolommen', DELIVER, async ({ locale }) => ({ title: creditorMessages(locale)('columnsTitle'), body: createElement(ColumnsPage) }));

  web.get<Query, { id: string }>('/aanleveren/batches/:id', DELIVER, async ({ deps, ctx, locale, query, params }) => {
    const raw = one(query.uitkomst);
    const outcome = (RESULT_OUTCOMES as readonly string[]).includes(raw) ? (raw as ResultOutcome) : undefined;
    const view = await getBatchResultsPage(deps, ctx, params.id, { outcome, page: pageNo(one(query.page)) });
    if (!view) throw new WebNotFound();
    const t = creditorMessages(locale);
    return {
      title: t('batchTitle', { name: view.batch.filename ?? t('noFilename') }),
      body: createElement(BatchPage, { view, outcome: outcome ?? '' }),
      ...(view.batch.status === 'receiving' ? { scripts: [UPLOAD_SCRIPT] } : {}),
    };
  });

  web.get<Query, { id: string; row: string }>('/aanleveren/batches/:id/rijen/:row', DELIVER, async ({ deps, ctx, locale, params }) => {
    const view = /^[1-9][0-9]{0,9}$/.test(params.row) ? await explainBatchRow(deps, ctx, params.id, Number(params.row)) : undefined;
    if (!view) throw new WebNotFound();
    const t = creditorMessages(locale);
    return { title: t('rowTitle', { row: view.row.row, name: view.batch.filename ?? t('noFilename') }), body: createElement(RowPage, { view }) };
  });

  webDownload(web, '/aanleveren/batches/:id/resultaten.csv', DELIVER, async ({ ctx, locale, params }) => {
    const r = await downloadBatchResults(web.deps, ctx, params.id ?? '', locale);
    return r ? { filename: `resultaten-${r.batch.id}.csv`, contentType: 'text/csv; charset=utf-8', body: r.body } : undefined;
  });

  web.get('/signalen', SIGNALS, async ({ deps, ctx, locale, query }) => {
    const t = creditorMessages(locale);
    const q = query as Query;
    const status = one(q.status);
    const types = signalTypeOptions(web, locale);
    const type = one(q.soort);
    const from = dateFilter(one(q.van));
    const until = dateFilter(one(q.tot));
    const filters = {
      status: CREDITOR_VISIBLE_STATUSES.includes(status) ? status : '',
      type: types.some((x) => x.value === type) ? type : '',
      from: from ?? '',
      until: until ?? '',
      reference: one(q.kenmerk).trim().slice(0, 100),
    };
    const view = await listOwnSignals(deps, ctx, {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.type ? { signalType: filters.type } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.until ? { until: filters.until } : {}),
      ...(filters.reference ? { reference: filters.reference } : {}),
      page: pageNo(one(q.page)),
    });
    const errors = { ...(from === undefined ? { from: t('invalidDate') } : {}), ...(until === undefined ? { until: t('invalidDate') } : {}) };
    const page = { title: t('signalsTitle'), body: createElement(SignalsPage, { view, filters, types, errors }) };
    return from === undefined || until === undefined ? { status: 400, page } : page;
  });

  web.get<Query, { id: string }>('/signalen/:id', SIGNALS, async ({ deps, ctx, locale, params, user }) => {
    const signal = await getOwnSignalView(deps, ctx, params.id);
    if (!signal) throw new WebNotFound();
    const orgNames = await organisationNames(deps, [signal.senderOrgId, signal.creditorOrgId]);
    const typeLabel = signalTypeOptions(web, locale).find((x) => x.value === signal.signalType)?.label ?? signal.signalType;
    // The batch belongs to the organisation that sent it: a creditor does not see its processor's deliveries.
    const shown = signal.senderOrgId === user?.organisationId ? signal : { ...signal, batchId: null };
    return {
      title: creditorMessages(locale)('signalTitle', { reference: signal.reference }),
      body: createElement(SignalPage, { signal: shown, typeLabel, orgNames }),
    };
  });

  web.get('/wat-mag-ik-aanleveren', RULES, async ({ deps, ctx, locale, user }) => ({
    title: creditorMessages(locale)('maySendTitle'),
    body: createElement(MaySendPage, { rights: await getSendingRights(deps, ctx), orgName: user?.organisationName ?? '' }),
  }));

  // The code form (GET) lands here; a clean URL per code, so result rows can link to it.
  web.get('/wat-mag-ik-aanleveren/weigeringen', RULES, async ({ query }) => {
    const code = one((query as Query).code).trim().toUpperCase();
    return { redirect: REFUSAL_CODE.test(code) ? `/wat-mag-ik-aanleveren/weigeringen/${code}` : '/wat-mag-ik-aanleveren#why-refused' };
  });

  web.get<Query, { code: string }>('/wat-mag-ik-aanleveren/weigeringen/:code', RULES, async ({ deps, ctx, locale, params }) => {
    const code = params.code;
    if (!REFUSAL_CODE.test(code)) throw new WebNotFound();
    const view = await explainRefusalCode(deps, ctx, code);
    const conditionCodes = new Set<string>();
    for (const rules of view.rights.book.rulesByType.values()) for (const r of rules) for (const c of r.conditions) conditionCodes.add(c.code);
    // Only codes the platform can give: a typo is "not found", not an explanation of nothing.
    if (!KNOWN_REFUSAL_CODES.includes(code) && !conditionCodes.has(code)) throw new WebNotFound();
    return { title: creditorMessages(locale)('codeTitle', { code }), body: createElement(RefusalCodePage, { code, topic: refusalTopic(code, conditionCodes), view }) };
  });
}
