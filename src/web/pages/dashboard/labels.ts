import type { Dimension, EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { LocalizedText } from '../../../domain/rules/judgement.ts';
import type { Locale } from '../../i18n/locale.ts';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { refusalTopic } from '../../../domain/rules/refusal-topics.ts';

/** Names for the keys the evaluation groups by: municipality codes and experiment arms. */
export interface GroupNames {
  municipalities: Readonly<Record<string, string>>;
  arms: Readonly<Record<string, LocalizedText>>;
  /** Queue names by id (the evaluation's groupNames when broken down by queue). */
  queues?: Readonly<Record<string, string>> | undefined;
}

/** A group key as people read it: "Amsterdam (GM0363)", an arm's name, "Totaal". */
export function groupLabel(names: GroupNames, locale: Locale, dimension: Dimension, key: string): string {
  const t = dashboardMessages(locale);
  if (key === 'totaal') return t('groupTotal');
  if (key === 'onbekend') return t('groupUnknown');
  if (key === 'geen groep') return t('groupNoArm');
  if (dimension === 'queue') return key === 'geen' ? t('groupNoQueue') : (names.queues?.[key] ?? key);
  if (dimension === 'municipality') return names.municipalities[key] ? `${names.municipalities[key]} (${key})` : key;
  if (dimension === 'arm') return textIn(names.arms[key], locale) ?? key;
  return key;
}

/** A refusal code in words (its topic: what the sender has to change), never the raw code. */
export function refusalReason(code: string, locale: Locale): string {
  return dashboardMessages(locale)(`reason_${refusalTopic(code)}`);
}

/** The label of a table row: its group, and for refusals the reason and the article too. */
export function rowLabeller(names: GroupNames, locale: Locale, table: EvaluationTable) {
  return (r: EvaluationTable['rows'][number]): string => {
    const group = groupLabel(names, locale, table.dimension, String(r.group));
    if (table.key !== 'refusals') return group;
    const reason = `${refusalReason(String(r.code), locale)} (${String(r.article)})`;
    return table.dimension === 'total' ? reason : `${reason} — ${group}`;
  };
}
