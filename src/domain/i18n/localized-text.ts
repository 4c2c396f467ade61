import { LOCALES, type Locale } from './locale.ts';
import { fill, type Vars } from './messages.ts';

/**
 * One text in every language, as data: a refusal or a file's refusal travels as JSON with both
 * languages (the API, batch results and the worklist each pick their own), so it carries them all
 * instead of a catalog key.
 */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** The one way to pick a language from a LocalizedText (of one that may be absent, as `?.` would). */
export function textIn(text: LocalizedText, locale: Locale): string;
export function textIn(text: LocalizedText | null | undefined, locale: Locale): string | undefined;
export function textIn(text: LocalizedText | null | undefined, locale: Locale): string | undefined {
  return text?.[locale];
}

/** A text that has no translation (a value, an identifier, a message from elsewhere): the same in every language. */
export function untranslated(text: string): LocalizedText {
  return { nl: text, en: text };
}

/** Several texts as one, language by language (the refusals of one signal, as one problem detail). */
export function joinTexts(texts: readonly LocalizedText[], separator: string): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, texts.map((t) => t[l]).join(separator)])) as Record<Locale, string>;
}

/** Fills `{name}` placeholders in every language of a text (a refusal's template, with its values). */
export function fillText(text: LocalizedText, vars: Vars): LocalizedText {
  const out = {} as Record<Locale, string>;
  for (const l of LOCALES) out[l] = fill(text[l], vars);
  return out;
}
