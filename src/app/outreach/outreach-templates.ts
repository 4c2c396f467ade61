import { appendAudit } from '../../db/repositories/audit.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { getOutreachTemplate, upsertOutreachTemplate } from '../../db/repositories/outreach.ts';
import { defaultTemplate, municipalityShortName, validateTemplate, type Channel, type Language, type Template } from '../../domain/outreach/templates.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, WorklistInputError } from '../worklist/own-municipality.ts';

/** The municipality's own template, or the platform's default until it wrote one. */
export async function templateOf(db: AppDeps['db'], municipality: string, channel: Channel, language: Language): Promise<Template & { own: boolean }> {
  const r = await getOutreachTemplate(db, municipality, channel, language);
  if (!r) return { ...defaultTemplate(channel, language), own: false };
  return { channel, language, subject: r.subject, body: r.body, contactPerson: r.contact_person, contactPhone: r.contact_phone, own: true };
}

/** The municipality's name as the letters say it ("Amsterdam"). */
export async function municipalityNameOf(deps: AppDeps, ctx: CallContext): Promise<string> {
  const org = await getOrganisation(deps.db, ctx.actor.organisationId);
  return municipalityShortName(org?.name ?? '');
}

export async function getOutreachTemplateOf(deps: AppDeps, ctx: CallContext, channel: Channel, language: Language): Promise<Template & { own: boolean }> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  return templateOf(deps.db, municipality, channel, language);
}

/** The coordinator writes the municipality's own text; refused per field when it would not merge or send. */
export async function saveOutreachTemplate(deps: AppDeps, ctx: CallContext, t: Template): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const errors = validateTemplate(t);
  if (Object.keys(errors).length) throw new WorklistInputError(errors as Record<string, string>);
  await deps.db.transaction().execute(async (trx) => {
    await upsertOutreachTemplate(trx, { municipality, ...t, updatedBy: ctx.actor.type === 'user' ? ctx.actor.id : null });
    await appendAudit(trx, { ...auditActor(ctx), activity: 'outreach.template-save', objectType: 'outreach_template', objectIds: [`${municipality}/${t.channel}/${t.language}`], outcome: 'success', detail: { channel: t.channel, language: t.language } });
  });
}
