/**
 * Issue 12 §2: finding a contractor again. `GET /v1/contractors/by-credit-code/{creditCode}` answers the contractor
 * to staff and to the portal that registered it, and the same 404 for "not registered" and "registered through
 * another portal" (no enumeration oracle); the code is checked (GB 32100) before anything is read. A registration
 * whose code exists answers 409 naming the existing contractor (id and link) where the caller may see it, and the
 * plain R-QUAL-3 409 otherwise.
 */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as find } from '#functions/contractors/find-contractor-by-credit-code';
import { handler as registerHandler } from '#functions/contractors/register-contractor';
import { findContractorByCreditCodeRoute, registerContractorRoute } from '#functions/contractors/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Claims, RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  VALID_ENTERPRISE_CODE,
  VALID_SOCIAL_ORG_CODE,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  json,
  lambdaContext,
  problem,
} from './support';
import { mockKms } from './personal-data-fixtures';

vi.hoisted(() => {
  process.env.PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
  process.env.PERSONAL_DATA_MAC_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data-mac';
  delete process.env.LOCAL_KMS_DIR;
});

const ddbMock = mockClient(DynamoDBDocumentClient);
const { reset: resetKms } = mockKms();

/** Registered through the portal `portal-client` (claims.portal), with the social organization's code. */
const REGISTERED = contractor({
  registeredBy: { sub: 'portal-client', role: 'portal' },
  contact: { name: '王芳', phone: '13800138000', email: 'wang@example.cn' },
});
const otherPortal: Claims = { sub: 'portal-other', scope: 'procurement/portal' };

/** The table: the marker of REGISTERED's code names it, and its profile. */
function stored() {
  ddbMock.on(GetCommand, { Key: keys.creditCode(VALID_SOCIAL_ORG_CODE) }).resolves({
    Item: {
      ...keys.creditCode(VALID_SOCIAL_ORG_CODE),
      recordType: 'credit-code',
      contractorId: CONTRACTOR_ID,
    },
  });
  ddbMock
    .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
    .resolves({ Item: contractorItem(REGISTERED) });
}

const lookup = (creditCode: string, claimsOf: Claims = claims.bureau) =>
  find(
    apiEvent(findContractorByCreditCodeRoute, { claims: claimsOf, params: { creditCode } }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  resetKms();
  ddbMock.on(GetCommand).resolves({});
});

describe('GET /v1/contractors/by-credit-code/{creditCode} (issue 12 §2)', () => {
  it('answers the contractor to the bureau, masked as a list shows it, with its ETag', async () => {
    stored();
    const result = await lookup(VALID_SOCIAL_ORG_CODE);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toMatchObject({
      id: CONTRACTOR_ID,
      creditCode: VALID_SOCIAL_ORG_CODE,
      contact: { name: '王芳', phone: '138****8000', email: 'w***@example.cn' },
    });
  });

  it('answers it to the portal that registered it, and to every staff reader', async () => {
    stored();
    for (const who of [claims.portal, claims.town, claims.auditor]) {
      expect((await lookup(VALID_SOCIAL_ORG_CODE, who)).statusCode, who.sub).toBe(200);
    }
  });

  it('answers another portal exactly as a code nobody registered: the same 404 (no enumeration oracle)', async () => {
    const unregistered = problem(await lookup(VALID_ENTERPRISE_CODE, otherPortal), 404);
    stored();
    const notYours = problem(await lookup(VALID_SOCIAL_ORG_CODE, otherPortal), 404);
    const { instance: _a, ...a } = unregistered;
    const { instance: _b, ...b } = notYours;
    expect(b).toEqual(a);
    expect(JSON.stringify(notYours)).not.toContain(CONTRACTOR_ID);
  });

  it('reads a code in lower case or with spaces around it as the code', async () => {
    stored();
    expect((await lookup(` ${VALID_SOCIAL_ORG_CODE.toLowerCase()} `)).statusCode).toBe(200);
  });

  it.each([
    ['a wrong check character', `${VALID_SOCIAL_ORG_CODE.slice(0, 17)}B`],
    ['17 characters', VALID_SOCIAL_ORG_CODE.slice(0, 17)],
    ['a letter GB 32100 excludes', `${VALID_SOCIAL_ORG_CODE.slice(0, 16)}I${VALID_SOCIAL_ORG_CODE[17]}`],
    ["a natural person's resident ID", '11010519491231002X'],
  ])('answers 400 naming creditCode in the path for %s, before reading anything', async (_, code) => {
    const p = problem(await lookup(code), 400);
    expect(p.errors).toEqual([expect.objectContaining({ in: 'path', field: 'creditCode' })]);
    expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 0);
  });

  it('refuses a contractor and an evaluator (403): a contractor knows its own id', async () => {
    expect((await lookup(VALID_SOCIAL_ORG_CODE, claims.contractor(CONTRACTOR_ID))).statusCode).toBe(403);
    expect((await lookup(VALID_SOCIAL_ORG_CODE, claims.evaluator)).statusCode).toBe(403);
  });
});

describe('POST /v1/contractors with a code registered already (issue 12 §2)', () => {
  const register = (options: RequestOptions) =>
    registerHandler(
      apiEvent(registerContractorRoute, {
        body: {
          kind: 'social_organization',
          name: '另一个社工中心',
          creditCode: VALID_SOCIAL_ORG_CODE,
          nonProfit: true,
          contact: { name: '李明', phone: '13900000000' },
        },
        ...options,
      }),
      lambdaContext(),
    );

  beforeEach(() => {
    // Index 2 is the credit-code marker's Put: the code is taken.
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));
    stored();
  });

  it('names the existing contractor, its id and its link, to the bureau', async () => {
    const p = problem(await register({ claims: claims.bureau }), 409);
    expect(p.rule).toBe('R-QUAL-3');
    expect(p.detail).toContain(CONTRACTOR_ID);
    expect(p.detail).toContain(`/v1/contractors/${CONTRACTOR_ID}`);
    expect(p.errors?.map((e) => e.field)).toEqual(['creditCode']);
  });

  it('names it to the portal that registered it (a portal that lost its 201 finds it again)', async () => {
    const p = problem(await register({ claims: claims.portal }), 409);
    expect(p.detail).toContain(`/v1/contractors/${CONTRACTOR_ID}`);
  });

  it('names nothing to another portal: the plain 409 of a code whose contractor it may not see', async () => {
    const p = problem(await register({ claims: otherPortal }), 409);
    expect(p.rule).toBe('R-QUAL-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['creditCode']);
    expect(JSON.stringify(p)).not.toContain(CONTRACTOR_ID);
    expect(p.detail).toBe('creditCode: a contractor with this code is already registered');
  });
});
