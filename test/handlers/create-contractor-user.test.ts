/**
 * Issue 12 §1: `POST /v1/contractors/{id}/users` gives a contractor's staff member a login. On AWS: Cognito
 * AdminCreateUser with `custom:contractorId` (what the pre-token trigger reads) and AdminAddUserToGroup
 * `contractor`, then the user recorded on the contractor with its audit entry in one transaction (R-SUP-2); the
 * phone and e-mail sealed and hashed, shown masked (issue 11 §6). The bureau for any contractor, a portal for the
 * contractors it registered (another's is 404, and no login is made).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/create-contractor-user';
import { createContractorUserRoute } from '#functions/contractors/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { contractorUserKey } from '#shared/use-cases/contractor-users';
import type { Claims, RequestOptions } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  claims,
  contractor,
  contractorItem,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';
import { expectedHash, mockKms } from './personal-data-fixtures';

vi.hoisted(() => {
  process.env.PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
  process.env.PERSONAL_DATA_MAC_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data-mac';
  process.env.USER_POOL_ID = 'cn-north-1_TestPool';
  delete process.env.LOCAL_KMS_DIR;
});

const ddbMock = mockClient(DynamoDBDocumentClient);
const cognitoMock = mockClient(CognitoIdentityProviderClient);
const { kms, reset: resetKms } = mockKms();
const NOW = new Date('2025-03-10T02:00:00.000Z');

const body = { username: 'li.ming', email: 'li.ming@example.cn', name: '李明', phone: '13900001234' };
/**
 * Registered through the portal `portal-client` (claims.portal), its contact e-mail stored as its keyed hash (the
 * address the staff member's login is asked for, issue 12 §1).
 */
const REGISTERED = contractor({
  registeredBy: { sub: 'portal-client', role: 'portal' },
  personal: { sealed: {}, hashes: { email: expectedHash('contractor.contact.email', 'li.ming@example.cn') } },
});
const otherPortal: Claims = { sub: 'portal-other', scope: 'procurement/portal' };

const create = (options: RequestOptions = {}) =>
  handler(
    apiEvent(createContractorUserRoute, {
      claims: claims.bureau,
      params: { id: CONTRACTOR_ID },
      body,
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  cognitoMock.reset();
  resetKms();
  ddbMock.on(GetCommand).resolves({});
  ddbMock
    .on(GetCommand, { Key: keys.contractor(CONTRACTOR_ID) })
    .resolves({ Item: contractorItem(REGISTERED) });
  ddbMock.on(TransactWriteCommand).resolves({});
  cognitoMock.on(AdminCreateUserCommand).resolves({});
  cognitoMock.on(AdminAddUserToGroupCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/contractors/{id}/users (issue 12 §1)', () => {
  it('creates the Cognito user linked by custom:contractorId, in the contractor group, invited by e-mail', async () => {
    const result = await create();

    expect(result.statusCode).toBe(201);
    const [createUser] = cognitoMock.commandCalls(AdminCreateUserCommand);
    expect(createUser?.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_TestPool',
      Username: 'li.ming',
      UserAttributes: expect.arrayContaining([
        { Name: 'email', Value: 'li.ming@example.cn' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '李明' },
        { Name: 'custom:contractorId', Value: CONTRACTOR_ID },
      ]),
      DesiredDeliveryMediums: ['EMAIL'],
    });
    // The phone stays with the bureau: the pool signs in with an authenticator app, not SMS.
    expect(JSON.stringify(createUser?.args[0].input)).not.toContain('13900001234');
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_TestPool',
      Username: 'li.ming',
      GroupName: 'contractor',
    });
  });

  it('records the user and its audit entry in ONE transaction, phone and e-mail sealed and masked (R-SUP-2)', async () => {
    const result = await create();

    expect(json(result)).toEqual({
      contractorId: CONTRACTOR_ID,
      username: 'li.ming',
      name: '李明',
      email: 'l***@example.cn',
      phone: '139****1234',
      createdAt: '2025-03-10T10:00:00.000+08:00',
      version: 1,
    });
    expect(result.headers?.etag).toBe('"1"');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    const user = putItem(items, 0);
    expect(user).toMatchObject({
      ...contractorUserKey(CONTRACTOR_ID, 'li.ming'),
      recordType: 'contractor-user',
      phone: '139****1234',
      email: 'l***@example.cn',
      personal: {
        hashes: {
          email: expectedHash('contractorUser.email', 'li.ming@example.cn'),
          phone: expectedHash('contractorUser.phone', '13900001234'),
        },
      },
      createdBy: { sub: 'u-bureau', role: 'bureau' },
    });
    expect(items[0]?.Put?.ConditionExpression).toContain('attribute_not_exists');
    const entry = putItem(items, 1) as unknown as AuditEntry;
    expect(entry).toMatchObject({
      recordType: 'contractor-user',
      recordId: `${CONTRACTOR_ID}.li.ming`,
      action: 'contractor_user.created',
      seq: 1,
    });
    // Neither the item nor its entry holds the phone or the e-mail in clear; the entry holds no seal either.
    const written = JSON.stringify(items);
    expect(written).not.toContain('13900001234');
    expect(written).not.toContain('li.ming@example.cn');
    expect(JSON.stringify(entry.data)).not.toContain('"sealed"');
    // Sealed under the user's own context (the key policy's recordType and field, and the user).
    const sealCall = kms.commandCalls((await import('@aws-sdk/client-kms')).GenerateDataKeyCommand)[0]
      ?.args[0].input;
    expect(sealCall?.EncryptionContext).toEqual({
      recordType: 'contractor',
      contractorId: CONTRACTOR_ID,
      field: 'personal',
      user: 'li.ming',
    });
  });

  it("lets the portal that registered the contractor create its users, at the contractor's registered contact e-mail", async () => {
    const result = await create({ claims: claims.portal });
    expect(result.statusCode).toBe(201);
    expect(putItem(transactItems(ddbMock), 0)).toMatchObject({
      createdBy: { sub: 'portal-client', role: 'portal' },
    });
  });

  it('refuses a portal a login at an address of its choosing, naming email, and makes none (review of issue 12 §1)', async () => {
    const elsewhere = problem(
      await create({ claims: claims.portal, body: { ...body, email: 'portal-staff@portal.example.cn' } }),
      422,
    );

    expect(elsewhere.errors?.map((e) => e.field)).toEqual(['email']);
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    // The bureau creates a login at any address.
    expect((await create({ body: { ...body, email: 'portal-staff@portal.example.cn' } })).statusCode).toBe(
      201,
    );
  });

  it('answers another portal 404, as for a contractor that does not exist, and makes no login', async () => {
    const notYours = problem(await create({ claims: otherPortal }), 404);
    const missing = problem(await create({ params: { id: OTHER_CONTRACTOR_ID } }), 404);
    expect(notYours.detail).toBe(missing.detail);
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('refuses staff other than the bureau, and a contractor (403)', async () => {
    for (const who of [claims.town, claims.auditor, claims.contractor(CONTRACTOR_ID)]) {
      expect((await create({ claims: who })).statusCode, who.sub).toBe(403);
    }
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
  });

  it('answers 409 naming username when Cognito has that username, and records nothing', async () => {
    cognitoMock
      .on(AdminCreateUserCommand)
      .rejects(Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' }));
    const p = problem(await create(), 409);
    expect(p.errors?.map((e) => e.field)).toEqual(['username']);
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('answers 409 naming email when another user signs in with that address', async () => {
    cognitoMock.on(AdminCreateUserCommand).rejects(
      Object.assign(new Error('An account with the email already exists.'), {
        name: 'AliasExistsException',
      }),
    );
    const p = problem(await create(), 409);
    expect(p.errors?.map((e) => e.field)).toEqual(['email']);
  });

  it('answers 409 naming username when the contractor has that user already, without asking Cognito', async () => {
    ddbMock
      .on(GetCommand, { Key: contractorUserKey(CONTRACTOR_ID, 'li.ming') })
      .resolves({ Item: { ...contractorUserKey(CONTRACTOR_ID, 'li.ming'), version: 1 } });
    const p = problem(await create(), 409);
    expect(p.errors?.map((e) => e.field)).toEqual(['username']);
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
  });

  it('answers a bare 500 when Cognito fails otherwise, and records nothing', async () => {
    cognitoMock.on(AdminCreateUserCommand).rejects(new Error('TooManyRequestsException'));
    const result = await create();
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('TooManyRequests');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('replays an answer for the same Idempotency-Key without a second login', async () => {
    const KEY = 'user-li-ming-1';
    const first = await create({ headers: { 'Idempotency-Key': KEY } });
    expect(first.statusCode).toBe(201);
    const remembered = putItem(transactItems(ddbMock), 2);
    expect(JSON.stringify(remembered)).not.toContain('13900001234');
    ddbMock.on(GetCommand, { Key: remembered.PK ? { PK: remembered.PK, SK: remembered.SK } : {} }).resolves({
      Item: remembered,
    });
    const again = await create({ headers: { 'Idempotency-Key': KEY } });
    expect(again.statusCode).toBe(201);
    expect(again.headers?.['idempotency-replayed']).toBe('true');
    expect(json(again)).toEqual(json(first));
    expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(1);
  });

  describe('strict body: 400 naming the field, before any login is made', () => {
    it.each([
      ['an unknown field', { ...body, role: 'bureau' }, 'role'],
      ['a username shaped like an e-mail address', { ...body, username: 'li@example.cn' }, 'username'],
      ['a username in upper case', { ...body, username: 'LiMing' }, 'username'],
      ['a username of two characters', { ...body, username: 'li' }, 'username'],
      ['no e-mail address', { username: 'li.ming', name: '李明', phone: '13900001234' }, 'email'],
      ['an e-mail address that is not one', { ...body, email: 'li.ming' }, 'email'],
      ['a phone that is not a mainland number', { ...body, phone: '12345' }, 'phone'],
      ['an empty name', { ...body, name: '  ' }, 'name'],
    ])('%s', async (_, sent, field) => {
      const p = problem(await create({ body: sent }), 400);
      expect(p.errors?.map((e) => e.field)).toContain(field);
      expect(cognitoMock.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    });

    it('a contractor id of the wrong shape, in the path', async () => {
      const p = problem(await create({ params: { id: 'x' } }), 400);
      expect(p.errors).toEqual([expect.objectContaining({ in: 'path', field: 'id' })]);
    });
  });
});
