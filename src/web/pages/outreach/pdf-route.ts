import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from '../../../app/context.ts';
import { NotFoundInMunicipality } from '../../../app/worklist/own-municipality.ts';
import { AccessDenied } from '../../../domain/access/actor.ts';
import type { Permission } from '../../../domain/access/roles.ts';
import { sameToken } from '../../../http/plugins/auth.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { WebApp } from '../../web-app.ts';

type Body = Record<string, string | string[] | undefined>;
interface PdfRequest {
  ctx: CallContext;
  locale: Locale;
  params: Record<string, string>;
  body: Body;
}

/**
 * A POST form answered with a streamed PDF (a print run registers contact attempts, so it is no
 * GET). The WebApp router only renders pages, so this applies its checks itself: a session, the
 * permission and organisation kind, and the form's CSRF token. `check` runs before any byte is sent
 * (undefined: the 404 page); `write` streams the file, and the response ends only once it returned,
 * so whoever downloaded the file finds the contact attempts already registered.
 */
export function webPdfPost(
  web: WebApp,
  url: string,
  permission: Permission,
  check: (r: PdfRequest) => Promise<string | undefined>,
  write: (r: PdfRequest, out: Writable) => Promise<unknown>,
): void {
  web.app.route({
    method: 'POST',
    url,
    schema: { hide: true },
    config: { csrf: 'form' },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const locale = web.localeOf(req, reply);
      const wc = web.contextOf(req, locale);
      const session = req.session;
      if (!session) return reply.redirect('/inloggen', 303);
      const actor = session.actor;
      if (!actor.permissions.has(permission) || actor.organisationKind !== 'municipality') return web.sendError(reply, wc, 403, 'forbidden');
      const body = (req.body ?? {}) as Body;
      if (!sameToken(body._csrf, session.csrfToken)) return web.sendError(reply, wc, 403, 'csrf');
      const r: PdfRequest = { ctx: { actor, traceId: req.traceId, spanId: req.spanId }, locale, params: req.params as Record<string, string>, body };
      let filename: string | undefined;
      try {
        filename = await check(r);
      } catch (e) {
        if (e instanceof AccessDenied) return web.sendError(reply, wc, 403, 'forbidden');
        if (!(e instanceof NotFoundInMunicipality)) throw e;
      }
      if (!filename) return web.sendError(reply, wc, 404, 'notFound');
      const out = new PassThrough();
      const file = new PassThrough();
      file.pipe(out, { end: false });
      const fileEnded = new Promise<void>((resolve) => file.once('end', resolve));
      write(r, file)
        .then(() => fileEnded)
        .then(() => out.end())
        .catch((e: unknown) => {
          req.log.error({ err: { message: (e as Error).message } }, 'print run failed');
          out.destroy(e as Error);
        });
      return reply
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(out);
    },
  });
}
