import { listEnabledProviders } from '../../db/repositories/identity-providers.ts';
import type { AppDeps } from '../context.ts';

/** The ways in besides a password that the login page offers: organisations' providers, eHerkenning. */
export interface LoginChoices {
  providers: { id: string; name: string }[];
  eherkenning: boolean;
}

export async function loginChoices(deps: AppDeps): Promise<LoginChoices> {
  const rows = await listEnabledProviders(deps.db);
  return { providers: rows.map((r) => ({ id: r.id, name: r.display_name })), eherkenning: !!deps.sso.eherkenning };
}
