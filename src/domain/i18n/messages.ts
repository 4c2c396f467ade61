import { LOCALES, type Locale } from './locale.ts';
import type { LocalizedText } from './localized-text.ts';

/** A catalog: the Dutch text is the source, every other language has the same keys. */
export type Messages<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

export type Vars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders from `vars`; an unknown placeholder stays as written, so a missing value shows. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (vars[k] === undefined ? whole : String(vars[k])));
}

/** A catalog's texts in one language: `t(key, vars)`. */
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

export interface Catalog<K extends string> {
  (locale: Locale): Translate<K>;
  /**
   * The text in every language, as data (for what is sent with all its languages, or rendered
   * later); `vars` may differ per language (a list joined with 'of' or 'or', a refusal's own text).
   */
  readonly inAll: (key: K, vars?: Vars | ((locale: Locale) => Vars)) => LocalizedText;
  /** The texts themselves, so a test can check every language has the same keys. */
  readonly messages: Messages<K>;
}

/**
 * Defines an area's texts. Each area keeps its own catalog beside its code (no shared file to
 * edit); `catalog(locale)(key, vars)` gives one text, `catalog.inAll(key, vars)` all of its languages.
 */
export function defineMessages<K extends string>(messages: Messages<K>): Catalog<K> {
  const translate = (locale: Locale): Translate<K> => (key, vars) => fill(messages[locale][key] ?? messages.nl[key], vars);
  // A loop, not Object.fromEntries over closures: refusals are worded here on intake's hot path.
  const inAll = (key: K, vars?: Vars | ((locale: Locale) => Vars)): LocalizedText => {
    const out = {} as Record<Locale, string>;
    for (const l of LOCALES) out[l] = fill(messages[l][key] ?? messages.nl[key], typeof vars === 'function' ? vars(l) : vars);
    return out;
  };
  return Object.assign(translate, { inAll, messages });
}
