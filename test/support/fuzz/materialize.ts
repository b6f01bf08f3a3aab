/**
 * Builds the HTTP request a fuzz case describes: the body with its hostile change (megabytes only now), the
 * path with its encoded segments, the query, the headers, and a real cursor altered (alterCursor).
 */
import { sealCursor, type CursorScope } from '#shared/adapters/dynamodb/cursor';
import type { Operation } from './operations';
import type { BodyRecipe, CursorRecipe, FuzzCase, JsonPath, Mutation } from './cases';

export interface HttpRequest {
  method: string;
  /** Path and query, encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The JSON the body holds, when it is JSON: where field errors must point. */
  json?: { value: unknown };
  /** Set when the cursor sent is an altered real one. */
  cursor?: SentCursor;
}

const RAW_MARK = '\u0000fuzz-raw\u0000';

function clone<T>(value: T): T {
  return structuredClone(value);
}

function parentAndKey(
  root: { value: unknown },
  path: JsonPath,
): [Record<string | number, unknown>, string | number] {
  if (path.length === 0) return [root as unknown as Record<string, unknown>, 'value'];
  let parent: unknown = root.value;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  return [parent as Record<string | number, unknown>, path[path.length - 1] as string | number];
}

function nested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** The body text with the mutation applied, and the parsed JSON it stands for (undefined when too deep). */
export function jsonBody(valid: unknown, mutation: Mutation | undefined): { text: string; value?: unknown } {
  const root = { value: clone(valid) };
  let raw: string | undefined;
  if (mutation) {
    const [parent, key] = parentAndKey(root, mutation.path);
    switch (mutation.kind) {
      case 'replace':
        parent[key] = mutation.value;
        break;
      case 'raw':
        parent[key] = RAW_MARK;
        raw = mutation.raw;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'add': {
        const target = mutation.path.length === 0 ? root.value : parent[key];
        // An own property, so `__proto__` is sent as a key rather than setting the prototype.
        Object.defineProperty(target, mutation.key, {
          value: mutation.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      }
      case 'huge-string':
        parent[key] = mutation.unit.repeat(Math.ceil(mutation.length / mutation.unit.length));
        break;
      case 'huge-array':
        parent[key] = Array.from({ length: mutation.length }, () => mutation.item);
        break;
      case 'deep':
        parent[key] = RAW_MARK;
        raw = nested(mutation.depth, mutation.shape);
        break;
    }
  }
  let text = JSON.stringify(root.value);
  if (raw !== undefined) text = text.replace(JSON.stringify(RAW_MARK), raw);
  return { text, value: raw === undefined ? root.value : safeParse(text) };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function bodyOf(recipe: BodyRecipe): { body: string | Buffer; json?: { value: unknown } } {
  switch (recipe.kind) {
    case 'json': {
      const { text, value } = jsonBody(recipe.valid, recipe.mutation);
      return { body: text, ...(value !== undefined ? { json: { value } } : {}) };
    }
    case 'text': {
      const value = safeParse(recipe.text);
      return { body: recipe.text, ...(value !== undefined ? { json: { value } } : {}) };
    }
    case 'bytes':
      return { body: Buffer.from(recipe.base64, 'base64') };
    case 'oversized':
      return { body: `{"padding":"${'x'.repeat(recipe.bytes)}"}` };
  }
}

/** A cursor a list gave out this run, with the query and token that got it and, when known, its scope. */
export interface RealCursor {
  cursor: string;
  /** The list's query without `cursor`: an altered cursor is sent with it, so only the cursor can be wrong. */
  query: [string, string][];
  token?: string;
  /** The query the cursor is bound to, recovered from its tag (recoverScope); needed to recompute a tag. */
  scope?: CursorScope;
}

/** What materialize sent as the cursor, for checks.ts. */
export interface SentCursor {
  /** Built from a real cursor and sent with that cursor's own query and token. */
  altered: boolean;
  /** A key inside the cursor's own query, sealed for it: a 200 is right (the caller could page there). */
  genuine: boolean;
}

const TAG_PLACEHOLDER = 'A'.repeat(22);

function payloadValues(cursor: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor.split('.')[0] ?? '', 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The scope a cursor is bound to, found by sealing its own values for each query shape the house's lists use
 * (shared/adapters/dynamodb/records.ts: the table by PK/SK or GSI1, a sort-key prefix ending in `#`, either
 * direction) until the tag matches; undefined when none does (an offset cursor, a lower bound).
 */
export function recoverScope(cursor: string): CursorScope | undefined {
  const values = payloadValues(cursor);
  if (!values || !values.every((v): v is string => typeof v === 'string')) return undefined;
  interface Space {
    indexName?: string;
    attributes: string[];
    partition: string;
    sort: string;
    partitionAt: number;
    sortAt: number;
  }
  const spaces: Space[] =
    values.length === 2
      ? [{ attributes: ['PK', 'SK'], partition: 'PK', sort: 'SK', partitionAt: 0, sortAt: 1 }]
      : values.length === 4
        ? [
            {
              indexName: 'GSI1',
              attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
              partition: 'GSI1PK',
              sort: 'GSI1SK',
              partitionAt: 2,
              sortAt: 3,
            },
          ]
        : [];
  for (const space of spaces) {
    const sortKey = values[space.sortAt] ?? '';
    const prefixes: (string | undefined)[] = [undefined];
    for (let i = sortKey.indexOf('#'); i >= 0; i = sortKey.indexOf('#', i + 1))
      prefixes.push(sortKey.slice(0, i + 1));
    for (const sortKeyPrefix of prefixes) {
      for (const newestFirst of [false, true]) {
        const scope: CursorScope = {
          ...(space.indexName ? { indexName: space.indexName } : {}),
          attributes: space.attributes,
          partition: { attribute: space.partition, value: values[space.partitionAt] ?? '' },
          sortAttribute: space.sort,
          ...(sortKeyPrefix !== undefined ? { sortKeyPrefix } : {}),
          newestFirst,
        };
        if (sealCursor(values, scope) === cursor) return scope;
      }
    }
  }
  return undefined;
}

/**
 * A real cursor altered (issue 10 §1). `flip` and `truncate` change the string; the others change the decoded
 * key values (an empty value, a number, one value fewer or more, another partition, another place in the same
 * list) and seal them with the cursor's own tag (a tag mismatch) or with a tag recomputed for them by the
 * house's own sealCursor (what a forger can do). Only `same-list` with a recomputed tag is genuine.
 */
export function alterCursor(
  real: RealCursor,
  recipe: Extract<CursorRecipe, { kind: 'altered' }>,
): { cursor: string; genuine: boolean } {
  const cursor = real.cursor;
  const at = recipe.at % Math.max(1, cursor.length);
  if (recipe.how === 'flip') {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const current = cursor[at] ?? 'A';
    // '.' separates payload and tag: flipping it gives a string of another shape.
    const next =
      current === '.' ? '-' : alphabet[(alphabet.indexOf(current) + 1 + (recipe.at % 60)) % alphabet.length];
    return { cursor: cursor.slice(0, at) + next + cursor.slice(at + 1), genuine: false };
  }
  if (recipe.how === 'truncate') return { cursor: cursor.slice(0, Math.max(1, at)), genuine: false };
  const tag = cursor.split('.')[1] ?? TAG_PLACEHOLDER;
  const values = [...(payloadValues(cursor) ?? [])];
  const scope = real.scope;
  const i = values.length === 0 ? 0 : recipe.at % values.length;
  const partitionAt = scope ? scope.attributes.indexOf(scope.partition.attribute) : i;
  const sortAt = scope ? scope.attributes.indexOf(scope.sortAttribute) : i;
  switch (recipe.how) {
    case 'empty-values':
      values[i] = '';
      break;
    case 'drop-key':
      values.splice(i, 1);
      break;
    case 'add-key':
      values.push('x');
      break;
    case 'number':
      values[i] = 1;
      break;
    case 'other-partition':
      values[partitionAt] = `${String(values[partitionAt])}#other`;
      break;
    case 'same-list':
      // After the real key, inside the prefix and above any lower bound: a place the caller could page to.
      values[sortAt] = `${String(values[sortAt])}#fuzz`;
      break;
  }
  if (recipe.seal === 'recomputed' && scope) {
    return { cursor: sealCursor(values, scope), genuine: recipe.how === 'same-list' };
  }
  return { cursor: `${Buffer.from(JSON.stringify(values)).toString('base64url')}.${tag}`, genuine: false };
}

export function materialize(
  op: Operation,
  c: FuzzCase,
  options: { token?: string; realCursor?: RealCursor },
): HttpRequest {
  const real = c.cursor?.kind === 'altered' ? options.realCursor : undefined;
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const raw = c.rawPath?.[name];
    return raw ?? encodePathSegment(c.pathParams[name] ?? 'x');
  });
  // An altered real cursor goes with the query that gave it out, so the cursor is the one thing wrong.
  const query = real ? real.query : c.query;
  const pairs: string[] = query.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`);
  let sentCursor: SentCursor | undefined;
  if (c.cursor) {
    let cursor: string;
    if (c.cursor.kind === 'literal') cursor = c.cursor.value;
    else if (real) {
      const altered = alterCursor(real, c.cursor);
      cursor = altered.cursor;
      sentCursor = { altered: true, genuine: altered.genuine };
    } else {
      // No cursor to alter (a list of another tenant's records): an empty key under a tag of the right shape.
      cursor = `${Buffer.from('[]').toString('base64url')}.${TAG_PLACEHOLDER}`;
    }
    pairs.push(`cursor=${encodeQuery(cursor)}`);
  }
  const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.headers)) if (value !== null) headers[name] = value;
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  const token = real && options.token ? (real.token ?? options.token) : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const request: HttpRequest = {
    method: op.method,
    url,
    headers,
    ...(sentCursor ? { cursor: sentCursor } : {}),
  };
  if (c.body) Object.assign(request, bodyOf(c.body));
  return request;
}

/** encodeURIComponent, except that a lone surrogate is sent as its (invalid) UTF-8 bytes instead of throwing. */
function encodeLoose(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}

const encodePathSegment = (value: string) => encodeLoose(value);
const encodeQuery = (value: string) => encodeLoose(value);
