import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jpegHeader, solidPng, SVG_LOGO } from '../../../test/helpers/images.ts';
import { checkThemeContrast, contrastRatio } from './contrast.ts';
import { checkLogo, MAX_LOGO_BYTES } from './logo.ts';
import { NEUTRAL_THEME, parseHexColour, parseThemeColours } from './theme.ts';
import { themeStylesheet, themeTokens } from './tokens.ts';

test('contrast ratios are the WCAG 2.x ones', () => {
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
  // #767676 on white is the classic "just passes 4.5:1" grey.
  assert.ok(contrastRatio('#767676', '#ffffff') >= 4.5);
  assert.ok(contrastRatio('#777777', '#ffffff') < 4.5);
});

test('the neutral theme passes its own checks', () => {
  assert.deepEqual(checkThemeContrast(NEUTRAL_THEME), []);
});

test('a low-contrast pair is refused with both colours named and the ratio found and needed', () => {
  const issues = checkThemeContrast({ ...NEUTRAL_THEME, primary: '#ffcc00', primaryText: '#ffffff' });
  assert.deepEqual(
    issues.map((i) => [i.foreground, i.background, i.needed]),
    [
      ['primaryText', 'primary', 4.5],
      ['primary', 'page', 3],
    ],
  );
  assert.equal(issues[0]!.found, 1.51);
  assert.match(issues[0]!.message.nl, /tekst op hoofdkleur en hoofdkleur .*: 1,51:1, nodig is ten minste 4,5:1/);
  assert.match(issues[0]!.message.en, /text on primary colour and primary colour .*: 1\.51:1, at least 4\.5:1 is needed/);
  assert.match(issues[1]!.message.en, /page background \(white\).*at least 3:1/);
});

test('a ratio just under the bar is shown rounded down, never as passing', () => {
  // #777777 on white is 4.48:1.
  const [issue] = checkThemeContrast({ ...NEUTRAL_THEME, footerBackground: '#ffffff', footerText: '#777777' });
  assert.equal(issue?.foreground, 'footerText');
  assert.ok(issue.found < 4.5);
  assert.equal(issue.found, 4.47);
});

test('the header and footer pairs are text: 4.5:1', () => {
  const issues = checkThemeContrast({ ...NEUTRAL_THEME, headerBackground: '#1f4e79', headerText: '#4a7fb0', footerBackground: '#000000', footerText: '#333333' });
  assert.deepEqual(
    issues.map((i) => `${i.foreground}/${i.background}:${i.needed}`),
    ['headerText/headerBackground:4.5', 'footerText/footerBackground:4.5'],
  );
});

test('colours are hex only, stored as lower-case #rrggbb', () => {
  assert.equal(parseHexColour('#ABC'), '#aabbcc');
  assert.equal(parseHexColour(' 1F4E79 '), '#1f4e79');
  for (const bad of ['red', 'rgb(0,0,0)', '#12345', '#1f4e79; } body { display:none', 'var(--x)', '']) assert.equal(parseHexColour(bad), undefined, bad);
  const r = parseThemeColours({ ...NEUTRAL_THEME, headerText: 'blue' });
  assert.deepEqual(
    r.issues.map((i) => i.field),
    ['headerText'],
  );
  assert.match(r.issues[0]!.message.nl, /tekst in kop is geen kleur/);
});

test('the tokens are NL Design System names, and no Utrecht red is left in them', () => {
  const t = themeTokens(NEUTRAL_THEME);
  assert.equal(t['--utrecht-button-primary-action-background-color'], '#1f4e79');
  assert.equal(t['--utrecht-page-footer-background-color'], '#2d3a45');
  assert.equal(t['--utrecht-page-footer-background-image'], 'none');
  assert.equal(t['--utrecht-page-header-color'], '#1a1a1a');
  for (const v of Object.values(t)) assert.ok(!/red|cc0000/i.test(v));
  const css = themeStylesheet(NEUTRAL_THEME, '.vs-theme');
  assert.match(css, /^\.vs-theme \{\n {2}--utrecht-surface-background-color: #ffffff;/);
  assert.throws(() => themeStylesheet({ ...NEUTRAL_THEME, primary: '#fff; } * { display: none' }, '.vs-theme'), /not a colour/);
});

test('a logo is PNG or JPEG by its content, within the size and dimension limits', () => {
  assert.deepEqual(checkLogo(solidPng(120, 40)).logo, { type: 'image/png', width: 120, height: 40 });
  assert.deepEqual(checkLogo(jpegHeader(300, 100)).logo, { type: 'image/jpeg', width: 300, height: 100 });
  assert.match(checkLogo(SVG_LOGO).problem?.en ?? '', /PNG or JPEG.*no SVG/);
  assert.match(checkLogo(Buffer.from('GIF89a\x01\x00\x01\x00')).problem?.nl ?? '', /PNG- of JPEG/);
  assert.match(checkLogo(Buffer.from('not an image')).problem?.en ?? '', /PNG or JPEG/);
  assert.match(checkLogo(solidPng(10, 10)).problem?.en ?? '', /10 × 10 pixels; allowed is from 16 × 16 to 1200 × 600/);
  assert.match(checkLogo(solidPng(1300, 20)).problem?.nl ?? '', /1300 × 20 pixels/);
  const big = solidPng(100, 40, [0, 0, 0], MAX_LOGO_BYTES + 10);
  assert.ok(big.length > MAX_LOGO_BYTES);
  assert.match(checkLogo(big).problem?.en ?? '', /larger than 200 kB/);
});

test('each colour maps to the tokens it sets, for the preview script', async () => {
  const { tokensByField } = await import('./tokens.ts');
  const m = tokensByField();
  assert.ok(m.primary.includes('--utrecht-button-primary-action-background-color'));
  assert.deepEqual(m.footerText, ['--utrecht-page-footer-color']);
  assert.deepEqual(m.headerBackground, ['--utrecht-page-header-background-color', '--utrecht-nav-bar-background-color']);
});
