/**
 * Hostile input on every route (issue 10 §1): cases generated from the running stack's /openapi.json, so a
 * route added later is fuzzed without touching this file; roles from the route table. Each case is sent with a
 * token of a role that may call the operation and, on protected routes, again with none (401).
 *
 * 0 × 5xx; every 4xx a problem+json; a validation 400 names fields that point into the request
 * (test/support/fuzz/checks.ts); a body field no schema declares is a 400 naming it (issue 12 §3: strict
 * input). Seeded with fast-check: FUZZ_SEED replays a run, FUZZ_ONLY=3,17 replays cases of it; FUZZ_CASES
 * (`npm run fuzz`: 10 000) sets the count and also writes docs/fuzz.md.
 *
 * The stack is shared with the files that run before and after this one: the fuzz's own callers are fresh
 * tenants (a town of a purchaser that does not exist, a contractor, evaluator and portal client of this run);
 * the staff roles' cases name random ids, which match no record another file made. Nothing is looked up: what
 * the fuzz needs it makes first, in a slice of its own: two budget lines of pur-town-3 in fiscal year
 * FUZZ_FISCAL_YEAR (no other file lists that year), so the budget-line list always gives a real cursor, which
 * the `bad-cursor` cases alter (materialize.ts alterCursor: its own tag, or a tag recomputed for the altered
 * key) and send with the query that gave it out; every other list with a cursor on its first page lends
 * one too. What a valid case can create is a catalog item under a random code, which no other file reads, or an
 * evaluator pool entry under a random sub, which other files' draws may draw but do not count on (a draw
 * publishes the pool it read).
 * A case whose request cannot even be built is a failure reported with the seed, not a crash.
 */
import { writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#functions/routes';
import { api, stackInfo, token } from '../support/stack-client';
import { caseArbitrary, CASE_CLASSES, type FuzzCase } from '../support/fuzz/cases';
import { checkAnswer } from '../support/fuzz/checks';
import { decodeCursor } from '#shared/adapters/dynamodb/cursor';
import {
  alterCursor,
  materialize,
  recoverScope,
  type HttpRequest,
  type RealCursor,
} from '../support/fuzz/materialize';
import { operationsOf, type OpenApiDocument, type Operation } from '../support/fuzz/operations';
import { FuzzStats, fuzzMarkdown, type FuzzSummary } from '../support/fuzz/report';
import { closeAgent, send } from '../support/fuzz/send';

const FILE = 'test/e2e/fuzz-every-route.test.ts';
const REPORT = 'docs/fuzz.md';
const SUMMARY = 'docs/fuzz-summary.json';
const CASES = Number(process.env.FUZZ_CASES ?? 2_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const ONLY = process.env.FUZZ_ONLY?.split(',').map(Number);
/** `npm run fuzz` sets FUZZ_CASES; the run inside `npm test` does not write docs/fuzz.md. */
const WRITE_REPORT = process.env.FUZZ_CASES !== undefined && ONLY === undefined;
/** Requests in flight: enough to keep DynamoDB Local busy, few enough for 2 shared cores. */
const CONCURRENCY = 6;

const RUN = randomUUID().slice(0, 8);
const replay = (only?: number[]) =>
  `FUZZ_SEED=${SEED} FUZZ_CASES=${CASES}${only ? ` FUZZ_ONLY=${only.join(',')}` : ''} npx vitest run ${FILE}`;

let operations: Operation[];
const byId = new Map<string, Operation>();
const tokens = new Map<Role, string>();
const realCursors = new Map<string, RealCursor>();

/** The fuzz's own slice of the budget lines: a purchaser's fiscal year no other file lists (1, 4). */
const FUZZ_PURCHASER = 'pur-town-3';
const FUZZ_FISCAL_YEAR = 2097;
/** The query each list that needs one is collected with (a list not named here is read with `limit=1` alone). */
const COLLECT_QUERY: Record<string, [string, string][]> = {
  '/v1/budget-lines': [
    ['purchaserId', FUZZ_PURCHASER],
    ['fiscalYear', String(FUZZ_FISCAL_YEAR)],
  ],
};

/** The fuzz's callers: staff as seeded, everyone else a tenant of this run alone. */
async function callerToken(role: Role): Promise<string> {
  switch (role) {
    case 'town':
      return token('town', { purchaserId: `pur-fuzz-${RUN}`, sub: `fuzz-town-${RUN}` });
    case 'contractor':
      return token('contractor', { contractorId: `ctr-fuzz-${RUN}`, sub: `fuzz-contractor-${RUN}` });
    case 'evaluator':
      return token('evaluator', { sub: `fuzz-evaluator-${RUN}` });
    case 'portal':
      return token('portal', { sub: `fuzz-portal-${RUN}` });
    default:
      return token(role, { sub: `fuzz-${role}-${RUN}` });
  }
}

beforeAll(async () => {
  const document = await api<OpenApiDocument>('GET', '/openapi.json');
  expect(document.status).toBe(200);
  operations = operationsOf(document.json);
  for (const op of operations) byId.set(op.id, op);
  for (const op of operations) {
    for (const role of op.roles ?? []) if (!tokens.has(role)) tokens.set(role, await callerToken(role));
  }
  // Two records of the fuzz's own, so at least one list gives a cursor in every run, whatever ran before.
  const bureau = tokens.get('bureau') ?? (await callerToken('bureau'));
  for (const n of [1, 2]) {
    const line = await api('POST', '/v1/budget-lines', {
      token: bureau,
      body: {
        purchaserId: FUZZ_PURCHASER,
        fiscalYear: FUZZ_FISCAL_YEAR,
        source: 'working_funds',
        amount: 100 * n,
      },
      headers: { 'idempotency-key': `fuzz-line-${RUN}-${n}` },
    });
    expect(line.status, JSON.stringify(line.json)).toBe(201);
  }
  // A cursor each list really gives out, for the cases that alter one.
  for (const op of operations) {
    if (op.method !== 'GET' || op.pathParams.length > 0 || !op.queryParams.some((p) => p.name === 'cursor'))
      continue;
    const role = op.roles?.includes('bureau') ? 'bureau' : op.roles?.[0];
    const listToken = role ? tokens.get(role) : undefined;
    const query: [string, string][] = [...(COLLECT_QUERY[op.path] ?? []), ['limit', '1']];
    const listed = await api<{ cursor?: string }>(
      'GET',
      `${op.path}?${new URLSearchParams(query).toString()}`,
      {
        ...(listToken ? { token: listToken } : {}),
      },
    );
    if (listed.status !== 200 || !listed.json.cursor) continue;
    const scope = recoverScope(listed.json.cursor);
    realCursors.set(op.id, {
      cursor: listed.json.cursor,
      query,
      ...(listToken ? { token: listToken } : {}),
      ...(scope ? { scope } : {}),
    });
  }
  const lines = [...realCursors.entries()].find(([id]) => byId.get(id)?.path === '/v1/budget-lines');
  expect(lines, 'the budget-line list gave the fuzz a cursor').toBeDefined();
  expect(lines?.[1].scope, 'its scope is recovered, so altered keys can be sealed again').toBeDefined();
  console.info(
    `[fuzz] real cursors: ${[...realCursors].map(([id, r]) => `${id}${r.scope ? '' : ' (scope unknown)'}`).join(', ')}`,
  );
});

afterAll(() => closeAgent());

async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await run(item);
      }
    }),
  );
}

function describeRequest(request: HttpRequest): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'authorization')
    .map(
      ([name, value]) => `${name}: ${value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value}`,
    );
  const body =
    request.body === undefined
      ? ''
      : ` body(${Buffer.byteLength(request.body)} B): ${String(request.body).slice(0, 200).replace(/\s+/g, ' ')}`;
  const url = request.url.length > 200 ? `${request.url.slice(0, 200)}…(${request.url.length})` : request.url;
  return `${request.method} ${url} [${headers.join('; ')}]${body}`;
}

describe('fuzz of every route (issue 10 §1)', () => {
  it('alters a real cursor as the checks assume: only a key inside its query, sealed for it, still decodes', () => {
    const hows = [
      'flip',
      'truncate',
      'empty-values',
      'drop-key',
      'add-key',
      'number',
      'other-partition',
      'same-list',
    ];
    let checked = 0;
    for (const [id, real] of realCursors) {
      const scope = real.scope;
      if (!scope) continue;
      for (const how of hows as Extract<FuzzCase['cursor'], { kind: 'altered' }>['how'][]) {
        for (const seal of ['old-tag', 'recomputed'] as const) {
          for (const at of [0, 1, 2, 3, 17, 1_000_003]) {
            const altered = alterCursor(real, { kind: 'altered', how, seal, at });
            const label = `${id} ${how} ${seal} ${at}: ${altered.cursor}`;
            if (altered.genuine) expect(decodeCursor(altered.cursor, scope), label).toBeDefined();
            else expect(() => decodeCursor(altered.cursor, scope), label).toThrow(/^cursor: /);
            checked++;
          }
        }
      }
    }
    expect(checked, 'a real cursor with a known scope to alter').toBeGreaterThan(0);
  });

  it(
    `sends ${CASES} hostile cases to every operation of /openapi.json: no 5xx, every 4xx a problem+json naming its field`,
    { timeout: 120_000 + CASES * 200 },
    async () => {
      const started = performance.now();
      const ctx = { components: {} };
      const document = await api<OpenApiDocument>('GET', '/openapi.json');
      ctx.components = document.json.components.schemas;
      const cases = fc.sample(caseArbitrary(operations, ctx), { seed: SEED, numRuns: CASES });
      const indexed = cases
        .map((c, index) => ({ c, index }))
        .filter(({ index }) => !ONLY || ONLY.includes(index));
      const stats = new FuzzStats();
      /** Answers to altered real cursors sent with a token, by status, and to the genuine ones among them. */
      const alteredStatuses = new Map<number, number>();
      let genuineSent = 0;

      const attempt = async (index: number, c: FuzzCase, withToken: boolean) => {
        const op = byId.get(c.op) as Operation;
        let request: HttpRequest | undefined;
        let reason: string | undefined;
        try {
          // Inside the try: a case that cannot be built is a failure with its seed and replay, not a crash.
          request = materialize(op, c, {
            ...(withToken && c.role ? { token: tokens.get(c.role) } : {}),
            ...(realCursors.has(op.id) ? { realCursor: realCursors.get(op.id) } : {}),
          });
          const sent = performance.now();
          const result = await send(stackInfo().baseUrl, request);
          stats.countAnswer(c.klass, result.status, performance.now() - sent);
          reason = checkAnswer(op, c, request, result, withToken);
          if (request.cursor && withToken) {
            alteredStatuses.set(result.status, (alteredStatuses.get(result.status) ?? 0) + 1);
            if (request.cursor.genuine) genuineSent++;
          }
        } catch (error) {
          const what = request ? 'transport error' : 'case generation error';
          reason = `${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
        }
        if (reason) {
          stats.failures.push({
            index,
            klass: c.klass,
            op: c.op,
            withToken,
            reason,
            request: request ? describeRequest(request) : '(not built)',
          });
        }
      };

      await pool(indexed, CONCURRENCY, async ({ c, index }) => {
        stats.countCase(c.klass, c.op);
        await attempt(index, c, true);
        // The gateway refuses an oversized body before it looks at the token: one send is enough.
        if (byId.get(c.op)?.roles && c.body?.kind !== 'oversized') await attempt(index, c, false);
      });
      const durationMs = performance.now() - started;

      if (WRITE_REPORT) {
        const markdown = fuzzMarkdown({
          seed: SEED,
          cases: CASES,
          operations: operations.length,
          durationMs,
          date: new Date(),
          stats,
          command: replay(),
        });
        // Formatted as `npm test`'s `prettier --check .` expects.
        const options = (await prettier.resolveConfig(REPORT)) ?? {};
        await writeFile(REPORT, await prettier.format(markdown, { ...options, filepath: REPORT }));
        // The figures docs/bench.md quotes (bench/hardening.ts).
        const summary: FuzzSummary = {
          date: new Date().toISOString(),
          seed: SEED,
          cases: CASES,
          operations: operations.length,
          requests: stats.requests,
          serverErrors: stats.serverErrors,
          failingCases: stats.failures.length,
          durationSeconds: Math.round(durationMs / 100) / 10,
        };
        await writeFile(
          SUMMARY,
          await prettier.format(JSON.stringify(summary), { ...options, filepath: SUMMARY }),
        );
      }
      console.info(
        `[fuzz] seed ${SEED}: ${indexed.length} cases, ${stats.requests} requests, ${stats.serverErrors} × 5xx, ` +
          `${stats.failures.length} failing, ${(durationMs / 1000).toFixed(1)} s; altered real cursors: ` +
          `${[...alteredStatuses].map(([status, n]) => `${n} × ${status}`).join(', ') || 'none'} ` +
          `(${genuineSent} genuine)`,
      );

      const failures = stats.failures.sort((a, b) => a.index - b.index);
      const report = failures
        .slice(0, 12)
        .map(
          (f) =>
            `#${f.index} ${f.klass} ${f.op}${f.withToken ? '' : ' (no token)'}: ${f.reason}\n    ${f.request}\n` +
            `    case: ${JSON.stringify(cases[f.index]).slice(0, 300)}`,
        )
        .join('\n');
      const message =
        failures.length === 0
          ? ''
          : `${failures.length} failing answers (seed ${SEED}); replay them with\n  ` +
            `${replay([...new Set(failures.map((f) => f.index))].slice(0, 20))}\n${report}`;
      expect(failures.length, message).toBe(0);

      if (!ONLY) {
        // The generation reached every operation and every class (a fuzz that sends nothing cannot pass).
        const missedOps = operations.filter((op) => !stats.byOperation.has(op.id)).map((op) => op.id);
        expect(missedOps, 'operations with no case').toEqual([]);
        if (CASES >= 2_000) {
          const missedClasses = CASE_CLASSES.filter((k) => !stats.byClass.has(k));
          expect(missedClasses, 'classes with no case').toEqual([]);
          // The cursor class reached a real cursor and was refused with a 400 (checks.ts says it names `cursor`).
          expect(alteredStatuses.get(400) ?? 0, 'altered real cursors answered 400').toBeGreaterThan(0);
          // Strict input (issue 12 §3): bodies got fields no schema declares, each of which a 400 had to name.
          const unknownFields = cases.filter((c) => c.unknownField).length;
          expect(unknownFields, 'cases with an unknown field').toBeGreaterThan(0);
        }
      }
    },
  );
});
