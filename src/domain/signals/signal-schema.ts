import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { fieldPlace, RESIDENT_RESPONSES, SIGNAL_FIELDS, type FieldGroup, type SignalField } from './signal-fields.ts';

/**
 * The JSON Schema of a delivered signal, derived from the field table (signal-fields.ts). The API
 * validates requests with it, the OpenAPI document is generated from it, and JSON Lines rows are
 * checked with it: one definition for all three. Unknown properties are refused — a field no one
 * designated must never be silently stored.
 */
// No NUL characters: PostgreSQL cannot store them in text or jsonb, so they must be refused as input (400), not fail the write (500).
const Str = (max: number, description: string, extra: Record<string, unknown> = {}) =>
  Type.String({ maxLength: max, description, pattern: '^[^\\u0000]*$', ...extra });
const Amount = (description: string) => Type.Union([Type.Number(), Type.String({ maxLength: 20 })], { description });

function fieldSchema(f: SignalField): TSchema {
  const description = f.docs.en;
  switch (f.type) {
    case 'text':
      return Str(f.max ?? 200, description, f.required ? { minLength: 1 } : {});
    case 'date':
      return Type.String({ format: 'date', description, maxLength: 10 });
    case 'amount':
      return Amount(description);
    case 'components':
      return Type.Record(Type.String({ maxLength: 40 }), Amount('Component amount in euros'), {
        description: 'Breakdown of the arrear by kind, e.g. {"municipal_tax": 250, "parking_fine": 90}',
        maxProperties: 20,
      });
    case 'flag':
      return Type.Boolean({ description });
    case 'response':
      return Type.Union(
        RESIDENT_RESPONSES.map((r) => Type.Literal(r)),
        { description: 'Art. 1.2 d: the resident did not respond (none), did not respond negatively, or objected' },
      );
    case 'codes':
      return Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }), { maxItems: f.max ?? 10, description });
  }
}

function propertiesOf(group: FieldGroup | undefined): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  for (const f of SIGNAL_FIELDS as readonly SignalField[]) {
    const place = fieldPlace(f);
    if (place.group !== group) continue;
    const schema = fieldSchema(f);
    out[place.key] = f.required ? schema : Type.Optional(schema);
  }
  return out;
}

const SignalAddressSchema = Type.Object(propertiesOf('address'), { additionalProperties: false, $id: 'SignalAddress', title: 'SignalAddress' });
const SignalPersonSchema = Type.Object(propertiesOf('person'), { additionalProperties: false, $id: 'SignalPerson', title: 'SignalPerson' });
const SocialCollectionSchema = Type.Object(propertiesOf('socialCollection'), {
  additionalProperties: false,
  $id: 'SocialCollection',
  title: 'SocialCollection',
});

/** The top-level fields, with the nested objects in the position of their first field. */
function signalProperties(): Record<string, TSchema> {
  const nested: Record<FieldGroup, TSchema> = {
    person: Type.Optional(Type.Ref(SignalPersonSchema)),
    address: Type.Optional(Type.Ref(SignalAddressSchema)),
    socialCollection: Type.Optional(Type.Ref(SocialCollectionSchema)),
  };
  const top = propertiesOf(undefined);
  const out: Record<string, TSchema> = {};
  for (const f of SIGNAL_FIELDS) {
    const { group, key } = fieldPlace(f);
    const name = group ?? key;
    if (name in out) continue;
    out[name] = group === undefined ? top[key]! : nested[group];
  }
  return out;
}

export const SignalInputSchema = Type.Object(signalProperties(), { additionalProperties: false, $id: 'SignalInput', title: 'SignalInput' });

export type SignalInputJson = Static<typeof SignalInputSchema>;
export const SIGNAL_SUB_SCHEMAS = [SignalAddressSchema, SignalPersonSchema, SocialCollectionSchema] as const;
