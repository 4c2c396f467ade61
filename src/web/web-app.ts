import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusedForLevel } from '../domain/identity/session-permissions.ts';
import { levelTooLowPage } from './pages/identity/level-too-low.tsx';
import { createElement } from 'react';
import type { AppDeps, CallContext } from '../app/context.ts';
import { layoutTheme } from '../app/branding/served-theme.ts';
import { AccessDenied, type Actor } from '../domain/access/actor.ts';
import type { Permission } from '../domain/access/roles.ts';
import type { RuleBook } from '../domain/rules/rule-book.ts';
import { sameToken, SESSION_COOKIE } from '../http/plugins/auth.ts';
import { commonMessages } from './i18n/common.ts';
import type { LoginLimit } from '../http/rate-limits.ts';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './i18n/locale.ts';
import { visibleNav, type NavItem } from './nav.ts';
import { ErrorPage } from './pages/error-page.tsx';
import { renderDocument, type PageContent } from './render.ts';
import type { WebContextValue, WebUser } from './web-context.ts';

/** Thrown by a page (or a use case it calls) when the thing does not exist for this organisation: 404. */
export class WebNotFound extends Error {}

export interface PageAccess {
  /** Open without logging in (the login page). */
  public?: boolean;
  /** Required permission; without it the page answers 403. */
  permission?: Permission;
  /** Only users of these kinds of organisation (403 otherwise). */
  organisationKinds?: ReadonlyArray<Actor['organisationKind']>;
  /** A limit per client address of its own (the login form). */
  rateLimit?: LoginLimit;
}

/** What a page handler receives: the request, who asks, in which language, and the app's deps. */
export interface WebRequest<Q = Record<string, string | string[] | undefined>, B = Record<string, string | string[] | undefined>, P = Record<string, string>> {
  req: FastifyRequest;
  reply: FastifyReply;
  deps: AppDeps;
  locale: Locale;
  user: WebUser | undefined;
  /** The use cases' call context; only on pages that are not public. */
  ctx: CallContext;
  query: Q;
  body: B;
  params: P;
  /** Path + query of this request. */
  url: string;
  web: WebContextValue;
}

export type PageResult = PageContent | { redirect: string } | { status: number; page: PageContent };
export type PageHandler<Q, B, P> = (r: WebRequest<Q, B, P>) => Promise<PageResult>;

const REDIRECT_STATUS = 303; // after a POST: the browser GETs the new page

/**
 * The web app's router over Fastify: every route checks login, role and organisation kind before
 * its handler runs, every POST checks the form's CSRF token, and handlers return a page (rendered
 * in the layout) or a redirect. Routes are hidden from the API's OpenAPI document.
 */
export class WebApp {
  private readonly nav: NavItem[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly deps: AppDeps,
    readonly opts: { sessionTtlMinutes: number; secureCookies: boolean; loginLimit: LoginLimit; publicUrl?: string | undefined },
    /** The regulations as data (signal type names, data categories, citations) for the screens. */
    readonly ruleBook: RuleBook,
  ) {}

  addNav(...items: NavItem[]): void {
    this.nav.push(...items);
  }

  /** The menu entries this actor may see, in order. */
  navFor(actor: Actor | undefined): NavItem[] {
    return visibleNav(this.nav, actor);
  }

  get<Q = Record<string, string | undefined>, P = Record<string, string>>(url: string, access: PageAccess, handler: PageHandler<Q, Record<string, never>, P>): void {
    this.route('GET', url, access, handler as PageHandler<unknown, unknown, unknown>);
  }

  post<B = Record<string, string | string[] | undefined>, P = Record<string, string>, Q = Record<string, string | undefined>>(url: string, access: PageAccess, handler: PageHandler<Q, B, P>): void {
    this.route('POST', url, access, handler as PageHandler<unknown, unknown, unknown>);
  }

  /**
   * Where users reach the platform: PUBLIC_URL, else the address this server listens on (PORT=0,
   * tests). Never the request's Host header: a link in an e-mail must not point where a caller says.
   */
  baseUrl(req: FastifyRequest): string {
    if (this.opts.publicUrl) return this.opts.publicUrl.replace(/\/+$/, '');
    const { localAddress = '127.0.0.1', localPort } = req.socket;
    // No port: a request injected in-process (tests), which no outside caller can send.
    if (!localPort) return `${req.protocol}://${req.host}`;
    const host = localAddress.includes(':') ? `[${localAddress.replace(/^::ffff:/, '')}]` : localAddress;
    return `http://${host.replace(/^\[(\d+\.\d+\.\d+\.\d+)\]$/, '$1')}:${localPort}`;
  }

  /** The locale: ?lang= (then remembered in a cookie), else the cookie, else Dutch. */
  localeOf(req: FastifyRequest, reply: FastifyReply): Locale {
    const q = (req.query as { lang?: unknown } | undefined)?.lang;
    if (isLocale(q)) {
      reply.setCookie(LOCALE_COOKIE, q, { path: '/', sameSite: 'lax', httpOnly: true, secure: this.opts.secureCookies, maxAge: 365 * 24 * 3600 });
      return q;
    }
    const c = (req.cookies as Record<string, string | undefined>)[LOCALE_COOKIE];
    return isLocale(c) ? c : DEFAULT_LOCALE;
  }

  contextOf(req: FastifyRequest, locale: Locale): WebContextValue {
    const s = req.session;
    const user: WebUser | undefined = s
      ? { id: s.userId, displayName: s.displayName, organisationId: s.actor.organisationId, organisationName: s.organisationName, roles: s.roles, actor: s.actor }
      : undefined;
    return { locale, url: req.url, user, csrfToken: s?.csrfToken ?? '', now: this.deps.now() };
  }

  send(reply: FastifyReply, web: WebContextValue, page: PageContent, status = 200): FastifyReply {
    reply.header('cache-control', 'no-store');
    return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(web, visibleNav(this.nav, web.user?.actor), page));
  }

  sendError(reply: FastifyReply, web: WebContextValue, status: 403 | 404 | 500 | 400, kind: 'forbidden' | 'notFound' | 'csrf' | 'error'): FastifyReply {
    const t = commonMessages(web.locale);
    const title = t(kind === 'forbidden' ? 'forbiddenTitle' : kind === 'notFound' ? 'notFoundTitle' : kind === 'csrf' ? 'csrfTitle' : 'errorTitle');
    const text = t(kind === 'forbidden' ? 'forbiddenText' : kind === 'notFound' ? 'notFoundText' : kind === 'csrf' ? 'csrfText' : 'errorText');
    return this.send(reply, web, { title, body: createElement(ErrorPage, { title, text }) }, status);
  }

  private route(method: 'GET' | 'POST', url: string, access: PageAccess, handler: PageHandler<unknown, unknown, unknown>): void {
    this.app.route({
      method,
      url,
      schema: { hide: true },
      // The auth plugin leaves the CSRF check of these routes to the form field checked below.
      config: { csrf: 'form', publicPage: access.public === true, ...(access.rateLimit !== undefined ? { rateLimit: access.rateLimit } : {}) },
      handler: async (req, reply) => {
        const locale = this.localeOf(req, reply);
        const web = this.contextOf(req, locale);
        // The user's organisation's look; public pages (login) keep the neutral one.
        if (req.session && !access.public) web.theme = await layoutTheme(this.deps, req.session.actor.organisationId);
        if (!access.public) {
          if (!req.session) {
            const hadCookie = !!(req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
            const next = method === 'GET' ? req.url : '/';
            const q = new URLSearchParams({ next, ...(hadCookie ? { verlopen: '1' } : {}) });
            if (hadCookie) reply.clearCookie(SESSION_COOKIE, { path: '/' });
            return reply.redirect(`/inloggen?${q.toString()}`, REDIRECT_STATUS);
          }
          const actor = req.session.actor;
          if (access.permission && !actor.permissions.has(access.permission)) {
            // Held by the person's role, withheld for the eHerkenning level: say so, and how to get it.
            const level = req.session.assuranceLevel;
            if (level && refusedForLevel(req.session.roles, level, access.permission)) return this.send(reply, web, levelTooLowPage(locale, level), 403);
            return this.sendError(reply, web, 403, 'forbidden');
          }
          if (access.organisationKinds?.length && !access.organisationKinds.includes(actor.organisationKind)) return this.sendError(reply, web, 403, 'forbidden');
          if (method === 'POST') {
            const token = (req.body as { _csrf?: unknown } | undefined)?._csrf;
            if (!sameToken(token, req.session.csrfToken)) return this.sendError(reply, web, 403, 'csrf');
          }
        }
        try {
          const result = await handler({
            req,
            reply,
            deps: this.deps,
            locale,
            user: web.user,
            ctx: { actor: req.session?.actor as Actor, traceId: req.traceId, spanId: req.spanId },
            query: (req.query ?? {}) as Record<string, string>,
            body: (req.body ?? {}) as Record<string, string>,
            params: (req.params ?? {}) as Record<string, string>,
            url: req.url,
            web,
          });
          if ('redirect' in result) return reply.redirect(result.redirect, REDIRECT_STATUS);
          if ('page' in result) return this.send(reply, web, result.page, result.status);
          return this.send(reply, web, result);
        } catch (e) {
          if (e instanceof WebNotFound) return this.sendError(reply, web, 404, 'notFound');
          if (e instanceof AccessDenied) return this.sendError(reply, web, 403, 'forbidden');
          req.log.error({ err: { message: (e as Error).message, stack: (e as Error).stack } }, 'web page failed');
          return this.sendError(reply, web, 500, 'error');
        }
      },
    });
  }
}

/** A query or form value as one string ('' when absent; the first when repeated). */
export function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
/** A query or form value as a list (checkbox groups, multi-selects). */
export function many(v: string | string[] | undefined): string[] {
  return v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v];
}
