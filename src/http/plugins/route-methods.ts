import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyInstance } from 'fastify';

/**
 * Which methods a path has routes for, so a wrong method answers 405 with `Allow` instead of a
 * bare 404. Every route is also entered in a router of the same kind and settings Fastify routes
 * with (find-my-way, case-sensitive, no trailing-slash folding), so a path matches here exactly
 * when Fastify would match it with the right method.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const router = FindMyWay({ caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false });
  const methods = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) {
      // Fastify adds a HEAD route for each GET itself; onRoute sees it, or the GET already implies it.
      if (router.hasRoute(m as HTTPMethod, route.url)) continue;
      router.on(m as HTTPMethod, route.url, () => undefined);
      methods.add(m);
      if (m === 'GET' && route.exposeHeadRoute !== false && !router.hasRoute('HEAD', route.url)) {
        router.on('HEAD', route.url, () => undefined);
        methods.add('HEAD');
      }
    }
  });
  return (path) => [...methods].filter((m) => router.find(m as HTTPMethod, path) !== null).sort();
}
