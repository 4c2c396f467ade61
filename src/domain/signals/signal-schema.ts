import { Type, type Static } from '@sinclair/typebox';

/**
 * The JSON Schema of a delivered signal. The API validates requests with it, the OpenAPI document
 * is generated from it, and JSON Lines rows are checked with it: one definition for all three.
 * Unknown properties are refused — a field no one designated must never be silently stored.
 */
// No NUL characters: PostgreSQL cannot store them in text or jsonb, so they must be refused as input (400), not fail the write (500).
const Str = (max: number, description: string, extra: Record<string, unknown> = {}) =>
  Type.String({ maxLength: max, description, pattern: '^[^\\u0000]*$', ...extra });
const DateStr = (description: string) => Type.String({ format: 'date', description, maxLength: 10 });
const Amount = (description: string) =>
  Type.Union([Type.Number(), Type.String({ maxLength: 20 })], { description });

export const SignalAddressSchema = Type.Object(
  {
    street: Type.Optional(Str(200, 'Straat')),
    houseNumber: Type.Optional(Str(10, 'Huisnummer')),
    houseNumberAddition: Type.Optional(Str(10, 'Huisnummertoevoeging')),
    postcode: Type.Optional(Str(10, 'Postcode, e.g. 1011AB')),
    city: Type.Optional(Str(100, 'Woonplaats')),
  },
  { additionalProperties: false, $id: 'SignalAddress', title: 'SignalAddress' },
);

export const SignalPersonSchema = Type.Object(
  {
    initials: Type.Optional(Str(20, 'Voorletters')),
    givenName: Type.Optional(Str(100, 'Voornaam')),
    prefix: Type.Optional(Str(20, 'Tussenvoegsel')),
    surname: Type.Optional(Str(200, 'Achternaam')),
  },
  { additionalProperties: false, $id: 'SignalPerson', title: 'SignalPerson' },
);

export const SocialCollectionSchema = Type.Object(
  {
    personalContactAttemptedOn: Type.Optional(DateStr('Art. 1.2 a: effort to get into personal contact')),
    debtAssistanceReferredOn: Type.Optional(DateStr('Art. 1.2 b: resident pointed to debt assistance')),
    reminderSentOn: Type.Optional(DateStr('Art. 1.2 c: written reminder sent')),
    agreementOfferedInReminder: Type.Optional(Type.Boolean({ description: 'Art. 1.2 d: reminder offered to pass details with agreement' })),
    residentResponse: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('not_negative'), Type.Literal('objected')], {
        description: 'Art. 1.2 d: the resident did not respond (none), did not respond negatively, or objected',
      }),
    ),
  },
  { additionalProperties: false, $id: 'SocialCollection', title: 'SocialCollection' },
);

export const SignalInputSchema = Type.Object(
  {
    reference: Str(100, "The sender's own unique reference (idempotency key)", { minLength: 1 }),
    signalType: Str(60, 'Signal type code, see GET /v1/signal-types', { minLength: 1 }),
    signalDate: DateStr('Date of provision (DDAS signaaldatum)'),
    municipalityCode: Type.Optional(Str(6, 'CBS municipality code, e.g. GM0363; derived from the address when absent')),
    onBehalfOf: Type.Optional(Str(100, 'Processors only: id of the creditor the signal is sent for')),
    amount: Type.Optional(Amount('Amount of the arrear in euros')),
    components: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Amount('Component amount in euros'), {
        description: 'Breakdown of the arrear by kind, e.g. {"municipal_tax": 250, "parking_fine": 90}',
        maxProperties: 20,
      }),
    ),
    arrearStartDate: Type.Optional(DateStr('Date the (oldest) arrear arose (DDAS ontstaansdatum)')),
    bsn: Type.Optional(Str(9, 'Citizen service number; only where the regulation allows it')),
    person: Type.Optional(Type.Ref(SignalPersonSchema)),
    address: Type.Optional(Type.Ref(SignalAddressSchema)),
    phone: Type.Optional(Str(30, 'Phone number')),
    email: Type.Optional(Str(200, 'E-mail address')),
    customerNumber: Type.Optional(Str(50, 'Customer number (drinking water)')),
    birthDate: Type.Optional(DateStr('Birth date; designated by no regulation, so always refused')),
    crisis: Type.Optional(Type.Boolean({ description: 'Threatening situation: eviction, cut-off, end of health insurance' })),
    socialCollection: Type.Optional(Type.Ref(SocialCollectionSchema)),
  },
  { additionalProperties: false, $id: 'SignalInput', title: 'SignalInput' },
);

export type SignalInputJson = Static<typeof SignalInputSchema>;
export const SIGNAL_SUB_SCHEMAS = [SignalAddressSchema, SignalPersonSchema, SocialCollectionSchema] as const;
