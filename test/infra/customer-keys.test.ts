/**
 * Customer keys (issue 11 §6, PIPL art. 51): the table, the document bucket, every log group and every queue of the
 * deployment are encrypted under customer-managed keys that rotate, whose policies let the account administer them
 * without any cryptographic action and let only the one service use each (DynamoDB, S3 and SQS through
 * kms:ViaService for this account; CloudWatch Logs as service principal for this account's log groups only). The
 * personal-data keys are used only by the functions tagged for it: registration seals and MACs, the contractor
 * view opens, and nobody else holds either.
 */
import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_KEY_ENV, PERSONAL_DATA_MAC_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';
import { PERSONAL_DATA_TAG, PERSONAL_DATA_USERS } from '#infra/constructs/customer-keys';
import { buildDeployment, logicalId } from './deployment';

const deployment = buildDeployment();
const { stateful, all, templateOf, functionOf } = deployment;
const statefulTemplate = templateOf(stateful);
const keys = stateful.customerKeys;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
interface KeyProperties {
  KeyPolicy: { Statement: Statement[] };
  EnableKeyRotation?: boolean;
  KeySpec?: string;
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const grants = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
const CRYPTO = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateMac',
  'kms:ReEncryptFrom',
  'kms:CreateGrant',
];

const keyProperties = (key: typeof keys.table): KeyProperties => {
  const found = statefulTemplate.findResources('AWS::KMS::Key')[logicalId(key)] as
    { Properties: KeyProperties; DeletionPolicy?: string } | undefined;
  if (!found) throw new Error(`no key ${key.node.path}`);
  expect(found.DeletionPolicy).toBe('Retain');
  return found.Properties;
};
const keyRef = (key: typeof keys.table) => ({ 'Fn::GetAtt': [logicalId(key), 'Arn'] });
/** A reference to `key` as `stack`'s template holds it: GetAtt in the stateful stack, an import elsewhere. */
const refersTo = (stack: Stack, value: unknown, key: typeof keys.table) =>
  stack === stateful
    ? JSON.stringify(value) === JSON.stringify(keyRef(key))
    : JSON.stringify(value).includes('Fn::ImportValue') && JSON.stringify(value).includes(logicalId(key));

const AT_REST_KEYS = { table: 'dynamodb', documents: 's3', queues: 'sqs' } as const;

describe('customer keys (issue 11 §6)', () => {
  it('encrypts the table under the table key', () => {
    statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyRef(keys.table) },
    });
  });

  it('encrypts the document bucket under the documents key, with a bucket key', () => {
    statefulTemplate.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: keyRef(keys.documents),
            },
          },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('encrypts every log group of every stack under the logs key', () => {
    let count = 0;
    for (const stack of all) {
      for (const [id, group] of Object.entries(templateOf(stack).findResources('AWS::Logs::LogGroup'))) {
        count++;
        const kmsKeyId = (group as { Properties: { KmsKeyId?: unknown } }).Properties.KmsKeyId;
        expect(refersTo(stack, kmsKeyId, keys.logs), `${stack.stackName}/${id}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(60);
  });

  it('encrypts every queue of every stack under the queues key, not SSE-SQS', () => {
    let count = 0;
    for (const stack of all) {
      for (const [id, queue] of Object.entries(templateOf(stack).findResources('AWS::SQS::Queue'))) {
        count++;
        const properties = (queue as { Properties: Record<string, unknown> }).Properties;
        expect(refersTo(stack, properties.KmsMasterKeyId, keys.queues), `${stack.stackName}/${id}`).toBe(
          true,
        );
        expect(properties.SqsManagedSseEnabled).toBeUndefined();
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('rotates every symmetric key; the account administers each without any cryptographic action', () => {
    for (const key of [keys.table, keys.documents, keys.logs, keys.queues, keys.personalData]) {
      expect(keyProperties(key).EnableKeyRotation, key.node.path).toBe(true);
    }
    expect(keyProperties(keys.personalDataMac).KeySpec).toBe('HMAC_256');
    for (const key of [
      keys.table,
      keys.documents,
      keys.logs,
      keys.queues,
      keys.personalData,
      keys.personalDataMac,
    ]) {
      const admin = keyProperties(key).KeyPolicy.Statement.find((s) => s.Sid === 'Administration');
      expect(admin, key.node.path).toBeDefined();
      for (const pattern of actionsOf(admin as Statement))
        for (const action of CRYPTO)
          expect(grants(pattern, action), `${pattern} grants ${action}`).toBe(false);
    }
  });

  it('lets only its own service use each at-rest key, for this account', () => {
    for (const [name, service] of Object.entries(AT_REST_KEYS)) {
      const key = keys[name as keyof typeof AT_REST_KEYS];
      const uses = keyProperties(key).KeyPolicy.Statement.filter(
        (s) => s.Sid !== 'Administration' && s.Sid !== 'DeliverFailedEventsFromThisAccountsRules',
      );
      expect(uses, name).toHaveLength(1);
      expect(stateful.resolve(uses[0]?.Condition?.StringEquals)).toEqual({
        'kms:ViaService': { 'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        'kms:CallerAccount': { Ref: 'AWS::AccountId' },
      });
    }
    const events = keyProperties(keys.queues).KeyPolicy.Statement.find(
      (s) => s.Sid === 'DeliverFailedEventsFromThisAccountsRules',
    );
    expect(events).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it("lets CloudWatch Logs use the logs key only for this account's log groups in this region", () => {
    const statements = keyProperties(keys.logs).KeyPolicy.Statement.filter((s) => s.Sid !== 'Administration');
    expect(statements).toHaveLength(1);
    expect(stateful.resolve(statements[0])).toMatchObject({
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':logs:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':log-group:*',
              ],
            ],
          },
        },
      },
    });
  });
});

describe('the personal-data keys (issue 11 §6)', () => {
  const policyOf = (key: typeof keys.table) =>
    keyProperties(key).KeyPolicy.Statement.filter((s) => s.Sid !== 'Administration');

  it('allow sealing and opening only to roles tagged for it, under a contractor record context', () => {
    const byUse = Object.fromEntries(
      policyOf(keys.personalData).map((s) => [
        s.Condition?.StringEquals?.[`aws:PrincipalTag/${PERSONAL_DATA_TAG}`],
        { actions: actionsOf(s), context: s.Condition?.StringEquals },
      ]),
    );
    expect(Object.keys(byUse).sort()).toEqual(['open', 'seal']);
    expect(byUse.seal?.actions).toEqual(['kms:GenerateDataKey']);
    expect(byUse.open?.actions).toEqual(['kms:Decrypt']);
    for (const use of ['seal', 'open']) {
      expect(byUse[use]?.context).toMatchObject({
        'kms:EncryptionContext:recordType': 'contractor',
        'kms:EncryptionContext:field': 'personal',
      });
    }
    expect(policyOf(keys.personalDataMac)).toEqual([
      expect.objectContaining({
        Action: 'kms:GenerateMac',
        Condition: {
          StringEquals: {
            [`aws:PrincipalTag/${PERSONAL_DATA_TAG}`]: 'seal',
            'kms:MacAlgorithm': 'HMAC_SHA_256',
          },
        },
      }),
    ]);
  });

  /** The statements of a function's role policies that name a personal-data key. */
  const personalGrants = (template: Template, stack: Stack) =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (
        (policy as { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: unknown[] } })
          .Properties.PolicyDocument.Statement ?? []
      )
        .filter(
          (s) =>
            refersTo(stack, s.Resource, keys.personalData) ||
            refersTo(stack, s.Resource, keys.personalDataMac),
        )
        .map((s) => ({
          roles: JSON.stringify((policy as { Properties: { Roles: unknown[] } }).Properties.Roles),
          actions: actionsOf(s),
          mac: refersTo(stack, s.Resource, keys.personalDataMac),
        })),
    );

  it('registration and a contractor user seal and hash and cannot open; the contractor view opens and cannot seal', () => {
    const expected = {
      registerContractor: { tag: 'seal', data: ['kms:GenerateDataKey'], mac: ['kms:GenerateMac'] },
      createContractorUser: { tag: 'seal', data: ['kms:GenerateDataKey'], mac: ['kms:GenerateMac'] },
      getContractor: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      // Issue 13: a staff member's resident ID (§1), a delivery's recipient (§2), opened for the purchaser (§2, §3).
      createStaff: { tag: 'seal', data: ['kms:GenerateDataKey'], mac: ['kms:GenerateMac'] },
      getStaff: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      listStaff: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      leaveStaff: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      requestStaffEvidenceUpload: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      openAcceptance: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      createDelivery: { tag: 'seal', data: ['kms:GenerateDataKey'], mac: ['kms:GenerateMac'] },
      createDeliveryBatch: { tag: 'seal', data: ['kms:GenerateDataKey'], mac: ['kms:GenerateMac'] },
      listDeliveries: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
      getDelivery: { tag: 'open', data: ['kms:Decrypt'], mac: [] },
    };
    expect(Object.keys(PERSONAL_DATA_USERS).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, want] of Object.entries(expected)) {
      const { stack, fn } = functionOf(name);
      const template = templateOf(stack);
      const role = logicalId(fn.role as never);
      template.hasResourceProperties('AWS::IAM::Role', {
        Tags: Match.arrayWith([{ Key: PERSONAL_DATA_TAG, Value: want.tag }]),
      });
      const mine = personalGrants(template, stack).filter((g) => g.roles.includes(role));
      expect(
        mine.filter((g) => !g.mac).flatMap((g) => g.actions),
        name,
      ).toEqual(want.data);
      expect(
        mine.filter((g) => g.mac).flatMap((g) => g.actions),
        name,
      ).toEqual(want.mac);
      const variables = (
        template.findResources('AWS::Lambda::Function')[logicalId(fn)] as {
          Properties: { Environment: { Variables: Record<string, unknown> } };
        }
      ).Properties.Environment.Variables;
      expect(refersTo(stack, variables[PERSONAL_DATA_KEY_ENV], keys.personalData)).toBe(true);
      expect(variables[PERSONAL_DATA_MAC_KEY_ENV] !== undefined).toBe(want.mac.length > 0);
    }
  });

  it('no other function holds the tag, a grant or the key ids', () => {
    const users = new Set(
      Object.keys(PERSONAL_DATA_USERS).map((name) => {
        const { fn } = functionOf(name);
        return logicalId(fn.role as never);
      }),
    );
    for (const stack of all) {
      const template = templateOf(stack);
      for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
        const tags = (role as { Properties: { Tags?: { Key: string }[] } }).Properties.Tags ?? [];
        if (!users.has(id))
          expect(
            tags.map((t) => t.Key),
            `${stack.stackName}/${id}`,
          ).not.toContain(PERSONAL_DATA_TAG);
      }
      for (const grant of personalGrants(template, stack)) {
        expect(
          [...users].some((role) => grant.roles.includes(role)),
          `${stack.stackName} ${grant.roles}`,
        ).toBe(true);
      }
      const holders = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, fn]) => {
        const variables =
          (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
            .Environment?.Variables ?? {};
        return PERSONAL_DATA_KEY_ENV in variables || PERSONAL_DATA_MAC_KEY_ENV in variables;
      });
      // Only the functions PERSONAL_DATA_USERS names are given the key ids (three: registration, the contractor view
      // and a contractor user's creation, issue 12 §1).
      expect(holders.length).toBeLessThanOrEqual(Object.keys(PERSONAL_DATA_USERS).length);
    }
  });
});
