import type { Kysely } from 'kysely';
import { emptyParsedSignal } from '../../domain/rules/check-signal-input.ts';
import { evaluate } from '../../domain/rules/evaluate.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import type { DB } from '../../db/schema.ts';
import { listUnregisteredSenders } from '../../db/repositories/organisations.ts';
import type { SignalJudge } from './signal-judge.ts';

/**
 * The judge intake uses: the pure evaluator over the rule book, with the creditors onboarded in the
 * database (landlords, energy companies… not named in any regulation) added as organisations.
 * Reload after onboarding an organisation; the book itself never changes at runtime.
 */
export class RuleBookJudge implements SignalJudge {
  constructor(private book: RuleBook) {}

  get ruleBook(): RuleBook {
    return this.book;
  }

  /** Lent to every evaluation: judging is synchronous, so one per judge is never in use twice. */
  private readonly scratch = emptyParsedSignal();

  judge(signal: Parameters<SignalJudge['judge']>[0], sender: Parameters<SignalJudge['judge']>[1]) {
    return evaluate(signal, sender, this.book, this.scratch);
  }

  async reloadOrganisations(db: Kysely<DB>): Promise<void> {
    const rows = await listUnregisteredSenders(db);
    const extra: OrganisationProfile[] = rows
      .filter((r) => r.creditor_kinds.length > 0)
      .map((r) => ({ id: r.id, name: r.name, kinds: r.creditor_kinds }));
    this.book = this.book.withOrganisations(extra);
  }
}
