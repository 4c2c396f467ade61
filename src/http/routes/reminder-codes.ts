import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { issueReminderCodes, MAX_REMINDERS_PER_CALL } from '../../app/resident/issue-reminder-codes.ts';
import { REMINDER_PROBLEM_TEXT } from '../../domain/resident/reminder-request.ts';
import { callContext } from '../plugins/auth.ts';
import { requestLang } from '../language.ts';
import { responses } from '../openapi-helpers.ts';

const ReminderCodeRequest = Type.Object(
  {
    reminders: Type.Array(
      Type.Object(
        {
          reference: Type.String({ minLength: 1, maxLength: 100, description: 'The reference the signal will carry if you send one (your own, unique per signal)' }),
          postcode: Type.String({ maxLength: 10, description: "The resident's postcode, 1234 AB (checked per reminder: POSTCODE_INVALID)" }),
          houseNumber: Type.Optional(Type.String({ maxLength: 5, pattern: '^[0-9]*$', description: 'House number without addition; the resident must type it too' })),
          expiresOn: Type.String({ format: 'date', description: 'Last day of the reminder period: the code works until the end of that day, and the choice can be changed until then or until the signal arrives' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_REMINDERS_PER_CALL },
    ),
  },
  { additionalProperties: false, $id: 'ReminderCodeRequest', title: 'ReminderCodeRequest' },
);

const IssuedCodeSchema = Type.Object(
  {
    reference: Type.String(),
    code: Type.Optional(Type.String({ pattern: '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$', description: 'Print it in the reminder with the address of the page (/mijn-signaal). Shown once: only a hash is kept.' })),
    expiresOn: Type.Optional(Type.String({ format: 'date' })),
    problem: Type.Optional(
      Type.Union(['REFERENCE_INVALID', 'POSTCODE_INVALID', 'HOUSE_NUMBER_INVALID', 'EXPIRY_INVALID', 'EXPIRY_OUT_OF_RANGE', 'REFERENCE_HAS_CODE', 'REFERENCE_TWICE'].map((c) => Type.Literal(c)), {
        description: 'Why no code was made for this reminder',
      }),
    ),
    message: Type.Optional(Type.String()),
  },
  { $id: 'IssuedReminderCode', title: 'IssuedReminderCode' },
);

/**
 * Reminder codes for the resident's own page (issue 24): a creditor asks one per reminder letter,
 * in bulk, and prints it with the page's address. The resident can then see what may be shared and
 * object, consent, or ask for help before the signal is sent; intake applies that choice.
 */
export function registerReminderCodeRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const s of [ReminderCodeRequest, IssuedCodeSchema]) app.addSchema(s);
  app.post<{ Body: Static<typeof ReminderCodeRequest> }>(
    '/v1/reminder-codes',
    {
      schema: {
        operationId: 'issueReminderCodes',
        tags: ['Signals'],
        summary: 'Codes for your reminder letters, so residents can object, consent or ask for help on /mijn-signaal before you send a signal',
        description:
          'One code per reminder, tied to the reference your signal will carry and the resident\'s postcode (and house number). Codes are 12 characters (60 bits) and single-use per reminder; a reference that already has a code gets none (REFERENCE_HAS_CODE). Only a keyed hash is stored, so keep the codes until they are printed. Intake then refuses a signal for that reference when the resident objected (RESIDENT_OBJECTED, TR art. 1.2 onder d) or, in an experiment arm with prior consent, did not consent (PRIOR_CONSENT_MISSING); a help request arrives as a warm transfer.',
        body: Type.Ref(ReminderCodeRequest),
        response: responses({ 201: { description: 'A code, or the reason there is none, per reminder in the order given', schema: Type.Object({ codes: Type.Array(Type.Ref(IssuedCodeSchema)) }) } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'signals:submit');
      const lang = requestLang(req);
      const issued = await issueReminderCodes(deps, ctx, req.body.reminders);
      return reply.code(201).send({ codes: issued.map((c) => ('problem' in c ? { ...c, message: REMINDER_PROBLEM_TEXT[c.problem][lang] } : c)) });
    },
  );
}
