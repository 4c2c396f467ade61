import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered (method, URL pattern, whether a web page is open without login). */
    registeredRoutes: ReadonlyArray<{ method: string; url: string; public: boolean }>;
  }
}

/**
 * Which methods a path has routes for, so a wrong method answers 405 with `Allow` instead of a
 * bare 404. Every route is also entered in a router of the same kind and settings Fastify routes
 * with (find-my-way, case-sensitive, no trailing-slash folding), so a path matches here exactly
 * when Fastify would match it with the right method.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const router = FindMyWay({ caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false });
  const methods = new Set<string>();
  // Every route as registered: the authorisation matrix test walks them all (web pages have no OpenAPI document).
  const routes: Array<{ method: string; url: string; public: boolean }> = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) {
      routes.push({ method: m, url: route.url, public: (route.config as { publicPage?: boolean } | undefined)?.publicPage === true });
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
