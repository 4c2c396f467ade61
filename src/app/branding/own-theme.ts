import { createHash } from 'node:crypto';
import { requirePermission } from '../../domain/access/actor.ts';
import { checkThemeContrast } from '../../domain/branding/contrast.ts';
import { checkLogo } from '../../domain/branding/logo.ts';
import { NEUTRAL_THEME, parseThemeColours, type ThemeColourField, type ThemeColours } from '../../domain/branding/theme.ts';
import type { LocalizedText } from '../../domain/i18n/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { deleteTheme, getTheme, putTheme, type ThemeWrite } from '../../db/repositories/organisation-themes.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

/** A theme refused, with every reason (a colour that is not one, a pair short of contrast, the logo). */
export class ThemeRefused extends Error {
  constructor(public readonly reasons: ReadonlyArray<{ field: ThemeColourField | 'displayName' | 'logo'; message: LocalizedText }>) {
    super(reasons.map((r) => r.message.en).join(' '));
  }
}

export interface ThemeInput {
  displayName: string;
  colours: Record<ThemeColourField, string>;
  /** The uploaded file; empty or absent: keep the stored logo. */
  logo?: Uint8Array;
  removeLogo?: boolean;
}

const MAX_NAME = 100;

/** The own organisation's theme for its admin screen: what is stored, else the neutral default. */
export async function getOwnTheme(deps: AppDeps, ctx: CallContext) {
  requirePermission(ctx.actor, 'users:manage');
  const [org, stored] = await Promise.all([getOrganisation(deps.db, ctx.actor.organisationId), getTheme(deps.db, ctx.actor.organisationId)]);
  return { organisationName: org?.name ?? '', stored: stored ?? null, colours: stored?.colours ?? NEUTRAL_THEME, displayName: stored?.displayName ?? '' };
}

/**
 * Checks a theme without storing it (the preview): the colours parsed, every pair's contrast, the
 * name. The logo is checked on save only: a preview shows colours.
 */
export function checkThemeInput(input: Pick<ThemeInput, 'displayName' | 'colours'>): { colours?: ThemeColours; reasons: ThemeRefused['reasons'] } {
  const reasons: Array<ThemeRefused['reasons'][number]> = [];
  const name = input.displayName.trim();
  if (name.length > MAX_NAME || /\p{Cc}/u.test(name))
    reasons.push({ field: 'displayName', message: { nl: `De naam mag ten hoogste ${MAX_NAME} tekens hebben.`, en: `The name may have at most ${MAX_NAME} characters.` } });
  const parsed = parseThemeColours(input.colours);
  if (!parsed.colours) return { reasons: [...reasons, ...parsed.issues] };
  for (const i of checkThemeContrast(parsed.colours)) reasons.push({ field: i.foreground, message: i.message });
  return { colours: parsed.colours, reasons };
}

/**
 * Saves the own organisation's name, colours and logo, each checked (WCAG 2.1 AA contrast, PNG or
 * JPEG within the limits). A refusal is audited too: it says someone tried, and with what.
 */
export async function saveOwnTheme(deps: AppDeps, ctx: CallContext, input: ThemeInput): Promise<void> {
  requirePermission(ctx.actor, 'users:manage');
  const orgId = ctx.actor.organisationId;
  const checked = checkThemeInput(input);
  const reasons = [...checked.reasons];
  let logo: ThemeWrite['logo'];
  if (input.logo && input.logo.byteLength > 0) {
    const l = checkLogo(input.logo);
    if (l.problem) reasons.push({ field: 'logo', message: l.problem });
    else logo = { bytes: input.logo, ...l.logo, sha256: createHash('sha256').update(input.logo).digest('hex') };
  } else if (input.removeLogo) logo = null;
  if (reasons.length || !checked.colours) {
    await appendAudit(deps.db, { ...auditBy(ctx), activity: 'organisation.theme', objectType: 'organisation', objectIds: [orgId], outcome: 'refused', detail: { reasons: reasons.map((r) => r.message.en) } });
    throw new ThemeRefused(reasons);
  }
  const colours = checked.colours;
  const displayName = input.displayName.trim() || null;
  await deps.db.transaction().execute(async (trx) => {
    await putTheme(trx, orgId, { displayName, colours, ...(logo !== undefined ? { logo } : {}) }, ctx.actor.type === 'user' ? ctx.actor.id : null, deps.now());
    const logoDetail = logo === undefined ? 'unchanged' : logo === null ? 'removed' : { type: logo.type, width: logo.width, height: logo.height, sha256: logo.sha256 };
    await appendAudit(trx, { ...auditBy(ctx), activity: 'organisation.theme', objectType: 'organisation', objectIds: [orgId], outcome: 'success', detail: { displayName, colours, logo: logoDetail } });
  });
}

/** Back to the platform's neutral theme: name, colours and logo removed. */
export async function resetOwnTheme(deps: AppDeps, ctx: CallContext): Promise<void> {
  requirePermission(ctx.actor, 'users:manage');
  const orgId = ctx.actor.organisationId;
  await deps.db.transaction().execute(async (trx) => {
    const had = await deleteTheme(trx, orgId);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'organisation.theme.reset', objectType: 'organisation', objectIds: [orgId], outcome: 'success', detail: { hadTheme: had } });
  });
}
