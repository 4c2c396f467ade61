import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { getOwnRetentionSettings } from '../../app/privacy/get-retention-settings.ts';
import { setOwnRetentionSettings, UnsafeRetention } from '../../app/privacy/set-retention-settings.ts';
import { getSubjectData } from '../../app/privacy/get-subject-data.ts';
import { rectifySignal, RectificationRefused } from '../../app/privacy/rectify-signal.ts';
import { registerObjection } from '../../app/privacy/register-objection.ts';
import { listOwnObjections, withdrawObjection } from '../../app/privacy/objection-register.ts';
import { renderAccessDocumentHtml } from '../../domain/privacy/access-document-html.ts';
import { RECTIFIABLE_FIELDS } from '../../domain/privacy/rectification.ts';
import { SubjectQueryError, type SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { callContext } from '../plugins/auth.ts';
import { requestLang } from '../language.ts';
import { joinTexts, textIn } from '../../domain/i18n/index.ts';
import { HttpProblem, notFound, problemDetail } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';

const Months = (description: string) => Type.Integer({ description, minimum: 0, maximum: 1200 });
const RetentionPolicyBody = Type.Object(
  {
    unpickedSignalMonths: Months('Signals never picked up: months after receipt (default 6)'),
    pickedUpSignalMonths: Months('Signals of a picked-up case: months after receipt, once the case is closed (default 12)'),
    caseMonthsAfterClosing: Months('Case files: months after closing (default 18)'),
  },
  { additionalProperties: false, $id: 'RetentionPolicy', title: 'RetentionPolicy' },
);
const Issue = Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() });
const RetentionSettingsView = Type.Object(
  {
    municipalityCode: Type.String(),
    policy: Type.Ref(RetentionPolicyBody),
    own: Type.Boolean({ description: 'false: the platform defaults apply' }),
    warnings: Type.Array(Issue),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'RetentionSettings', title: 'RetentionSettings' },
);

const Bsn = Type.String({ pattern: '^[0-9]{9}$', description: 'Citizen service number (BSN)' });
const BsnSubject = Type.Object({ bsn: Bsn }, { additionalProperties: false, title: 'SubjectByBsn' });
const AddressSubject = Type.Object(
  {
    postcode: Type.String({ minLength: 6, maxLength: 7, description: '1234 AB' }),
    houseNumber: Type.String({ minLength: 1, maxLength: 20 }),
    houseNumberAddition: Type.Optional(Type.String({ maxLength: 20 })),
    surname: Type.Optional(Type.String({ maxLength: 200, description: 'Leaves out other households at the address' })),
  },
  { additionalProperties: false, title: 'SubjectByAddress' },
);
const SubjectQuerySchema = Type.Union([BsnSubject, AddressSubject], { $id: 'SubjectQuery', title: 'SubjectQuery' });

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const S = Type.String();
const AccessDocumentSchema = Type.Object(
  {
    generatedAt: Type.String({ format: 'date-time' }),
    municipalityCode: S,
    foundBy: Type.Union([Type.Literal('bsn'), Type.Literal('address')]),
    purpose: Type.Object({ nl: S, en: S }),
    retention: Type.Ref(RetentionPolicyBody),
    signals: Type.Array(
      Type.Object({
        id: S,
        sender: S,
        creditor: S,
        reference: S,
        signalType: S,
        signalDate: Type.String({ format: 'date' }),
        receivedAt: Type.String({ format: 'date-time' }),
        status: S,
        amountEuros: Nullable(S),
        bsn: Nullable(S),
        person: Type.Object({ initials: Nullable(S), givenName: Nullable(S), prefix: Nullable(S), surname: Nullable(S) }),
        address: Type.Object({ street: Nullable(S), houseNumber: Nullable(S), houseNumberAddition: Nullable(S), postcode: Nullable(S), city: Nullable(S) }),
        phone: Nullable(S),
        email: Nullable(S),
        customerNumber: Nullable(S),
        caseId: Nullable(S),
      }),
    ),
    cases: Type.Array(
      Type.Object({
        id: S,
        status: S,
        openedAt: Type.String({ format: 'date-time' }),
        signalCount: Type.Integer(),
        signalTypes: Type.Array(S),
        deadline: Type.String({ format: 'date' }),
        pickedUpOn: Nullable(Type.String({ format: 'date' })),
        result: Nullable(S),
        closedAt: Nullable(Type.String({ format: 'date-time' })),
        flags: Type.Object({ multiple: Type.Boolean(), consecutive: Type.Boolean(), crisis: Type.Boolean(), knownViaStandardSignals: Type.Boolean() }),
      }),
    ),
    records: Type.Record(S, Type.Array(Type.Object({}, { additionalProperties: true })), { description: 'Records kept about the cases and signals, per table' }),
    processing: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), activity: S, actorType: S, organisation: Nullable(S), outcome: S })),
    processingTruncated: Type.Boolean(),
    objections: Type.Array(Type.Object({ registeredAt: Type.String({ format: 'date-time' }), reason: Nullable(S) }), { description: "The person's objections registered with your municipality" }),
  },
  { $id: 'AccessDocument', title: 'AccessDocument' },
);

const SignalId = Type.String({ pattern: '^[0-9]{1,18}$', description: 'Signal id' });
const RectificationBody = Type.Object(
  {
    signalId: SignalId,
    field: Type.Union(RECTIFIABLE_FIELDS.map((f) => Type.Literal(f))),
    value: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'The corrected value; null or empty clears an optional field' }),
  },
  { additionalProperties: false },
);
// The reason the resident gave, as the privacy screen records it (shown in the list, never sent on).
const ObjectionReason = Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: "The resident's reason for objecting, as they gave it (shown in the list of objections)" }));
const ObjectionBody = Type.Union(
  [
    Type.Object({ subject: Type.Ref(SubjectQuerySchema), reason: ObjectionReason }, { additionalProperties: false, title: 'ObjectionBySubject' }),
    Type.Object({ signalIds: Type.Array(SignalId, { minItems: 1, maxItems: 1000 }), reason: ObjectionReason }, { additionalProperties: false, title: 'ObjectionBySignals' }),
  ],
  { $id: 'ObjectionRequest', title: 'ObjectionRequest' },
);
const ObjectionId = Type.String({ pattern: '^(r[0-9]{1,18}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$', description: 'Id of an objection registration' });
const ObjectionEntrySchema = Type.Object(
  {
    id: ObjectionId,
    registeredAt: Type.String({ format: 'date-time' }),
    registeredBy: Type.String({ description: 'Who registered it (name of the user)' }),
    reason: Nullable(S),
    keys: Type.Integer({ description: 'How many keys (BSN, address, the spellings senders used) the objection covers' }),
  },
  { $id: 'Objection', title: 'Objection' },
);

function subjectProblem(e: unknown): never {
  if (e instanceof SubjectQueryError)
    throw new HttpProblem(400, 'invalidInput', problemDetail('fieldText', (l) => ({ field: e.field, text: textIn(e.text, l) })), 'INVALID_SUBJECT', [{ name: e.field, in: 'body', reason: textIn(e.text, 'en') }]);
  throw e;
}

/** Privacy: retention terms, and the rights of access, rectification and objection. */
export function registerPrivacyRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const s of [RetentionPolicyBody, RetentionSettingsView, SubjectQuerySchema, AccessDocumentSchema, ObjectionBody, ObjectionEntrySchema]) app.addSchema(s);

  app.get(
    '/v1/retention-settings',
    {
      schema: {
        operationId: 'getRetentionSettings',
        tags: ['Privacy'],
        summary: "Your municipality's retention terms (its own, or the platform defaults)",
        response: responses({ 200: { description: 'Terms in force', schema: Type.Ref(RetentionSettingsView) } }),
      },
    },
    async (req) => {
      const v = await getOwnRetentionSettings(deps, callContext(req, 'municipality:configure'));
      const lang = requestLang(req);
      return { ...v, warnings: v.warnings.map((w) => ({ field: w.field, code: w.code, message: textIn(w.message, lang) })) };
    },
  );

  app.put<{ Body: Static<typeof RetentionPolicyBody> }>(
    '/v1/retention-settings',
    {
      schema: {
        operationId: 'setRetentionSettings',
        tags: ['Privacy'],
        summary: "Set your municipality's retention terms; unsafe terms are refused with the reason",
        body: Type.Ref(RetentionPolicyBody),
        response: responses({ 200: { description: 'Terms stored and in force', schema: Type.Ref(RetentionSettingsView) } }),
      },
    },
    async (req) => {
      const lang = requestLang(req);
      try {
        const v = await setOwnRetentionSettings(deps, callContext(req, 'municipality:configure'), req.body);
        return { ...v, warnings: v.warnings.map((w) => ({ field: w.field, code: w.code, message: textIn(w.message, lang) })) };
      } catch (e) {
        if (e instanceof UnsafeRetention)
          throw new HttpProblem(
            400,
            'unsafeRetention',
            joinTexts(e.issues.map((i) => i.message), ' '),
            'UNSAFE_RETENTION',
            e.issues.map((i) => ({ name: i.field, in: 'body', reason: textIn(i.message, lang), code: i.code })),
          );
        throw e;
      }
    },
  );

  const accessResponses = responses({ 200: { description: 'Everything held about the person (JSON, or HTML with Accept: text/html)', schema: Type.Ref(AccessDocumentSchema), alsoAs: ['text/html'] } });
  app.post<{ Body: SubjectQuery }>(
    '/v1/subject-access-requests',
    {
      schema: {
        operationId: 'requestSubjectAccess',
        tags: ['Privacy'],
        summary: 'Right of access: everything your municipality holds about one person, and what it did with it, found by BSN or address',
        description: 'For privacy officers (permission subjects:access). A POST so that a BSN never appears in a URL. Shows only your own municipality\'s data and processing records. Recorded in the audit trail.',
        body: Type.Ref(SubjectQuerySchema),
        response: accessResponses,
      },
    },
    async (req, reply) => {
      // The permission is checked (and a refusal audited) in the use case.
      const ctx = callContext(req);
      const doc = await getSubjectData(deps, ctx, req.body).catch(subjectProblem);
      const wantsHtml = /text\/html/.test(req.headers.accept ?? '') && !/application\/json/.test(req.headers.accept ?? '');
      reply.header('cache-control', 'no-store');
      if (wantsHtml) return reply.type('text/html; charset=utf-8').send(renderAccessDocumentHtml(doc, requestLang(req)));
      return doc;
    },
  );

  app.post<{ Body: Static<typeof RectificationBody> }>(
    '/v1/rectifications',
    {
      schema: {
        operationId: 'rectifySignal',
        tags: ['Privacy'],
        summary: "Right to rectification: correct one field of a signal your municipality holds",
        body: RectificationBody,
        response: responses({ 200: { description: 'Corrected (the audit trail records which field, not the value)', schema: Type.Object({ signalId: S, field: S, rectified: Type.Boolean() }) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'objections:register');
      const lang = requestLang(req);
      try {
        if (!(await rectifySignal(deps, ctx, req.body))) throw notFound('signalNotFound');
      } catch (e) {
        if (e instanceof RectificationRefused)
          throw new HttpProblem(400, 'invalidInput', problemDetail('fieldText', (l) => ({ field: e.field, text: textIn(e.text, l) })), 'INVALID_RECTIFICATION', [{ name: 'value', in: 'body', reason: textIn(e.text, lang) }]);
        throw e;
      }
      return { signalId: req.body.signalId, field: req.body.field, rectified: true };
    },
  );

  app.post<{ Body: ({ subject: SubjectQuery } | { signalIds: string[] }) & { reason?: string } }>(
    '/v1/objections',
    {
      schema: {
        operationId: 'registerObjection',
        tags: ['Privacy'],
        summary: "A resident's objection (art. 21 AVG): stop processing, remove the personal data, and refuse new signals about the person",
        description: 'Leaves a tombstone that an objection was handled (counts, when), never whose, and registers the person (as keyed pseudonyms) so that intake refuses every new signal about them for your municipality, from any sender. Recorded in the audit trail.',
        body: Type.Ref(ObjectionBody),
        response: responses({
          201: {
            description: 'Objection handled',
            schema: Type.Object({
              signals: Type.Integer({ description: 'Signals emptied of personal data' }),
              casesDeleted: Type.Integer(),
              casesKept: Type.Integer(),
              registered: Type.Boolean({ description: 'From now on intake refuses new signals about this person for your municipality (RESIDENT_OBJECTION_REGISTERED)' }),
              objection: Type.Union([ObjectionId, Type.Null()], { description: 'The registration, to withdraw it later; null when nothing new was registered (nothing identified the person, or an earlier objection already covers them)' }),
            }),
          },
        }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'objections:register');
      const r = await registerObjection(deps, ctx, req.body).catch(subjectProblem);
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/v1/objections',
    {
      schema: {
        operationId: 'listObjections',
        tags: ['Privacy'],
        summary: "Your municipality's objections in force, newest first (at most 200), with the reason the resident gave",
        description: 'Names no person: an objection is kept as keyed pseudonyms. Reading the list is recorded in the audit trail.',
        response: responses({ 200: { description: 'Objections in force', schema: Type.Array(Type.Ref(ObjectionEntrySchema)) } }),
      },
    },
    async (req) => {
      const list = await listOwnObjections(deps, callContext(req, 'objections:register'));
      return list.map((o) => ({ id: o.id, registeredAt: o.registeredAt.toISOString(), registeredBy: o.registeredBy, reason: o.reason, keys: o.keys }));
    },
  );

  app.delete<{ Params: { objectionId: string } }>(
    '/v1/objections/:objectionId',
    {
      schema: {
        operationId: 'withdrawObjection',
        tags: ['Privacy'],
        summary: 'The resident withdraws an objection: intake accepts new signals about them again (what the objection removed stays removed)',
        params: Type.Object({ objectionId: ObjectionId }),
        response: responses({ 204: { description: 'Withdrawn (recorded in the audit trail)' } }),
      },
    },
    async (req, reply) => {
      if (!(await withdrawObjection(deps, callContext(req, 'objections:register'), req.params.objectionId))) throw notFound('objectionNotFound');
      return reply.code(204).send();
    },
  );
}
