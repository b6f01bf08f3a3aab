/**
 * Issue 12 §4: descriptions that belong to their field. A description written for one date-time field (the OCDS
 * feed's `since`) once showed on 51 others, `bidDeadline` included, because they shared one schema instance. Every
 * date-time field now says what its instant is (shared/schemas/common.schema.ts `instant`). This walks every
 * request and response schema of the route table as OpenAPI converts them (zod's JSON Schema, shared/http/openapi.ts),
 * so a field added later is held too: two date-time fields of different names never share a description (the same
 * name, e.g. `createdAt`, means the same instant everywhere), and the OCDS feed's sentences stay on the feed.
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '#functions/routes';
import { responseSchema, routes } from '#functions/routes';
import { IsoDateTime } from '#shared/schemas/common.schema';
import { QualificationCondition } from '#shared/schemas/contractor.schema';
import { CONDITIONS, CONDITION_TEXT } from '#shared/domain/contractor';
import { CONDITION_EVIDENCE } from '#shared/domain/eligibility';
import type { Schema } from '#shared/schemas/zod';
import * as z from '#shared/schemas/zod';

type Json = Record<string, unknown>;

interface DateTimeField {
  /** Where it is: route, part, JSON path. */
  at: string;
  name: string;
  description: string | undefined;
}

const table = Object.entries(routes) as [string, RouteDef][];

/** The disclosure feed's routes, whose fields may speak of OCDS. */
const DISCLOSURE = new Set(['listAnnouncements', 'listOcdsReleases', 'getOcdsRecord']);

const isDateTime = (node: Json): boolean =>
  node.format === 'date-time' ||
  (Array.isArray(node.anyOf) && (node.anyOf as Json[]).some((option) => option.format === 'date-time'));

/** The description a date-time property shows: its own, or its date-time option's (a nullable one). */
function descriptionOf(node: Json): string | undefined {
  if (typeof node.description === 'string') return node.description;
  const option = (node.anyOf as Json[] | undefined)?.find((o) => o.format === 'date-time');
  return typeof option?.description === 'string' ? option.description : undefined;
}

/** Every property holding a date-time in a JSON Schema, with its name and description. */
function dateTimeFields(
  node: unknown,
  defs: Record<string, Json>,
  at: string,
  seen: Set<string>,
): DateTimeField[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => dateTimeFields(n, defs, `${at}/${i}`, seen));
  const schema = node as Json;
  const found: DateTimeField[] = [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    if (!seen.has(name)) {
      seen.add(name);
      found.push(...dateTimeFields(defs[name], defs, `${at}→${name}`, seen));
    }
  }
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    if (isDateTime(property)) found.push({ at: `${at}/${name}`, name, description: descriptionOf(property) });
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key !== '$defs') found.push(...dateTimeFields(value, defs, `${at}/${key}`, seen));
  }
  return found;
}

function fieldsOf(schema: Schema, io: 'input' | 'output', at: string): DateTimeField[] {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return dateTimeFields(converted, (converted.$defs ?? {}) as Record<string, Json>, at, new Set());
}

/** Every date-time field of every route, by route name. */
const fields = table.flatMap(([name, route]) => {
  const parts: [string, Schema | null | undefined, 'input' | 'output'][] = [
    ['body', route.request?.body, 'input'],
    ['query', route.request?.query, 'input'],
    ['response', responseSchema(route), 'output'],
  ];
  return parts.flatMap(([part, schema, io]) =>
    schema ? fieldsOf(schema, io, `${name} ${part} #`).map((field) => ({ ...field, route: name })) : [],
  );
});

describe('date-time fields say what their instant is (issue 12 §4)', () => {
  it('finds the date-time fields of the route table', () => {
    expect(new Set(fields.map((f) => f.name)).size).toBeGreaterThan(20);
  });

  it('each has a description of its own, not the shared schema’s', () => {
    const neutral = z.globalRegistry.get(IsoDateTime)?.description;
    expect(neutral).toMatch(/^an instant: ISO 8601/);
    const undescribed = fields.filter((f) => f.description === undefined || f.description === neutral);
    expect(undescribed.map((f) => f.at)).toEqual([]);
  });

  it('no two date-time fields of different names share one description', () => {
    const namesByDescription = new Map<string, Map<string, string>>();
    for (const field of fields) {
      const names = namesByDescription.get(String(field.description)) ?? new Map<string, string>();
      names.set(field.name, field.at);
      namesByDescription.set(String(field.description), names);
    }
    const shared = [...namesByDescription]
      .filter(([, names]) => names.size > 1)
      .map(([description, names]) => `"${description}": ${[...names.values()].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('the OCDS feed’s sentences stay on the feed: no other route’s field speaks of releases or OCDS', () => {
    const elsewhere = fields.filter(
      (f) => !DISCLOSURE.has(f.route) && /\bOCDS\b|\breleases?\b/i.test(String(f.description)),
    );
    expect(elsewhere.map((f) => `${f.at}: ${f.description}`)).toEqual([]);
    expect(fields.filter((f) => f.name === 'since').map((f) => f.route)).toEqual(['listOcdsReleases']);
  });

  it('bidDeadline says when bidding closes wherever it is shown', () => {
    const deadlines = fields.filter((f) => f.name === 'bidDeadline');
    expect(deadlines.length).toBeGreaterThanOrEqual(4);
    for (const deadline of deadlines) expect(deadline.description, deadline.at).toMatch(/bid/i);
  });
});

describe('the eight qualification conditions are named with the evidence each expects (issue 12 §4)', () => {
  it('the condition’s description lists each condition in the policy’s words and its documents, from the domain', () => {
    const description = z.globalRegistry.get(QualificationCondition)?.description ?? '';
    expect(description).toMatch(/^R-QUAL-2: /);
    for (const n of CONDITIONS) {
      expect(description).toContain(`${n}. ${CONDITION_TEXT[n].zh} (${CONDITION_TEXT[n].en})`);
      expect(description).toContain(`Evidence: ${CONDITION_EVIDENCE[n].en} (${CONDITION_EVIDENCE[n].zh})`);
    }
  });

  it('every route naming a condition in a body, query, path or response shows that description', () => {
    const description = z.globalRegistry.get(QualificationCondition)?.description ?? '';
    const described = table.flatMap(([name, route]) => {
      const parts: [Schema | null | undefined, 'input' | 'output'][] = [
        [route.request?.params, 'input'],
        [route.request?.body, 'input'],
        [route.response.body === null ? null : responseSchema(route), 'output'],
      ];
      return parts.flatMap(([schema, io]) => {
        if (!schema) return [];
        const text = JSON.stringify(
          z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }),
        );
        return /"condition"/.test(text)
          ? [[name, text.includes(JSON.stringify(description).slice(1, -1))]]
          : [];
      });
    });
    expect(described.length).toBeGreaterThanOrEqual(6);
    expect(described.filter(([, has]) => !has)).toEqual([]);
  });
});
