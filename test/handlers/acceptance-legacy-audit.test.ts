/**
 * The audit trail of a recipient's opinion (R-SUP-2, R-ACC-2), as GET /v1/audit/opinion/{id} verifies it against the
 * head of the opinion itself: an opinion of a round is read at OPINION#<acc>#<round>#<inv> (its id
 * `<invitationId>.<round>`); one written before the rounds (the embedded stack keeps its data across restarts) has no
 * round, its id is its invitation's, and it is read at the key of that time, OPINION#<acc>#<inv>, not at a key built
 * from an absent round (`OPINION#<acc>#NaN#undefined`, which reads nothing and leaves the chain unverified).
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/audit/get-audit-trail';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { apiEvent, auditChain, auditEntryItem, claims, json, lambdaContext } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const CONTRACT_ID = 'con_01jabcdefg0123456789';
const ACCEPTANCE_ID = 'acc_01jabcdefg0123456789';
const INVITATION_ID = 'inv_01jabcdefg0123456789';

/** The opinion's trail (two entries of `value`); only the record at `key` answers, with the chain's head. */
function arrange(id: string, value: Record<string, unknown>, key: { PK: string; SK: string }): void {
  const entries: AuditEntry[] = auditChain('opinion', id, [value, { ...value, version: 2 }]);
  ddbMock.on(QueryCommand).resolves({ Items: entries.map(auditEntryItem) });
  ddbMock.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [] });
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(GetCommand, { Key: key }).resolves({
    Item: { ...key, ...value, version: 2, auditSeq: entries.length, auditHash: entries.at(-1)?.hash },
  });
}

const read = (id: string) =>
  handler(
    apiEvent(routes.getAuditTrail, { claims: claims.auditor, params: { recordType: 'opinion', id } }),
    lambdaContext(),
  );

const gets = () => ddbMock.commandCalls(GetCommand).map((c) => c.args[0].input.Key);

beforeEach(() => {
  ddbMock.reset();
});

describe("an opinion's trail is verified against the opinion at its own key (R-SUP-2)", () => {
  const answered = { contractId: CONTRACT_ID, acceptanceId: ACCEPTANCE_ID, satisfaction: 5, items: [] };

  it('an opinion from before the rounds (no round; its id the invitation id) at the key of that time, OPINION#<acc>#<inv>', async () => {
    const key = { PK: `ACCEPTANCE#${CONTRACT_ID}`, SK: `OPINION#${ACCEPTANCE_ID}#${INVITATION_ID}` };
    arrange(INVITATION_ID, { ...answered, id: INVITATION_ID }, key);

    const result = await read(INVITATION_ID);

    expect(result.statusCode).toBe(200);
    expect(json<{ chain: unknown }>(result).chain).toEqual({ verified: true, length: 2 });
    expect(gets()).toEqual([key]);

    // The control: an opinion of a round (id <invitationId>.<round>) is read at its round's key.
    ddbMock.reset();
    const roundKey = keys.opinion(CONTRACT_ID, ACCEPTANCE_ID, 2, INVITATION_ID);
    arrange(
      `${INVITATION_ID}.2`,
      { ...answered, id: `${INVITATION_ID}.2`, invitationId: INVITATION_ID, round: 2 },
      roundKey,
    );
    const ofRound = await read(`${INVITATION_ID}.2`);
    expect(json<{ chain: unknown }>(ofRound).chain).toEqual({ verified: true, length: 2 });
    expect(gets()).toEqual([roundKey]);
  });
});
