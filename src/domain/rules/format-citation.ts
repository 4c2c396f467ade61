import type { Citation } from './judgement.ts';

/**
 * The one way a citation is written out, everywhere (API problems, result files, `check`, web pages,
 * reports): "Tijdelijke regeling signaal betalingsachterstanden, art. 2.2 lid 2 onder a"; in English
 * the usual short form "art. 2.2(2)(a)".
 */
export function formatCitation(c: Pick<Citation, 'title' | 'article' | 'paragraph' | 'item'>, locale: 'nl' | 'en' = 'nl'): string {
  return `${c.title}, ${articleOf(c, locale)}`;
}

/** Only the article part: "art. 2.2 lid 2 onder a" (en: "art. 2.2(2)(a)"). */
export function articleOf(c: Pick<Citation, 'article' | 'paragraph' | 'item'>, locale: 'nl' | 'en' = 'nl'): string {
  const para = c.paragraph === undefined || c.paragraph === '' ? '' : locale === 'nl' ? ` lid ${c.paragraph}` : `(${c.paragraph})`;
  const item = c.item === undefined || c.item === '' ? '' : locale === 'nl' ? ` onder ${c.item}` : `(${c.item})`;
  return `art. ${c.article}${para}${item}`;
}
