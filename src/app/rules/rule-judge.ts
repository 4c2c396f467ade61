import type { Kysely } from 'kysely';
import { emptyParsedSignal } from '../../domain/rules/check-signal-input.ts';
import { evaluate } from '../../domain/rules/evaluate.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import type { DB } from '../../db/schema.ts';
import { listUnregisteredSenders } from '../../db/repositories/organisations.ts';
import type { SignalJudge } from './signal-judge.ts';

/** Organisations onboarded by another process are seen after at most this long. */
const STALE_MS = 30_000;

const keyOf = (orgs: readonly OrganisationProfile[]) =>
  orgs
    .map((o) => `${o.id}:${o.name}:${[...o.kinds].sort().join('+')}`)
    .sort()
    .join('|');

/**
 * The judge intake uses: the pure evaluator over the rule book, with the creditors onboarded in the
 * database (landlords, energy companies… not named in any regulation) added as organisations. It
 * keeps itself current: onboarding in this process reloads it (onboard-creditor.ts), and one in
 * another process shows within 30 s, re-read in the background as the experiments are. The
 * regulations themselves never change at runtime.
 */
export class RuleBookJudge implements SignalJudge {
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private organisationsKey = '';

  constructor(
    private book: RuleBook,
    /** Without a database (a worker thread's copy) the book stays as given. */
    private readonly db?: Kysely<DB>,
    private readonly clock: () => number = Date.now,
  ) {}

  get ruleBook(): RuleBook {
    return this.book;
  }

  /** Lent to every evaluation: judging is synchronous, so one per judge is never in use twice. */
  private readonly scratch = emptyParsedSignal();

  judge(signal: Parameters<SignalJudge['judge']>[0], sender: Parameters<SignalJudge['judge']>[1]) {
    if (this.db !== undefined && this.clock() - this.loadedAt >= STALE_MS) this.refreshInBackground();
    return evaluate(signal, sender, this.book, this.scratch);
  }

  /** Re-reads the onboarded organisations; the book is replaced only when they changed. */
  async reload(): Promise<void> {
    if (!this.db) return;
    const rows = await listUnregisteredSenders(this.db);
    const extra: OrganisationProfile[] = rows
      .filter((r) => r.creditor_kinds.length > 0)
      .map((r) => ({ id: r.id, name: r.name, kinds: r.creditor_kinds }));
    this.loadedAt = this.clock();
    const key = keyOf(extra);
    if (key === this.organisationsKey) return;
    this.organisationsKey = key;
    this.book = this.book.withOrganisations(extra);
  }

  private refreshInBackground(): void {
    if (this.loading) return;
    this.loading = this.reload()
      .catch(() => undefined) // keep the organisations known; the next signal tries again
      .finally(() => (this.loading = null));
  }
}
