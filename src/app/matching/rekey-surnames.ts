import { rekeySurnames, signalsWithNonAsciiSurname, type SurnameRekey } from '../../db/repositories/surname-keys.ts';
import { surnameKey } from '../../domain/matching/normalise-address.ts';
import type { AppDeps } from '../context.ts';

const PER_TRANSACTION = 5000;

/**
 * Surname keys stored before names were transliterated (issue 18: 'Yılmaz' was 'ylmaz', now
 * 'yilmaz') are worked out again from the stored surname and written where they were copied —
 * signal, state, case and objections — so that matching and objections compare like with like.
 * Only signals with a character beyond ASCII are read; a second run changes nothing. Returns how
 * many signals got a new key.
 */
export async function rekeyStoredSurnames(deps: Pick<AppDeps, 'db'>): Promise<number> {
  let changed = 0;
  for (let after = '0'; ; ) {
    const rows = await signalsWithNonAsciiSurname(deps.db, after, PER_TRANSACTION);
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]!.id;
    const rekeys: SurnameRekey[] = [];
    for (const r of rows) {
      const key = surnameKey(r.prefix, r.surname);
      if (key !== r.surnameKey) rekeys.push({ signalId: r.id, subjectPseudonym: r.subjectPseudonym, municipality: r.municipality, from: r.surnameKey, to: key });
    }
    await deps.db.transaction().execute((trx) => rekeySurnames(trx, rekeys));
    changed += rekeys.length;
  }
}
