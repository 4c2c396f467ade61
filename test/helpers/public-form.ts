import type { TestPlatform } from './platform.ts';

export interface FormAnswer {
  status: number;
  location: string | undefined;
  html: string;
}

/**
 * A public form (no session) as a browser has it: GET the page, keep the form's cookie and its
 * hidden `_form` token; `post` sends fields with both (any time later, as a tab left open would).
 */
export async function openPublicForm(p: TestPlatform, url: string): Promise<{ post(fields: Record<string, string>, opts?: { cookie?: boolean }): Promise<FormAnswer> }> {
  const page = await p.app.inject({ method: 'GET', url });
  const token = /name="_form" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = page.cookies.find((c) => c.name === 'vs_form');
  if (!token || !cookie) throw new Error(`no public form at ${url} (${page.statusCode})`);
  return {
    async post(fields, opts = {}) {
      const res = await p.app.inject({
        method: 'POST',
        url: url.split('?')[0]!,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.cookie === false ? {} : { cookie: `vs_form=${cookie.value}` }) },
        payload: new URLSearchParams({ _form: token, ...fields }).toString(),
      });
      return { status: res.statusCode, location: res.headers.location as string | undefined, html: res.body };
    },
  };
}

/** Opens the form and posts it at once. */
export async function postPublicForm(p: TestPlatform, url: string, fields: Record<string, string>, opts: { cookie?: boolean } = {}): Promise<FormAnswer> {
  return (await openPublicForm(p, url)).post(fields, opts);
}

export async function getPage(p: TestPlatform, url: string, cookie?: string): Promise<FormAnswer> {
  const res = await p.app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
  return { status: res.statusCode, location: res.headers.location as string | undefined, html: res.body };
}
