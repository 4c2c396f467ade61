import { addressKey, surnameKey } from '../../domain/matching/normalise-address.ts';
import { checkRectification, type RectifiableFieldName, type RectificationReason } from '../../domain/privacy/rectification.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { addressSubjectPseudonym } from '../../domain/intake/subject.ts';
import { findSignalsById, RECTIFIABLE, updateSignalFields } from '../../db/repositories/privacy.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireMunicipalityStaff } from './municipality-scope.ts';

export class RectificationRefused extends Error {
  constructor(
    public readonly field: string,
    public readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}

/**
 * Right to rectification (art. 16 AVG): corrects one field of a signal the caller's municipality
 * holds, with the keys derived from it (BSN pseudonym, household and surname keys), so matching
 * and access requests see the corrected person. The audit record names the field, never a value.
 * The content hash stays: the sender re-sending its original is still recognised as a duplicate.
 * The reason, when given, is one of RECTIFICATION_REASONS: a code, so no free text about the person
 * lands in the audit trail. Returns the field's value before and after, for the screen that asked;
 * undefined when the municipality holds no such signal (or it was already anonymised).
 */
export async function rectifySignal(
  deps: AppDeps,
  ctx: CallContext,
  input: { signalId: string; field: RectifiableFieldName; value: string | null; reason?: RectificationReason },
): Promise<{ before: string | null; after: string | null } | undefined> {
  const municipality = requireMunicipalityStaff(ctx, 'objections:register');
  const check = checkRectification(input.field, input.value);
  if (!check.ok) throw new RectificationRefused(input.field, check.message);
  return deps.db.transaction().execute(async (trx) => {
    const [s] = await findSignalsById(trx, municipality, [input.signalId]);
    if (!s || s.subject_pseudonym === '') return undefined;
    const column = RECTIFIABLE[input.field];
    const next = { ...s, [column]: check.value };
    const values: Parameters<typeof updateSignalFields>[2] = { [column]: check.value };
    if (input.field === 'bsn') values.bsn_pseudonym = check.value ? deps.pseudonymize('bsn', check.value) : null;
    if (input.field.startsWith('address.'))
      values.address_key = addressKey(next.postcode, next.house_number, next.house_number_addition) ?? s.address_key;
    if (input.field === 'person.surname' || input.field === 'person.prefix') values.surname_key = surnameKey(next.prefix, next.surname);
    // The subject's pseudonym follows the BSN where there is one, else the address (as at intake).
    values.subject_pseudonym = next.bsn
      ? deps.pseudonymize('bsn', next.bsn)
      : addressSubjectPseudonym(deps.pseudonymize, normalisePostcode(next.postcode ?? undefined), next.house_number, next.house_number_addition);
    await updateSignalFields(trx, input.signalId, values);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'subject.rectify',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'signal',
      objectIds: [input.signalId],
      subjectPseudonyms: [...new Set([s.subject_pseudonym, values.subject_pseudonym])],
      outcome: 'success',
      detail: { field: input.field, cleared: check.value === null, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return { before: s[column], after: check.value };
  });
}
