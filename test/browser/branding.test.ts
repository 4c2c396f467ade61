import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { solidPng } from '../helpers/images.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

const THEME = { primary: '#005a70', primaryText: '#ffffff', headerBackground: '#003845', headerText: '#ffffff', footerBackground: '#003845', footerText: '#ffffff' };
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** The colours a page's header and footer are painted in, and its logo as loaded (a string: tsx would name inner functions the page does not know). */
const PAINTED = `(() => {
  const style = (sel) => { const el = document.querySelector(sel); return el ? { bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color } : null; };
  const logo = document.querySelector('header .vs-header__logo');
  return {
    header: style('header.vs-header'),
    footer: style('footer.vs-footer'),
    org: document.querySelector('header .vs-header__org')?.textContent ?? null,
    logo: logo ? { loaded: logo.complete && logo.naturalWidth > 0, width: logo.naturalWidth } : null,
  };
})()`;
interface Painted {
  header: { bg: string; fg: string } | null;
  footer: { bg: string; fg: string } | null;
  org: string | null;
  logo: { loaded: boolean; width: number } | null;
}
const painted = (page: Page) => page.evaluate<Painted>(PAINTED);
/** One computed style of the first element a selector finds, or null when there is none. */
const styleOf = (page: Page, selector: string, property: 'backgroundColor' | 'backgroundImage') =>
  page.evaluate<string | null>(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); return el ? getComputedStyle(el).${property} : null; })()`);

describe("each organisation's look in a real browser (chromium + axe)", () => {
  let p: TestPlatform;
  let browser: Browser;
  const pageFor = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();

  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the login page has the neutral look, no Utrecht red', async () => {
    const page = await pageFor();
    await page.goto(`${p.url}/inloggen`);
    const look = await painted(page);
    assert.equal(look.footer?.bg, rgb('#2d3a45'));
    assert.equal(look.footer?.fg, rgb('#ffffff'));
    const footerImage = await styleOf(page, 'footer', 'backgroundImage');
    assert.equal(footerImage, 'none', "Utrecht's red gradient is gone");
    await expectAccessible(page, 'login page (neutral theme)');
    await page.close();
  });

  it('an admin sets colours and a logo; a worker of that organisation sees them, a user of another does not', async () => {
    const admin = await pageFor();
    await logIn(admin, p.url, 'beheer@amsterdam.demo');
    await admin.getByRole('link', { name: 'Huisstijl' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Huisstijl' }).waitFor();
    await expectAccessible(admin, 'branding page (nl)');

    // A colour too light for white text is refused, with the pair and the ratios.
    await admin.getByLabel('Hoofdkleur (knoppen, tabelranden)').fill('#7fb2c0');
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText(/Te weinig contrast tussen tekst op hoofdkleur en hoofdkleur \(tekst op knoppen\): 2,[0-9]+:1, nodig is ten minste 4,5:1/).first().waitFor();
    await expectAccessible(admin, 'branding page with a refusal (nl)');

    for (const [label, value] of [
      ['Hoofdkleur (knoppen, tabelranden)', THEME.primary],
      ['Tekst op de hoofdkleur', THEME.primaryText],
      ['Achtergrond van de kop', THEME.headerBackground],
      ['Tekst in de kop', THEME.headerText],
      ['Achtergrond van de voet', THEME.footerBackground],
      ['Tekst in de voet', THEME.footerText],
    ] as const)
      await admin.getByLabel(label, { exact: true }).fill(value);
    // The preview box follows what is typed (branding-preview.js), before anything is saved.
    const previewHeader = await styleOf(admin, '.vs-theme-preview .vs-preview__header', 'backgroundColor');
    assert.equal(previewHeader, rgb(THEME.headerBackground));
    // A colour that fails its pair is not painted (the sample would fail WCAG itself); a note says so.
    await admin.getByLabel('Hoofdkleur (knoppen, tabelranden)').fill('#eeeeee');
    await admin.getByText('De gekozen kleuren hebben te weinig contrast', { exact: false }).first().waitFor();
    assert.equal(await styleOf(admin, '.vs-theme-preview .utrecht-button--primary-action', 'backgroundColor'), rgb(THEME.primary));
    await admin.getByLabel('Hoofdkleur (knoppen, tabelranden)').fill(THEME.primary);
    assert.equal(await admin.locator('[data-preview-held]').isHidden(), true);
    await admin.getByLabel('Naam in de kop').fill('Gemeente Amsterdam — Vroegsignalering');
    await admin.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(120, 40, [255, 255, 255]) });
    await admin.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await admin.getByText('Dit is een voorbeeld; er is nog niets opgeslagen.', { exact: false }).waitFor();
    assert.equal(await styleOf(admin, '.vs-theme-preview .vs-footer', 'backgroundColor'), rgb(THEME.footerBackground), 'the server-rendered preview');
    await expectAccessible(admin, 'branding preview (nl)');
    // The file input does not survive a round trip: choose the logo again and save.
    await admin.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(120, 40, [255, 255, 255]) });
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText('De huisstijl is opgeslagen.').waitFor();
    const adminLook = await painted(admin);
    assert.equal(adminLook.header?.bg, rgb(THEME.headerBackground));
    await expectAccessible(admin, 'branding page after saving (nl)');
    await admin.goto(`${p.url}/huisstijl?lang=en`);
    await admin.getByRole('heading', { level: 1, name: 'Branding' }).waitFor();
    await expectAccessible(admin, 'branding page (en)');
    await admin.getByLabel('Primary colour (buttons, table rules)').fill('#ffffff');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText(/Too little contrast between text on primary colour and primary colour \(text on buttons\): 1:1, at least 4\.5:1 is needed/).first().waitFor();
    await expectAccessible(admin, 'branding page with a refusal (en)');
    await admin.close();

    const worker = await pageFor();
    await logIn(worker, p.url, 'medewerker@amsterdam.demo');
    await worker.getByRole('heading', { level: 1 }).first().waitFor();
    const look = await painted(worker);
    assert.deepEqual(look.header, { bg: rgb(THEME.headerBackground), fg: rgb(THEME.headerText) });
    assert.deepEqual(look.footer, { bg: rgb(THEME.footerBackground), fg: rgb(THEME.footerText) });
    assert.equal(look.org, 'Gemeente Amsterdam — Vroegsignalering');
    assert.deepEqual(look.logo, { loaded: true, width: 120 });
    const button = await styleOf(worker, 'main .utrecht-button--primary-action', 'backgroundColor');
    if (button !== null) assert.equal(button, rgb(THEME.primary));
    await expectAccessible(worker, 'worklist in the organisation theme');
    await worker.close();

    const other = await pageFor();
    await logIn(other, p.url, 'medewerker@rotterdam.demo');
    await other.getByRole('heading', { level: 1 }).first().waitFor();
    const neutral = await painted(other);
    assert.deepEqual(neutral.header, { bg: rgb('#ffffff'), fg: rgb('#1a1a1a') });
    assert.deepEqual(neutral.footer, { bg: rgb('#2d3a45'), fg: rgb('#ffffff') });
    assert.equal(neutral.org, 'Gemeente Rotterdam');
    assert.equal(neutral.logo, null);
    // Asking for Amsterdam's stylesheet and logo by URL gives nothing.
    const css = await other.request.get(`${p.url}/thema/GM0363.css`);
    assert.equal(css.status(), 404);
    await other.close();
  });
});
