/**
 * The same Idempotency-Key sent in parallel (docs/api.md "Creating POSTs", issue 10 §2), over HTTP on the
 * embedded stack against DynamoDB Local: the outcome is stored in the creating transaction itself
 * (shared/adapters/dynamodb/idempotency.ts), so of K identical requests in flight at once exactly one creates
 * and every other answers exactly as it did; a different body under the same key is a 422 naming the header.
 * A budget line has no natural key (unlike a contractor's credit code, R-QUAL-3): only the key stands between
 * a retried request and a second line taking the same funds (R-FUND-2).
 */
import { describe, expect, it } from 'vitest';
import { api, token } from '../support/stack-client';
import { socialOrganization } from '../support/fixtures';
import { unique } from '../support/procurement';

const K = 12;
const FISCAL_YEAR = 2044;

interface Line {
  id: string;
  purchaserId: string;
  amount: number;
}
interface Problem {
  status: number;
  errors: { in: string; field: string }[];
}

/** A line amount no other test uses: the lines holding it are the ones these requests created. */
const uniqueAmount = () => 100_000_000 + Math.floor(Math.random() * 900_000_000);

async function linesWithAmount(asToken: string, purchaserId: string, amount: number): Promise<Line[]> {
  const found: Line[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const path = `/v1/budget-lines?purchaserId=${purchaserId}&fiscalYear=${FISCAL_YEAR}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const listed = await api<{ items: Line[]; cursor?: string }>('GET', path, { token: asToken });
    expect(listed.status).toBe(200);
    found.push(...listed.json.items.filter((line) => line.amount === amount));
    cursor = listed.json.cursor;
    if (!cursor) return found;
  }
  throw new Error('more than 50 pages of budget lines');
}

const postLine = (asToken: string, key: string, body: Record<string, unknown>) =>
  api<Line & Problem>('POST', '/v1/budget-lines', {
    token: asToken,
    body,
    headers: { 'idempotency-key': key },
  });

describe('the same Idempotency-Key in parallel (docs/api.md, R-FUND-2)', () => {
  it(`${K} identical budget-line requests at once: exactly one line, ${K} identical answers with its id`, async () => {
    // Arrange
    const finance = await token('finance');
    const body = {
      purchaserId: 'pur-town-3',
      fiscalYear: FISCAL_YEAR,
      source: 'working_funds',
      amount: uniqueAmount(),
    };
    const key = `race-line-${unique()}`;

    // Act
    const answers = await Promise.all(Array.from({ length: K }, () => postLine(finance, key, body)));

    // Assert
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: K }, () => 201));
    const ids = new Set(answers.map((a) => a.json.id));
    expect(ids.size).toBe(1);
    // Every answer is the first one's body; all but the first say they are replays.
    for (const answer of answers) expect(answer.json).toEqual(answers[0]!.json);
    const replayed = answers.filter((a) => a.headers.get('idempotency-replayed') === 'true');
    expect(replayed).toHaveLength(K - 1);
    const created = await linesWithAmount(finance, body.purchaserId, body.amount);
    expect(created.map((line) => line.id)).toEqual([...ids]);
    // One creation in the record's audit trail (R-SUP-2).
    const trail = await api<{ entries: { action: string }[] }>(
      'GET',
      `/v1/audit/budget-line/${[...ids][0]}`,
      {
        token: await token('auditor'),
      },
    );
    expect(trail.json.entries.map((e) => e.action)).toEqual(['budget-line.opened']);
  });

  it(`${K} requests at once under one key, half with another body: one line, one body's answers, the other's 422`, async () => {
    // Arrange
    const finance = await token('finance');
    const amounts = [uniqueAmount(), uniqueAmount()] as const;
    const bodies = amounts.map((amount) => ({
      purchaserId: 'pur-town-3',
      fiscalYear: FISCAL_YEAR,
      source: 'special_funds',
      amount,
    }));
    const key = `race-line-${unique()}`;

    // Act
    const answers = await Promise.all(
      Array.from({ length: K }, (_, i) => postLine(finance, key, bodies[i % 2]!).then((a) => ({ i, a }))),
    );

    // Assert: one body won the key; its requests all answer 201 with one id, the other body's all 422.
    const winner = answers.find(({ a }) => a.status === 201)!.i % 2;
    const won = answers.filter(({ i }) => i % 2 === winner).map(({ a }) => a);
    const lost = answers.filter(({ i }) => i % 2 !== winner).map(({ a }) => a);
    expect(won.map((a) => a.status)).toEqual(Array.from({ length: K / 2 }, () => 201));
    expect(new Set(won.map((a) => a.json.id)).size).toBe(1);
    expect(lost.map((a) => a.status)).toEqual(Array.from({ length: K / 2 }, () => 422));
    for (const refusal of lost) {
      expect(refusal.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refusal.json.errors).toEqual([
        expect.objectContaining({ in: 'header', field: 'Idempotency-Key' }),
      ]);
    }
    const wonLines = await linesWithAmount(finance, 'pur-town-3', amounts[winner]!);
    const lostLines = await linesWithAmount(finance, 'pur-town-3', amounts[1 - winner]!);
    expect(wonLines.map((line) => line.id)).toEqual([won[0]!.json.id]);
    expect(lostLines).toEqual([]);
  });

  it(`${K} identical registrations at once: one contractor, every answer its id; then another body → 422`, async () => {
    // Arrange
    const portal = await token('portal', { sub: 'portal-idempotency-race' });
    const body = socialOrganization();
    const key = `race-ctr-${unique()}`;
    const register = (b: Record<string, unknown>) =>
      api<{ id: string; creditCode: string } & Problem>('POST', '/v1/contractors', {
        token: portal,
        body: b,
        headers: { 'idempotency-key': key },
      });

    // Act
    const answers = await Promise.all(Array.from({ length: K }, () => register(body)));
    const other = await register(socialOrganization());

    // Assert
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: K }, () => 201));
    for (const answer of answers) expect(answer.json).toEqual(answers[0]!.json);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(K - 1);
    const id = answers[0]!.json.id;
    const trail = await api<{ entries: { action: string }[] }>('GET', `/v1/audit/contractor/${id}`, {
      token: await token('auditor'),
    });
    expect(trail.json.entries.map((e) => e.action)).toEqual(['contractor.registered']);
    expect(other.status).toBe(422);
    expect(other.json.errors).toEqual([expect.objectContaining({ in: 'header', field: 'Idempotency-Key' })]);
  });

  it('issue 12 §2: the same JSON with other spacing and another key order is the same request (a replay, not 422)', async () => {
    const portal = await token('portal', { sub: 'portal-idempotency-canonical' });
    const body = socialOrganization();
    const key = `canonical-ctr-${unique()}`;
    const send = (text: string) =>
      api<{ id: string } & Problem>('POST', '/v1/contractors', {
        token: portal,
        body: text,
        headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      });
    const reordered = Object.fromEntries(
      Object.entries(body)
        .reverse()
        .map(([field, value]) =>
          value && typeof value === 'object' && !Array.isArray(value)
            ? [field, Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse())]
            : [field, value],
        ),
    );

    const first = await send(JSON.stringify(body));
    const again = await send(`\n  ${JSON.stringify(reordered, null, 3)}  \n`);
    const changed = await send(JSON.stringify({ ...body, name: `${String(body.name)}（改）` }));

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.json.id).toBe(first.json.id);
    expect(changed.status).toBe(422);
  });
});
