import { createElement } from 'react';
import { checkExperimentCapacity } from '../../../app/experiments/check-capacity.ts';
import { ExperimentInputError, ExperimentNotFound, ExperimentRefused } from '../../../app/experiments/errors.ts';
import { getExperimentHistory } from '../../../app/experiments/get-experiment-history.ts';
import { getExperimentView } from '../../../app/experiments/get-experiment.ts';
import { listExperimentSummaries } from '../../../app/experiments/list-experiments.ts';
import { experimentReportDue } from '../../../app/evaluation/experiment-report-due.ts';
import { moveExperimentStage } from '../../../app/experiments/move-experiment-stage.ts';
import { setGroundRule } from '../../../app/experiments/set-ground-rule.ts';
import type { AppDeps, CallContext } from '../../../app/context.ts';
import { isStage } from '../../../domain/experiments/stages.ts';
import { gateChecklist } from '../../../domain/experiments/gate.ts';
import { gateInputOf, type ExperimentView } from '../../../app/experiments/experiment-view.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one, WebNotFound, type PageResult, type WebApp } from '../../web-app.ts';
import { ExperimentPage } from './experiment-page.tsx';
import { experimentMessages } from './messages.ts';
import { RegisterPage } from './register-page.tsx';
import { textIn } from '../../../domain/i18n/index.ts';
import { registerExperimentEditPages } from './edit-routes.ts';
import { signalTypeNamer } from '../worklist/rule-data.ts';

/** What stands in the way of each next stage, for the one looking (the stage form's checklist). */
function checklistOf(deps: AppDeps, ctx: CallContext, view: ExperimentView) {
  const kind = ctx.actor.organisationKind;
  const standing = kind === 'ministry' || kind === 'platform' ? 'ministry' : view.participants.some((p) => p.organisationId === ctx.actor.organisationId) ? 'participant' : 'other';
  return gateChecklist(gateInputOf(view), view.nextStages.map((s) => s.stage), standing, deps.now().toISOString().slice(0, 10));
}

type Form = Record<string, string | string[] | undefined>;

/** Signal type names from the rule book in the page's language: the register shows names, not the rule data's codes. */
const signalTypeName = (deps: AppDeps, locale: Locale) => signalTypeNamer(deps.rules, locale);
const ID = /^[a-z0-9][a-z0-9-]{2,59}$/;

async function page(deps: AppDeps, ctx: CallContext, locale: Locale, id: string, extra: { notice?: string; problems?: string[] } = {}) {
  if (!ID.test(id)) throw new WebNotFound();
  try {
    const [view, history, capacity] = [await getExperimentView(deps, ctx, id), await getExperimentHistory(deps, ctx, id), await checkExperimentCapacity(deps, ctx, id)];
    return { title: textIn(view.name, locale), body: createElement(ExperimentPage, { view, history, capacity, canManage: ctx.actor.permissions.has('experiments:manage'), checklist: checklistOf(deps, ctx, view), typeName: signalTypeName(deps, locale), ...extra }) };
  } catch (e) {
    if (e instanceof ExperimentNotFound) throw new WebNotFound();
    throw e;
  }
}

/** A change refused by the use case: the page again, with what and why (422/400), nothing changed. */
async function orProblems(deps: AppDeps, ctx: CallContext, locale: Locale, id: string, change: () => Promise<void>, ok: string): Promise<PageResult> {
  try {
    await change();
    return { redirect: `/experimenten/${id}?ok=${ok}` };
  } catch (e) {
    if (e instanceof ExperimentNotFound) throw new WebNotFound();
    if (e instanceof ExperimentRefused) return { status: e.status === 403 ? 403 : 422, page: await page(deps, ctx, locale, id, { problems: e.problems.map((p) => textIn(p.message, locale)) }) };
    if (e instanceof ExperimentInputError) return { status: 400, page: await page(deps, ctx, locale, id, { problems: e.params.map((p) => `${p.name}: ${p.reason}`) }) };
    throw e;
  }
}

/** The experiment screens (issue 6, point 6): register, experiment page, ground rules, stage changes. */
export function registerExperimentPages(web: WebApp): void {
  web.addNav({ href: '/experimenten', label: { nl: 'Experimenten', en: 'Experiments' }, permission: 'experiments:read', order: 40 });

  registerExperimentEditPages(web);

  web.get('/experimenten', { permission: 'experiments:read' }, async ({ deps, ctx, locale, query }) => {
    const stage = one((query as Form).stage);
    const experiments = await listExperimentSummaries(deps, ctx, isStage(stage) ? { stage } : {});
    const today = deps.now().toISOString().slice(0, 10);
    const reportDues = Object.fromEntries(experiments.map((e) => [e.id, experimentReportDue(web.ruleBook, e.ruleIds, today)]));
    return { title: experimentMessages(locale)('registerTitle'), body: createElement(RegisterPage, { experiments, stage: isStage(stage) ? stage : '', reportDues, canCreate: ctx.actor.permissions.has('experiments:manage'), typeName: signalTypeName(deps, locale) }) };
  });

  web.get<Form, { id: string }>('/experimenten/:id', { permission: 'experiments:read' }, async ({ deps, ctx, locale, query, params }) => {
    const t = experimentMessages(locale);
    const ok = one(query.ok);
    return page(deps, ctx, locale, params.id, ok === 'fase' ? { notice: t('moved') } : ok === 'randvoorwaarde' ? { notice: t('ticked') } : {});
  });

  web.post<Form, { id: string }>('/experimenten/:id/fase', { permission: 'experiments:manage' }, async ({ deps, ctx, locale, body, params }) => {
    const to = one(body.to);
    const reason = one(body.reason);
    if (!isStage(to)) return { status: 400, page: await page(deps, ctx, locale, params.id, { problems: [`to: ${to}`] }) };
    return orProblems(deps, ctx, locale, params.id, () => moveExperimentStage(deps, ctx, params.id, { to, reason, approvedWithChanges: one(body.approvedWithChanges) === 'on' }), 'fase');
  });

  web.post<Form, { id: string; code: string }>('/experimenten/:id/randvoorwaarden/:code', { permission: 'experiments:manage' }, async ({ deps, ctx, locale, body, params }) =>
    orProblems(deps, ctx, locale, params.id, () => setGroundRule(deps, ctx, params.id, { code: params.code, met: one(body.met) === 'on', note: one(body.note), reason: one(body.reason) }), 'randvoorwaarde'),
  );
}
