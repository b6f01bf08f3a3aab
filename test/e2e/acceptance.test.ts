/**
 * Issue 13 §3 over HTTP on the embedded stack (R-ACC-1..4): a signed contract whose delivery records served six
 * recipients (RECIPIENT items written through the table, as the delivery routes write them), an acceptance opened by
 * the purchasing town with its tokens answered once, the recipients' form (token in the body; one 404 for unknown,
 * used or expired), 8 simultaneous answers with one token → 1, the minimum of opinions resuming the workflow, the
 * panel's measurements and quorum of signatures, and the acceptance passed with its milestone payable.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { api, stackInfo, token, waitFor } from '../support/stack-client';
import { currentTerm, openableToday, signedContract } from '../support/delivery';
import { etag, unique } from '../support/procurement';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
afterAll(() => documents.destroy());

interface Opened {
  id: string;
  status: string;
  version: number;
  milestoneSeq: number;
  sample: { population: number; size: number; seed: string };
  invitations: { invitationId: string; village: string; reference: string }[];
  tokens: { invitationId: string; token?: string; expiresAt: string }[];
}

describe('an acceptance over HTTP (R-ACC-1..4)', () => {
  it(
    'opens, collects opinions once per token, is measured and signed by its quorum, passes and makes the milestone payable',
    { timeout: 150_000 },
    async () => {
      const signed = await signedContract({
        purchaser: 'pur-town-1',
        term: currentTerm(),
        acceptancePlan: openableToday(
          { sampleSize: 5, minimumOpinions: 3, satisfiedShareBp: 8_000, answerDays: 14 },
          2,
        ),
      });
      const { contractId, purchaserToken: town } = signed;
      const stage = signed.contract.acceptancePlan.stages[0]!;
      for (let i = 0; i < 6; i++) {
        await documents.send(
          new PutCommand({
            TableName: stackInfo().tableName,
            Item: {
              ...keys.deliveryRecipient(contractId, `ref${i}-${unique()}`.slice(0, 20)),
              recordType: 'recipient',
              contractId,
              ref: `ref-${i}`,
              villageId: 'v-town-1-a',
              count: 1,
            },
          }),
        );
      }
      const evaluator = { sub: `acc-eval-${unique()}` };
      const townSub = JSON.parse(Buffer.from(town.split('.')[1]!, 'base64url').toString()).sub as string;
      const body = {
        milestoneSeq: stage.milestoneSeq,
        panel: [
          { sub: townSub, role: 'town' },
          { sub: evaluator.sub, role: 'evaluator' },
        ],
      };
      const key = `acc-${unique()}`;
      const opened = await api<Opened>('POST', `/v1/contracts/${contractId}/acceptances`, {
        token: town,
        headers: { 'idempotency-key': key },
        body,
      });
      expect(opened.status, opened.text).toBe(201);
      const acceptance = opened.json;
      expect(opened.headers.get('location')).toBe(`/v1/contracts/${contractId}/acceptances/${acceptance.id}`);
      expect(acceptance).toMatchObject({ status: 'collecting_opinions', sample: { population: 6, size: 5 } });
      expect(acceptance.sample.seed).toMatch(/^[0-9a-f]{64}$/);
      const tokens = acceptance.tokens.map((t) => t.token!);
      expect(tokens).toHaveLength(5);
      expect(new Set(tokens).size).toBe(5);

      // Answered once: the replay of the same request holds no token, nor does the record.
      const replay = await api<Opened>('POST', `/v1/contracts/${contractId}/acceptances`, {
        token: town,
        headers: { 'idempotency-key': key },
        body,
      });
      expect(replay.status).toBe(201);
      expect(replay.json.tokens.every((t) => t.token === undefined)).toBe(true);
      const read = await api<Opened>('GET', `/v1/contracts/${contractId}/acceptances/${acceptance.id}`, {
        token: town,
      });
      expect(read.status, read.text).toBe(200);
      expect(JSON.stringify(read.json)).not.toContain(tokens[0]);
      // One open acceptance per milestone.
      const again = await api('POST', `/v1/contracts/${contractId}/acceptances`, {
        token: town,
        headers: { 'idempotency-key': `acc-${unique()}` },
        body,
      });
      expect(again.status, again.text).toBe(409);

      // The form: the token in the body, never in a URL; an unknown token is 404.
      const lookup = await api<{ contractTitle: string; items: { code: string }[] }>(
        'POST',
        '/v1/opinion-invitations/lookup',
        { body: { token: tokens[0] } },
      );
      expect(lookup.status, lookup.text).toBe(200);
      expect(lookup.json.contractTitle).toBe(signed.contract.title);
      const item = lookup.json.items[0]!.code;
      const unknown = await api('POST', '/v1/opinion-invitations/lookup', {
        body: { token: 'A'.repeat(43) },
      });
      expect(unknown.status).toBe(404);

      // 8 simultaneous answers with one token: exactly one lands; the others get the unknown token's 404.
      const answer = (t: string, satisfaction = 5) =>
        api('POST', '/v1/opinions', { body: { token: t, satisfaction, items: [item], comment: '服务很好' } });
      const race = await Promise.all(Array.from({ length: 8 }, () => answer(tokens[0]!)));
      expect(race.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
      expect(race.find((r) => r.status === 404)?.text).toBe(
        unknown.text.replace(/\/v1\/opinion-invitations\/lookup/g, '/v1/opinions'),
      );
      expect(
        (await api('POST', '/v1/opinion-invitations/lookup', { body: { token: tokens[0] } })).status,
      ).toBe(404);

      // The minimum (3) reached: the workflow closes the opinions and waits for the panel.
      expect((await answer(tokens[1]!, 4)).status).toBe(200);
      expect((await answer(tokens[2]!, 5)).status).toBe(200);
      const inspecting = await waitFor(
        async () => {
          const got = await api<Opened & { opinionsClosed?: { received: number; short: boolean } }>(
            'GET',
            `/v1/contracts/${contractId}/acceptances/${acceptance.id}`,
            { token: town },
          );
          return got.json.status === 'inspecting' ? got.json : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(inspecting.opinionsClosed).toMatchObject({ received: 3, short: false });
      // A late answer finds the form closed.
      expect((await answer(tokens[3]!)).status).toBe(404);

      const values = signed.contract.acceptancePlan.indicators.map((i) => ({
        code: i.code,
        value: i.target,
      }));
      const measured = await api<Opened>(
        'PUT',
        `/v1/contracts/${contractId}/acceptances/${acceptance.id}/measurements`,
        { token: town, headers: { 'if-match': etag(inspecting.version) }, body: { values } },
      );
      expect(measured.status, measured.text).toBe(200);

      const sign = (asToken: string, verdict: 'confirm' | 'fail' = 'confirm') =>
        api<{ signed: number }>(
          'POST',
          `/v1/contracts/${contractId}/acceptances/${acceptance.id}/signatures`,
          {
            token: asToken,
            // The version read after the measurements: what the member signs (R-ACC-1).
            headers: { 'if-match': etag(measured.json.version) },
            body: { verdict },
          },
        );
      const evaluatorToken = await token('evaluator', evaluator);
      const first = await sign(evaluatorToken);
      expect(first.status, first.text).toBe(201);
      expect(first.json.signed).toBe(1);
      expect((await sign(evaluatorToken)).status).toBe(409);
      // A member failing needs a written reason; a non-member is refused.
      expect((await sign(town, 'fail')).status).toBe(400);
      expect((await sign(await token('evaluator', { sub: `other-${unique()}` }))).status).toBe(404);
      expect((await sign(town)).status).toBe(201);

      const passed = await waitFor(
        async () => {
          const got = await api<Opened & { rounds: { decision: string }[]; workflow: { failure?: unknown } }>(
            'GET',
            `/v1/contracts/${contractId}/acceptances/${acceptance.id}`,
            { token: town },
          );
          if (got.json.workflow.failure) throw new Error(JSON.stringify(got.json.workflow.failure));
          return got.json.status === 'passed' ? got.json : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(passed.rounds).toMatchObject([{ decision: 'passed' }]);
      const milestone = await documents.send(
        new GetCommand({
          TableName: stackInfo().tableName,
          Key: keys.milestone(contractId, stage.milestoneSeq),
        }),
      );
      expect(milestone.Item).toMatchObject({
        status: 'payable',
        deduction: 0,
        acceptance: { id: acceptance.id },
      });
    },
  );
});
