import type { Citation, LocalizedText } from '../rules/judgement.ts';
import type { RuleBook } from '../rules/rule-book.ts';

/**
 * One source of truth: an experiment names the rule ids of its designation; who sends what to
 * whom, from when to when is read from the rule book (the dated files in rules/) — never stored
 * with the experiment. What is shown is what intake judges by.
 */
export interface DesignationVersion {
  ruleId: string;
  signalType: string;
  label: LocalizedText;
  /** '<regulation>/<valid_from>' */
  regulationVersion: string;
  regulationTitle: string;
  from: string;
  until: string | null;
  /** Who may send: organisation names, groups, kinds. */
  senders: string[];
  /** Receiving municipalities (names), or 'all'. */
  municipalities: Array<{ code: string; name: string }> | 'all';
  dataCategories: string[];
  citation: Citation;
}

export interface Designation {
  versions: DesignationVersion[];
  /** Rule ids the experiment names that the rule book does not contain. */
  missingRuleIds: string[];
  /** The first and last day any named rule applies, over all versions. */
  from: string | null;
  until: string | null;
}

function senderNames(spec: string, book: RuleBook): string[] {
  return spec
    .split(', ')
    .filter((s) => s !== '')
    .map((s) => {
      if (s.startsWith('kind:')) return `soort: ${s.slice(5)}`;
      if (s.startsWith('group:')) return book.registers.groups.find((g) => g.id === s.slice(6))?.name ?? s.slice(6);
      if (s === 'collector-of-designated-municipality') return 'invorderingsambtenaar van de aangewezen gemeente';
      return book.organisations.get(s)?.name ?? s;
    });
}

export function designationOf(book: RuleBook, ruleIds: readonly string[]): Designation {
  const wanted = new Set(ruleIds);
  const found = new Set<string>();
  const versions: DesignationVersion[] = [];
  for (const info of book.signalTypes()) {
    if (!wanted.has(info.ruleId)) continue;
    const compiled = book.rulesByType.get(info.signalType)?.find((r) => r.id === info.ruleId && r.versionKey === info.regulationVersion);
    if (!compiled) continue;
    found.add(info.ruleId);
    versions.push({
      ruleId: info.ruleId,
      signalType: info.signalType,
      label: info.label,
      regulationVersion: info.regulationVersion,
      regulationTitle: compiled.regulationTitle,
      from: info.from,
      until: info.until,
      senders: senderNames(info.senders, book),
      municipalities:
        info.municipalities === 'all'
          ? 'all'
          : info.municipalities.map((code) => ({ code, name: book.municipalities.get(code)?.name ?? code })),
      dataCategories: info.dataCategories,
      citation: compiled.designation,
    });
  }
  versions.sort((a, b) => (a.ruleId === b.ruleId ? (a.from < b.from ? -1 : 1) : a.ruleId < b.ruleId ? -1 : 1));
  const from = versions.reduce<string | null>((m, v) => (m === null || v.from < m ? v.from : m), null);
  const until = versions.some((v) => v.until === null) ? null : versions.reduce<string | null>((m, v) => (m === null || (v.until ?? '') > m ? v.until : m), null);
  return { versions, missingRuleIds: ruleIds.filter((id) => !found.has(id)), from, until };
}

/** Whether every named rule applies on `date` (a running experiment needs its signal designated). */
export function designatedOn(d: Designation, ruleIds: readonly string[], date: string): boolean {
  if (ruleIds.length === 0 || d.missingRuleIds.length > 0) return false;
  return ruleIds.every((id) => d.versions.some((v) => v.ruleId === id && v.from <= date && (v.until === null || date <= v.until)));
}
