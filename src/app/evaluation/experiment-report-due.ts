import type { RuleBook } from '../../domain/rules/rule-book.ts';
import { reportDue, type ReportDue } from '../../domain/evaluation/report-due.ts';
import { regulationOf } from './build-article-report.ts';

/**
 * When the art. 1.3 report of an experiment is due: three years after the regulation that
 * designates its rules came into force (the same regulation the report itself names). Null when
 * the rule book holds none of its rules (an experiment still without a designation).
 */
export function experimentReportDue(book: RuleBook, ruleIds: readonly string[], today: string): (ReportDue & { regulationTitle: string }) | null {
  if (ruleIds.length === 0) return null;
  const regulation = regulationOf(book, undefined, ruleIds);
  return regulation ? { ...reportDue(regulation.inForceFrom, today), regulationTitle: regulation.title } : null;
}
