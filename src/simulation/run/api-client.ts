import type { FastifyInstance } from 'fastify';

/**
 * How the simulated creditors reach the platform: its own HTTP API, over a socket (a running
 * platform's URL) or through Fastify's inject (the same routes, auth and schemas, no socket — for a
 * seeding step that runs before the server listens).
 */
export interface ApiResponse {
  status: number;
  body: string;
}

export interface SimulationApi {
  request(method: 'GET' | 'POST', path: string, opts: { token: string; contentType?: string; body?: string }): Promise<ApiResponse>;
}

export function httpApi(baseUrl: string): SimulationApi {
  return {
    async request(method, path, opts) {
      const res = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${opts.token}`, ...(opts.contentType ? { 'content-type': opts.contentType } : {}) },
        ...(opts.body !== undefined ? { body: opts.body } : {}),
      });
      return { status: res.status, body: await res.text() };
    },
  };
}

export function injectApi(app: FastifyInstance): SimulationApi {
  return {
    async request(method, path, opts) {
      const res = await app.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${opts.token}`, ...(opts.contentType ? { 'content-type': opts.contentType } : {}) },
        ...(opts.body !== undefined ? { payload: opts.body } : {}),
      });
      return { status: res.statusCode, body: res.body };
    },
  };
}
