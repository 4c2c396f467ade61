import { getOrganisation } from '../../db/repositories/organisations.ts';
import { replaceParticipants } from '../../db/repositories/experiments.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentInputError } from './errors.ts';
import { toParticipantView, type Contact } from './experiment-view.ts';

export interface ParticipantInput {
  /** An organisation on the platform; may be absent for a party not (yet) on it (e.g. DUO). */
  organisationId?: string | null;
  name?: string;
  role: 'municipality' | 'creditor' | 'processor' | 'other';
  municipalityCode?: string | null;
  /** Fixed contact persons (a lesson from the live experiments). */
  contacts: Contact[];
}

const ROLE_KIND: Record<string, readonly string[]> = { municipality: ['municipality'], creditor: ['creditor'], processor: ['processor', 'creditor'], other: [] };

/**
 * Replaces who takes part. A participant on the platform must exist and fit its role; a
 * municipality's CBS code comes from its organisation. A participant cannot remove itself from an
 * experiment it would then no longer see — only the ministry can.
 */
export async function setParticipants(deps: AppDeps, ctx: CallContext, id: string, input: { participants: ParticipantInput[]; reason: string }): Promise<void> {
  await changeExperiment(deps, ctx, id, { kind: 'participants', reason: input.reason }, async ({ trx, participants: before, standing }) => {
    const errors: Array<{ name: string; reason: string }> = [];
    const rows = [];
    for (const [i, p] of input.participants.entries()) {
      const org = p.organisationId ? await getOrganisation(trx, p.organisationId) : undefined;
      if (p.organisationId && !org) errors.push({ name: `participants.${i}.organisationId`, reason: `no organisation '${p.organisationId}' on the platform` });
      if (org && !ROLE_KIND[p.role]!.includes(org.kind)) errors.push({ name: `participants.${i}.role`, reason: `${org.name} is a ${org.kind}, not a ${p.role}` });
      const name = p.name ?? org?.name;
      if (!name) errors.push({ name: `participants.${i}.name`, reason: 'a participant without an organisation needs a name' });
      const municipalityCode = org?.municipality_code ?? p.municipalityCode ?? null;
      if (p.role === 'municipality' && !municipalityCode) errors.push({ name: `participants.${i}.municipalityCode`, reason: 'a municipality needs its CBS code' });
      rows.push({ organisation_id: org?.id ?? null, name: name ?? '', role: p.role, municipality_code: municipalityCode, contacts: JSON.stringify(p.contacts) });
    }
    const names = rows.map((r) => r.name);
    if (new Set(names).size !== names.length) errors.push({ name: 'participants', reason: 'a participant is listed twice' });
    if (standing === 'participant' && !rows.some((r) => r.organisation_id === ctx.actor.organisationId))
      errors.push({ name: 'participants', reason: 'you cannot remove your own organisation; ask the ministry' });
    if (errors.length > 0) throw new ExperimentInputError(errors);
    await replaceParticipants(trx, id, rows);
    // Contact persons are staff details: the history names who takes part, not how to reach them.
    return {
      changes: {
        from: before.map(toParticipantView).map((p) => `${p.name} (${p.role})`),
        to: rows.map((r) => `${r.name} (${r.role})`),
      },
    };
  });
}
