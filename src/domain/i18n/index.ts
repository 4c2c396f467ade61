// The one message mechanism of the platform (issue 22 point 6): catalogs for fixed texts, LocalizedText for texts sent as data.
export { DEFAULT_LOCALE, isLocale, type Locale } from './locale.ts';
export { fillText, joinTexts, textIn, untranslated, type LocalizedText } from './localized-text.ts';
export { defineMessages, type Catalog, type Messages, type Translate, type Vars } from './messages.ts';
