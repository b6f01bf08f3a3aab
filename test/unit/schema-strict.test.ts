/**
 * Issue 12 §3: strict input, nothing lost. An unknown field used to be dropped without a word (a typo such as
 * `validUntill` silently lost the evidence's expiry); every request body and query schema now refuses it with a
 * 400 naming it, at every depth. This walks the route table (`routes`), so a route added later, with schemas of
 * its own, is walked too without touching this file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { closestKey, fromZod, knownKeysAt, unknownFieldDetail } from '#shared/http/problem';
import type { FieldError } from '#shared/http/problem';
import { RegisterContractorBody, RequestDocumentBody } from '#shared/schemas/contractor.schema';
import { CreateProjectBody, ProjectQuery } from '#shared/schemas/project.schema';
import type { Schema } from '#shared/schemas/zod';
import * as z from '#shared/schemas/zod';
import { validValue, type Components, type JsonSchema } from '../support/fuzz/schema-arbitrary';

type Json = Record<string, unknown>;
type Path = (string | number)[];

const table = Object.entries(routes) as [string, RouteDef][];

/** A request schema as zod converts it for OpenAPI (input side), its named parts under `#/components/schemas/`. */
function inputJsonSchema(schema: Schema): { root: JsonSchema; components: Components } {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  const { $defs, ...root } = JSON.parse(
    JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Json;
  return { root, components: ($defs ?? {}) as Components };
}

/** A name no schema of the API declares. */
const UNKNOWN = 'notAFieldOfThisApi';

/** JSON pointers of the objects with declared properties in an input JSON Schema that accept other keys. */
function openObjects(node: unknown, defs: Components, at = '#', seen = new Set<string>()): string[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => openObjects(n, defs, `${at}/${i}`, seen));
  const schema = node as Json;
  const found: string[] = [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (!seen.has(name)) {
      seen.add(name);
      found.push(...openObjects(defs[name], defs, `${at}→${name}`, seen));
    }
  }
  if (schema.properties !== undefined && schema.additionalProperties !== false) found.push(at);
  for (const [key, value] of Object.entries(schema))
    found.push(...openObjects(value, defs, `${at}/${key}`, seen));
  return found;
}

/** Every request body and query schema of the table, by route. */
const requestSchemas = table.flatMap(([name, route]) =>
  (['body', 'query'] as const)
    .filter((part) => route.request?.[part] !== undefined)
    .map((part) => ({ name, route, part, schema: route.request?.[part] as Schema })),
);

/** The object nodes of a value, with their paths. */
function objectPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}

/** A copy of `value` with `key` added to the object at `path`. */
function withKeyAt(value: unknown, path: Path, key: string): unknown {
  const copy = structuredClone(value) as Json;
  let node: unknown = copy;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  (node as Json)[key] = 'x';
  return copy;
}

describe('every request schema of the route table is strict (issue 12 §3)', () => {
  it('finds the request schemas', () => {
    expect(requestSchemas.filter((s) => s.part === 'body').length).toBeGreaterThan(20);
    expect(requestSchemas.filter((s) => s.part === 'query').length).toBeGreaterThan(5);
  });

  it.each(requestSchemas.map((s) => [`${s.name} ${s.part}`, s] as const))(
    '%s: every object, at every depth, is closed to fields it does not declare',
    (_label, { schema }) => {
      const { root, components } = inputJsonSchema(schema);
      expect(openObjects(root, components)).toEqual([]);
    },
  );

  it.each(requestSchemas.filter((s) => s.part === 'query').map((s) => [s.name, s] as const))(
    '%s query: an unknown parameter is a 400 naming it',
    (_label, { schema }) => {
      const parsed = schema.safeParse({ [UNKNOWN]: '1' });
      expect(parsed.success).toBe(false);
      const errors = fromZod('query', parsed.error as z.core.$ZodError, schema).extra.errors ?? [];
      expect(errors).toContainEqual(
        expect.objectContaining({ in: 'query', field: UNKNOWN, pointer: `#/${UNKNOWN}` }),
      );
    },
  );

  it.each(requestSchemas.filter((s) => s.part === 'body').map((s) => [s.name, s] as const))(
    '%s body: an unknown field in any object of a valid body is a 400 naming it with its path',
    (_label, { schema }) => {
      const { root, components } = inputJsonSchema(schema);
      const samples = fc.sample(validValue(root, components), {
        seed: 12,
        numRuns: 12,
      });
      let checked = 0;
      for (const sample of samples) {
        for (const path of objectPaths(sample)) {
          const parsed = schema.safeParse(withKeyAt(sample, path, UNKNOWN));
          const label = `${UNKNOWN} at ${JSON.stringify(path)} of ${JSON.stringify(sample).slice(0, 200)}`;
          expect(parsed.success, label).toBe(false);
          const errors = fromZod('body', parsed.error as z.core.$ZodError, schema).extra.errors ?? [];
          expect(errors, label).toContainEqual<FieldError>({
            in: 'body',
            field: [...path, UNKNOWN].join('.'),
            pointer: `#/${[...path, UNKNOWN].join('/')}`,
            detail: 'unknown field',
          });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});

describe('the 400 names each unknown field with its path, and the field it most likely meant', () => {
  const valid = {
    condition: 3,
    fileName: '财务制度.pdf',
    contentType: 'application/pdf',
    size: 1024,
    validUntil: '2030-12-31',
  };

  it('validUntill: the expiry is not lost, it is refused, and the message suggests validUntil', () => {
    // Arrange
    const { validUntil, ...rest } = valid;
    const parsed = RequestDocumentBody.safeParse({ ...rest, validUntill: validUntil });

    // Act
    const problem = fromZod('body', parsed.error as z.core.$ZodError, RequestDocumentBody);

    // Assert
    expect(parsed.success).toBe(false);
    expect(problem.status).toBe(400);
    expect(problem.message).toBe('invalid: validUntill');
    expect(problem.extra.errors).toEqual([
      {
        in: 'body',
        field: 'validUntill',
        pointer: '#/validUntill',
        detail: 'unknown field; did you mean "validUntil"?',
      },
    ]);
  });

  it('one field error per unknown key, nested ones with their path, beside the other errors', () => {
    // Arrange
    const body = {
      kind: 'social_organization',
      name: '示范社会工作服务中心',
      creditCode: '53100000500019795A',
      nonProfit: 'yes',
      contact: { name: '李明', phone: '13800000000', emial: 'a@b.cn' },
      Name: 'x',
      remark: 'y',
    };

    // Act
    const parsed = RegisterContractorBody.safeParse(body);
    const errors = fromZod('body', parsed.error as z.core.$ZodError, RegisterContractorBody).extra.errors;

    // Assert
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'nonProfit' }),
        {
          in: 'body',
          field: 'contact.emial',
          pointer: '#/contact/emial',
          detail: 'unknown field; did you mean "email"?',
        },
        { in: 'body', field: 'Name', pointer: '#/Name', detail: 'unknown field; did you mean "name"?' },
        { in: 'body', field: 'remark', pointer: '#/remark', detail: 'unknown field' },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('finds the known fields inside arrays, optional and described objects', () => {
    // Arrange
    const path = ['evaluationCriteria', 'quality', 0];

    // Act
    const known = knownKeysAt(CreateProjectBody, path);

    // Assert
    expect(known).toEqual(['code', 'description', 'weight', 'pastPerformance']);
    expect(knownKeysAt(CreateProjectBody, ['term'])).toEqual(['start', 'end']);
    expect(knownKeysAt(CreateProjectBody, ['serviceStandard', 'indicators', 2])).toContain('comparison');
    expect(knownKeysAt(ProjectQuery, [])).toEqual(['limit', 'cursor', 'purchaserId', 'status']);
    expect(knownKeysAt(CreateProjectBody, ['title'])).toEqual([]);
    expect(knownKeysAt(undefined, [])).toEqual([]);
  });

  it('an unknown query parameter is named in the query, with a suggestion', () => {
    // Act
    const parsed = ProjectQuery.safeParse({ limit: '5', stauts: 'draft' });
    const errors = fromZod('query', parsed.error as z.core.$ZodError, ProjectQuery).extra.errors;

    // Assert
    expect(errors).toEqual([
      { in: 'query', field: 'stauts', pointer: '#/stauts', detail: 'unknown field; did you mean "status"?' },
    ]);
  });

  it('without the schema, each unknown field is still named', () => {
    // Act
    const parsed = RequestDocumentBody.safeParse({ ...valid, validUntill: '2030-12-31', a: 1 });
    const errors = fromZod('body', parsed.error as z.core.$ZodError).extra.errors;

    // Assert
    expect(errors?.map((e) => [e.field, e.detail])).toEqual([
      ['validUntill', 'unknown field'],
      ['a', 'unknown field'],
    ]);
  });

  it('suggests a known field only when it is close: same name in another case, or a third of its length', () => {
    const known = ['validUntil', 'size', 'contentType', 'fileName'];
    expect(closestKey('validUntill', known)).toBe('validUntil');
    expect(closestKey('valdiUntil', known)).toBe('validUntil'); // a transposition is one edit
    expect(closestKey('CONTENTTYPE', known)).toBe('contentType');
    expect(closestKey('sise', known)).toBe('size');
    expect(closestKey('sz', known)).toBeUndefined();
    expect(closestKey('filename_', known)).toBe('fileName');
    expect(closestKey('expiry', known)).toBeUndefined();
    expect(closestKey('', known)).toBeUndefined();
    expect(closestKey('x'.repeat(100_000), known)).toBeUndefined();
    expect(unknownFieldDetail('sise', known)).toBe('unknown field; did you mean "size"?');
    expect(unknownFieldDetail('colour', [])).toBe('unknown field');
  });
});
