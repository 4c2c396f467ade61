import { createElement } from 'react';
import { createUser, UserInputError } from '../../../app/users/create-user.ts';
import { InvitationNotSent, inviteUser, ReinviteRefused, reinviteUser } from '../../../app/users/invite-user.ts';
import { MailNotConfigured } from '../../../domain/mail/mailer.ts';
import { isLocale } from '../../i18n/locale.ts';
import { invitationMessages } from './invitation-messages.ts';
import { updateUser } from '../../../app/users/update-user.ts';
import { getFramework, previewRule, previewRuleDeletion } from '../../../app/worklist/framework.ts';
import { getMunicipalitySettings, RetentionRefused, updateMunicipalitySettings } from '../../../app/worklist/municipality-settings.ts';
import { NotFoundInMunicipality, WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { deleteQueue, deleteRule, moveRule, saveQueue, saveRule } from '../../../app/worklist/save-framework.ts';
import { assignableRoles, listOwnUsers } from '../../../app/users/list-users.ts';
import { ruleFormOf, type RuleForm } from '../../../domain/worklist/rule-input.ts';
import { many, one, WebNotFound, type WebApp, type WebRequest } from '../../web-app.ts';
import { localReasons, worklistMessages } from '../worklist/messages.ts';
import { ruleDataOf } from '../worklist/rule-data.ts';
import { FrameworkPage, QueuePage, RuleDeletePage, RulePage } from './framework-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { UserPage, UsersPage, type UserRow } from './users-page.tsx';

const MUNICIPAL = ['municipality'] as const;
const CONFIGURE = { permission: 'municipality:configure', organisationKinds: MUNICIPAL } as const;
type Form = Record<string, string | string[] | undefined>;

function notFoundToWeb(e: unknown): never {
  if (e instanceof NotFoundInMunicipality) throw new WebNotFound();
  throw e;
}

function ruleFormOfBody(b: Form): RuleForm {
  return {
    signalTypes: many(b.signalTypes),
    minAmount: one(b.minAmount),
    maxAmount: one(b.maxAmount),
    multiple: one(b.multiple),
    consecutive: one(b.consecutive),
    crisis: one(b.crisis),
    ageGroups: many(b.ageGroups),
    districts: many(b.districts),
  };
}

/** Coordinator and admin screens (point 4): weighing framework and queues, own targets and retention, users and roles. */
export function registerMunicipalityAdminPages(web: WebApp): void {
  const rules = ruleDataOf(web.ruleBook);
  web.addNav(
    { href: '/afwegingskader', label: { nl: 'Afwegingskader', en: 'Weighing framework' }, permission: 'municipality:configure', organisationKinds: MUNICIPAL, order: 40 },
    { href: '/instellingen', label: { nl: 'Instellingen', en: 'Settings' }, permission: 'municipality:configure', organisationKinds: MUNICIPAL, order: 45 },
    { href: '/gebruikers', label: { nl: 'Gebruikers', en: 'Users' }, permission: 'users:manage', order: 90 },
  );

  // ---- weighing framework ----
  const frameworkPage = async (r: WebRequest<unknown, unknown, unknown>, opts: { notice?: string; error?: string; status?: number } = {}) => {
    const t = worklistMessages(r.locale);
    const page = { title: t('frameworkTitle'), body: createElement(FrameworkPage, { fw: await getFramework(r.deps, r.ctx), rules, notice: opts.notice, error: opts.error }) };
    return opts.status ? { status: opts.status, page } : page;
  };
  web.get('/afwegingskader', CONFIGURE, (r) => frameworkPage(r, one((r.query as Form).opgeslagen) ? { notice: worklistMessages(r.locale)('saved') } : {}));

  /** A framework change: back to the overview (303), or the overview with the reason (400). */
  const frameworkChange = (path: string, run: (r: WebRequest<Record<string, string | undefined>, Form, Record<string, string>>) => Promise<unknown>) =>
    web.post<Form>(path, CONFIGURE, async (r) => {
      try {
        await run(r).catch(notFoundToWeb);
      } catch (e) {
        if (e instanceof WorklistInputError) return frameworkPage(r, { error: Object.values(localReasons(e.fields, r.locale)).join(' '), status: 400 });
        throw e;
      }
      return { redirect: '/afwegingskader?opgeslagen=1' };
    });
  frameworkChange('/afwegingskader/werkbakjes', (r) => saveQueue(r.deps, r.ctx, { name: one(r.body.name), approach: one(r.body.approach) }));
  frameworkChange('/afwegingskader/werkbakjes/:id/verwijderen', (r) => deleteQueue(r.deps, r.ctx, r.params.id ?? ''));
  // Deleting a rule is confirmed on its own page, which shows how many open cases would move where.
  web.get<Record<string, string>, { id: string }>('/afwegingskader/regels/:id/verwijderen', CONFIGURE, async (r) => {
    const preview = await previewRuleDeletion(r.deps, r.ctx, r.params.id).catch(notFoundToWeb);
    const fw = await getFramework(r.deps, r.ctx);
    return { title: worklistMessages(r.locale)('deleteRuleTitle', { n: preview.number }), body: createElement(RuleDeletePage, { ruleId: r.params.id, preview, queues: fw.queues, rules }) };
  });
  web.post<Form, { id: string }>('/afwegingskader/regels/:id/verwijderen', CONFIGURE, async (r) => {
    if (one(r.body.bevestigd) !== '1') return { redirect: `/afwegingskader/regels/${encodeURIComponent(r.params.id)}/verwijderen` };
    await deleteRule(r.deps, r.ctx, r.params.id).catch(notFoundToWeb);
    return { redirect: '/afwegingskader?opgeslagen=1' };
  });
  frameworkChange('/afwegingskader/regels/:id/verplaatsen', (r) => moveRule(r.deps, r.ctx, r.params.id ?? '', one(r.body.direction) === 'up' ? 'up' : 'down'));

  web.get<Record<string, string>, { id: string }>('/afwegingskader/werkbakjes/:id', CONFIGURE, async (r) => {
    const fw = await getFramework(r.deps, r.ctx);
    const q = fw.queues.find((x) => x.id === r.params.id);
    if (!q) throw new WebNotFound();
    return { title: worklistMessages(r.locale)('editQueueTitle'), body: createElement(QueuePage, { queue: q }) };
  });
  web.post<Form, { id: string }>('/afwegingskader/werkbakjes/:id', CONFIGURE, async (r) => {
    const input = { id: r.params.id, name: one(r.body.name), approach: one(r.body.approach) };
    try {
      await saveQueue(r.deps, r.ctx, input).catch(notFoundToWeb);
    } catch (e) {
      if (e instanceof WorklistInputError) return { status: 400, page: { title: worklistMessages(r.locale)('editQueueTitle'), body: createElement(QueuePage, { queue: input, errors: localReasons(e.fields, r.locale) }) } };
      throw e;
    }
    return { redirect: '/afwegingskader?opgeslagen=1' };
  });

  const rulePage = async (r: WebRequest<unknown, unknown, unknown>, p: { ruleId?: string; form: RuleForm; queueId: string; errors?: Record<string, string>; preview?: Awaited<ReturnType<typeof previewRule>> }, status?: number) => {
    const fw = await getFramework(r.deps, r.ctx);
    const t = worklistMessages(r.locale);
    const page = {
      title: p.ruleId ? t('ruleTitleEdit') : t('ruleTitleNew'),
      body: createElement(RulePage, { ...p, queueId: p.queueId || (fw.queues[0]?.id ?? ''), queues: fw.queues, districts: fw.districtNames, rules }),
    };
    return status ? { status, page } : page;
  };
  web.get('/afwegingskader/regels/nieuw', CONFIGURE, (r) => rulePage(r, { form: ruleFormOf({}), queueId: '' }));
  web.get<Record<string, string>, { id: string }>('/afwegingskader/regels/:id', CONFIGURE, async (r) => {
    const fw = await getFramework(r.deps, r.ctx);
    const rule = fw.rules.find((x) => x.id === r.params.id);
    if (!rule) throw new WebNotFound();
    return rulePage(r, { ruleId: rule.id, form: ruleFormOf(rule.conditions), queueId: rule.queueId });
  });
  /** Save or preview ("Bekijk effect": the counts, nothing stored) a new or changed rule. */
  const ruleSubmit = async (r: WebRequest<Record<string, string | undefined>, Form, Record<string, string>>, ruleId?: string) => {
    const form = ruleFormOfBody(r.body);
    const queueId = one(r.body.queueId);
    if (one(r.body.intent) === 'preview') {
      const fw = await getFramework(r.deps, r.ctx);
      const position = ruleId ? (fw.rules.find((x) => x.id === ruleId)?.position ?? 0) : (fw.rules.at(-1)?.position ?? 0) - 1;
      const preview = await previewRule(r.deps, r.ctx, { form, queueId, position, ...(ruleId ? { ruleId } : {}), signalTypes: rules.signalTypes });
      return rulePage(r, { ...(ruleId ? { ruleId } : {}), form, queueId, errors: localReasons(preview.errors as Record<string, string>, r.locale), preview }, Object.keys(preview.errors).length ? 400 : undefined);
    }
    try {
      await saveRule(r.deps, r.ctx, { ...(ruleId ? { id: ruleId } : {}), queueId, form, signalTypes: rules.signalTypes }).catch(notFoundToWeb);
    } catch (e) {
      if (e instanceof WorklistInputError) return rulePage(r, { ...(ruleId ? { ruleId } : {}), form, queueId, errors: localReasons(e.fields, r.locale) }, 400);
      throw e;
    }
    return { redirect: '/afwegingskader?opgeslagen=1' };
  };
  web.post<Form>('/afwegingskader/regels', CONFIGURE, (r) => ruleSubmit(r));
  web.post<Form, { id: string }>('/afwegingskader/regels/:id', CONFIGURE, (r) => ruleSubmit(r, r.params.id));

  // ---- own targets and retention ----
  web.get('/instellingen', CONFIGURE, async (r) => {
    const t = worklistMessages(r.locale);
    const ok = one((r.query as Form).opgeslagen);
    return { title: t('settingsTitle'), body: createElement(SettingsPage, { s: await getMunicipalitySettings(r.deps, r.ctx), ...(ok ? { notice: t('saved') } : {}) }) };
  });
  web.post<Form>('/instellingen', CONFIGURE, async (r) => {
    const t = worklistMessages(r.locale);
    const values = Object.fromEntries(['contactTargetDays', 'dueSoonDays', 'matchingMode', 'unpickedSignalMonths', 'pickedUpSignalMonths', 'caseMonthsAfterClosing'].map((k) => [k, one(r.body[k])]));
    const again = async (errors: Record<string, string>) => ({ status: 400, page: { title: t('settingsTitle'), body: createElement(SettingsPage, { s: await getMunicipalitySettings(r.deps, r.ctx), values, errors }) } });
    try {
      const res = await updateMunicipalitySettings(r.deps, r.ctx, values as Parameters<typeof updateMunicipalitySettings>[2]);
      if (res.warnings.length)
        return { title: t('settingsTitle'), body: createElement(SettingsPage, { s: await getMunicipalitySettings(r.deps, r.ctx), notice: t('saved'), warnings: res.warnings.map((w) => w.message[r.locale]) }) };
    } catch (e) {
      if (e instanceof WorklistInputError) return again(localReasons(e.fields, r.locale));
      if (e instanceof RetentionRefused) return again(Object.fromEntries(e.issues.map((i) => [i.field, i.message[r.locale]])));
      throw e;
    }
    return { redirect: '/instellingen?opgeslagen=1' };
  });

  // ---- users and roles (any organisation's user admin) ----
  const allowedRoles = (r: WebRequest<unknown, unknown, unknown>) => assignableRoles(r.deps, r.ctx);
  const usersOf = (r: WebRequest<unknown, unknown, unknown>): Promise<UserRow[]> => listOwnUsers(r.deps, r.ctx);
  const USERS = { permission: 'users:manage' } as const;
  web.get('/gebruikers', USERS, async (r) => {
    const t = worklistMessages(r.locale);
    const q = r.query as Form;
    const notice = one(q.opgeslagen) ? t('userSaved') : one(q.uitgenodigd) ? invitationMessages(r.locale)('invitationSent') : undefined;
    return { title: t('usersTitle'), body: createElement(UsersPage, { users: await usersOf(r), allowed: await allowedRoles(r), ...(notice ? { notice } : {}) }) };
  });
  // "Uitnodigen" (no password: the user chooses one through a mailed link) or "Toevoegen met wachtwoord".
  web.post<Form>('/gebruikers', USERS, async (r) => {
    const t = worklistMessages(r.locale);
    const it = invitationMessages(r.locale);
    const locale = one(r.body.locale);
    const input = { email: one(r.body.email).trim(), displayName: one(r.body.displayName).trim(), password: one(r.body.password), roles: many(r.body.roles), ...(isLocale(locale) ? { locale } : {}) };
    const intent = one(r.body.intent) || (input.password ? 'password' : 'invite');
    const again = async (status: number, error: string, keepValues = true) => ({
      status,
      page: {
        title: t('usersTitle'),
        body: createElement(UsersPage, { users: await usersOf(r), allowed: await allowedRoles(r), error, ...(keepValues ? { values: { email: input.email, displayName: input.displayName, roles: input.roles, locale } } : {}) }),
      },
    });
    try {
      if (!input.displayName || !/^[^\s@]+@[^\s@]+$/.test(input.email)) throw new UserInputError('give a name and a valid e-mail address');
      if (intent === 'password') {
        if (!input.password) return again(400, it('passwordRequired'));
        await createUser(r.deps, r.ctx, input);
      } else {
        await inviteUser(r.deps, r.ctx, { ...input, baseUrl: web.baseUrl(r.req) });
        return { redirect: '/gebruikers?uitgenodigd=1' };
      }
    } catch (e) {
      if (e instanceof UserInputError) return again(400, e.message);
      if (e instanceof MailNotConfigured) return again(503, it('mailNotConfigured'));
      if (e instanceof InvitationNotSent) {
        r.req.log.warn({ err: { message: (e.cause as Error | undefined)?.message } }, 'invitation mail not sent');
        // The user exists now: the form starts empty, the list shows them as invited.
        return again(502, it('invitationNotSent'), false);
      }
      throw e;
    }
    return { redirect: '/gebruikers?opgeslagen=1' };
  });
  const userOf = async (r: WebRequest<unknown, unknown, unknown>, id: string) => {
    const u = (await usersOf(r)).find((x) => x.id === id);
    if (!u) throw new WebNotFound();
    return u;
  };
  web.get<Record<string, string>, { id: string }>('/gebruikers/:id', USERS, async (r) => {
    const u = await userOf(r, r.params.id);
    return { title: worklistMessages(r.locale)('editUserTitle', { name: u.displayName }), body: createElement(UserPage, { u, allowed: await allowedRoles(r) }) };
  });
  web.post<Form, { id: string }>('/gebruikers/:id/uitnodigen', USERS, async (r) => {
    const u = await userOf(r, r.params.id);
    const it = invitationMessages(r.locale);
    const again = async (status: number, error: string) => ({
      status,
      page: { title: worklistMessages(r.locale)('editUserTitle', { name: u.displayName }), body: createElement(UserPage, { u, allowed: await allowedRoles(r), error }) },
    });
    try {
      if (!(await reinviteUser(r.deps, r.ctx, u.id, web.baseUrl(r.req)))) throw new WebNotFound();
    } catch (e) {
      if (e instanceof ReinviteRefused) return again(400, it(e.reason === 'disabled' ? 'reinviteDisabled' : 'reinviteNotInvited'));
      if (e instanceof MailNotConfigured) return again(503, it('mailNotConfigured'));
      if (e instanceof InvitationNotSent) {
        r.req.log.warn({ err: { message: (e.cause as Error | undefined)?.message } }, 'invitation mail not sent');
        return again(502, it('reinviteNotSent'));
      }
      throw e;
    }
    return { redirect: '/gebruikers?uitgenodigd=1' };
  });
  web.post<Form, { id: string }>('/gebruikers/:id', USERS, async (r) => {
    const u = await userOf(r, r.params.id);
    try {
      if (!(await updateUser(r.deps, r.ctx, u.id, { roles: many(r.body.roles), disabled: one(r.body.disabled) === '1' }))) throw new WebNotFound();
    } catch (e) {
      if (!(e instanceof UserInputError)) throw e;
      return { status: 400, page: { title: worklistMessages(r.locale)('editUserTitle', { name: u.displayName }), body: createElement(UserPage, { u, allowed: await allowedRoles(r), error: e.message }) } };
    }
    return { redirect: '/gebruikers?opgeslagen=1' };
  });
}
