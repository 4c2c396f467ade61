#!/usr/bin/env node
// Runs every *.test.ts under src/, rules/ and test/ with Node's own test runner (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
//
// A test process costs seconds before its first test: loading tsx, the platform's module graph
// (Fastify, pg-boss, React, …) and PGlite's WebAssembly; one process per file paid that ~80 times.
// So the files run in lanes, one test process per core (scripts/test-lane.mjs), each taking the
// next file from a shared queue when it is done with one: every file becomes a suite named after
// it. `--isolate`, or naming folders or files, runs one process per file instead.
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('-'));
const isolate = args.includes('--isolate');
const flags = args.filter((a) => a.startsWith('-') && a !== '--isolate');
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

/**
 * A rough cost of a file, to start the long ones first (the lanes take files in this order, so the
 * run does not end with one lane still busy on a long file): a database or a whole platform costs
 * a few seconds each, a child process (a command-line run) more; the rest grows with the file.
 */
function weight(file) {
  const text = readFileSync(file, 'utf8');
  const count = (re) => (text.match(re) ?? []).length;
  const databases = count(/startTestPlatform\(|startPlatform\(|openDatabase\(|\.open\(\)/g);
  const processes = count(/\bspawn(Sync)?\(|\bexecFile(Sync)?\(|\bfork\(/g);
  return 5 * databases + 10 * processes + text.length / 1000;
}

const lanes = Math.max(2, availableParallelism());
let targets = files;
let queue;
if (!isolate && roots.length === 0) {
  queue = join(tmpdir(), 'vroegsignaal-tests', `run-${process.pid}`);
  mkdirSync(queue, { recursive: true });
  const ordered = files.map((f) => ({ f, w: weight(f) })).sort((a, b) => b.w - a.w).map((x) => x.f);
  writeFileSync(join(queue, 'files.json'), JSON.stringify(ordered));
  // Node's runner takes each path once: one small entry file per lane.
  const lane = new URL('./test-lane.mjs', import.meta.url).href;
  targets = Array.from({ length: lanes }, (_, i) => {
    const entry = join(queue, `lane-${i + 1}.mjs`);
    writeFileSync(entry, `import ${JSON.stringify(lane)};\n`);
    return entry;
  });
}

const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${lanes}`, ...flags, ...targets], {
  stdio: 'inherit',
  env: { ...process.env, ...(queue ? { VS_TEST_QUEUE: queue } : {}) },
});
if (queue) rmSync(queue, { recursive: true, force: true });
process.exit(res.status ?? 1);
