import { appendAudit } from '../../db/repositories/audit.ts';
import { getCaseOf } from '../../db/repositories/case-work.ts';
import { MailNotConfigured } from '../../domain/mail/mailer.ts';
import { e164, type SmsSender } from '../../domain/outreach/sms.ts';
import type { Recipient } from '../../domain/outreach/recipient.ts';
import { compose, letterDate, type Channel, type ComposedText, type Language } from '../../domain/outreach/templates.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import type { AllowedCategories } from '../worklist/open-case.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, WorklistInputError } from '../worklist/own-municipality.ts';
import { municipalityNameOf, templateOf } from './outreach-templates.ts';
import { recipientsOf } from './recipients.ts';
import { registerSent } from './register-sent.ts';

export interface CaseMessage extends ComposedText {
  channel: Channel;
  language: Language;
  /** Undefined: no signal's rule allowed contact details, so nothing can be sent. */
  recipient?: Recipient;
}

async function composeForCase(deps: AppDeps, ctx: CallContext, municipality: string, caseId: string, channel: Channel, language: Language, allowed: AllowedCategories): Promise<CaseMessage> {
  const c = await getCaseOf(deps.db, municipality, caseId);
  if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
  const recipient = (await recipientsOf(deps, municipality, [c.id], allowed)).get(c.id);
  const template = await templateOf(deps.db, municipality, channel, language);
  const gemeente = await municipalityNameOf(deps, ctx);
  const text = compose(template, { naam: recipient?.name ?? '', adres: recipient?.addressLines.join(', ') ?? '', gemeente, datum: letterDate(dutchToday(deps.now()), language) });
  return { ...text, channel, language, ...(recipient ? { recipient } : {}) };
}

/** What a message to the case's resident would say, merged, without sending it. */
export async function previewCaseMessage(deps: AppDeps, ctx: CallContext, caseId: string, channel: Channel, language: Language, allowed: AllowedCategories): Promise<CaseMessage> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  return composeForCase(deps, ctx, municipality, caseId, channel, language, allowed);
}

/**
 * E-mails the resident through deps.mailer, in the municipality's template, to the address a signal's
 * rule allowed; then registers the DDAS contact attempt 'Mail'. Refused when no allowed e-mail
 * address exists. The audit record names the case, never the address.
 */
export async function emailResident(deps: AppDeps, ctx: CallContext, caseId: string, language: Language, allowed: AllowedCategories): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  if (!deps.mailer) throw new MailNotConfigured();
  const m = await composeForCase(deps, ctx, municipality, caseId, 'email', language, allowed);
  const to = m.recipient?.email;
  if (!to) throw new WorklistInputError({ email: 'no e-mail address that a signal was allowed to provide' });
  try {
    await deps.mailer.send({ to, subject: m.subject, text: m.body, html: htmlOf(m.body) });
  } catch (e) {
    await appendAudit(deps.db, { ...auditActor(ctx), activity: 'outreach.email', objectType: 'case', objectIds: [caseId], outcome: 'error', detail: { channel: 'email', language } });
    throw e;
  }
  await registerSent(deps, ctx, municipality, [caseId], 'email', language);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlOf(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * Texts the resident through the SMS provider, in the municipality's SMS template, to the phone
 * number a signal's rule allowed; then registers the DDAS contact attempt 'SMS/Whatsapp'. Refused
 * when no allowed mobile number exists. The audit record names the case, never the number.
 */
export async function smsResident(deps: AppDeps, ctx: CallContext, sms: SmsSender, caseId: string, language: Language, allowed: AllowedCategories): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  const m = await composeForCase(deps, ctx, municipality, caseId, 'sms', language, allowed);
  const to = m.recipient?.phone ? e164(m.recipient.phone) : null;
  if (!to) throw new WorklistInputError({ phone: 'no phone number that a signal was allowed to provide' });
  try {
    await sms.send({ to, text: m.body });
  } catch (e) {
    await appendAudit(deps.db, { ...auditActor(ctx), activity: 'outreach.sms', objectType: 'case', objectIds: [caseId], outcome: 'error', detail: { channel: 'sms', language } });
    throw e;
  }
  await registerSent(deps, ctx, municipality, [caseId], 'sms', language);
}
