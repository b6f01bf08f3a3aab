/**
 * Issue 12 §4: every request and response body of the OpenAPI document has an example (infra/openapi/examples.ts),
 * and every example is valid against the schema it illustrates, with what a portal developer would copy: credit
 * codes that pass their check character, instants in Asia/Shanghai, amounts in whole fen.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#infra/openapi/document';
import { OPENAPI_EXAMPLES } from '#infra/openapi/examples';
import { checkUnifiedSocialCreditCode } from '#shared/domain/credit-code';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';

type Json = Record<string, unknown>;
interface Media {
  schema?: Json;
  example?: unknown;
  examples?: Record<string, { $ref?: string; value?: unknown }>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}

const document = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Json>;
    responses: Record<string, { content?: Record<string, Media> }>;
    examples: Record<string, { value: unknown }>;
  };
};
/** What `#/components/<section>/<name>` points to. */
const deref = <T>(value: T | { $ref: string }): T => {
  const pointer = (value as { $ref?: string }).$ref;
  if (!pointer) return value as T;
  const [, , section, name] = pointer.split('/');
  return (document.components as unknown as Record<string, Record<string, T>>)[section!]![name!]!;
};
/** The media type's examples: `example`, or each of `examples` (referred to in components.examples). */
const examplesOf = (media: Media): unknown[] => [
  ...(media.example !== undefined ? [media.example] : []),
  ...Object.values(media.examples ?? {}).map((e) => deref(e as { value: unknown }).value),
];
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));

// The document's `#/components/schemas/…` references, resolved against one registered copy of its components.
const ROOT = 'https://assistance.example/openapi.json';
const rooted = <T>(schema: T): T =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${ROOT}#/components/`)) as T;
// `example`/`examples` are OpenAPI's annotations, not JSON Schema keywords ajv knows.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: ROOT, components: rooted(document.components) });

function validationErrors(schema: Json, example: unknown) {
  const validate = ajv.compile(rooted(schema));
  return validate(example) ? [] : validate.errors;
}

/** A body is JSON with a schema of its own (not the raw string of /openapi.json, /docs or the renderer). */
const isJsonBody = (type: string, media: Media) => /json$/.test(type) && media.schema?.type !== 'string';

const bodies = operations.flatMap((op) => [
  ...Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => ({
    where: `${op.operationId} request (${type})`,
    type,
    media,
  })),
  ...Object.entries(op.responses).flatMap(([status, response]) =>
    Object.entries(deref(response).content ?? {}).map(([type, media]) => ({
      where: `${op.operationId} ${status} (${type})`,
      type,
      media,
    })),
  ),
]);

describe('examples in the OpenAPI document', () => {
  it('are given for every request and response body, so a new route brings its own', () => {
    const missing = bodies
      .filter(({ type, media }) => isJsonBody(type, media) && examplesOf(media).length === 0)
      .map(({ where }) => where);

    expect(missing, 'add them to infra/openapi/examples.ts (by component, or by operation)').toEqual([]);
  });

  it('are valid against the schema of the body they illustrate', () => {
    const invalid = bodies
      .filter(({ media }) => media.schema)
      .flatMap(({ where, media }) =>
        examplesOf(media).map((example) => ({ where, errors: validationErrors(media.schema!, example) })),
      )
      .filter(({ errors }) => errors?.length);

    expect(bodies.filter(({ media }) => examplesOf(media).length > 0).length).toBeGreaterThan(60);
    expect(invalid).toEqual([]);
  });

  it('are each the example of an existing component, valid against it, and in the document once', () => {
    const components = document.components.schemas;
    const unknown = Object.keys(OPENAPI_EXAMPLES.components ?? {}).filter((id) => !components[id]);
    const invalid = Object.entries(OPENAPI_EXAMPLES.components ?? {})
      .filter(([id]) => components[id])
      .map(([id, example]) => ({
        id,
        errors: validationErrors({ $ref: `#/components/schemas/${id}` }, example),
      }))
      .filter(({ errors }) => errors?.length);

    expect(unknown, 'examples of components the document does not have').toEqual([]);
    expect(invalid).toEqual([]);
    for (const [id, { value }] of Object.entries(document.components.examples))
      expect(value, id).toEqual(OPENAPI_EXAMPLES.components?.[id]);
  });

  it('show the OCDS packages of the public feed as valid OCDS 1.1.5 (R-SUP-3)', () => {
    expectValidReleasePackage(OPENAPI_EXAMPLES.components?.ReleasePackage);
    expectValidRecordPackage(OPENAPI_EXAMPLES.components?.RecordPackage);
  });
});

describe('what the examples show a portal developer', () => {
  const values: [path: string, value: unknown][] = [];
  const walk = (value: unknown, path: string) => {
    values.push([path, value]);
    if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
  };
  walk(OPENAPI_EXAMPLES, 'examples');

  it('has credit codes that pass the check character of GB 32100', () => {
    const codes = values.filter(([path]) => path.endsWith('.creditCode'));

    expect(codes.length).toBeGreaterThan(0);
    for (const [path, code] of codes)
      expect(checkUnifiedSocialCreditCode(String(code)), path).toMatchObject({ ok: true });
  });

  it('writes instants in Asia/Shanghai (+08:00), as the API does', () => {
    const instants = values.filter(
      ([, value]) => typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value),
    );

    expect(instants.length).toBeGreaterThan(20);
    for (const [path, instant] of instants) expect(instant, path).toMatch(/\+08:00$/);
  });

  it('gives amounts in whole fen', () => {
    const amounts = values.filter(([path]) =>
      /\.(amount|price|estimatedAmount|committed|available)$/.test(path),
    );

    expect(amounts.length).toBeGreaterThan(5);
    for (const [path, amount] of amounts.filter(([path]) => !path.includes('.value.'))) {
      expect(Number.isInteger(amount), path).toBe(true);
    }
  });
});
