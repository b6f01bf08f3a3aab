/**
 * Valid values from the JSON Schemas of /openapi.json (OpenAPI 3.1 = JSON Schema 2020-12, as zod emits them):
 * the fuzz mutates these, so most cases get past the first check and reach the deeper ones. Only what the
 * generated contract uses is supported; anything else fails loudly, so a schema feature added later is noticed.
 */
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;
export type Components = Record<string, JsonSchema>;

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  'default',
  'description',
  'title',
  'examples',
  'id',
  'readOnly',
]);

/** Dereferences `#/components/schemas/X`. */
export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    const id = current.$ref.replace('#/components/schemas/', '');
    const target = components[id];
    if (!target || hops > 20) throw new Error(`fuzz: cannot resolve ${current.$ref}`);
    current = target;
  }
  return current;
}

/** Arrays are kept short and strings short-ish: validity, not size, is what these are for. */
const MAX_ITEMS = 3;

export function validValue(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  for (const key of Object.keys(s)) {
    if (!KNOWN.has(key)) throw new Error(`fuzz: unsupported JSON Schema keyword "${key}"`);
  }
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, components, depth + 1)));
  if (Array.isArray(s.allOf)) {
    // Every part holds at once, on top of the schema's own keywords (`type`, lengths): merged, and where several
    // parts bring a pattern (a file name: no control characters, and no path), generated from one and kept only
    // when it matches them all.
    const { allOf, ...outer } = s;
    const parts = (allOf as JsonSchema[]).map((part) => resolve(part, components));
    const patterns = [outer, ...parts]
      .map((part) => part.pattern)
      .filter((pattern): pattern is string => typeof pattern === 'string')
      .map((pattern) => new RegExp(pattern));
    const merged = parts.reduce<JsonSchema>((acc, part) => ({ ...acc, ...part }), outer);
    const value = validValue(merged, components, depth + 1);
    return patterns.length > 1
      ? value.filter((v) => typeof v !== 'string' || patterns.every((pattern) => pattern.test(v)))
      : value;
  }
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (type) {
    case 'string':
      return stringValue(s);
    case 'integer':
      return integerValue(s);
    case 'number':
      return numberValue(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = (s.minItems as number | undefined) ?? 0;
      const max = Math.max(min, Math.min((s.maxItems as number | undefined) ?? MAX_ITEMS, MAX_ITEMS));
      const items = s.items ? validValue(s.items as JsonSchema, components, depth + 1) : fc.string();
      return fc.array(items, { minLength: min, maxLength: max });
    }
    case 'object':
    case undefined: {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      if (type === undefined && Object.keys(properties).length === 0) return fc.jsonValue({ maxDepth: 2 });
      const required = new Set((s.required as string[] | undefined) ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        model[name] = validValue(property, components, depth + 1);
      }
      const record = fc.record(model, {
        requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
      });
      const extra = s.additionalProperties;
      if (extra && typeof extra === 'object' && Object.keys(properties).length === 0) {
        return fc.dictionary(
          fc.stringMatching(/^[a-z_]{2,12}$/),
          validValue(extra as JsonSchema, components, depth + 1),
          {
            maxKeys: MAX_ITEMS,
          },
        );
      }
      return record;
    }
    default:
      throw new Error(`fuzz: unsupported type ${String(type)}`);
  }
}

function stringValue(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = (s.minLength as number | undefined) ?? 0;
  const maxLength = (s.maxLength as number | undefined) ?? (typeof s.pattern === 'string' ? Infinity : 60);
  const fits = (v: string) => [...v].length >= minLength && [...v].length <= maxLength;
  if (s.format === 'date-time' && !s.pattern) {
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (typeof s.pattern === 'string') {
    return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  }
  if (s.format === 'email') return fc.emailAddress().filter(fits);
  if (s.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'uri') return fc.webUrl().filter(fits);
  // Mostly plain text with some CJK, as the district's clerks write it.
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC0123456789-'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom(...'社会救助服务购买评估临时发放'.split('')) },
  );
  return fc
    .array(unit, { minLength, maxLength: Math.min(maxLength, minLength + 40) })
    .map((chars) => chars.join(''))
    .filter((v) => fits(v) && v.trim().length >= Math.min(minLength, 1));
}

function bounds(s: JsonSchema, fallbackMin: number, fallbackMax: number) {
  const min = (s.minimum as number | undefined) ?? fallbackMin;
  const max = (s.maximum as number | undefined) ?? fallbackMax;
  return { min, max };
}

function integerValue(s: JsonSchema): fc.Arbitrary<number> {
  let { min, max } = bounds(s, -1_000_000, 1_000_000);
  if (typeof s.exclusiveMinimum === 'number') min = Math.max(min, Math.floor(s.exclusiveMinimum) + 1);
  if (typeof s.exclusiveMaximum === 'number') max = Math.min(max, Math.ceil(s.exclusiveMaximum) - 1);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 1) {
    const step = s.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step);
  }
  return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
}

function numberValue(s: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = bounds(s, -1_000_000, 1_000_000);
  const low = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : min;
  const high = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : max;
  // A multiple of the declared step, else one decimal, as the contract's numbers (scores, percentages) are.
  const step = typeof s.multipleOf === 'number' ? s.multipleOf : 0.1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return fc
    .integer({ min: Math.ceil(low / step), max: Math.floor(high / step) })
    .map((k) => Number((k * step).toFixed(decimals)))
    .filter(
      (v) =>
        v >= min &&
        v <= max &&
        (typeof s.exclusiveMinimum !== 'number' || v > s.exclusiveMinimum) &&
        (typeof s.exclusiveMaximum !== 'number' || v < s.exclusiveMaximum),
    );
}
