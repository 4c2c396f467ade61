// One lane of `npm test` (scripts/run-tests.mjs): a test process that takes the next test file
// from the run's shared queue, runs it as a suite named after the file, and takes the next one
// when that file's tests are done, until the queue is empty. The lanes (one per core) thus share
// the work as it comes, and each pays the start of a test process (tsx, the platform's modules,
// PGlite's WebAssembly) once rather than once per file.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';

const queue = process.env.VS_TEST_QUEUE;
if (!queue) throw new Error('VS_TEST_QUEUE is not set: run the tests with `npm test`');
const files = JSON.parse(readFileSync(join(queue, 'files.json'), 'utf8'));

/** The next file no lane has taken; a claim is a directory, so two lanes never take the same one. */
function claim() {
  for (let i = 0; i < files.length; i++) {
    try {
      mkdirSync(join(queue, `claimed-${i}`));
      return files[i];
    } catch {
      /* taken */
    }
  }
  return undefined;
}

for (let file = claim(); file !== undefined; file = claim()) {
  await new Promise((done) =>
    describe(file, async () => {
      try {
        await import(pathToFileURL(resolve(file)).href);
      } catch (e) {
        // A file that does not load fails as a test of its own; the lane goes on with the next.
        it('loads', () => {
          throw e;
        });
      }
      after(() => done());
    }),
  );
}
