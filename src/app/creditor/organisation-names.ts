import { organisationNames as namesOf } from '../../db/repositories/organisations.ts';
import type { AppDeps } from '../context.ts';

/** Display names of organisations by id (names are public: the register lists them). */
export async function organisationNames(deps: AppDeps, ids: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await namesOf(deps.db, [...new Set(ids)]));
}
