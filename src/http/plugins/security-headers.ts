import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (CSP, HSTS, nosniff, referrer policy, …) on every response, including
 * the 401s and 404s answered before any route runs. @fastify/helmet built helmet's middleware anew
 * for every request, parsing the CSP directives each time: 6 % of the single-signal API's CPU.
 * The headers depend on nothing in the request (no nonces, no directive computed per request), so
 * helmet runs once, here, against a recorder, and every request gets exactly what it set and
 * removed. An option that would make a header depend on the request fails at start-up.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string) {
      set.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  // A CSP directive given as a function is called with the request: refused, there is none here.
  const noRequest = new Proxy({}, {
    get() {
      throw new Error('security headers: an option that reads the request is not supported here');
    },
  });
  helmet(options)(noRequest as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });

  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of set) raw.setHeader(name, value);
    done();
  });
}
