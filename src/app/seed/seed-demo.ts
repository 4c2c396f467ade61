import type { Registers } from '../../domain/registers/registers.ts';
import { upsertOrganisation } from '../../db/repositories/organisations.ts';
import { countUsers, insertUser } from '../../db/repositories/users.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createApiKey } from '../users/create-api-key.ts';
import { systemContext } from '../auth/system-actor.ts';
import type { AppDeps } from '../context.ts';
import { seedDemoFrameworks } from '../worklist/seed-framework.ts';
import { seedExperiments } from './seed-experiments.ts';
import { seedDemoThemes } from './demo-themes.ts';
import { DEMO_PASSWORD, DEMO_SENDERS, DEMO_USERS, PLATFORM_ORGANISATIONS } from './demo-organisations.ts';

export interface SeedResult {
  created: boolean;
  users: Array<{ email: string; organisation: string; roles: string[] }>;
  apiKeys: Array<{ organisation: string; token: string }>;
}

const PROCESSOR_KINDS = new Set(['processor']);

/**
 * Makes every register organisation and municipality an organisation on the platform, and on an
 * empty database adds demo users and API keys. Safe to run at every start.
 */
export async function seedOrganisations(deps: AppDeps, registers: Registers): Promise<void> {
  for (const m of registers.municipalities)
    await upsertOrganisation(deps.db, { id: m.code, name: `Gemeente ${m.name}`, kind: 'municipality', municipality_code: m.code, register_id: m.code });
  for (const o of registers.organisations)
    await upsertOrganisation(deps.db, {
      id: o.id,
      name: o.name,
      kind: o.kinds.some((k) => PROCESSOR_KINDS.has(k)) ? 'processor' : 'creditor',
      register_id: o.id,
    });
  for (const o of PLATFORM_ORGANISATIONS) await upsertOrganisation(deps.db, { id: o.id, name: o.name, kind: o.kind });
  await seedExperiments(deps);
}

export async function seedDemo(deps: AppDeps, registers: Registers): Promise<SeedResult> {
  await seedOrganisations(deps, registers);
  if ((await countUsers(deps.db)) > 0) return { created: false, users: [], apiKeys: [] };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const known = new Set(registers.organisations.map((o) => o.id));
  const senders = DEMO_SENDERS.filter((s) => known.has(s));
  const users = [
    ...DEMO_USERS,
    ...senders.map((s) => ({ organisationId: s, email: `aanlevering@${s}.demo`, displayName: `Aanlevering ${s}`, roles: ['sender_admin'] })),
  ];
  for (const u of users)
    await insertUser(deps.db, { organisationId: u.organisationId, email: u.email, displayName: u.displayName, passwordHash, roles: [...u.roles] });

  await seedDemoFrameworks(deps);
  await seedDemoThemes(deps, new Set([...known, ...registers.municipalities.map((m) => m.code)]));

  const apiKeys: SeedResult['apiKeys'] = [];
  for (const s of senders) {
    const key = await createApiKey(deps, systemContext(s, 'demo-seed'), { name: 'demo', scopes: ['signals:submit', 'signals:read-own', 'batches:manage'] });
    apiKeys.push({ organisation: s, token: key.token });
  }
  return { created: true, users: users.map((u) => ({ email: u.email, organisation: u.organisationId, roles: [...u.roles] })), apiKeys };
}
