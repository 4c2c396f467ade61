#!/usr/bin/env node
// Runs every *.test.ts under src/, rules/ and test/ with Node's own test runner (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const dirs = roots.length ? roots : ['src', 'rules', 'test'];

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = join(dir, e);
    // Browser tests need chromium and take long: only `npm run test:browser` (or naming the folder) runs them.
    if (roots.length === 0 && p === join('test', 'browser')) continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.test.ts') || e.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => (d.endsWith('.test.ts') ? [d] : walk(d, []))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...files], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(res.status ?? 1);
