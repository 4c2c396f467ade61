import { digestCases } from '../../db/repositories/digest.ts';
import { buildDigest, digestWindow, type Digest } from '../../domain/worklist/digest.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { ownMunicipality } from '../worklist/own-municipality.ts';

/**
 * The caller's digest for the start page: their own open cases and the unassigned ones. Case
 * numbers and dates only, like the worklist's count of overdue cases; opening a case is what reads
 * (and audits) personal data.
 */
export async function ownDigest(deps: AppDeps, ctx: CallContext): Promise<Digest> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  const today = dutchToday(deps.now());
  const rows = await digestCases(deps.db, { municipality, users: [ctx.actor.id], ...digestWindow(today) });
  return buildDigest(today, rows.map((r) => ({ id: r.id, crisis: r.crisis, openedOn: r.openedOn, due: r.due, own: r.assignedTo !== null })));
}
