import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** The copied Haal Centraal documents (reference-data/standards/haal-centraal-brp/README.md). */
const SPEC_DIR = new URL('../../../reference-data/standards/haal-centraal-brp/', import.meta.url);
export const PERSONEN_SPEC = fileURLToPath(new URL('personen-v2.7-openapi.yaml', SPEC_DIR));
export const BEWONING_SPEC = fileURLToPath(new URL('bewoning-v2.1-openapi.yaml', SPEC_DIR));

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

/**
 * JSON Schema validators for the schemas of one OpenAPI 3.1 document. OpenAPI's `discriminator`
 * is not JSON Schema: an abstract schema (AbstractVerblijfplaats, PersonenQuery) names its concrete
 * schemas by the value of `type`, and each concrete one includes the abstract one through allOf. So
 * each abstract schema X is split: X__base (what the concrete ones include) and X itself, which checks
 * the base and then the concrete schema its `type` names, and refuses a `type` it does not name.
 */
export class OpenApiSchemas {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  readonly document: Json;

  constructor(specPath: string) {
    this.document = parse(readFileSync(specPath, 'utf8')) as Json;
    const schemas = structuredClone((this.document.components as Json).schemas) as Record<string, Json>;
    for (const [name, schema] of Object.entries({ ...schemas })) {
      const d = schema.discriminator as { propertyName: string; mapping: Record<string, string> } | undefined;
      if (!d) continue;
      const { discriminator: _, ...base } = schema;
      schemas[`${name}__base`] = base;
      for (const target of Object.values(d.mapping)) {
        const concrete = schemas[target.slice(REF.length)];
        for (const part of (concrete?.allOf as Json[] | undefined) ?? []) if (part.$ref === REF + name) part.$ref = `${REF}${name}__base`;
      }
      schemas[name] = {
        allOf: [
          { $ref: `${REF}${name}__base` },
          { properties: { [d.propertyName]: { enum: Object.keys(d.mapping) } } },
          ...Object.entries(d.mapping).map(([value, target]) => ({
            if: { properties: { [d.propertyName]: { const: value } }, required: [d.propertyName] },
            then: { $ref: target },
          })),
        ],
      };
    }
    // The documents escape the quote in patterns, which the u flag refuses; their ranges are all in the BMP.
    this.ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'spec', components: { schemas } });
  }

  /** Errors of `data` against components.schemas[name]; undefined when it is valid. */
  errors(name: string, data: unknown): ErrorObject[] | undefined {
    let v = this.cache.get(name);
    if (!v) {
      v = this.ajv.compile({ $ref: `spec${REF}${name}` });
      this.cache.set(name, v);
    }
    return v(data) ? undefined : (v.errors ?? []);
  }

  /** The properties a schema allows, through its allOf parts (the spec leaves additionalProperties open). */
  propertiesOf(name: string): Set<string> {
    const out = new Set<string>();
    const schemas = (this.document.components as Json).schemas as Record<string, Json>;
    const visit = (s: Json | undefined) => {
      if (!s) return;
      if (typeof s.$ref === 'string') return visit(schemas[s.$ref.slice(REF.length)]);
      for (const p of Object.keys((s.properties as Json | undefined) ?? {})) out.add(p);
      for (const part of (s.allOf as Json[] | undefined) ?? []) visit(part);
    };
    visit(schemas[name]);
    return out;
  }

  /** The schema a response of `status` to `method path` has (application/…json content), by name. */
  responseSchema(path: string, method: string, status: number): string {
    const op = ((this.document.paths as Json)[path] as Json)[method] as Json;
    const responses = op.responses as Record<string, Json>;
    let r = responses[String(status)] ?? responses.default!;
    if (typeof r.$ref === 'string') r = ((this.document.components as Json).responses as Record<string, Json>)[r.$ref.split('/').pop()!]!;
    const content = Object.values(r.content as Record<string, Json>)[0]!;
    return ((content.schema as Json).$ref as string).slice(REF.length);
  }
}
