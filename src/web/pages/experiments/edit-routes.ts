import { createElement } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, CallContext } from '../../../app/context.ts';
import { createExperiment } from '../../../app/experiments/create-experiment.ts';
import { ExperimentFieldErrors, ExperimentInputError, ExperimentNotFound, ExperimentRefused } from '../../../app/experiments/errors.ts';
import { downloadExperimentDocument, uploadExperimentDocument } from '../../../app/experiments/experiment-documents.ts';
import { getExperimentView } from '../../../app/experiments/get-experiment.ts';
import { recordAnalysisPlan } from '../../../app/experiments/record-analysis-plan.ts';
import { setArms } from '../../../app/experiments/set-arms.ts';
import { setParticipants } from '../../../app/experiments/set-participants.ts';
import { updateExperimentFields } from '../../../app/experiments/update-experiment.ts';
import { AccessDenied, type Actor } from '../../../domain/access/actor.ts';
import { detectMediaType, MEDIA_TYPES } from '../../../domain/experiments/documents.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one, WebNotFound, type PageResult, type WebApp, type WebRequest } from '../../web-app.ts';
import { EditPage, type EditSection } from './edit-page.tsx';
import { fieldOf, ID_PATTERN, parseArms, parseCreate, parseDescription, parseParticipants, parsePlan, valuesOf, type FieldErrors, type Form } from './edit-forms.ts';
import { formMessages } from './form-messages.ts';
import { NewPage } from './new-page.tsx';

const MANAGE = { permission: 'experiments:manage' } as const;
type Body = Record<string, string | string[] | Buffer | undefined>;

/** The fields each form owns: refused, the page shows what was posted there and the stored values elsewhere. */
const OWNS: Record<EditSection, (k: string) => boolean> = {
  gegevens: (k) => /^(nameNl|nameEn|summary|signalType|ruleIds|rq\d+(nl|en)|targetGroup|plan80On|plannedStart|plannedEnd|apAdviceOn|publishedOn|publicationUrl)$/.test(k),
  deelnemers: (k) => /^p\d+/.test(k),
  groepen: (k) => /^(a\d+\w+|method|seed)$/.test(k),
  analyseplan: (k) => /^(primaryOutcome|secondaryOutcomes|baselinePct|minimalEffectPts|inflowPerMonth)$/.test(k),
  documenten: (k) => k === 'kind' || k === 'file',
};

async function editPage(deps: AppDeps, ctx: CallContext, locale: Locale, id: string, extra: { posted?: Form; failed?: { section: EditSection; errors: FieldErrors; problems: string[] }; notice?: string } = {}) {
  if (!ID_PATTERN.test(id)) throw new WebNotFound();
  try {
    const view = await getExperimentView(deps, ctx, id);
    const values = valuesOf(view);
    if (extra.failed && extra.posted) {
      const owns = OWNS[extra.failed.section];
      for (const k of Object.keys(values)) if (owns(k)) delete values[k];
      for (const [k, v] of Object.entries(extra.posted)) if (owns(k) || k === 'reason') values[k] = v;
    }
    return {
      title: formMessages(locale)('editTitle', { name: textIn(view.name, locale) }),
      body: createElement(EditPage, { view, values, ...(extra.failed ? { failed: extra.failed } : {}), ...(extra.notice ? { notice: extra.notice } : {}) }),
    };
  } catch (e) {
    if (e instanceof ExperimentNotFound) throw new WebNotFound();
    throw e;
  }
}

/** A use case's refusal → the problems at the fields they are about, else as a list. */
function refusalOf(e: unknown, locale: Locale, fieldNames: (name: string) => boolean, rowOf: readonly number[] = []): { errors: FieldErrors; problems: string[] } | undefined {
  const errors: FieldErrors = {};
  const problems: string[] = [];
  if (e instanceof ExperimentFieldErrors) {
    for (const f of e.fields) {
      const name = fieldOf(f.name, rowOf);
      if (fieldNames(name)) errors[name] = textIn(f.message, locale);
      else problems.push(textIn(f.message, locale));
    }
  } else if (e instanceof ExperimentInputError) {
    for (const p of e.params) {
      const name = fieldOf(p.name, rowOf);
      if (fieldNames(name)) errors[name] = p.reason;
      else problems.push(`${p.name}: ${p.reason}`);
    }
  } else if (e instanceof ExperimentRefused) problems.push(...e.problems.map((p) => textIn(p.message, locale)));
  else return undefined;
  return { errors, problems };
}

/** Saves one form: parsed, checked, handed to its use case; refused, the edit page again with what was posted and why. */
async function save<I>(
  r: WebRequest<unknown, Form, { id: string }>,
  section: EditSection,
  parsed: { errors: FieldErrors; input: I; rowOf?: number[] },
  run: (input: I) => Promise<void>,
): Promise<PageResult> {
  const { deps, ctx, locale, params, body } = r;
  const own = (name: string) => OWNS[section](name) || name === 'reason' || (section === 'analyseplan' && (name === 'arms' || name === 'dates'));
  const again = async (status: number, errors: FieldErrors, problems: string[]) => ({ status, page: await editPage(deps, ctx, locale, params.id, { posted: body, failed: { section, errors, problems } }) });
  if (Object.keys(parsed.errors).length > 0) return again(400, parsed.errors, []);
  try {
    await run(parsed.input);
  } catch (e) {
    if (e instanceof ExperimentNotFound) throw new WebNotFound();
    const refused = refusalOf(e, locale, own, parsed.rowOf);
    if (!refused) throw e;
    return again(e instanceof ExperimentRefused ? (e.status === 403 ? 403 : 409) : 400, refused.errors, refused.problems);
  }
  return { redirect: `/experimenten/${params.id}/bewerken?ok=${section}#${section}-title` };
}

const EXTENSION: Record<string, string> = { [MEDIA_TYPES.pdf]: 'pdf', [MEDIA_TYPES.odt]: 'odt', [MEDIA_TYPES.docx]: 'docx' };

/** The experiment forms (issue 21 point 5): create, edit every field, the analysis plan, documents. */
export function registerExperimentEditPages(web: WebApp): void {
  web.get('/experimenten/nieuw', MANAGE, async ({ locale }) => ({ title: formMessages(locale)('newTitle'), body: createElement(NewPage, {}) }));

  web.post<Form>('/experimenten/nieuw', MANAGE, async ({ deps, ctx, locale, body }) => {
    const t = formMessages(locale);
    const { errors, input } = parseCreate(body, locale);
    const again = (status: number, e: FieldErrors, problems: string[] = []) => ({ status, page: { title: t('newTitle'), body: createElement(NewPage, { values: body, errors: e, problems }) } });
    if (Object.keys(errors).length > 0) return again(400, errors);
    try {
      await createExperiment(deps, ctx, input);
    } catch (e) {
      if (e instanceof ExperimentRefused && e.code === 'EXPERIMENT_EXISTS') return again(409, { id: textIn(e.problems[0]!.message, locale) });
      const refused = refusalOf(e, locale, (n) => ['id', 'nameNl', 'reason'].includes(n));
      if (!refused) throw e;
      return again(400, refused.errors, refused.problems);
    }
    return { redirect: `/experimenten/${input.id}/bewerken?ok=nieuw` };
  });

  web.get<Form, { id: string }>('/experimenten/:id/bewerken', MANAGE, async ({ deps, ctx, locale, params, query }) => {
    const t = formMessages(locale);
    const ok = one(query.ok);
    return editPage(deps, ctx, locale, params.id, ok === 'nieuw' ? { notice: t('created') } : ok === 'documenten' ? { notice: t('uploaded') } : ok ? { notice: t('saved') } : {});
  });

  web.post<Form, { id: string }>('/experimenten/:id/gegevens', MANAGE, (r) => save(r, 'gegevens', parseDescription(r.body, r.locale), (input) => updateExperimentFields(r.deps, r.ctx, r.params.id, input)));

  web.post<Form, { id: string }>('/experimenten/:id/deelnemers', MANAGE, (r) => {
    const rows = Object.keys(r.body).reduce((n, k) => Math.max(n, Number(/^p(\d+)/.exec(k)?.[1] ?? -1) + 1), 0);
    return save(r, 'deelnemers', parseParticipants(r.body, r.locale, Math.min(rows, 200)), (input) => setParticipants(r.deps, r.ctx, r.params.id, input));
  });

  web.post<Form, { id: string }>('/experimenten/:id/groepen', MANAGE, (r) => {
    const rows = Object.keys(r.body).reduce((n, k) => Math.max(n, Number(/^a(\d+)/.exec(k)?.[1] ?? -1) + 1), 0);
    return save(r, 'groepen', parseArms(r.body, r.locale, Math.min(rows, 50)), (input) => setArms(r.deps, r.ctx, r.params.id, input));
  });

  web.post<Form, { id: string }>('/experimenten/:id/analyseplan', MANAGE, (r) => save(r, 'analyseplan', parsePlan(r.body, r.locale), (input) => recordAnalysisPlan(r.deps, r.ctx, r.params.id, input)));

  web.post<Body, { id: string }>('/experimenten/:id/documenten', MANAGE, (r) => {
    const v = r.body.file;
    const bytes = Buffer.isBuffer(v) ? v : typeof v === 'string' && v.length ? Buffer.from(v, 'utf8') : undefined;
    const kind = Buffer.isBuffer(r.body.kind) ? '' : one(r.body.kind);
    const form = Object.fromEntries(Object.entries(r.body).filter(([, x]) => !Buffer.isBuffer(x))) as Form;
    const errors: FieldErrors = {};
    const reason = one(form.reason).trim();
    if (reason.length < 3) errors.reason = formMessages(r.locale)('reasonRequired');
    // The multipart body keeps no file name: the stored one says what it is and for which experiment.
    const type = bytes ? detectMediaType(bytes) : undefined;
    const fileName = `${kind}-${r.params.id}.${type ? EXTENSION[type] : 'bin'}`;
    const asForm = { ...r, body: form } as WebRequest<unknown, Form, { id: string }>;
    return save(asForm, 'documenten', { errors, input: { kind, fileName, bytes, reason } }, (input) => uploadExperimentDocument(r.deps, r.ctx, r.params.id, input));
  });

  // A file, not a page: the router only renders pages, so this route checks the session and permission itself.
  web.app.get<{ Params: { id: string; docId: string } }>('/experimenten/:id/documenten/:docId', { schema: { hide: true } }, async (req: FastifyRequest<{ Params: { id: string; docId: string } }>, reply: FastifyReply) => {
    const locale = web.localeOf(req, reply);
    const wc = web.contextOf(req, locale);
    const actor = req.session?.actor as Actor | undefined;
    if (!actor) return reply.redirect(`/inloggen?${new URLSearchParams({ next: req.url }).toString()}`, 303);
    if (!actor.permissions.has('experiments:read')) return web.sendError(reply, wc, 403, 'forbidden');
    try {
      const doc = await downloadExperimentDocument(web.deps, { actor, traceId: req.traceId, spanId: req.spanId }, req.params.id, req.params.docId);
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`)
        .type(doc.mediaType)
        .send(Buffer.from(doc.bytes));
    } catch (e) {
      if (e instanceof ExperimentNotFound) return web.sendError(reply, wc, 404, 'notFound');
      if (e instanceof AccessDenied) return web.sendError(reply, wc, 403, 'forbidden');
      throw e;
    }
  });
}

