import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/contractors/register-contractor';
import { canonicalJson } from '#shared/domain/audit-chain';
import { routes } from '#functions/routes';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { verifyChain } from '#shared/domain/audit-chain';
import type { RequestOptions } from './support';
import {
  VALID_ENTERPRISE_CODE,
  VALID_SOCIAL_ORG_CODE,
  apiEvent,
  canceled,
  claims,
  expectInternalError,
  json,
  lambdaContext,
  problem,
  putItem,
  sha256,
  transactItems,
} from './support';
import {
  PERSONAL_DATA_KEY_ID,
  PERSONAL_DATA_MAC_KEY_ID,
  expectedHash,
  mockKms,
} from './personal-data-fixtures';

// The handler binds its personal-data keys at init (issue 11 §6): KMS here, never the embedded stack's local key.
vi.hoisted(() => {
  process.env.PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
  process.env.PERSONAL_DATA_MAC_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data-mac';
  delete process.env.LOCAL_KMS_DIR;
});

const ddbMock = mockClient(DynamoDBDocumentClient);
const { kms, reset: resetKms } = mockKms();
const NOW = new Date('2025-03-10T02:00:00.000Z');
const NOW_ISO = '2025-03-10T10:00:00.000+08:00';

const enterprise = {
  kind: 'enterprise',
  name: '福州示范社工服务有限公司',
  creditCode: VALID_ENTERPRISE_CODE,
  nonProfit: false,
  contact: { name: '王芳', phone: '13800138000', email: 'wang@example.cn' },
};

const register = (options: RequestOptions = {}) =>
  handler(
    apiEvent(routes.registerContractor, { claims: claims.bureau, body: enterprise, ...options }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  resetKms();
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/contractors', () => {
  it('registers in ONE transaction: contractor, genesis audit entry, credit-code marker (R-QUAL-3, R-SUP-2)', async () => {
    // Act
    const result = await register();

    // Assert
    expect(result.statusCode).toBe(201);
    expect(result.headers).toMatchObject({ 'content-type': 'application/json', etag: '"1"' });
    const body = json(result);
    // Issue 12 §4: a 201 says where the new record is read.
    expect(result.headers?.location).toBe(`/v1/contractors/${String((body as { id: string }).id)}`);
    expect(body).toMatchObject({
      kind: 'enterprise',
      creditCode: VALID_ENTERPRISE_CODE,
      nonProfit: false,
      flags: { creditListHit: false, annualReportFailed: false },
      version: 1,
      createdAt: NOW_ISO,
    });
    expect(body.id).toMatch(/^ctr_[0-9a-z]{20}$/);
    expect(body.conditions).toHaveLength(8);
    expect(body).not.toHaveProperty('registeredBy');

    expect(ddbMock).not.toHaveReceivedCommand(GetCommand);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const id = String(body.id);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({
      TableName: 'assistance',
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `CONTRACTOR#${id}`,
        SK: 'PROFILE',
        GSI1PK: 'CONTRACTORS',
        GSI1SK: `${NOW_ISO}#${id}`,
        recordType: 'contractor',
        creditCode: VALID_ENTERPRISE_CODE,
        registeredBy: { sub: 'u-bureau', role: 'bureau' },
        version: 1,
        auditSeq: 1,
      },
    });
    const audit = putItem(items, 1);
    expect(items[1]?.Put).toMatchObject({
      TableName: 'assistance',
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        PK: `AUDIT#contractor#${id}`,
        SK: '0000000001',
        seq: 1,
        action: 'contractor.registered',
        actor: { sub: 'u-bureau', role: 'bureau' },
        at: NOW_ISO,
        prevHash: '0'.repeat(64),
      },
    });
    expect(audit.hash).toMatch(/^[0-9a-f]{64}$/);
    // The record's head links to the entry, and the entry's hash covers its content.
    const { PK: _pk, SK: _sk, ...entry } = audit;
    expect(
      verifyChain([entry as unknown as AuditEntry], {
        auditSeq: 1,
        auditHash: String(putItem(items, 0).auditHash),
      }),
    ).toEqual({
      verified: true,
      length: 1,
    });
    expect(items[2]?.Put).toEqual({
      TableName: 'assistance',
      Item: {
        PK: `CREDITCODE#${VALID_ENTERPRISE_CODE}`,
        SK: 'CREDITCODE',
        recordType: 'credit-code',
        contractorId: id,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('registers a social organization whose code starts with 5, from a partner portal token (R-QUAL-1)', async () => {
    // Arrange
    const body = {
      ...enterprise,
      kind: 'social_organization',
      nonProfit: true,
      creditCode: VALID_SOCIAL_ORG_CODE.toLowerCase(),
    };

    // Act
    const result = await register({ claims: claims.portal, body });

    // Assert
    expect(result.statusCode).toBe(201);
    expect(json(result)).toMatchObject({ kind: 'social_organization', creditCode: VALID_SOCIAL_ORG_CODE });
    const contractorPut = putItem(transactItems(ddbMock), 0);
    expect(contractorPut.registeredBy).toEqual({ sub: 'portal-client', role: 'portal' });
    expect(putItem(transactItems(ddbMock), 2).PK).toBe(`CREDITCODE#${VALID_SOCIAL_ORG_CODE}`);
  });

  it('refuses a credit code whose check character does not verify with 400 naming creditCode (R-QUAL-3)', async () => {
    // Arrange
    const body = { ...enterprise, creditCode: `${VALID_ENTERPRISE_CODE.slice(0, 17)}4` };

    // Act
    const result = await register({ body });

    // Assert
    const p = problem(result, 400);
    expect(p.rule).toBe('R-QUAL-3');
    expect(p.errors).toEqual([
      expect.objectContaining({ in: 'body', field: 'creditCode', pointer: '#/creditCode' }),
    ]);
    expect(p.detail).toContain('check character');
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('refuses a social organization whose code is not from civil affairs (starts with 9) (R-QUAL-1, R-QUAL-3)', async () => {
    // Arrange
    const body = { ...enterprise, kind: 'social_organization', nonProfit: true };

    // Act
    const result = await register({ body });

    // Assert
    const p = problem(result, 400);
    expect(p.errors?.map((e) => e.field)).toEqual(['creditCode']);
    expect(p.detail).toContain('must start with 5');
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('refuses an enterprise claiming to be non-profit with 400 naming nonProfit (R-QUAL-4)', async () => {
    // Act
    const result = await register({ body: { ...enterprise, nonProfit: true } });

    // Assert
    const p = problem(result, 400);
    expect(p.rule).toBe('R-QUAL-4');
    expect(p.errors?.map((e) => e.field)).toEqual(['nonProfit']);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['contact.phone', { ...enterprise, contact: { name: '王芳', phone: '12345' } }],
    ['kind', { ...enterprise, kind: 'charity' }],
    ['name', { ...enterprise, name: 'x' }],
    ['contact.email', { ...enterprise, contact: { ...enterprise.contact, email: 'not-an-email' } }],
  ])('answers 400 problem+json naming %s for a body that breaks the schema', async (field, body) => {
    // Act
    const result = await register({ body });

    // Assert
    const p = problem(result, 400);
    expect(p.type).toBe('urn:assistance:problem:validation');
    expect(p.instance).toBe('/v1/contractors');
    expect(p.errors?.map((e) => e.field)).toEqual([field]);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 naming body for JSON that does not parse, and 415 for a non-JSON content type', async () => {
    // Act
    const broken = await register({ body: '{"kind":' });
    const form = await register({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    // Assert
    expect(problem(broken, 400).errors?.map((e) => e.field)).toEqual(['body']);
    problem(form, 415);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 for a role that may not register, 401 without a role', async () => {
    // Act
    const asContractor = await register({ claims: claims.contractor('ctr_01jabcdefg0123456789') });
    const noRole = await register({ claims: { sub: 'u-nobody' } });

    // Assert
    expect(problem(asContractor, 403).detail).toBe('the contractor role may not POST /v1/contractors');
    problem(noRole, 401);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('answers 409 naming creditCode when the credit-code marker exists (R-QUAL-3)', async () => {
    // Arrange: index 2 is the credit-code uniqueness Put; the marker it met is read to name its contractor (issue
    // 12 §2), gone here, so the plain 409.
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));
    ddbMock.on(GetCommand).resolves({});

    // Act
    const result = await register();

    // Assert
    const p = problem(result, 409);
    expect(p.rule).toBe('R-QUAL-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['creditCode']);
  });

  it('answers 409 when the transaction raced another one (TransactionConflict)', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(canceled('TransactionConflict', 'None', 'None'));

    // Act
    const result = await register();

    // Assert
    expect(problem(result, 409).detail).toContain('try again');
  });

  it('answers a bare 500 when the transaction fails for another reason, leaking nothing', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded on table assistance'));

    // Act
    const result = await register();

    // Assert
    expectInternalError(result, 'ProvisionedThroughputExceeded');
  });

  describe('Idempotency-Key', () => {
    const KEY = 'reg-2025-03-10-0001';
    const bodyText = JSON.stringify(enterprise);
    const stored = {
      status: 201,
      body: { id: 'ctr_earlier0000000000000', creditCode: VALID_ENTERPRISE_CODE, version: 1 },
      version: 1,
    };
    const outcomeKey = { PK: `IDEMPOTENCY#u-bureau#POST /v1/contractors#${KEY}`, SK: 'IDEMPOTENCY' };

    it('looks the key up and stores the outcome in the same transaction on first use', async () => {
      // Arrange
      ddbMock.on(GetCommand).resolves({});

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(result.statusCode).toBe(201);
      expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
        TableName: 'assistance',
        Key: outcomeKey,
        ConsistentRead: true,
      });
      const items = transactItems(ddbMock);
      expect(items).toHaveLength(4);
      expect(items[3]?.Put).toMatchObject({
        ConditionExpression: 'attribute_not_exists(PK)',
        Item: {
          ...outcomeKey,
          recordType: 'idempotency',
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: { status: 201, body: json(result), version: 1 },
          expiresAt: NOW.getTime() / 1000 + 24 * 3600,
        },
      });
    });

    it('replays a stored outcome with idempotency-replayed: true and writes nothing', async () => {
      // Arrange
      ddbMock.on(GetCommand).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(result.statusCode).toBe(201);
      expect(result.headers).toMatchObject({ 'idempotency-replayed': 'true', etag: '"1"' });
      expect(json(result)).toEqual(stored.body);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('ignores an outcome past its retention and registers anew', async () => {
      // Arrange
      ddbMock.on(GetCommand).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
          result: stored,
          expiresAt: NOW.getTime() / 1000 - 1,
        },
      });

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(result.statusCode).toBe(201);
      expect(result.headers?.['idempotency-replayed']).toBeUndefined();
      expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    });

    it('answers 422 naming Idempotency-Key when the key was used with another body', async () => {
      // Arrange
      ddbMock.on(GetCommand).resolves({
        Item: {
          ...outcomeKey,
          requestHash: sha256('{"other":true}'),
          result: stored,
          expiresAt: NOW.getTime() / 1000 + 60,
        },
      });

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(problem(result, 422).errors).toEqual([
        expect.objectContaining({ in: 'header', field: 'Idempotency-Key' }),
      ]);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });

    it('answers the first request when a concurrent one with the same key committed first', async () => {
      // Arrange: not there on the first look, there after the idempotency Put (index 3) failed
      ddbMock
        .on(GetCommand)
        .resolvesOnce({})
        .resolves({
          Item: {
            ...outcomeKey,
            requestHash: sha256(canonicalJson(JSON.parse(bodyText))),
            result: stored,
            expiresAt: NOW.getTime() / 1000 + 60,
          },
        });
      ddbMock
        .on(TransactWriteCommand)
        .rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'ConditionalCheckFailed'));

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY }, body: bodyText });

      // Assert
      expect(result.statusCode).toBe(201);
      expect(result.headers?.['idempotency-replayed']).toBe('true');
      expect(json(result)).toEqual(stored.body);
      expect(ddbMock).toHaveReceivedCommandTimes(GetCommand, 2);
    });

    it('answers 400 naming Idempotency-Key for a key of the wrong shape, before any read', async () => {
      // Act
      const result = await register({ headers: { 'Idempotency-Key': 'short' } });

      // Assert
      expect(problem(result, 400).errors?.map((e) => e.field)).toEqual(['Idempotency-Key']);
      expect(ddbMock).not.toHaveReceivedAnyCommand();
    });

    it('answers a bare 500 when the key lookup fails, and writes nothing', async () => {
      // Arrange
      ddbMock.on(GetCommand).rejects(new Error('socket hang up'));

      // Act
      const result = await register({ headers: { 'Idempotency-Key': KEY } });

      // Assert
      expectInternalError(result, 'socket hang up');
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    });
  });

  describe('personal data (issue 11 §6, PIPL)', () => {
    const RESIDENT_ID = '11010519491231002X';
    const PHONE = '13912345678';
    const EMAIL = 'zhang.wei@example.cn';
    const person = {
      kind: 'natural_person',
      name: '张伟',
      creditCode: RESIDENT_ID.toLowerCase(),
      nonProfit: false,
      contact: { name: '张伟', phone: PHONE, email: EMAIL },
    };
    const registerPerson = (contact: object = person.contact) =>
      register({ claims: claims.portal, body: { ...person, contact } });
    const clearValues = [RESIDENT_ID, RESIDENT_ID.toLowerCase(), PHONE, EMAIL, '19491231'];

    it('stores no resident ID, phone or e-mail in clear: not in the record, its audit entry, the code marker nor the answer', async () => {
      // Act
      const result = await registerPerson();

      // Assert
      expect(result.statusCode).toBe(201);
      const items = transactItems(ddbMock);
      const written = JSON.stringify(items);
      for (const value of clearValues) {
        expect(written).not.toContain(value);
        expect(result.body).not.toContain(value);
      }
      // The record and the answer hold the masks (the idempotency record keeps the answer).
      expect(putItem(items, 0)).toMatchObject({
        creditCode: '110105**********2X',
        contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
      });
      expect(json(result)).toMatchObject({
        creditCode: '110105**********2X',
        contact: { phone: '139****5678', email: 'z***@example.cn' },
      });
    });

    it('seals the three fields under the personal-data key, bound to the new record, and keeps their keyed hashes', async () => {
      // Act
      const result = await registerPerson();

      // Assert
      const id = String(json(result).id);
      expect(kms).toHaveReceivedCommandExactlyOnceWith(GenerateDataKeyCommand, {
        KeyId: PERSONAL_DATA_KEY_ID,
        KeySpec: 'AES_256',
        EncryptionContext: { recordType: 'contractor', contractorId: id, field: 'personal' },
      });
      // Registration seals; it never opens.
      expect(kms).not.toHaveReceivedCommand(DecryptCommand);
      expect(kms).toHaveReceivedCommandTimes(GenerateMacCommand, 3);
      expect(kms).toHaveReceivedCommandWith(GenerateMacCommand, {
        KeyId: PERSONAL_DATA_MAC_KEY_ID,
        MacAlgorithm: 'HMAC_SHA_256',
      });
      const record = putItem(transactItems(ddbMock), 0);
      expect(record.personal).toEqual({
        sealed: { v: 1, key: expect.any(String), iv: expect.any(String), data: expect.any(String) },
        hashes: {
          residentId: expectedHash('contractor.residentId', RESIDENT_ID),
          phone: expectedHash('contractor.contact.phone', PHONE),
          email: expectedHash('contractor.contact.email', EMAIL),
        },
      });
    });

    it("reserves a natural person's code by its keyed hash, so the uniqueness marker names nobody (R-QUAL-3)", async () => {
      // Act
      const result = await registerPerson();

      // Assert
      expect(putItem(transactItems(ddbMock), 2)).toEqual({
        PK: `CREDITCODE#${expectedHash('contractor.residentId', RESIDENT_ID)}`,
        SK: 'CREDITCODE',
        recordType: 'credit-code',
        contractorId: json(result).id,
      });
    });

    it('answers 409 naming creditCode for the same person registered twice: equal ids, equal keyed hashes', async () => {
      // Arrange: the first registration's marker holds the hash; the second one's Put meets it.
      await registerPerson();
      const firstMarker = putItem(transactItems(ddbMock), 2).PK;
      ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));
      ddbMock.on(GetCommand).resolves({});

      // Act
      const second = await registerPerson({ name: '张伟', phone: '13800000000' });

      // Assert
      expect(problem(second, 409).errors?.map((e) => e.field)).toEqual(['creditCode']);
      expect(putItem(transactItems(ddbMock, 1), 2).PK).toBe(firstMarker);
    });

    it('writes an audit entry whose personal fields are masks and keyed hashes: another phone shows as another hash, never as the number', async () => {
      // Act
      await registerPerson();
      await registerPerson({ name: '张伟', phone: '13800000000', email: EMAIL });

      // Assert
      const [first, second] = [0, 1].map((n) => putItem(transactItems(ddbMock, n), 1).data) as {
        contact: { phone: string };
        personal: { hashes: Record<string, string> };
      }[];
      expect(first?.contact.phone).toBe('139****5678');
      expect(second?.contact.phone).toBe('138****0000');
      expect(first?.personal.hashes.phone).not.toBe(second?.personal.hashes.phone);
      expect(first?.personal.hashes.email).toBe(second?.personal.hashes.email);
      expect(JSON.stringify(second)).not.toContain('13800000000');
      // The entry (archived under Object Lock for 15 years) holds no sealed data either; the record does.
      expect(first?.personal).not.toHaveProperty('sealed');
      expect(putItem(transactItems(ddbMock, 0), 0).personal).toHaveProperty('sealed');
    });

    it("keeps an organization's public code in clear and hashes only the contact", async () => {
      // Act
      await register();

      // Assert
      const record = putItem(transactItems(ddbMock), 0);
      expect(record.creditCode).toBe(VALID_ENTERPRISE_CODE);
      expect(Object.keys((record.personal as { hashes: object }).hashes).sort()).toEqual(['email', 'phone']);
      expect(JSON.stringify(transactItems(ddbMock))).not.toContain(enterprise.contact.phone);
    });
  });
});
