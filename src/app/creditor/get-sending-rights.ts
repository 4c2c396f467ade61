import { getOrganisation } from '../../db/repositories/organisations.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { citationsForRefusal, sendingRights, type Entitlement, type SendingRights } from '../../domain/rules/sending-rights.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import type { Citation } from '../../domain/rules/judgement.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';

/**
 * The rule book as intake sees this organisation: a creditor onboarded in the database (a landlord
 * not named in any regulation) is added with its kinds, as RuleBookJudge.reload does.
 */
async function bookFor(deps: AppDeps, organisationId: string): Promise<RuleBook> {
  const book = deps.experiments.ruleBook;
  if (book.organisations.has(organisationId)) return book;
  const org = await getOrganisation(deps.db, organisationId);
  if (!org || org.register_id !== null || org.creditor_kinds.length === 0) return book;
  return book.withOrganisations([...book.extraOrganisations.filter((o) => o.id !== org.id), { id: org.id, name: org.name, kinds: org.creditor_kinds }]);
}

/** "Wat mag ik aanleveren?" for the caller's organisation, from the rule data (no personal data: not audited). */
export async function getSendingRights(deps: AppDeps, ctx: CallContext): Promise<SendingRights & { today: string; book: RuleBook }> {
  requirePermission(ctx.actor, 'signals:submit');
  const book = await bookFor(deps, ctx.actor.organisationId);
  const today = dutchToday(deps.now());
  return { ...sendingRights(book, ctx.actor.organisationId, today), today, book };
}

/** For one refusal code: the articles of each designation this organisation has that the code comes from. */
export async function explainRefusalCode(deps: AppDeps, ctx: CallContext, code: string) {
  const rights = await getSendingRights(deps, ctx);
  const all: Array<{ entitlement: Entitlement; onBehalfOf: string | null }> = [
    ...rights.own.map((entitlement) => ({ entitlement, onBehalfOf: null })),
    ...rights.onBehalfOf.flatMap((x) => x.entitlements.map((entitlement) => ({ entitlement, onBehalfOf: x.creditor.name }))),
  ];
  const articles: Array<{ entitlement: Entitlement; onBehalfOf: string | null; citations: Citation[] }> = [];
  for (const a of all) {
    const citations = citationsForRefusal(a.entitlement, code);
    if (citations.length > 0) articles.push({ ...a, citations });
  }
  return { rights, articles };
}
