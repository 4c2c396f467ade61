import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listArms, listExperiments, listParticipants, listPreselectionRules } from '../../db/repositories/experiments.ts';
import type { AssignmentDesign } from '../../domain/experiments/arms.ts';
import type { PreselectionRule } from '../../domain/experiments/preselection.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import { toArmDesign, toPreselectionRule } from './mappers.ts';

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

const STALE_MS = 30_000;

/**
 * The experiments' configuration for the hot paths: loaded once, replaced after every change made
 * in this process, and re-read in the background when older than 30 s (changes made by another
 * process). Intake does a map lookup per accepted signal and never queries.
 */
export class ExperimentRuntime {
  private byRule = new Map<string, RunningExperiment[]>();
  private byMunicipality = new Map<string, RunningExperiment[]>();
  private anyMunicipality: RunningExperiment[] = [];
  private installedList: readonly RunningExperiment[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  /** Reloads may overlap (a background one and one after a change): only a newer read may replace an older. */
  private started = 0;
  private installed = 0;

  constructor(
    /** The rule book the designations are read from (one source of truth). */
    readonly ruleBook: RuleBook,
    private readonly db?: Kysely<DB>,
    private readonly clock: () => number = Date.now,
  ) {}

  async reload(db: Kysely<DB> | undefined = this.db): Promise<void> {
    if (!db) return;
    const generation = ++this.started;
    const rows = await listExperiments(db, { stage: 'running' });
    const ids = rows.map((r) => r.id);
    const [participants, rules, arms] = await Promise.all([listParticipants(db, ids), listPreselectionRules(db, ids), listArms(db, ids)]);
    const list: RunningExperiment[] = rows.map((r) => {
      const mine = participants.filter((p) => p.experiment_id === r.id);
      return {
        id: r.id,
        name: { nl: r.name_nl, en: r.name_en },
        ruleIds: new Set(r.rule_ids),
        municipalities: new Set(mine.filter((p) => p.role === 'municipality' && p.municipality_code).map((p) => p.municipality_code!)),
        senders: new Set(mine.filter((p) => (p.role === 'creditor' || p.role === 'processor') && p.organisation_id).map((p) => p.organisation_id!)),
        preselection: rules.filter((x) => x.experiment_id === r.id).map(toPreselectionRule),
        design: { method: r.assignment_method, seed: r.assignment_seed, arms: arms.filter((a) => a.experiment_id === r.id).map(toArmDesign) },
      };
    });
    if (generation < this.installed) return;
    this.installed = generation;
    this.install(list);
  }

  /** Replaces the configuration (reload, or a test's own list). */
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
    this.installedList = list;
    this.loadedAt = this.clock();
  }

  /** The running experiments as installed (the same array until the next install: a cheap identity for snapshots). */
  running(): readonly RunningExperiment[] {
    this.refreshIfStale();
    return this.installedList;
  }

  private refreshIfStale(): void {
    if (!this.db || this.loading || this.clock() - this.loadedAt < STALE_MS) return;
    this.loading = this.reload()
      .catch(() => undefined) // keep the last good configuration; the next call tries again
      .finally(() => (this.loading = null));
  }

  /** Running experiments whose designation includes this rule. */
  forRule(ruleId: string): readonly RunningExperiment[] {
    this.refreshIfStale();
    return this.byRule.get(ruleId) ?? [];
  }

  /** Running experiments a signal to this municipality can belong to. */
  inMunicipality(code: string): readonly RunningExperiment[] {
    this.refreshIfStale();
    const own = this.byMunicipality.get(code) ?? [];
    return this.anyMunicipality.length === 0 ? own : [...own, ...this.anyMunicipality];
  }

  /** Whether a signal of this rule, municipality and sender belongs to the experiment. */
  static covers(e: RunningExperiment, s: { ruleId: string; municipalityCode: string; senderOrgId: string; creditorOrgId: string }): boolean {
    return (
      e.ruleIds.has(s.ruleId) &&
      (e.municipalities.size === 0 || e.municipalities.has(s.municipalityCode)) &&
      (e.senders.size === 0 || e.senders.has(s.senderOrgId) || e.senders.has(s.creditorOrgId))
    );
  }
}
