import type { AllowedCategories } from '../../../app/worklist/open-case.ts';
import type { Citation, LocalizedText } from '../../../domain/rules/judgement.ts';
import type { RuleBook } from '../../../domain/rules/rule-book.ts';
import type { DataCategory } from '../../../domain/signals/signal.ts';
import type { Locale } from '../../i18n/locale.ts';
import { textIn } from '../../../domain/i18n/index.ts';

export interface RuleData {
  signalTypes: string[];
  label(type: string, locale: Locale): string;
  allowed: AllowedCategories;
  dataCitation(regulationVersion: string, ruleId: string): Citation | undefined;
}

/**
 * What the rule data says for the worklist's screens: signal type names, and per accepted
 * signal (its regulation version and rule) which data categories the sender was allowed to give.
 */
export function ruleDataOf(book: RuleBook): RuleData {
  const infos = book.signalTypes();
  const labels = new Map<string, LocalizedText>();
  const categories = new Map<string, readonly DataCategory[]>();
  for (const i of infos) {
    if (!labels.has(i.signalType)) labels.set(i.signalType, i.label);
    categories.set(`${i.regulationVersion}#${i.ruleId}`, i.dataCategories);
  }
  const citations = new Map<string, Citation>();
  for (const rules of book.rulesByType.values()) for (const r of rules) citations.set(`${r.versionKey}#${r.id}`, r.dataCitation);
  return {
    signalTypes: [...labels.keys()].sort(),
    label: (type, locale) => textIn(labels.get(type), locale) ?? type,
    allowed: (v, id) => categories.get(`${v}#${id}`),
    dataCitation: (v, id) => citations.get(`${v}#${id}`),
  };
}

/**
 * A signal type's name for a page, from the rule data. A type the rule data does not know (an
 * experiment's placeholder for a signal not yet designated) is shown as such, its code labelled.
 */
export function signalTypeNamer(book: RuleBook, locale: Locale): (type: string) => string {
  const names = new Map(book.signalTypes().map((i) => [i.signalType, i.label] as const));
  return (type) => {
    const label = names.get(type);
    if (label) return textIn(label, locale) ?? type;
    return locale === 'en' ? `signal type not designated (code ${type})` : `niet-aangewezen signaalsoort (code ${type})`;
  };
}
