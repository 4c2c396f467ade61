import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safeRedirectPath } from './safe-redirect.ts';

describe('safeRedirectPath', () => {
  it('keeps a same-site path with its query and fragment, resolved as a browser resolves it', () => {
    assert.equal(safeRedirectPath('/werklijst?queue=all#x'), '/werklijst?queue=all#x');
    assert.equal(safeRedirectPath('/zaken/../werklijst'), '/werklijst');
  });
  it('gives the fallback for anything a browser would take off-site, or that is no path', () => {
    for (const t of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', 'werklijst', '', 'javascript:alert(1)'])
      assert.equal(safeRedirectPath(t), '/', JSON.stringify(t));
  });
  it('re-serialises, so no control character reaches the Location header', () => {
    assert.equal(safeRedirectPath('/a\r\nSet-Cookie: x=1'), '/aSet-Cookie:%20x=1');
  });
});
