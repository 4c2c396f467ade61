import type { FastifyRequest } from 'fastify';
import type { Locale } from '../domain/i18n/index.ts';

/** The API's languages are the platform's (src/domain/i18n). */
export type Lang = Locale;

/** Dutch unless the client prefers English (Accept-Language, or the user's own setting). */
export function requestLang(req: FastifyRequest): Lang {
  if (req.session?.locale === 'en') return 'en';
  const q = (req.query as { lang?: string } | undefined)?.lang;
  if (q === 'en' || q === 'nl') return q;
  const al = req.headers['accept-language'];
  if (typeof al === 'string' && /^en\b/i.test(al.trim())) return 'en';
  return 'nl';
}
