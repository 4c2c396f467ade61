import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FIGURES } from '../src/domain/evaluation/definitions.ts';

test("the README's glossary carries every figure's one definition, word for word", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const [key, f] of Object.entries(FIGURES)) {
    const row = readme.split('\n').find((l) => l.startsWith(`| ${f.label.en} (*${f.label.nl}*) |`));
    assert.ok(row, `README row for ${key}`);
    assert.ok(row.includes(f.definition.en), `README definition of ${key} matches definitions.ts`);
    assert.ok(row.includes(f.ddas ? `\`${f.ddas}\`` : '—'), `README DDAS term of ${key}`);
  }
});
