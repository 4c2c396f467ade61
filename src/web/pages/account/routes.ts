import { createElement } from 'react';
import { confirmOwnEnrolment, disableOwnSecondFactor, ownSecondFactor, renewOwnRecoveryCodes, reopenOwnCandidate, startOwnEnrolment, type DisableResult } from '../../../app/auth/own-second-factor.ts';
import { endAllOwnSessions, endOwnSession, listOwnSessions } from '../../../app/auth/own-sessions.ts';
import { SESSION_COOKIE } from '../../../http/plugins/auth.ts';
import { one, WebNotFound, type WebApp, type WebRequest } from '../../web-app.ts';
import { AccountEnrolPage, AccountPage } from './account-page.tsx';
import { accountMessages, type AccountT } from './messages.ts';
import { qrDataUrl } from './qr.ts';
import { RecoveryCodes } from './second-factor-forms.tsx';

type Form = Record<string, string | string[] | undefined>;
type Req = WebRequest<unknown, unknown, unknown>;

const disableError = (t: AccountT, reason: Exclude<DisableResult, { disabled: true }>['reason']) =>
  reason === 'locked' ? t('codeLocked') : reason === 'required' ? t('secondFactorRequired') : reason === 'malformed' ? t('codeMalformed') : t('codeWrong');

/** /mijn-account: every person's own second factor and sessions ("log out everywhere"). */
export function registerAccountPages(web: WebApp): void {
  const ME = {} as const;
  const accountPage = async (r: Req, opts: { notice?: string; error?: string; renewError?: string } = {}) => ({
    title: accountMessages(r.locale)('accountTitle'),
    body: createElement(AccountPage, {
      factor: await ownSecondFactor(r.deps, r.ctx),
      sessions: await listOwnSessions(r.deps, r.ctx),
      currentSessionId: r.req.session?.sessionId ?? '',
      ...opts,
    }),
  });

  web.get('/mijn-account', ME, async (r) => {
    const t = accountMessages(r.locale);
    const q = r.query as Form;
    const notice = one(q.uitgezet) ? t('disabled') : one(q.beeindigd) ? t('sessionEnded') : one(q.ingesteld) ? t('alreadyEnrolled') : undefined;
    return accountPage(r, notice ? { notice } : {});
  });

  const enrolPage = async (r: Req, candidate: { secret: string; sealed: string; uri: string }, error?: string) => ({
    title: accountMessages(r.locale)('enrolTitle'),
    body: createElement(AccountEnrolPage, { secret: candidate.secret, sealed: candidate.sealed, qr: await qrDataUrl(candidate.uri), error }),
  });
  web.get('/mijn-account/tweestapsverificatie', ME, async (r) => {
    const candidate = await startOwnEnrolment(r.deps, r.ctx);
    if (!candidate) return { redirect: '/mijn-account?ingesteld=1' };
    return enrolPage(r, candidate);
  });
  web.post<Form>('/mijn-account/tweestapsverificatie', ME, async (r) => {
    const t = accountMessages(r.locale);
    const sealed = one(r.body.candidate);
    const res = await confirmOwnEnrolment(r.deps, r.ctx, { sealedCandidate: sealed, code: one(r.body.code).trim().slice(0, 20) });
    if (res.enrolled) return { title: t('recoveryTitle'), body: createElement(RecoveryCodes, { codes: res.recoveryCodes, continueHref: '/mijn-account' }) };
    if (res.reason === 'already') return { redirect: '/mijn-account?ingesteld=1' };
    const { email } = await ownSecondFactor(r.deps, r.ctx);
    const candidate = reopenOwnCandidate(r.deps, r.ctx, email, sealed);
    if (!candidate) {
      const fresh = await startOwnEnrolment(r.deps, r.ctx);
      if (!fresh) return { redirect: '/mijn-account?ingesteld=1' };
      return { status: 400, page: await enrolPage(r, fresh, t('enrolCandidateInvalid')) };
    }
    return { status: 400, page: await enrolPage(r, candidate, res.reason === 'malformed' ? t('codeMalformed') : t('codeWrong')) };
  });

  web.post<Form>('/mijn-account/tweestapsverificatie/uitzetten', ME, async (r) => {
    const res = await disableOwnSecondFactor(r.deps, r.ctx, one(r.body.code).trim().slice(0, 20));
    if (res.disabled) return { redirect: '/mijn-account?uitgezet=1' };
    const t = accountMessages(r.locale);
    const status = res.reason === 'locked' ? 429 : 400;
    return { status, page: await accountPage(r, { error: disableError(t, res.reason) }) };
  });

  web.post<Form>('/mijn-account/herstelcodes', ME, async (r) => {
    const t = accountMessages(r.locale);
    const res = await renewOwnRecoveryCodes(r.deps, r.ctx, one(r.body.code).trim().slice(0, 20));
    if (res.renewed) return { title: t('recoveryTitle'), body: createElement(RecoveryCodes, { codes: res.recoveryCodes, continueHref: '/mijn-account' }) };
    if (res.reason === 'not-enrolled') return { redirect: '/mijn-account' };
    return { status: res.reason === 'locked' ? 429 : 400, page: await accountPage(r, { renewError: disableError(t, res.reason) }) };
  });

  web.post<Form, { id: string }>('/mijn-account/sessies/:id/beeindigen', ME, async (r) => {
    if (!(await endOwnSession(r.deps, r.ctx, r.params.id))) throw new WebNotFound();
    if (r.params.id !== r.req.session?.sessionId) return { redirect: '/mijn-account?beeindigd=1' };
    r.reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { redirect: '/inloggen?uitgelogd=1' };
  });

  web.post('/mijn-account/overal-uitloggen', ME, async (r) => {
    await endAllOwnSessions(r.deps, r.ctx);
    r.reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { redirect: '/inloggen?uitgelogd=1' };
  });
}
