import { Type, type TSchema } from '@sinclair/typebox';
import { GROUND_RULES } from '../../domain/experiments/ground-rules.ts';
import { STAGES } from '../../domain/experiments/stages.ts';

/** Request and response schemas of /v1/experiments (OpenAPI components). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateStr = Type.String({ format: 'date', maxLength: 10 });
const NullableDate = Nullable(DateStr);
const Localized = Type.Object({ nl: Type.String(), en: Type.String() });
const LocalizedInput = Type.Object({ nl: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const StageSchema = Type.Union(STAGES.map((s) => Type.Literal(s)), { description: 'initiative → idea → plan → submitted → approved → regulation_in_force → running → evaluated; or stopped' });
const Reason = Type.String({ minLength: 3, maxLength: 2000, description: 'Why: recorded in the history with who and when' });
const Role = Type.Union([Type.Literal('municipality'), Type.Literal('creditor'), Type.Literal('processor'), Type.Literal('other')]);
const Method = Type.Union([Type.Literal('none'), Type.Literal('random'), Type.Literal('stratified'), Type.Literal('by_municipality')]);
const SignalTypeCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,59}$', description: 'Signal type code as in the rule data' });
const RuleId = Type.String({ pattern: '^[a-z0-9][a-z0-9.\\-]{1,79}$' });

const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    function: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false, $id: 'ExperimentContact', title: 'ExperimentContact', description: 'A fixed contact person of a participant (staff, never a resident)' },
);

const Participant = Type.Object({
  organisationId: Nullable(Type.String()),
  name: Type.String(),
  role: Role,
  municipalityCode: Nullable(Type.String()),
  contacts: Type.Array(Type.Ref(Contact)),
});

const PreselectionRule = Type.Object(
  {
    kind: Type.Union([Type.Literal('min_amount'), Type.Literal('min_arrear_age_months'), Type.Literal('declared')]),
    amount: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000, description: 'min_amount: euros' }))),
    months: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 120 }))),
    mode: Type.Union([Type.Literal('enforce'), Type.Literal('flag'), Type.Literal('declared')], { description: 'enforce: intake refuses; flag: accepts and records; declared: described only' }),
    selectedBy: Type.Optional(Nullable(Type.String({ description: 'The organisation that selects; absent: every sender' }))),
    description: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false, $id: 'ExperimentPreselectionRule', title: 'ExperimentPreselectionRule' },
);

const Citation = Type.Object({
  regulation: Type.String(),
  title: Type.String(),
  article: Type.String(),
  paragraph: Type.Optional(Type.String()),
  item: Type.Optional(Type.String()),
  url: Type.String(),
});

const DesignationVersion = Type.Object({
  ruleId: Type.String(),
  signalType: Type.String(),
  label: Localized,
  regulationVersion: Type.String(),
  regulationTitle: Type.String(),
  from: Type.String(),
  until: Nullable(Type.String()),
  senders: Type.Array(Type.String()),
  municipalities: Type.Union([Type.Literal('all'), Type.Array(Type.Object({ code: Type.String(), name: Type.String() }))]),
  dataCategories: Type.Array(Type.String()),
  citation: Citation,
});

export const ExperimentView = Type.Object(
  {
    id: Type.String(),
    name: Localized,
    summary: Type.String(),
    signalType: Nullable(Type.String()),
    ruleIds: Type.Array(Type.String()),
    researchQuestions: Type.Array(Localized),
    targetGroup: Type.String(),
    stage: StageSchema,
    stageLabel: Localized,
    stopReason: Nullable(Type.String()),
    approvedWithChanges: Type.Boolean(),
    dates: Type.Object({
      plan80On: NullableDate,
      plannedStart: NullableDate,
      plannedEnd: NullableDate,
      startedOn: NullableDate,
      endedOn: NullableDate,
      apAdviceOn: NullableDate,
      publishedOn: NullableDate,
    }),
    publicationUrl: Nullable(Type.String()),
    assignment: Type.Object({ method: Method, seed: Nullable(Type.String()) }),
    participants: Type.Array(Participant),
    groundRules: Type.Array(
      Type.Object({
        code: Type.String(),
        label: Localized,
        met: Type.Boolean(),
        computed: Type.Boolean({ description: 'Follows from the dates (duration ≤ 5 years), not ticked' }),
        note: Type.String(),
        finding: Type.Optional(Localized),
        confirmedBy: Nullable(Type.String()),
        confirmedAt: Nullable(Type.String({ format: 'date-time' })),
      }),
    ),
    preselectionRules: Type.Array(Type.Ref(PreselectionRule)),
    capacity: Type.Array(Type.Object({ municipalityCode: Type.String(), capacityPerMonth: Type.Integer(), expectedPerMonth: Nullable(Type.Integer()), note: Type.String() })),
    arms: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Localized,
        description: Type.String(),
        combineWithOtherSignals: Type.Boolean(),
        withoutPriorConsent: Nullable(Type.Boolean()),
        weight: Type.Integer(),
        municipalities: Type.Array(Type.String()),
        households: Type.Integer({ description: 'Households assigned so far' }),
        treatment: Type.Object({ showOtherSignals: Type.Boolean(), contactWithoutPriorConsent: Type.Boolean() }),
      }),
    ),
    flaggedSignals: Type.Array(Type.Object({ code: Type.String(), signals: Type.Integer() }), { description: 'Accepted signals outside a flag-mode pre-selection rule' }),
    designation: Type.Object(
      { versions: Type.Array(DesignationVersion), missingRuleIds: Type.Array(Type.String()), from: Nullable(Type.String()), until: Nullable(Type.String()) },
      { description: 'Read from the rule book (rules/): who sends what to whom, from when to when. Not stored with the experiment.' },
    ),
    planning: Type.Object({
      earliestStart: NullableDate,
      startTooEarly: Type.Boolean(),
      latestEnd: NullableDate,
      evaluationDue: NullableDate,
      warnings: Type.Array(Localized),
    }),
    nextStages: Type.Array(Type.Object({ stage: StageSchema, label: Localized, by: Type.Union([Type.Literal('participant'), Type.Literal('ministry'), Type.Literal('either')]) })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Experiment', title: 'Experiment' },
);

export const ExperimentSummary = Type.Object(
  {
    id: Type.String(),
    name: Localized,
    signalType: Nullable(Type.String()),
    stage: StageSchema,
    stageLabel: Localized,
    stopReason: Nullable(Type.String()),
    participants: Type.Array(Type.Object({ name: Type.String(), role: Type.String() })),
    plannedStart: NullableDate,
    plannedEnd: NullableDate,
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ExperimentSummary', title: 'ExperimentSummary' },
);

export const HistoryEntry = Type.Object(
  {
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({ type: Type.String(), id: Type.String(), label: Type.String(), organisationId: Nullable(Type.String()) }),
    kind: Type.String({ description: 'created, stage, updated, participants, ground_rule, preselection, capacity, arms' }),
    fromStage: Nullable(Type.String()),
    toStage: Nullable(Type.String()),
    reason: Type.String(),
    changes: Type.Unknown(),
  },
  { $id: 'ExperimentHistoryEntry', title: 'ExperimentHistoryEntry' },
);

const FieldProps = {
  nameNl: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  summary: Type.Optional(Type.String({ maxLength: 5000 })),
  signalType: Type.Optional(Nullable(SignalTypeCode)),
  ruleIds: Type.Optional(Type.Array(RuleId, { maxItems: 20, description: 'Rule ids of the designation in rules/' })),
  researchQuestions: Type.Optional(Type.Array(LocalizedInput, { maxItems: 10 })),
  targetGroup: Type.Optional(Type.String({ maxLength: 2000 })),
  plan80On: Type.Optional(NullableDate),
  plannedStart: Type.Optional(NullableDate),
  plannedEnd: Type.Optional(NullableDate),
  apAdviceOn: Type.Optional(NullableDate),
  publishedOn: Type.Optional(NullableDate),
  publicationUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
};

export const NewExperimentBody = Type.Object(
  {
    ...FieldProps,
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,59}$', description: 'Readable id (kebab-case)' }),
    nameNl: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    stage: Type.Optional(Type.Union([Type.Literal('initiative'), Type.Literal('idea')])),
    reason: Reason,
  },
  { additionalProperties: false, $id: 'NewExperiment', title: 'NewExperiment' },
);

export const UpdateExperimentBody = Type.Object({ ...FieldProps, reason: Reason }, { additionalProperties: false, $id: 'ExperimentUpdate', title: 'ExperimentUpdate' });

export const TransitionBody = Type.Object(
  { to: StageSchema, reason: Reason, approvedWithChanges: Type.Optional(Type.Boolean({ description: "With 'approved': SZW approved after changes" })) },
  { additionalProperties: false, $id: 'StageTransition', title: 'StageTransition' },
);

export const ParticipantsBody = Type.Object(
  {
    participants: Type.Array(
      Type.Object(
        {
          organisationId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          role: Role,
          municipalityCode: Type.Optional(Nullable(Type.String({ pattern: '^GM\\d{4}$' }))),
          contacts: Type.Array(Type.Ref(Contact), { maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
    reason: Reason,
  },
  { additionalProperties: false, $id: 'ExperimentParticipants', title: 'ExperimentParticipants' },
);

export const GroundRuleBody = Type.Object(
  { met: Type.Boolean(), note: Type.String({ maxLength: 2000, description: 'How it is met (evidence, document, date)' }), reason: Reason },
  { additionalProperties: false, $id: 'GroundRuleTick', title: 'GroundRuleTick' },
);
export const GroundRuleCode = Type.Union(GROUND_RULES.map((g) => Type.Literal(g.code)));

export const PreselectionBody = Type.Object(
  { rules: Type.Array(Type.Ref(PreselectionRule), { maxItems: 20 }), reason: Reason },
  { additionalProperties: false, $id: 'ExperimentPreselection', title: 'ExperimentPreselection' },
);

export const PreselectionCheckBody = Type.Object(
  {
    signalDate: DateStr,
    amount: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Number()])),
    arrearStartDate: Type.Optional(DateStr),
    senderOrgId: Type.Optional(Type.String({ maxLength: 100 })),
    creditorOrgId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false, $id: 'PreselectionCheck', title: 'PreselectionCheck', description: 'The facts of a signal that pre-selection looks at — no personal data' },
);

const Miss = Type.Object({ code: Type.String(), mode: Type.String(), message: Type.String() });
export const PreselectionResult = Type.Object(
  { decision: Type.Union([Type.Literal('accepted'), Type.Literal('flagged'), Type.Literal('refused')]), refusals: Type.Array(Miss), flags: Type.Array(Miss) },
  { $id: 'PreselectionResult', title: 'PreselectionResult' },
);

export const CapacityBody = Type.Object(
  {
    capacity: Type.Array(
      Type.Object(
        {
          municipalityCode: Type.String({ pattern: '^GM\\d{4}$' }),
          capacityPerMonth: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
          expectedPerMonth: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 400 },
    ),
    reason: Reason,
  },
  { additionalProperties: false, $id: 'ExperimentCapacity', title: 'ExperimentCapacity' },
);

export const CapacityCheckSchema = Type.Object(
  {
    fits: Type.Boolean(),
    lines: Type.Array(
      Type.Object({
        municipalityCode: Type.String(),
        capacityPerMonth: Nullable(Type.Integer()),
        expectedPerMonth: Nullable(Type.Integer()),
        observedMaxPerMonth: Nullable(Type.Integer()),
        observedMaxMonth: Nullable(Type.String()),
        utilisation: Nullable(Type.Number()),
        verdict: Type.Union([Type.Literal('fits'), Type.Literal('over_capacity'), Type.Literal('capacity_missing'), Type.Literal('expected_missing')]),
      }),
    ),
  },
  { $id: 'CapacityCheck', title: 'CapacityCheck' },
);

export const ArmsBody = Type.Object(
  {
    method: Method,
    seed: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'Recorded with every assignment so it can be recomputed' }))),
    arms: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
          nameNl: Type.String({ minLength: 1, maxLength: 200 }),
          nameEn: Type.String({ minLength: 1, maxLength: 200 }),
          description: Type.Optional(Type.String({ maxLength: 2000 })),
          combineWithOtherSignals: Type.Boolean({ description: 'false: the new signal alone (its stand-alone value)' }),
          withoutPriorConsent: Type.Optional(Nullable(Type.Boolean())),
          weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          municipalities: Type.Optional(Type.Array(Type.String({ pattern: '^GM\\d{4}$' }), { maxItems: 400 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    reason: Reason,
  },
  { additionalProperties: false, $id: 'ExperimentArms', title: 'ExperimentArms' },
);

export const EXPERIMENT_SCHEMAS = [Contact, PreselectionRule, ExperimentView, ExperimentSummary, HistoryEntry, NewExperimentBody, UpdateExperimentBody, TransitionBody, ParticipantsBody, GroundRuleBody, PreselectionBody, PreselectionCheckBody, PreselectionResult, CapacityBody, CapacityCheckSchema, ArmsBody];
