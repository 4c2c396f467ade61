/**
 * Simulation off the main thread: a forecast or a calibration year takes seconds of CPU, and the web
 * process must keep answering other requests meanwhile. The worker module reads `workerData`, does
 * its work and posts `{ result }` or `{ error }` once (postOutcome).
 */
import { parentPort, Worker } from 'node:worker_threads';

type Outcome<T> = { result: T } | { error: string };

/** In the worker: compute and post the outcome, an error as its message. */
export function postOutcome<T>(compute: () => T): void {
  let outcome: Outcome<T>;
  try {
    outcome = { result: compute() };
  } catch (e) {
    outcome = { error: (e as Error).message };
  }
  parentPort!.postMessage(outcome);
}

/**
 * Runs a worker module once with `data` and resolves with what it posts. Worker threads do not
 * inherit the TypeScript loader that `tsx` installs in the main thread, so a small bootstrap
 * registers it before importing the module (a compiled .js build skips it).
 */
export function runInWorker<T>(module: URL, data: unknown): Promise<T> {
  const url = module.href;
  const boot = url.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`
    : `import(${JSON.stringify(url)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: data });
    let settled = false;
    worker.once('message', (m: Outcome<T>) => {
      settled = true;
      if ('error' in m) reject(new Error(`${module.pathname.split('/').pop()}: ${m.error}`));
      else resolve(m.result);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`${module.pathname.split('/').pop()} exited with ${code} before it answered`));
    });
  });
}
