import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCALES } from './locale.ts';
import { defineMessages } from './messages.ts';

const SRC = join(import.meta.dirname, '..', '..');

/** Every source file that defines a catalog: found, not listed, so a new catalog is checked without being named here. */
function catalogFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return catalogFiles(path);
    if (!/\.tsx?$/.test(e.name) || e.name.endsWith('.test.ts') || path.startsWith(import.meta.dirname)) return [];
    return /\bdefineMessages\(/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

test('every catalog has the same keys in every language, and no empty text', async () => {
  const files = catalogFiles(SRC);
  assert.ok(files.length >= 8, `expected the web's and the API's catalogs, found ${files.length}`);
  let catalogs = 0;
  for (const file of files) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || !('messages' in value)) continue;
      catalogs++;
      const messages = (value as { messages: Record<string, Record<string, string>> }).messages;
      const where = `${relative(SRC, file)} ${name}`;
      const nlKeys = Object.keys(messages.nl!).sort();
      for (const locale of LOCALES) {
        assert.deepEqual(Object.keys(messages[locale]!).sort(), nlKeys, `${where}: ${locale} has other keys than nl`);
        for (const key of nlKeys) assert.ok(messages[locale]![key]!.trim() !== '', `${where}: ${locale}.${key} is empty`);
      }
    }
  }
  assert.ok(catalogs >= files.length, `every file with defineMessages exports its catalog (${catalogs} of ${files.length})`);
});

test('a placeholder is filled in every language; an unknown one stays visible', () => {
  const m = defineMessages({ nl: { hi: 'Hallo {name}, {missing}' }, en: { hi: 'Hello {name}, {missing}' } });
  assert.equal(m('nl')('hi', { name: 'Anna' }), 'Hallo Anna, {missing}');
  assert.deepEqual(m.inAll('hi', { name: 'Anna' }), { nl: 'Hallo Anna, {missing}', en: 'Hello Anna, {missing}' });
});
