import type { FastifyReply, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { checkThemeInput, getOwnTheme, resetOwnTheme, saveOwnTheme, ThemeRefused } from '../../../app/branding/own-theme.ts';
import { neutralCss, NEUTRAL_STYLESHEET, organisationCss, organisationLogo, previewCss, type ServedCss } from '../../../app/branding/served-theme.ts';
import { THEME_COLOUR_FIELDS, type ThemeColourField } from '../../../domain/branding/theme.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one, type WebApp, type WebRequest } from '../../web-app.ts';
import { BrandingPage, type BrandingPageProps } from './branding-page.tsx';
import { brandingMessages } from './messages.ts';

// Every kind of organisation has a user admin; the one who manages its users manages its look.
const MANAGE = { permission: 'users:manage' } as const;
type Body = Record<string, string | string[] | Buffer | undefined>;
const text = (v: Body[string]): string => (Buffer.isBuffer(v) ? '' : one(v));

function coloursOf(body: Body): Record<ThemeColourField, string> {
  return Object.fromEntries(THEME_COLOUR_FIELDS.map((f) => [f, text(body[f]).trim()])) as Record<ThemeColourField, string>;
}

/** The uploaded file: multipart gives a Buffer (a text/plain part arrives as a string: still checked, and refused). */
function fileOf(v: Body[string]): Uint8Array | undefined {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string' && v.length) return Buffer.from(v, 'utf8');
  return undefined;
}

function problemsOf(reasons: ThemeRefused['reasons'], locale: Locale): NonNullable<BrandingPageProps['problems']> {
  const out: NonNullable<BrandingPageProps['problems']> = {};
  for (const r of reasons) (out[r.field] ??= []).push(r.message[locale]);
  return out;
}

/** A stylesheet or image answer: ETag, and cached for long only when asked for by the version the layout gives out now. */
function sendCached(req: FastifyRequest, reply: FastifyReply, a: { etag: string; version: string; type: string; body: string | Uint8Array }, scope: 'public' | 'private') {
  const asked = (req.query as { v?: unknown }).v;
  reply.header('etag', a.etag);
  reply.header('cache-control', a.version && asked === a.version ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`);
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  return reply.type(a.type).send(typeof a.body === 'string' ? a.body : Buffer.from(a.body));
}

const css = (req: FastifyRequest, reply: FastifyReply, s: ServedCss, scope: 'public' | 'private') => sendCached(req, reply, { etag: s.etag, version: s.version, type: 'text/css; charset=utf-8', body: s.css }, scope);

/**
 * Each organisation's own look (issue 19 point 6): the "Huisstijl" admin screen, and the theme
 * stylesheets and logos the layout links to. An organisation's stylesheet and logo are served to
 * its own users only; the neutral stylesheet (login and public pages) to anyone.
 */
export function registerBrandingPages(web: WebApp): void {
  web.addNav({ href: '/huisstijl', label: { nl: 'Huisstijl', en: 'Branding' }, permission: 'users:manage', order: 92 });

  const page = async (r: WebRequest<unknown, unknown, unknown>, p: Partial<BrandingPageProps> = {}, status?: number) => {
    const own = await getOwnTheme(r.deps, r.ctx);
    const content = {
      title: brandingMessages(r.locale)('title'),
      scripts: ['/assets/web/branding-preview.js'],
      body: createElement(BrandingPage, { organisationName: own.organisationName, stored: own.stored, values: { displayName: own.displayName, colours: own.colours }, ...p }),
    };
    return status ? { status, page: content } : content;
  };

  const inUse = async (r: WebRequest<unknown, unknown, unknown>) => (await getOwnTheme(r.deps, r.ctx)).colours;

  web.get('/huisstijl', MANAGE, (r) => {
    const q = r.query as Record<string, string | undefined>;
    const t = brandingMessages(r.locale);
    return page(r, q.opgeslagen ? { notice: t('saved') } : q.standaard ? { notice: t('resetDone') } : {});
  });

  web.post<Body>('/huisstijl', MANAGE, async (r) => {
    const values = { displayName: text(r.body.displayName), colours: coloursOf(r.body) };
    if (text(r.body.intent) === 'preview') {
      const checked = checkThemeInput(values);
      return page(r, { values, preview: true, problems: problemsOf(checked.reasons, r.locale), ...(checked.reasons.length ? { previewColours: await inUse(r) } : {}) });
    }
    try {
      const logo = fileOf(r.body.logo);
      await saveOwnTheme(r.deps, r.ctx, { ...values, ...(logo ? { logo } : {}), removeLogo: text(r.body.removeLogo) === '1' });
    } catch (e) {
      if (e instanceof ThemeRefused) return page(r, { values, problems: problemsOf(e.reasons, r.locale), ...(checkThemeInput(values).reasons.length ? { previewColours: await inUse(r) } : {}) }, 400);
      throw e;
    }
    return { redirect: '/huisstijl?opgeslagen=1' };
  });

  web.post('/huisstijl/standaard', MANAGE, async (r) => {
    await resetOwnTheme(r.deps, r.ctx);
    return { redirect: '/huisstijl?standaard=1' };
  });

  // ---- the stylesheets and logos (not pages: raw routes, outside the API's OpenAPI) ----
  // Reachable without logging in (publicPage, as the authorisation matrix test reads it): the
  // neutral sheet serves the login page; an organisation's sheet and logo check the session
  // themselves and answer 404 to anyone not of that organisation, logged in or not.
  const RAW = { schema: { hide: true }, config: { publicPage: true } };
  const neutral = neutralCss();
  web.app.get(NEUTRAL_STYLESHEET, RAW, (req, reply) => css(req, reply, neutral, 'public'));
  web.app.get('/thema/voorbeeld.css', RAW, (req, reply) => {
    return css(req, reply, previewCss(req.query as Record<string, string | undefined>), 'private');
  });
  /** The organisation in the URL, when it is the logged-in user's own; else undefined (answered 404). */
  const ownOrg = (req: FastifyRequest, id: string | undefined) => (req.session && id && req.session.actor.organisationId === id ? id : undefined);
  web.app.get<{ Params: { file: string } }>('/thema/:file', RAW, async (req, reply) => {
    const org = ownOrg(req, /^(.+)\.css$/.exec(req.params.file)?.[1]);
    if (!org) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return css(req, reply, await organisationCss(web.deps, org), 'private');
  });
  web.app.get<{ Params: { org: string } }>('/thema/:org/logo', RAW, async (req, reply) => {
    const org = ownOrg(req, req.params.org);
    const logo = org ? await organisationLogo(web.deps, org) : undefined;
    if (!logo) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return sendCached(req, reply, { etag: logo.etag, version: logo.version, type: logo.type, body: logo.bytes }, 'private');
  });
}
