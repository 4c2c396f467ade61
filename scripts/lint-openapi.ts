// Starts the platform on a throw-away database, fetches the OpenAPI document it serves, and lints
// it with the NL API Design Rules ruleset (Spectral). Exits non-zero on any error-level finding.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startPlatform } from '../src/platform.ts';

const ruleset = path.resolve('standards/adr/linter.yaml');
if (!existsSync(ruleset)) {
  console.error(`ruleset not found at ${ruleset}`);
  process.exit(1);
}
const platform = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', port: 0, seedDemo: false, logLevel: 'warn' });
const res = await fetch(`${platform.url}/v1/openapi.json`);
const spec = await res.text();
await platform.stop();
const dir = await mkdtemp(path.join(os.tmpdir(), 'vs-openapi-'));
const file = path.join(dir, 'openapi.json');
await writeFile(file, spec);
console.log(`served spec: ${spec.length} bytes, API-Version ${res.headers.get('api-version')}`);
const run = spawnSync('npx', ['spectral', 'lint', '--ruleset', ruleset, '--fail-severity', 'error', file], { stdio: 'inherit' });
process.exit(run.status ?? 1);
