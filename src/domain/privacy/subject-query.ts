import { addressKey, surnameKey } from '../matching/normalise-address.ts';
import { isValidBsn, isValidPostcode } from '../rules/input-checks.ts';
import type { LocalizedText } from '../rules/judgement.ts';

/**
 * How staff find one person for a data-subject request: by BSN, or by the household's address —
 * with the surname, so that other households at the address are left out.
 */
export type SubjectQuery = { bsn: string } | { postcode: string; houseNumber: string; houseNumberAddition?: string; surname?: string };

export type ResolvedSubject =
  | { kind: 'bsn'; bsn: string }
  | { kind: 'address'; addressKey: string; surnameKey: string | undefined };

export class SubjectQueryError extends Error {
  constructor(
    public readonly field: string,
    public readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}

export function resolveSubjectQuery(q: SubjectQuery): ResolvedSubject {
  if ('bsn' in q) {
    if (!isValidBsn(q.bsn)) throw new SubjectQueryError('bsn', { nl: 'Het BSN moet 9 cijfers zijn en de elfproef doorstaan.', en: 'The BSN must be 9 digits and pass the eleven test.' });
    return { kind: 'bsn', bsn: q.bsn };
  }
  if (!isValidPostcode(q.postcode)) throw new SubjectQueryError('postcode', { nl: 'De postcode moet 4 cijfers en 2 letters zijn (1234 AB).', en: 'The postcode must be 4 digits and 2 letters (1234 AB).' });
  const key = addressKey(q.postcode, q.houseNumber, q.houseNumberAddition);
  if (!key) throw new SubjectQueryError('houseNumber', { nl: 'Het huisnummer ontbreekt of is onleesbaar.', en: 'The house number is missing or unreadable.' });
  const sk = q.surname ? surnameKey(undefined, q.surname) : undefined;
  return { kind: 'address', addressKey: key, surnameKey: sk || undefined };
}
