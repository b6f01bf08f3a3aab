/**
 * Hostile requests for one operation, as small printable recipes (fast-check values): a valid request built
 * from the operation's schemas, then one hostile change. Large payloads (megabyte strings, deep nesting,
 * oversized bodies) are described here and only built when the case is sent (`materialize`), so a failing
 * case prints in a few lines and 10 000 cases do not sit in memory.
 */
import fc from 'fast-check';
import type { Role } from '#functions/routes';
import type { Operation, Parameter } from './operations';
import { resolve, validValue, type Components, type JsonSchema } from './schema-arbitrary';

export const CASE_CLASSES = [
  'valid',
  'wrong-type',
  'missing-field',
  'extra-field',
  'huge-string',
  'huge-array',
  'deep-nesting',
  'control-and-surrogates',
  'prototype-keys',
  'extreme-number',
  'invalid-json',
  'content-type',
  'oversized-body',
  'bad-cursor',
  'bad-idempotency-key',
  'bad-if-match',
  'path-param',
  'query-param',
] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

export type JsonPath = (string | number)[];

/** One hostile change to a valid JSON body, at `path`. */
export type Mutation =
  | { kind: 'replace'; path: JsonPath; value: unknown }
  /** Replaces the node with JSON text as is: numbers JSON.stringify cannot write (1e400, -0, 1.0). */
  | { kind: 'raw'; path: JsonPath; raw: string }
  | { kind: 'delete'; path: JsonPath }
  /** An own property, even for `__proto__`. */
  | { kind: 'add'; path: JsonPath; key: string; value: unknown }
  | { kind: 'huge-string'; path: JsonPath; length: number; unit: string }
  | { kind: 'huge-array'; path: JsonPath; length: number; item: unknown }
  | { kind: 'deep'; path: JsonPath; depth: number; shape: 'array' | 'object' };

export type BodyRecipe =
  | { kind: 'json'; valid: unknown; mutation?: Mutation }
  | { kind: 'text'; text: string }
  /** Raw bytes (base64), for invalid UTF-8. */
  | { kind: 'bytes'; base64: string }
  /** A body beyond the gateway's 10 MB limit. */
  | { kind: 'oversized'; bytes: number };

export type CursorRecipe =
  | { kind: 'literal'; value: string }
  /**
   * A cursor the list really gave out, then altered (materialize.ts alterCursor): the string itself (`flip`,
   * `truncate`) or its decoded key values, sent with the cursor's own tag or with a tag recomputed for them.
   */
  | {
      kind: 'altered';
      how:
        | 'flip'
        | 'truncate'
        | 'empty-values'
        | 'drop-key'
        | 'add-key'
        | 'number'
        | 'other-partition'
        | 'same-list';
      seal: 'old-tag' | 'recomputed';
      at: number;
    };

export interface FuzzCase {
  klass: CaseClass;
  op: string;
  /** A role that may call the operation (undefined on public routes). */
  role?: Role;
  /** Raw values; path segments are encoded when sent unless `rawPath` is set. */
  pathParams: Record<string, string>;
  /** Already-encoded path segments (invalid UTF-8, encoded slashes…) by parameter name. */
  rawPath?: Record<string, string>;
  query: [string, string][];
  cursor?: CursorRecipe;
  /** Header values; `null` removes a header the valid request would send. */
  headers: Record<string, string | null>;
  /** undefined: no content-type header at all. */
  contentType?: string;
  body?: BodyRecipe;
  /** Where the hostile change is, for the "names the field" check. */
  target?: { in: 'body' | 'query' | 'path' | 'header'; path: JsonPath };
  /**
   * The path of a body field the case added that no schema of the API declares (issue 12 §3): every request
   * schema is strict, so the answer must be a 400 naming exactly this path.
   */
  unknownField?: JsonPath;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values

const CONTROL_AND_SURROGATES = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\udbff\ud800',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u202e',
  '\u200b',
  '\r\n',
  '\t',
  '😀'.slice(0, 1),
  '%00',
  '../',
  '\\',
];

/** A string whose code units are the UTF-8 bytes of `text`: what goes on the wire for a non-ASCII header. */
const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...CONTROL_AND_SURROGATES),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom('a', '社', ' '),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Numbers JSON allows, as JSON text. */
const EXTREME_NUMBERS = [
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '5e-324',
  '-5e-324',
  '1e-7',
  '9007199254740993',
  '-9007199254740993',
  '18446744073709551616',
  '123456789012345678901234567890',
  '1e400',
  '-1e400',
  '-0',
  '0.1',
  '1.0',
  '1E2',
  '0.30000000000000004',
  '2.5',
  '-1',
  '0',
];

/** A value of another JSON type than `value`. */
function otherTypes(value: unknown): fc.Arbitrary<unknown> {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.constantFrom('', 'x', '1', 'true', 'null', '[]')],
    ['number', fc.constantFrom(0, -1, 1.5, 42)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constantFrom([], [1], ['a'], [{}])],
    ['object', fc.constantFrom({}, { a: 1 }, { value: 'x' })],
  ];
  const own = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return fc.oneof(...all.filter(([type]) => type !== own).map(([, arbitrary]) => arbitrary));
}

// ---------------------------------------------------------------------------------------------------------
// Paths into a JSON value

interface Node {
  path: JsonPath;
  value: unknown;
  /** Set when the node is an object's property. */
  property?: string;
}

export function nodesOf(value: unknown, path: JsonPath = []): Node[] {
  const nodes: Node[] = [{ path, value, ...propertyOf(path) }];
  if (Array.isArray(value)) value.forEach((v, i) => nodes.push(...nodesOf(v, [...path, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodes.push(...nodesOf(v, [...path, k]));
  }
  return nodes;
}

function propertyOf(path: JsonPath): { property?: string } {
  const last = path[path.length - 1];
  return typeof last === 'string' ? { property: last } : {};
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

// ---------------------------------------------------------------------------------------------------------
// Case arbitraries

export interface CaseContext {
  components: Components;
}

function applicableClasses(op: Operation): CaseClass[] {
  const classes: CaseClass[] = ['valid', 'control-and-surrogates', 'huge-string'];
  if (op.body) {
    classes.push(
      'wrong-type',
      'missing-field',
      'extra-field',
      'huge-array',
      'deep-nesting',
      'prototype-keys',
      'extreme-number',
      'invalid-json',
      'content-type',
    );
  }
  // Every route: the gateway reads (and refuses) the body before the handler runs.
  classes.push('oversized-body');
  if (op.queryParams.some((p) => p.name === 'cursor')) classes.push('bad-cursor');
  if (op.idempotent) classes.push('bad-idempotency-key');
  if (op.conditional) classes.push('bad-if-match');
  if (op.pathParams.length > 0) classes.push('path-param');
  classes.push('query-param');
  return classes;
}

function paramValue(param: Parameter, components: Components): fc.Arbitrary<string> {
  return validValue(param.schema, components).map(String);
}

/** The valid request the hostile change is applied to. */
function validRequest(op: Operation, components: Components) {
  const pathParams = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, paramValue(p, components)])),
  ) as fc.Arbitrary<Record<string, string>>;
  const optionalQuery = op.queryParams.filter((p) => p.name !== 'cursor');
  const query = fc
    .tuple(
      ...optionalQuery.map((p) =>
        p.required
          ? paramValue(p, components).map((v) => [p.name, v] as [string, string])
          : fc.option(
              paramValue(p, components).map((v) => [p.name, v] as [string, string]),
              { nil: undefined },
            ),
      ),
    )
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== undefined));
  const body = op.body ? validValue(op.body, components) : fc.constant(undefined);
  const role = op.roles ? fc.constantFrom(...op.roles) : fc.constant(undefined);
  const key = fc.stringMatching(/^[A-Za-z0-9_.:-]{8,64}$/);
  return fc.record({ pathParams, query, body, role, key });
}

type Valid = {
  pathParams: Record<string, string>;
  query: [string, string][];
  body: unknown;
  role: Role | undefined;
  key: string;
};

function baseCase(op: Operation, klass: CaseClass, valid: Valid): FuzzCase {
  return {
    klass,
    op: op.id,
    ...(valid.role ? { role: valid.role } : {}),
    pathParams: valid.pathParams,
    query: valid.query,
    headers: {
      ...(op.idempotent ? { 'idempotency-key': valid.key } : {}),
      ...(op.conditional ? { 'if-match': '"1"' } : {}),
    },
    ...(op.body ? { contentType: 'application/json', body: { kind: 'json', valid: valid.body } } : {}),
  };
}

const withMutation = (c: FuzzCase, mutation: Mutation): FuzzCase => ({
  ...c,
  body: { kind: 'json', valid: (c.body as { valid: unknown }).valid, mutation },
  target: { in: 'body', path: mutation.path },
});

/** Every property name some schema of the document declares (memoized per document). */
const declaredNames = new WeakMap<object, Set<string>>();
function propertyNames(schemas: object): Set<string> {
  let names = declaredNames.get(schemas);
  if (!names) {
    const found = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) {
        if (isObject(node.properties)) for (const name of Object.keys(node.properties)) found.add(name);
        Object.values(node).forEach(walk);
      }
    };
    walk(schemas);
    names = found;
    declaredNames.set(schemas, names);
  }
  return names;
}

/**
 * A key added to an object of the body, marked as an unknown field when no schema declares its name (the body's
 * own schema is walked too: it may be inline rather than a component).
 */
function withAddedKey(
  op: Operation,
  c: FuzzCase,
  ctx: CaseContext,
  added: { path: JsonPath; key: string; value: unknown },
): FuzzCase {
  const known =
    propertyNames(ctx.components).has(added.key) ||
    (op.body !== undefined && propertyNames(op.body).has(added.key));
  return {
    ...withMutation(c, { kind: 'add', ...added }),
    ...(known ? {} : { unknownField: [...added.path, added.key] }),
  };
}

function hostile(op: Operation, klass: CaseClass, valid: Valid, ctx: CaseContext): fc.Arbitrary<FuzzCase> {
  const c = baseCase(op, klass, valid);
  const nodes = op.body ? nodesOf(valid.body) : [];
  const objects = nodes.filter((n) => isObject(n.value));
  const properties = nodes.filter((n) => n.property !== undefined);
  const strings = nodes.filter((n) => typeof n.value === 'string');
  const numbers = nodes.filter((n) => typeof n.value === 'number');
  const index = fc.nat();
  switch (klass) {
    case 'valid':
      return fc.constant(c);
    case 'wrong-type':
      return index.chain((i) => {
        const node = pick(nodes, i) as Node;
        return otherTypes(node.value).map((value) =>
          withMutation(c, { kind: 'replace', path: node.path, value }),
        );
      });
    case 'missing-field':
      if (properties.length === 0)
        return fc.constant(withMutation(c, { kind: 'replace', path: [], value: {} }));
      return index.map((i) => withMutation(c, { kind: 'delete', path: (pick(properties, i) as Node).path }));
    case 'extra-field':
      return fc
        .tuple(
          index,
          fc.oneof(fc.stringMatching(/^[a-zA-Z_]{1,20}$/), hostileText),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([i, key, value]) => {
          const node = pick(objects, i);
          if (!node) return withMutation(c, { kind: 'replace', path: [], value: { [key]: value } });
          return withAddedKey(op, c, ctx, { path: node.path, key, value });
        });
    case 'huge-string':
      return fc
        .tuple(
          index,
          fc.integer({ min: 10_000, max: 400_000 }),
          fc.constantFrom('a', '社', '\u0000', '😀', '\\'),
        )
        .chain(([i, length, unit]) => {
          if (op.body) {
            const node = pick(strings.length > 0 ? strings : nodes, i) as Node;
            return fc.constant(withMutation(c, { kind: 'huge-string', path: node.path, length, unit }));
          }
          return hugeParam(op, c, Math.min(length, 6_000), unit, i);
        });
    case 'huge-array':
      return fc
        .tuple(index, fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom<unknown>(0, 'x', {}, null, []))
        .map(([i, length, item]) =>
          withMutation(c, { kind: 'huge-array', path: (pick(nodes, i) as Node).path, length, item }),
        );
    case 'deep-nesting':
      return fc
        .tuple(
          index,
          fc.integer({ min: 100, max: 20_000 }),
          fc.constantFrom<'array' | 'object'>('array', 'object'),
        )
        .map(([i, depth, shape]) =>
          withMutation(c, { kind: 'deep', path: (pick(nodes, i) as Node).path, depth, shape }),
        );
    case 'control-and-surrogates':
      return fc.tuple(index, hostileText, fc.boolean()).chain(([i, text, inKey]) => {
        if (op.body && (strings.length > 0 || objects.length > 0)) {
          const objectNode = pick(objects, i);
          if (inKey && objectNode) {
            return fc.constant(withAddedKey(op, c, ctx, { path: objectNode.path, key: text, value: 'x' }));
          }
          const node = pick(strings.length > 0 ? strings : nodes, i) as Node;
          const original = typeof node.value === 'string' ? node.value : '';
          const at = original.length === 0 ? 0 : i % original.length;
          const value = original.slice(0, at) + text + original.slice(at);
          return fc.constant(withMutation(c, { kind: 'replace', path: node.path, value }));
        }
        return textInParams(op, c, text, i);
      });
    case 'prototype-keys':
      return fc
        .tuple(
          index,
          fc.constantFrom('__proto__', 'constructor', 'prototype'),
          fc.constantFrom<unknown>({ polluted: true }, { prototype: { polluted: true } }, 'x', null, []),
        )
        .map(([i, key, value]) => {
          const node = pick(objects, i);
          if (!node) return withMutation(c, { kind: 'replace', path: [], value: { [key]: value } });
          return withAddedKey(op, c, ctx, { path: node.path, key, value });
        });
    case 'extreme-number':
      return fc.tuple(index, fc.constantFrom(...EXTREME_NUMBERS)).map(([i, raw]) => {
        const node = pick(numbers.length > 0 ? numbers : nodes, i) as Node;
        return withMutation(c, { kind: 'raw', path: node.path, raw });
      });
    case 'invalid-json':
      return fc
        .tuple(
          fc.constantFrom(
            '',
            ' ',
            '{',
            '{"a":',
            '[1,]',
            "{'a':1}",
            '{"a":NaN}',
            '{"a":Infinity}',
            'null',
            'true',
            '"x"',
            '[]',
            '1',
            '\ufeff{}',
            '{"a":1}{"b":2}',
            '{"a":"\\ud800"}',
            '{"a":"\\x41"}',
            '/* c */{}',
          ),
          fc.boolean(),
        )
        .chain(([text, bytes]) =>
          bytes
            ? fc.uint8Array({ minLength: 1, maxLength: 64 }).map(
                (u8) =>
                  ({
                    ...c,
                    body: { kind: 'bytes', base64: Buffer.from(u8).toString('base64') },
                  }) as FuzzCase,
              )
            : fc.constant({ ...c, body: { kind: 'text', text } } as FuzzCase),
        );
    case 'content-type':
      return fc
        .constantFrom<string | undefined>(
          undefined,
          '',
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonp',
          'application/json; charset=utf-16',
          'APPLICATION/JSON',
          'application/problem+json',
          'application/json, text/plain',
          '*/*',
          'application/octet-stream',
          'json',
        )
        .map((contentType) => {
          const { contentType: _omit, ...rest } = c;
          return contentType === undefined ? rest : { ...rest, contentType };
        });
    case 'oversized-body':
      return fc.integer({ min: 10 * 1024 * 1024 + 1, max: 11 * 1024 * 1024 }).map((bytes) => ({
        ...c,
        contentType: 'application/json',
        body: { kind: 'oversized', bytes },
      }));
    case 'bad-cursor':
      return badCursor(c);
    case 'bad-idempotency-key':
      return fc
        .oneof(
          fc.constantFrom(
            '',
            ' ',
            'short',
            'a'.repeat(129),
            'has space in it',
            // UTF-8 bytes, as a client sends non-ASCII header text (Node refuses code points above U+00FF).
            utf8Bytes('ключ-ключ-ключ'),
            utf8Bytes('键键键键键键键键'),
          ),
          // Header values Node can send: visible ASCII and Latin-1, no control characters.
          fc.stringMatching(/^[!-~\u0080-\u00ff]{1,40}$/),
          fc.stringMatching(/^[!-~]{129,4000}$/),
        )
        .filter((key) => !/^[A-Za-z0-9_.:-]{8,128}$/.test(key))
        .map((key) => ({
          ...c,
          headers: { ...c.headers, 'idempotency-key': key },
          target: { in: 'header', path: ['Idempotency-Key'] },
        }));
    case 'bad-if-match':
      return fc
        .constantFrom<string | null>(
          null,
          '',
          '*',
          '1',
          'W/"1"',
          '"-1"',
          '"1.5"',
          '"abc"',
          '"99999999999999999999999"',
          `"${'9'.repeat(400)}"`,
          '"1", "2"',
          '"0"',
          '""',
          '"1',
          '"\u00e9"',
        )
        .map((value) => ({
          ...c,
          headers: { ...c.headers, 'if-match': value },
          target: { in: 'header', path: ['If-Match'] },
        }));
    case 'path-param':
      return pathParamCase(op, c);
    case 'query-param':
      return queryParamCase(op, c, ctx.components);
  }
}

function hugeParam(
  op: Operation,
  c: FuzzCase,
  length: number,
  unit: string,
  i: number,
): fc.Arbitrary<FuzzCase> {
  const text = unit.repeat(Math.ceil(length / Math.max(1, unit.length * 6)));
  return textInParams(op, c, text, i);
}

/** Text into a path parameter or a query parameter (declared or not). */
function textInParams(op: Operation, c: FuzzCase, text: string, i: number): fc.Arbitrary<FuzzCase> {
  const param = pick(op.pathParams, i);
  if (param && i % 2 === 0) {
    return fc.constant({
      ...c,
      pathParams: { ...c.pathParams, [param.name]: text },
      target: { in: 'path', path: [param.name] },
    } as FuzzCase);
  }
  const query = pick(op.queryParams, i);
  const name = query?.name ?? 'q';
  return fc.constant({
    ...c,
    query: [...c.query.filter(([k]) => k !== name), [name, text]],
    target: { in: 'query', path: [name] },
  } as FuzzCase);
}

function pathParamCase(op: Operation, c: FuzzCase): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(
      fc.nat(),
      fc.oneof(
        fc.constantFrom(
          '-1',
          '0',
          '1.5',
          '1e3',
          '9999999999999999999999',
          'null',
          'undefined',
          '{id}',
          '..',
          '.',
          ' ',
          'a b',
          '<script>',
          "' OR 1=1 --",
          'CON',
          '社会救助',
          'x'.repeat(41),
          'A'.repeat(5),
        ),
        fc.integer({ min: 200, max: 6_000 }).map((n) => 'a'.repeat(n)),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      ),
      fc.constantFrom<string | undefined>(
        undefined,
        '%2F',
        '%2e%2e',
        '%00',
        '%ED%A0%80',
        '%FF',
        '%C0%AF',
        '%E4%BD',
        '%',
      ),
    )
    .map(([i, value, raw]) => {
      const param = pick(op.pathParams, i) as Parameter;
      const target = { in: 'path' as const, path: [param.name] };
      if (raw !== undefined) return { ...c, rawPath: { [param.name]: `a${raw}b` }, target };
      return { ...c, pathParams: { ...c.pathParams, [param.name]: value }, target };
    });
}

function queryParamCase(op: Operation, c: FuzzCase, components: Components): fc.Arbitrary<FuzzCase> {
  const names = [...op.queryParams.map((p) => p.name), 'unknown', '__proto__', 'constructor', 'limit[]', ''];
  const values = fc.oneof(
    fc.constantFrom(
      '',
      'abc',
      '-1',
      '0',
      '101',
      '1e3',
      '1.5',
      '0x10',
      ' 7',
      'Infinity',
      'NaN',
      '99999999999999999999999',
      'true',
      '[]',
      '{}',
      'null',
      '%',
      '2026-13-45',
      'x'.repeat(3_000),
    ),
    hostileText,
  );
  return fc.tuple(fc.nat(), values, fc.boolean(), fc.nat()).map(([i, value, repeat, j]) => {
    const name = pick(names, i) as string;
    const declared = op.queryParams.find((p) => p.name === name);
    // Sometimes the same key twice: API Gateway comma-joins repeated keys.
    const again: [string, string][] =
      repeat && declared
        ? [[name, j % 2 === 0 ? value : String(resolve(declared.schema, components).default ?? 'x')]]
        : [];
    return {
      ...c,
      query: [...c.query.filter(([k]) => k !== name), [name, value] as [string, string], ...again],
      target: { in: 'query' as const, path: [name] },
    };
  });
}

function badCursor(c: FuzzCase): fc.Arbitrary<FuzzCase> {
  const literal = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((u8) => Buffer.from(u8).toString('base64url')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc
      .dictionary(
        fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'PK', 'SK', 'GSI1PK', 'GSI1SK', 'id', 'x'),
        fc.oneof(fc.string(), fc.constant(''), fc.integer(), fc.constant(null), fc.constant({ S: 'x' })),
        { minKeys: 1, maxKeys: 5 },
      )
      .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc.constantFrom('', '=', '!!!', 'e30', 'W10', 'bnVsbA', 'eyJhIjoxfQ', 'a'.repeat(3000), '%00', 'eyJ'),
  );
  const altered = fc.record({
    kind: fc.constant('altered' as const),
    how: fc.constantFrom(
      'flip' as const,
      'truncate' as const,
      'empty-values' as const,
      'drop-key' as const,
      'add-key' as const,
      'number' as const,
      'other-partition' as const,
      'same-list' as const,
    ),
    seal: fc.constantFrom('old-tag' as const, 'recomputed' as const),
    at: fc.nat(),
  });
  // Whether the list gave out a real cursor this run is decided when the case is sent (materialize), so the
  // same seed generates the same cases whatever the stack holds.
  const recipe: fc.Arbitrary<CursorRecipe> = fc.oneof(
    literal.map((value) => ({ kind: 'literal' as const, value })),
    altered,
  );
  return recipe.map((cursor) => ({ ...c, cursor, target: { in: 'query', path: ['cursor'] } }));
}

/** Cases for every operation, each class equally likely among those that apply to the operation. */
export function caseArbitrary(operations: readonly Operation[], ctx: CaseContext): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    ...operations.map((op) => {
      // An oversized body costs 10 MB a case and tests one gateway check: it comes a twelfth as often.
      const classes = fc.oneof(
        ...applicableClasses(op).map((klass) => ({
          weight: klass === 'oversized-body' ? 1 : 12,
          arbitrary: fc.constant(klass),
        })),
      );
      return fc
        .tuple(validRequest(op, ctx.components), classes)
        .chain(([valid, klass]) => hostile(op, klass, valid as Valid, ctx));
    }),
  );
}

export { resolve, type JsonSchema };
