/**
 * Builds the HTTP request a fuzz case describes: the body with its hostile change (megabytes only now), the
 * path with its encoded segments, the query, the headers.
 */
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

export function alterCursor(real: string, recipe: Extract<CursorRecipe, { kind: 'altered' }>): string {
  const at = recipe.at % Math.max(1, real.length);
  if (recipe.how === 'flip') {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const next = alphabet[(alphabet.indexOf(real[at] ?? 'A') + 1 + (recipe.at % 60)) % alphabet.length];
    return real.slice(0, at) + next + real.slice(at + 1);
  }
  if (recipe.how === 'truncate') return real.slice(0, Math.max(1, at));
  const key = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as Record<string, unknown>;
  const names = Object.keys(key);
  const name = names[recipe.at % names.length] ?? 'pk';
  switch (recipe.how) {
    case 'empty-values':
      key[name] = '';
      break;
    case 'drop-key':
      delete key[name];
      break;
    case 'add-key':
      key.extra = 'x';
      break;
    case 'number':
      key[name] = 1;
      break;
    case 'other-partition':
      key[name] = `${String(key[name])}#other`;
      break;
  }
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function materialize(
  op: Operation,
  c: FuzzCase,
  options: { token?: string; realCursor?: string },
): HttpRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const raw = c.rawPath?.[name];
    return raw ?? encodePathSegment(c.pathParams[name] ?? 'x');
  });
  const pairs: string[] = c.query.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`);
  if (c.cursor) {
    const cursor =
      c.cursor.kind === 'literal'
        ? c.cursor.value
        : options.realCursor
          ? alterCursor(options.realCursor, c.cursor)
          : // No cursor to alter (the list fits one page): the same change on an empty key.
            Buffer.from('{}').toString('base64url');
    pairs.push(`cursor=${encodeQuery(cursor)}`);
  }
  const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.headers)) if (value !== null) headers[name] = value;
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const request: HttpRequest = { method: op.method, url, headers };
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
