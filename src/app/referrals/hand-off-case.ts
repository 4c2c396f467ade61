import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, signalsOfCase } from '../../db/repositories/case-work.ts';
import { insertReferral, referralEndpointOf, referralOfCase } from '../../db/repositories/referrals.ts';
import { isReferralResult } from '../../domain/referrals/eligibility.ts';
import { referralPayload } from '../../domain/referrals/payload.ts';
import type { DataCategory } from '../../domain/signals/signal.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from '../worklist/own-municipality.ts';

/** Per accepted signal (its regulation version and rule), the data categories its sender was allowed to give. */
function categoriesOf(deps: AppDeps): (regulationVersion: string, ruleId: string) => readonly DataCategory[] {
  const m = new Map(deps.rules.signalTypes().map((i) => [`${i.regulationVersion}#${i.ruleId}`, i.dataCategories] as const));
  return (v, id) => m.get(`${v}#${id}`) ?? [];
}

/**
 * Hands a closed case with a financial follow-up or referral result to the municipality's debt-help
 * system, with the resident's consent as the worker records it (who, when). The referral is written
 * in this transaction and delivered by the job queue (deliver-referrals.ts): an answer of the
 * receiver never decides whether the hand-off itself is kept.
 */
export async function handOffCase(deps: AppDeps, ctx: CallContext, caseId: string, input: { consent: string }): Promise<{ referralId: string }> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  if (ctx.actor.type !== 'user') throw new WorklistInputError({ consent: 'consent is recorded by a person' });
  return deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    if (c.status !== 'closed' || !isReferralResult(c.result)) throw new WorklistInputError({ consent: 'not eligible' });
    if (input.consent !== 'yes') throw new WorklistInputError({ consent: 'consent required' });
    if (!(await referralEndpointOf(trx, municipality))) throw new WorklistInputError({ consent: 'no endpoint' });
    if (await referralOfCase(trx, municipality, c.id)) throw new WorklistInputError({ consent: 'already handed off' });
    const allowed = categoriesOf(deps);
    const signals = await signalsOfCase(trx, municipality, c.id);
    const id = randomUUID();
    const at = deps.now();
    const payload = referralPayload({
      referralId: id,
      createdAt: at,
      municipalityCode: municipality,
      caseId: c.id,
      result: c.result!,
      consentBy: ctx.actor.label,
      signals: signals.map((s) => ({
        creditorName: s.creditor_name,
        signalType: s.signal_type,
        partnerType: deps.rules.ddasPartnerOf(s.signal_type),
        signalDate: String(s.signal_date).slice(0, 10),
        categories: allowed(s.regulation_version, s.rule_id),
        amountCents: s.amount_cents,
        initials: s.initials,
        givenName: s.given_name,
        prefix: s.prefix,
        surname: s.surname,
        street: s.street,
        houseNumber: s.house_number,
        houseNumberAddition: s.house_number_addition,
        postcode: s.postcode,
        city: s.city,
        phone: s.phone,
        email: s.email,
      })),
    });
    await insertReferral(trx, { id, caseId: c.id, municipality, result: c.result!, consentBy: ctx.actor.id, at, payload });
    await appendCaseEvents(trx, [{ caseId: c.id, municipality, kind: 'referral', detail: { referralId: id }, ...timelineActor(ctx) }]);
    const pseudonyms = [...new Set([c.bsn_pseudonym, ...signals.map((s) => s.subject_pseudonym)].filter((p): p is string => !!p))];
    await appendAudit(trx, {
      ...auditActor(ctx),
      activity: 'referral.hand-off',
      objectType: 'case',
      objectIds: [c.id],
      subjectPseudonyms: pseudonyms,
      outcome: 'success',
      detail: { referralId: id, result: c.result, consent: true, signals: signals.length },
    });
    return { referralId: id };
  });
}
