import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listArms, listExperiments, listParticipants, listPreselectionRules } from '../../db/repositories/experiments.ts';
import { coversSignal, RunningExperiments, type RunningExperiment } from './running-experiments.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import { toArmDesign, toPreselectionRule } from './mappers.ts';

export type { RunningExperiment } from './running-experiments.ts';

const STALE_MS = 30_000;

/**
 * The experiments' configuration for the hot paths: loaded once, replaced after every change made
 * in this process, and re-read in the background when older than 30 s (changes made by another
 * process). Intake does a map lookup per accepted signal and never queries.
 */
export class ExperimentRuntime extends RunningExperiments {
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
  ) {
    super();
  }

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

  override install(list: readonly RunningExperiment[]): void {
    super.install(list);
    this.loadedAt = this.clock();
  }

  private refreshIfStale(): void {
    if (!this.db || this.loading || this.clock() - this.loadedAt < STALE_MS) return;
    this.loading = this.reload()
      .catch(() => undefined) // keep the last good configuration; the next call tries again
      .finally(() => (this.loading = null));
  }

  override forRule(ruleId: string): readonly RunningExperiment[] {
    this.refreshIfStale();
    return super.forRule(ruleId);
  }

  override inMunicipality(code: string): readonly RunningExperiment[] {
    this.refreshIfStale();
    return super.inMunicipality(code);
  }

  override running(): readonly RunningExperiment[] {
    this.refreshIfStale();
    return super.running();
  }

  /** Whether a signal of this rule, municipality and sender belongs to the experiment. */
  static covers = coversSignal;
}
