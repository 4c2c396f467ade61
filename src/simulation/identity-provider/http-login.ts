/**
 * Logging in at the demo identity provider without a browser: follows the redirects by hand with a
 * small cookie jar, fills in the login form and stops at the relying party's redirect URI. For
 * tests that drive a single sign-on flow over HTTP (browser tests use Chromium instead).
 */

/** Cookies by name; enough for one provider on one host (paths are ignored: extra cookies are harmless). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') <= Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface HttpStep {
  status: number;
  url: string;
  location?: string;
  body: string;
}

/** One request with the jar's cookies, no redirects followed. */
export async function step(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<HttpStep> {
  const res = await fetch(url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      cookie: jar.header(),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  jar.take(res);
  const location = res.headers.get('location');
  return { status: res.status, url, body: await res.text(), ...(location ? { location: new URL(location, url).href } : {}) };
}

/** Follows redirects until one leaves the provider (returns that URL) or a page is shown (returns the step). */
export async function follow(jar: CookieJar, from: HttpStep, providerOrigin: string): Promise<HttpStep | string> {
  let current = from;
  for (let i = 0; i < 10; i++) {
    if (!current.location) return current;
    if (new URL(current.location).origin !== providerOrigin) return current.location;
    current = await step(jar, current.location);
  }
  throw new Error('too many redirects');
}

/** The action of the form whose submit button has this text. */
export function formAction(html: string, pageUrl: string, button: string): string {
  return actionOfFormWith(html, pageUrl, `>${button}<`);
}

function actionOfFormWith(html: string, pageUrl: string, inside: string): string {
  for (const m of html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    if ((m[2] ?? '').includes(inside)) return new URL((m[1] ?? '').replace(/&amp;/g, '&'), pageUrl).href;
  }
  throw new Error(`no form with '${inside}' on ${pageUrl}`);
}

export interface LoginResult {
  /** The redirect back to the relying party (with code and state, or with an error). */
  callbackUrl?: string;
  /** The last page shown by the provider when it did not redirect back (e.g. a refused login). */
  page?: HttpStep;
  jar: CookieJar;
}

/** Starts at an authorization URL, logs in with the form and returns where the provider sends the browser. */
export async function logInOverHttp(authorizationUrl: string, username: string, password: string, jar = new CookieJar()): Promise<LoginResult> {
  const origin = new URL(authorizationUrl).origin;
  const first = await follow(jar, await step(jar, authorizationUrl), origin);
  if (typeof first === 'string') return { callbackUrl: first, jar };
  if (first.status !== 200 || !first.body.includes('name="password"')) return { page: first, jar };
  // The form with the password field, whatever the page's language.
  const submitted = await step(jar, actionOfFormWith(first.body, first.url, 'name="password"'), { form: { username, password } });
  const after = await follow(jar, submitted, origin);
  return typeof after === 'string' ? { callbackUrl: after, jar } : { page: after, jar };
}
