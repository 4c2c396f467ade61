import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrpConfigError, parseBrpConnections } from './brp-connection.ts';

describe('BRP configuration per municipality', () => {
  const files: Record<string, string> = { 'client.pem': 'CERT', 'client.key': 'KEY', 'secret.txt': 's3cret\n' };
  const read = (f: string) => files[f] ?? assert.fail(`no file ${f}`);

  it('reads OAuth2 from an environment variable or a file, mTLS from files, defaults and on/off', () => {
    const [a, b, c] = parseBrpConnections(
      {
        municipalities: [
          { municipality: 'GM0363', personenUrl: 'https://brp.example/haalcentraal/api/brp/', bewoningUrl: 'https://brp.example/bewoning', oauth2: { tokenUrl: 'https://brp.example/token', clientId: 'vs', clientSecretEnv: 'BRP_GM0363_SECRET' } },
          { municipality: 'GM0599', personenUrl: 'https://brp.example/brp', oauth2: { tokenUrl: 'https://brp.example/token', clientId: 'vs', clientSecretFile: 'secret.txt' }, tls: { certFile: 'client.pem', keyFile: 'client.key' }, timeoutMs: 2000, concurrency: 4 },
          { municipality: 'GM0518', enabled: false, personenUrl: 'https://brp.example/brp', oauth2: { tokenUrl: 'https://brp.example/token', clientId: 'vs', clientSecretEnv: 'UNSET' } },
        ],
      },
      { BRP_GM0363_SECRET: 'from-env' },
      read,
    );
    assert.equal(a!.personenUrl, 'https://brp.example/haalcentraal/api/brp');
    assert.equal(a!.oauth2?.clientSecret, 'from-env');
    assert.deepEqual([a!.timeoutMs, a!.retries, a!.concurrency, a!.enabled], [5000, 2, 8, true]);
    assert.equal(b!.oauth2?.clientSecret, 's3cret');
    assert.deepEqual(b!.tls, { cert: 'CERT', key: 'KEY' });
    assert.equal(b!.bewoningUrl, undefined);
    // Switched off: its secret need not be present.
    assert.equal(c!.enabled, false);
    assert.equal(c!.oauth2, undefined);
  });

  it('refuses a secret written in the file, a missing variable and a bad municipality code', () => {
    const conn = (m: Record<string, unknown>) => () => parseBrpConnections({ municipalities: [{ municipality: 'GM0363', personenUrl: 'https://x', ...m }] }, {}, read);
    assert.throws(conn({ oauth2: { tokenUrl: 'https://x/t', clientId: 'vs', clientSecret: 'inline' } }), BrpConfigError);
    assert.throws(conn({ oauth2: { tokenUrl: 'https://x/t', clientId: 'vs', clientSecretEnv: 'NOPE' } }), /NOPE is not set/);
    assert.throws(() => parseBrpConnections({ municipalities: [{ municipality: '0363', personenUrl: 'https://x' }] }, {}, read), /GM and four digits/);
  });
});
