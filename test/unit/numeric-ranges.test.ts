/**
 * Issue 10 §1: JSON allows numbers DynamoDB refuses (1e308, 5e-324, integers above 2^53, which the SDK's
 * marshaller refuses), so every number of the API has a documented range and precision
 * (shared/schemas/common.schema.ts). This walks the OpenAPI document built from the route table (every
 * parameter, request body and response of every route, so a route or a number added later is walked too) and
 * fails on a number without them.
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { buildOpenApiDocument } from '#shared/http/openapi';
import { count, decimal, percentage, quantityValue, wholeNumber } from '#shared/schemas/common.schema';
import * as z from '#shared/schemas/zod';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

/** DynamoDB keeps numbers of magnitude 1e-130 to below 1e126 with 38 significant digits; JS doubles need ≤ 2^53. */
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The numbers in a JSON schema that have no range or no precision. A request number's range must be chosen
 * (zod's default integer bounds, ±2^53 - 1, mean nobody chose one); a response number may be a counter up to
 * 2^53 - 1. A decimal's precision is its `multipleOf`, and its range over that step must stay within 2^53, so every
 * value it admits is exact.
 */
export function unboundedNumbers(
  schema: unknown,
  side: 'request' | 'response',
  components: Record<string, Json>,
  at = '#',
  seen = new Set<string>(),
): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema))
    return schema.flatMap((s, i) => unboundedNumbers(s, side, components, `${at}/${i}`, seen));
  const node = schema as Json;
  const found: string[] = [];
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (!seen.has(name)) {
      seen.add(name);
      found.push(...unboundedNumbers(components[name], side, components, `${at}→${name}`, seen));
    }
  }
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('number') || types.includes('integer')) {
    const min = (node.minimum ?? node.exclusiveMinimum) as number | undefined;
    const max = (node.maximum ?? node.exclusiveMaximum) as number | undefined;
    const step = types.includes('integer') ? 1 : (node.multipleOf as number | undefined);
    const problems: string[] = [];
    if (typeof min !== 'number' || typeof max !== 'number') problems.push('no minimum and maximum');
    else {
      if (Math.abs(min) > SAFE || Math.abs(max) > SAFE) problems.push(`range ${min}..${max} beyond 2^53 - 1`);
      if (side === 'request' && (min <= -SAFE || max >= SAFE)) problems.push('no range chosen (±2^53 - 1)');
    }
    if (typeof step !== 'number') problems.push('no precision (integer or multipleOf)');
    else if (step < 1e-6) problems.push(`precision ${step} finer than 6 decimals`);
    else if (typeof max === 'number' && typeof min === 'number' && Math.max(-min, max) / step > SAFE)
      problems.push(`range ${min}..${max} in steps of ${step} is not exact in a double`);
    if (problems.length) found.push(`${at}: ${problems.join('; ')}`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' || key === 'default' || key === 'const' || key === 'enum' || key === 'examples')
      continue;
    if (typeof value === 'object' && value !== null)
      found.push(...unboundedNumbers(value, side, components, `${at}/${key}`, seen));
  }
  return found;
}

const convert = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;

describe('every number of the API has a range and a precision (issue 10 §1)', () => {
  const document = buildOpenApiDocument(routes as Readonly<Record<string, RouteDef>>);
  const components = document.components.schemas as Record<string, Json>;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      op,
    })),
  );

  it('walks an operation for every route of the route table', () => {
    expect(operations.map((o) => o.name).sort()).toEqual(
      Object.values(routes as Record<string, RouteDef>)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });

  it('on the request side: every parameter and body number of every route', () => {
    const found = operations.flatMap(({ name, op }) => [
      ...(op.parameters ?? []).flatMap((p) =>
        unboundedNumbers(p.schema, 'request', components, `${name} ${p.in} ${p.name}`),
      ),
      ...Object.values(op.requestBody?.content ?? {}).flatMap((c) =>
        unboundedNumbers(c.schema, 'request', components, `${name} body`),
      ),
    ]);
    expect(found).toEqual([]);
  });

  it('on the response side: what the store gives back is within what it keeps', () => {
    const found = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses).flatMap(([status, response]) =>
        Object.values(response.content ?? {}).flatMap((c) =>
          unboundedNumbers(c.schema, 'response', components, `${name} ${status}`),
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it('finds a number added without a range or a precision, so the walk can fail', () => {
    const sample = convert(
      z.object({
        plain: z.number(),
        int: z.number().check(z.int()),
        noPrecision: z.number().check(z.minimum(0), z.maximum(10)),
        tooFine: z.number().check(z.minimum(0), z.maximum(1e12), z.multipleOf(0.0001)),
        nested: z.array(z.object({ deep: z.optional(z.number()) })),
        ok: wholeNumber(1, 10),
      }),
      'input',
    );
    const found = unboundedNumbers(sample, 'request', {});
    expect(found.map((f) => f.split(':')[0])).toEqual([
      '#/properties/plain',
      '#/properties/int',
      '#/properties/noPrecision',
      '#/properties/tooFine',
      '#/properties/nested/items/properties/deep',
    ]);
    expect(unboundedNumbers(convert(count(), 'output'), 'response', {})).toEqual([]);
    expect(unboundedNumbers(convert(count(), 'input'), 'request', {})).toEqual([
      '#: no range chosen (±2^53 - 1)',
    ]);
  });
});

describe('the numeric building blocks refuse what DynamoDB or its marshaller refuse', () => {
  const hostile = [1e308, -1e308, 5e-324, -5e-324, 2 ** 53 + 1, 1e-7, 1.5e-10, 1e21];

  it.each([
    ['wholeNumber(0, 365)', wholeNumber(0, 365)],
    ['count()', count()],
    ['percentage()', percentage()],
    ['percentage(2)', percentage(2)],
    ['decimal(-1e9, 1e9, 4)', decimal(-1e9, 1e9, 4)],
    ['quantityValue()', quantityValue()],
  ] as const)('%s', (_, schema) => {
    for (const value of hostile) expect(z.safeParse(schema, value).success, String(value)).toBe(false);
  });

  it('decimal keeps its precision: at most `places` decimals, the bounds included', () => {
    const target = decimal(-1e9, 1e9, 4);
    for (const ok of [0, -0, 99.5, 0.0001, -0.0001, 1e9, -1e9, 12345.6789, 1e-4])
      expect(z.safeParse(target, ok).success, String(ok)).toBe(true);
    for (const bad of [0.00001, 1.23456, 1e9 + 1, 1e-5, 3e-6, Number.NaN, Infinity])
      expect(z.safeParse(target, bad).success, String(bad)).toBe(false);
    const quantity = quantityValue();
    expect(z.safeParse(quantity, 0).success).toBe(false);
    expect(z.safeParse(quantity, 0.001).success).toBe(true);
    expect(z.safeParse(quantity, 1.5).success).toBe(true);
    expect(z.safeParse(quantity, 1.0005).success).toBe(false);
  });
});
