/** Any origin will do: only whether the target stays on it matters. */
const BASE = 'https://vroegsignaal.invalid';

/**
 * Where the browser may be sent after a login or a form: only a path on this site. The target is
 * parsed by the WHATWG URL parser (the one browsers follow), so what we check is what the browser
 * will do: it strips tabs and newlines (`/%09/evil.example` becomes `//evil.example`), reads `\`
 * as `/`, and resolves `..` and percent-escapes the same way. Anything that leaves this origin, or
 * does not start as a path, gives `fallback`. The answer is re-serialised by the parser, so it
 * holds no control characters that could break the Location header.
 */
export function safeRedirectPath(target: string, fallback = '/'): string {
  if (!target.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const out = `${url.pathname}${url.search}${url.hash}`;
  // A path the parser left starting with `//` would be read as another host by the next parser.
  return out.startsWith('//') ? fallback : out;
}
