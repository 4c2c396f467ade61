import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { jpegHeader, solidPng, SVG_LOGO } from './helpers/images.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';
import { MAX_LOGO_BYTES } from '../src/domain/branding/logo.ts';

const GOOD = { primary: '#5b2a86', primaryText: '#ffffff', headerBackground: '#f3eef8', headerText: '#2b1440', footerBackground: '#2b1440', footerText: '#ffffff' };

/** A multipart form as a browser sends it (fields, and the file in `logo`). */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----vsbranding' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of ENGINES) {
  describe(`organisation themes (${engine.name})`, () => {
    let p: TestPlatform;
    let aegon: WebSession;
    let rabobank: WebSession;
    let amsterdamWorker: WebSession;
    let rotterdamWorker: WebSession;
    before(async () => {
      p = await startTestPlatform(engine);
      [aegon, rabobank, amsterdamWorker, rotterdamWorker] = await Promise.all([
        webLogin(p, 'aanlevering@aegon.demo'),
        webLogin(p, 'aanlevering@rabobank.demo'),
        webLogin(p, 'medewerker@amsterdam.demo'),
        webLogin(p, 'medewerker@rotterdam.demo'),
      ]);
    });
    after(async () => p.close());

    const send = (s: WebSession, path: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) => {
      const m = multipart({ _csrf: s.csrf, ...fields }, file);
      return p.app.inject({ method: 'POST', url: path, headers: { cookie: s.cookie, 'content-type': m.contentType }, payload: m.payload });
    };
    const get = (s: WebSession | undefined, url: string, headers: Record<string, string> = {}) => p.app.inject({ method: 'GET', url, headers: { ...(s ? { cookie: s.cookie } : {}), ...headers } });
    const stylesheetOf = (html: string) => [...html.slice(0, html.indexOf('</head>')).matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).at(-1);
    const auditOf = (org: string, activity: string) =>
      p.deps.db.selectFrom('audit_log').select(['outcome', 'detail', 'actor_id']).where('organisation_id', '=', org).where('activity', '=', activity).orderBy('id').execute();

    it('login and public pages use the neutral theme: no Utrecht red, cacheable, 304 on its ETag', async () => {
      const login = await get(undefined, '/inloggen');
      assert.match(login.body, /<html lang="nl" class="utrecht-theme vs-theme">/);
      assert.equal(stylesheetOf(login.body), '/thema/standaard.css');
      const css = await get(undefined, '/thema/standaard.css');
      assert.equal(css.statusCode, 200);
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      assert.match(String(css.headers['cache-control']), /^public, no-cache$/);
      assert.match(css.body, /--utrecht-page-footer-background-color: #2d3a45;/);
      assert.match(css.body, /--utrecht-page-footer-background-image: none;/);
      assert.doesNotMatch(css.body, /\bred\b|#cc0000/i);
      const again = await get(undefined, '/thema/standaard.css', { 'if-none-match': String(css.headers.etag) });
      assert.equal(again.statusCode, 304);
    });

    it("a demo organisation's users get its stylesheet and logo; another organisation's users do not", async () => {
      const ams = await amsterdamWorker.get('/werklijst');
      const href = stylesheetOf(ams.html)!;
      assert.match(href, /^\/thema\/GM0363\.css\?v=[0-9a-z]+$/);
      const css = await get(amsterdamWorker, href);
      assert.equal(css.statusCode, 200);
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      assert.equal(css.headers['cache-control'], 'private, max-age=31536000, immutable', 'the versioned URL is cached for long');
      assert.match(css.body, /--utrecht-page-header-background-color: #1d1d1b;/);
      const logo = /<img class="vs-header__logo" src="([^"]+)" alt="" width="44" height="48"/.exec(ams.html)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(logo, 'the logo in the header');
      const img = await get(amsterdamWorker, logo);
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['content-type'], 'image/png');
      assert.equal(img.headers['cache-control'], 'private, max-age=31536000, immutable');
      assert.ok(img.rawPayload.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
      assert.equal((await get(amsterdamWorker, logo, { 'if-none-match': String(img.headers.etag) })).statusCode, 304);

      const rot = await rotterdamWorker.get('/werklijst');
      assert.equal(stylesheetOf(rot.html), '/thema/standaard.css');
      assert.doesNotMatch(rot.html, /GM0363\.css|vs-header__logo/);
      assert.equal((await get(rotterdamWorker, href)).statusCode, 404, "another organisation's stylesheet is not served to it");
      assert.equal((await get(rotterdamWorker, logo)).statusCode, 404);
      assert.equal((await get(undefined, href)).statusCode, 404, 'nor to anyone not logged in');
    });

    it('the screen is for user admins of any kind of organisation, not for workers', async () => {
      assert.equal((await amsterdamWorker.get('/huisstijl')).status, 403);
      assert.doesNotMatch((await amsterdamWorker.get('/werklijst')).html, /href="\/huisstijl"/);
      const page = await aegon.get('/huisstijl');
      assert.equal(page.status, 200);
      assert.match(page.html, /href="\/huisstijl"[^>]*>Huisstijl</);
      assert.match(page.html, /<h1[^>]*>Huisstijl<\/h1>/);
      assert.match(page.html, /neutrale standaardhuisstijl/);
      assert.match(page.html, /enctype="multipart\/form-data"/i);
      assert.match((await aegon.get('/huisstijl?lang=en')).html, /<h1[^>]*>Branding<\/h1>/);
      await aegon.get('/huisstijl?lang=nl');
    });

    it('refuses a low-contrast theme, naming the pair and the ratio found against the ratio needed, and stores nothing', async () => {
      const r = await send(aegon, '/huisstijl', { intent: 'save', displayName: '', ...GOOD, primary: '#ffcc00' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /De huisstijl is niet opgeslagen:/);
      assert.match(r.body, /Te weinig contrast tussen tekst op hoofdkleur en hoofdkleur \(tekst op knoppen\): 1,51:1, nodig is ten minste 4,5:1 \(WCAG 2\.1 AA\)\./);
      assert.match(r.body, /hoofdkleur en pagina-achtergrond \(wit\) \(knoppen op de witte pagina\): 1,51:1, nodig is ten minste 3:1/);
      assert.match(r.body, /value="#ffcc00"/, 'the form keeps what was typed');
      const en = await send(aegon, '/huisstijl?lang=en', { intent: 'save', displayName: '', ...GOOD, footerText: '#333333' });
      assert.equal(en.statusCode, 400);
      assert.match(en.body, /Too little contrast between footer text and footer background \(text in the footer\): 1\.[0-9]+:1, at least 4\.5:1 is needed/);
      await aegon.get('/huisstijl?lang=nl');
      const bad = await send(aegon, '/huisstijl', { intent: 'save', displayName: '', ...GOOD, headerText: 'red; } * { display: none' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /De tekst in kop is geen kleur/);
      assert.equal(await p.deps.db.selectFrom('organisation_themes').select('organisation_id').where('organisation_id', '=', 'aegon').executeTakeFirst(), undefined);
      const audit = await auditOf('aegon', 'organisation.theme');
      assert.deepEqual(audit.map((a) => a.outcome), ['refused', 'refused', 'refused']);
    });

    it('a preview shows the chosen colours without saving them', async () => {
      const r = await send(aegon, '/huisstijl', { intent: 'preview', displayName: 'Aegon Incasso', ...GOOD });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /nog niets opgeslagen/);
      const href = /<link rel="stylesheet" href="(\/thema\/voorbeeld\.css\?[^"]+)"/.exec(r.body)![1]!.replaceAll('&amp;', '&');
      const css = await get(aegon, href);
      assert.match(css.body, /^\/\*.*\*\/\n\.vs-theme-preview \{/);
      assert.match(css.body, /--utrecht-button-primary-action-background-color: #5b2a86;/);
      assert.match(r.body, /data-preview-name="true">Aegon Incasso</);
      const low = await send(aegon, '/huisstijl', { intent: 'preview', displayName: '', ...GOOD, footerText: '#333333' });
      assert.equal(low.statusCode, 200);
      assert.match(low.body, /Te weinig contrast tussen tekst in voet en achtergrond voet/);
      assert.match(low.body, /het voorbeeld toont de kleuren die nu in gebruik zijn/);
      assert.match(low.body, /voorbeeld\.css\?primary=%231f4e79&amp;primaryText=%23ffffff&amp;headerBackground=%23ffffff&amp;headerText=%231a1a1a&amp;footerBackground=%232d3a45&amp;footerText=%23ffffff/, 'painted in the colours in use');
      assert.equal(await p.deps.db.selectFrom('organisation_themes').select('organisation_id').where('organisation_id', '=', 'aegon').executeTakeFirst(), undefined);
    });

    it('checks the logo by its content: no SVG, no other file, at most 200 kB, within the dimensions', async () => {
      const tries: Array<[Parameters<typeof multipart>[1], RegExp]> = [
        [{ name: 'logo.svg', type: 'image/svg+xml', bytes: SVG_LOGO }, /PNG- of JPEG-afbeelding zijn \(geen SVG/],
        [{ name: 'logo.png', type: 'image/png', bytes: SVG_LOGO }, /PNG- of JPEG-afbeelding/],
        [{ name: 'logo.txt', type: 'text/plain', bytes: Buffer.from('hello') }, /PNG- of JPEG-afbeelding/],
        [{ name: 'big.png', type: 'image/png', bytes: solidPng(100, 40, [0, 0, 0], MAX_LOGO_BYTES + 5000) }, /groter dan 200 kB/],
        [{ name: 'tiny.png', type: 'image/png', bytes: solidPng(8, 8) }, /8 × 8 pixels; toegestaan is van 16 × 16 tot 1200 × 600/],
      ];
      for (const [file, reason] of tries) {
        const r = await send(aegon, '/huisstijl', { intent: 'save', displayName: '', ...GOOD }, file);
        assert.equal(r.statusCode, 400, file!.name);
        assert.match(r.body, reason, file!.name);
      }
      assert.equal(await p.deps.db.selectFrom('organisation_themes').select('organisation_id').where('organisation_id', '=', 'aegon').executeTakeFirst(), undefined);
    });

    it('saves name, colours and logo (audited); its users see them, another creditor does not; reset brings back the neutral theme', async () => {
      const png = solidPng(160, 48, [91, 42, 134]);
      const r = await send(aegon, '/huisstijl', { intent: 'save', displayName: 'Aegon Incasso', ...GOOD }, { name: 'logo.png', type: 'image/png', bytes: png });
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/huisstijl?opgeslagen=1');
      const home = await aegon.get('/huisstijl?opgeslagen=1');
      assert.match(home.html, /De huisstijl is opgeslagen/);
      assert.match(home.html, /<span class="vs-header__org">Aegon Incasso<\/span>/);
      const href = stylesheetOf(home.html)!;
      assert.match(href, /^\/thema\/aegon\.css\?v=/);
      const css = await get(aegon, href);
      assert.match(css.body, /--utrecht-button-primary-action-background-color: #5b2a86;/);
      assert.match(css.body, /--utrecht-page-footer-color: #ffffff;/);
      const logo = /<img class="vs-header__logo" src="([^"]+)" alt="" width="160" height="48"/.exec(home.html)![1]!.replaceAll('&amp;', '&');
      const img = await get(aegon, logo);
      assert.equal(img.headers['content-type'], 'image/png');
      assert.ok(img.rawPayload.equals(png));

      const other = await rabobank.get('/aanleveren');
      assert.equal(stylesheetOf(other.html), '/thema/standaard.css');
      assert.doesNotMatch(other.html, /Aegon Incasso/);
      assert.equal((await get(rabobank, href)).statusCode, 404);
      assert.equal((await get(rabobank, logo)).statusCode, 404);

      // A JPEG replaces the PNG; saving without a file keeps it; "remove" takes it away.
      assert.equal((await send(aegon, '/huisstijl', { intent: 'save', displayName: 'Aegon Incasso', ...GOOD }, { name: 'logo.jpg', type: 'image/jpeg', bytes: jpegHeader(300, 100) })).statusCode, 303);
      const jpgSrc = /<img class="vs-header__logo" src="([^"]+)" alt="" width="300" height="100"/.exec((await aegon.get('/huisstijl')).html)![1]!.replaceAll('&amp;', '&');
      assert.equal((await get(aegon, jpgSrc)).headers['content-type'], 'image/jpeg');
      assert.equal((await send(aegon, '/huisstijl', { intent: 'save', displayName: 'Aegon Incasso', ...GOOD, primary: '#4a2270' })).statusCode, 303);
      assert.match((await aegon.get('/huisstijl')).html, /width="300" height="100"/, 'no file: the logo stays');
      assert.equal((await send(aegon, '/huisstijl', { intent: 'save', displayName: 'Aegon Incasso', ...GOOD, removeLogo: '1' })).statusCode, 303);
      assert.doesNotMatch((await aegon.get('/huisstijl')).html, /vs-header__logo/);

      const audit = (await auditOf('aegon', 'organisation.theme')).filter((a) => a.outcome === 'success');
      assert.equal(audit.length, 4);
      const first = (typeof audit[0]!.detail === 'string' ? JSON.parse(audit[0]!.detail) : audit[0]!.detail) as { displayName: string; colours: typeof GOOD; logo: { type: string; width: number } };
      assert.equal(first.displayName, 'Aegon Incasso');
      assert.deepEqual(first.colours, GOOD);
      assert.deepEqual([first.logo.type, first.logo.width], ['image/png', 160]);

      const reset = await aegon.post('/huisstijl/standaard', {});
      assert.equal(reset.status, 303);
      const after = await aegon.get('/huisstijl?standaard=1');
      assert.match(after.html, /De standaardhuisstijl is teruggezet/);
      assert.equal(stylesheetOf(after.html), '/thema/standaard.css');
      assert.doesNotMatch(after.html, /Aegon Incasso/);
      const stale = await get(aegon, href);
      assert.equal(stale.headers['cache-control'], 'private, no-cache', 'an old version is not cached for long');
      assert.match(stale.body, /--utrecht-button-primary-action-background-color: #1f4e79;/, 'an old link gets the neutral tokens');
      assert.equal((await auditOf('aegon', 'organisation.theme.reset')).length, 1);
    });

    it('a form without the session token is refused', async () => {
      const m = multipart({ intent: 'save', displayName: '', ...GOOD });
      const r = await p.app.inject({ method: 'POST', url: '/huisstijl', headers: { cookie: aegon.cookie, 'content-type': m.contentType }, payload: m.payload });
      assert.equal(r.statusCode, 403);
    });
  });
}
