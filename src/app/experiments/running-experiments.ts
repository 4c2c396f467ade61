import type { AssignmentDesign } from '../../domain/experiments/arms.ts';
import type { PreselectionRule } from '../../domain/experiments/preselection.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';

/** What intake and matching need of one running experiment, held in memory. */
export interface RunningExperiment {
  id: string;
  name: LocalizedText;
  ruleIds: ReadonlySet<string>;
  /** Participating municipalities; empty: every municipality the designation names. */
  municipalities: ReadonlySet<string>;
  /** Participating creditors and processors; empty: every designated sender. */
  senders: ReadonlySet<string>;
  preselection: readonly PreselectionRule[];
  design: AssignmentDesign;
}

/** Whether a signal of this rule, municipality and sender belongs to the experiment. */
export function coversSignal(e: RunningExperiment, s: { ruleId: string; municipalityCode: string; senderOrgId: string; creditorOrgId: string }): boolean {
  return (
    e.ruleIds.has(s.ruleId) &&
    (e.municipalities.size === 0 || e.municipalities.has(s.municipalityCode)) &&
    (e.senders.size === 0 || e.senders.has(s.senderOrgId) || e.senders.has(s.creditorOrgId))
  );
}

/**
 * The running experiments indexed for the hot paths (a map lookup per signal), without any I/O:
 * what a worker thread judging a batch file holds. ExperimentRuntime adds loading from the database.
 */
export class RunningExperiments {
  private byRule = new Map<string, RunningExperiment[]>();
  private byMunicipality = new Map<string, RunningExperiment[]>();
  private anyMunicipality: RunningExperiment[] = [];
  private list: readonly RunningExperiment[] = [];

  /** Replaces the configuration (a reload, a snapshot, or a test's own list). */
  install(list: readonly RunningExperiment[]): void {
    const byRule = new Map<string, RunningExperiment[]>();
    const byMunicipality = new Map<string, RunningExperiment[]>();
    const anyMunicipality: RunningExperiment[] = [];
    for (const e of list) {
      for (const id of e.ruleIds) byRule.set(id, [...(byRule.get(id) ?? []), e]);
      if (e.municipalities.size === 0) anyMunicipality.push(e);
      for (const m of e.municipalities) byMunicipality.set(m, [...(byMunicipality.get(m) ?? []), e]);
    }
    this.byRule = byRule;
    this.byMunicipality = byMunicipality;
    this.anyMunicipality = anyMunicipality;
    this.list = list;
  }

  /** Running experiments whose designation includes this rule. */
  forRule(ruleId: string): readonly RunningExperiment[] {
    return this.byRule.get(ruleId) ?? [];
  }

  /** Running experiments a signal to this municipality can belong to. */
  inMunicipality(code: string): readonly RunningExperiment[] {
    const own = this.byMunicipality.get(code) ?? [];
    return this.anyMunicipality.length === 0 ? own : [...own, ...this.anyMunicipality];
  }

  /** The experiments as installed (the same array until the next install: a cheap identity for snapshots). */
  running(): readonly RunningExperiment[] {
    return this.list;
  }
}
