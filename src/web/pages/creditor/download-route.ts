import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext } from '../../../app/context.ts';
import type { Permission } from '../../../domain/access/roles.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import { SESSION_COOKIE } from '../../../http/plugins/auth.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { WebApp } from '../../web-app.ts';

export interface FileDownload {
  filename: string;
  contentType: string;
  body: NodeJS.ReadableStream | string;
}

/**
 * A GET route that answers with a file instead of a page (the results CSV). The WebApp router
 * only renders pages, so this applies the same checks itself: a session (else to the login page),
 * the permission and the organisation kind (else the 403 page), and the 404 page when the handler
 * finds nothing of the caller's organisation.
 */
export function webDownload(
  web: WebApp,
  url: string,
  access: { permission: Permission; organisationKinds: ReadonlyArray<Actor['organisationKind']> },
  handler: (r: { ctx: CallContext; locale: Locale; params: Record<string, string>; query: Record<string, string | string[] | undefined> }) => Promise<FileDownload | undefined>,
): void {
  web.app.route({
    method: 'GET',
    url,
    schema: { hide: true },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const locale = web.localeOf(req, reply);
      const wc = web.contextOf(req, locale);
      const session = req.session;
      if (!session) {
        const hadCookie = !!(req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
        const q = new URLSearchParams({ next: req.url, ...(hadCookie ? { verlopen: '1' } : {}) });
        return reply.redirect(`/inloggen?${q.toString()}`, 303);
      }
      const actor = session.actor;
      if (!actor.permissions.has(access.permission) || !access.organisationKinds.includes(actor.organisationKind)) return web.sendError(reply, wc, 403, 'forbidden');
      const file = await handler({ ctx: { actor, traceId: req.traceId, spanId: req.spanId }, locale, params: req.params as Record<string, string>, query: (req.query ?? {}) as Record<string, string | string[] | undefined> });
      if (!file) return web.sendError(reply, wc, 404, 'notFound');
      return reply
        .header('cache-control', 'no-store')
        .type(file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(file.body);
    },
  });
}
