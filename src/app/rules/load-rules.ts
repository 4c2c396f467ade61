import { loadRuleBook } from './load-rule-files.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';

/** Loads and checks the rule files (rules/) once at start-up; a broken rule file stops the start. */
export async function loadRules(dirs?: readonly string[]): Promise<{ book: RuleBook }> {
  return { book: dirs ? loadRuleBook(dirs) : loadRuleBook() };
}
