/**
 * Sealed with a key, not by code alone (issue 11 §1, R-PROC-5): the bid seal key's policy lets only the functions
 * tagged for one use do that one thing (submit-bid seals and cannot open; CloseBidding and the contractor's own read
 * open; the verifier and the bid-document reader decrypt through S3 only), no other role in any stack holds the tag
 * or a grant on the key, and the bucket refuses a bid document not sealed under it.
 */
import { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { BID_SEAL_KEY_ENV } from '#shared/config';
import { BID_CONTEXT_KEYS, BID_SEAL_TAG, BID_SEAL_USERS, type BidSealUse } from '#infra/constructs/seal-key';
import { buildDeployment, logicalId } from './deployment';

const deployment = buildDeployment();
const { stateful, all, templateOf, functionOf, workflowStackOf } = deployment;
const statefulTemplate = templateOf(stateful);
const keyId = logicalId(stateful.bidSeal.key);

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
/** IAM's wildcard match of an action pattern (`kms:Get*`) against an action name. */
const grants = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
const CRYPTO = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:CreateGrant',
];

const keyResource = () => {
  const keys = statefulTemplate.findResources('AWS::KMS::Key');
  const key = keys[keyId] as {
    Properties: { KeyPolicy: { Statement: Statement[] }; EnableKeyRotation: boolean };
  };
  expect(key).toBeDefined();
  return key.Properties;
};

describe('the bid seal key', () => {
  it('rotates, is retained, and only the account administers it, without any cryptographic action', () => {
    expect(keyResource().EnableKeyRotation).toBe(true);
    statefulTemplate.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    const admin = keyResource().KeyPolicy.Statement.find((s) => s.Sid === 'Administration');
    expect(admin).toBeDefined();
    for (const pattern of actionsOf(admin as Statement))
      for (const action of CRYPTO) expect(grants(pattern, action), `${pattern} grants ${action}`).toBe(false);
  });

  it('allows each cryptographic action only to principals tagged for it, bids only under a bid context', () => {
    const statements = keyResource().KeyPolicy.Statement.filter((s) => s.Sid !== 'Administration');
    const byAction: Record<string, BidSealUse[]> = {};
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      const use = s.Condition?.StringEquals?.[`aws:PrincipalTag/${BID_SEAL_TAG}`] as BidSealUse | undefined;
      expect(use, `${s.Sid} names the tag`).toBeDefined();
      for (const action of actionsOf(s)) (byAction[action] ??= []).push(use as BidSealUse);
      const viaS3 = s.Condition?.StringEquals?.['kms:ViaService'];
      if (use === 'seal-objects' || use === 'read-objects') {
        expect(stateful.resolve(viaS3)).toEqual({
          'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
        });
      } else {
        expect(viaS3).toBeUndefined();
        expect(s.Condition?.['ForAllValues:StringEquals']?.['kms:EncryptionContextKeys']).toEqual([
          ...BID_CONTEXT_KEYS,
        ]);
        expect(s.Condition?.Null?.['kms:EncryptionContextKeys']).toBe('false');
      }
    }
    // Who may open: CloseBidding alone (field level; the contractor's own read opens nothing), the verifier and the bid-document
    // reader through S3. Sealing never comes with opening.
    expect(byAction['kms:Decrypt']?.sort()).toEqual(['open', 'read-objects']);
    expect(byAction['kms:GenerateDataKey']?.sort()).toEqual(['seal', 'seal-objects']);
    expect(Object.keys(byAction).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });
});

/** The role of a function and the template of its stack. */
const roleOf = (fn: LambdaFunction) => {
  const role = fn.role;
  if (!role) throw new Error(`${fn.node.path} has no role`);
  return { template: templateOf(Stack.of(fn)), roleId: logicalId(role) };
};

const functionByName = (name: string): LambdaFunction => {
  const [workflow, task] = name.split('.');
  if (!task) return functionOf(name).fn;
  const fn = workflowStackOf(workflow as string).workflows[workflow as string]?.functions[task];
  if (!fn) throw new Error(`no task ${name}`);
  return fn;
};

const tagsOf = (template: Template, roleId: string) =>
  (
    template.findResources('AWS::IAM::Role')[roleId] as {
      Properties: { Tags?: { Key: string; Value: string }[] };
    }
  ).Properties.Tags ?? [];

/** Every KMS action any policy in `template` grants on a resource that is the bid seal key (imported or not). */
function kmsGrantsOnKey(template: Template): { policy: string; actions: string[] }[] {
  const found: { policy: string; actions: string[] }[] = [];
  for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    const statements = (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties
      .PolicyDocument.Statement;
    for (const s of statements) {
      const kms = actionsOf(s).filter((a) => a.startsWith('kms:') || a === '*');
      if (kms.length > 0 && s.Effect === 'Allow' && JSON.stringify(s.Resource).includes(keyId))
        found.push({ policy: id, actions: kms });
    }
  }
  return found;
}

describe('who holds the key', () => {
  it.each(Object.entries(BID_SEAL_USERS))(
    '%s is tagged %s, granted only that action, and told the key',
    (name, use) => {
      const fn = functionByName(name);
      const { template, roleId } = roleOf(fn);
      expect(tagsOf(template, roleId)).toContainEqual({ Key: BID_SEAL_TAG, Value: use });
      const grantsHere = kmsGrantsOnKey(template).filter(({ policy }) =>
        JSON.stringify(template.findResources('AWS::IAM::Policy')[policy]).includes(roleId),
      );
      const actions = grantsHere.flatMap((g) => g.actions);
      expect(actions).toEqual([
        use === 'open' || use === 'read-objects' ? 'kms:Decrypt' : 'kms:GenerateDataKey',
      ]);
      const env = (
        template.findResources('AWS::Lambda::Function')[logicalId(fn)] as {
          Properties: { Environment?: { Variables?: Record<string, unknown> } };
        }
      ).Properties.Environment?.Variables;
      expect(env?.[BID_SEAL_KEY_ENV]).toBeDefined();
    },
  );

  it('no other role in any stack carries the tag, a grant on the key or its id', () => {
    const users = new Set(Object.keys(BID_SEAL_USERS).map((name) => functionByName(name)));
    let tagged = 0;
    for (const stack of all) {
      const template = templateOf(stack);
      for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
        const tags = (role as { Properties: { Tags?: { Key: string }[] } }).Properties.Tags ?? [];
        if (tags.some((t) => t.Key === BID_SEAL_TAG)) tagged++;
        const owner = [...users].find((fn) => Stack.of(fn) === stack && fn.role && logicalId(fn.role) === id);
        if (!owner)
          expect(
            tags.map((t) => t.Key),
            `${stack.stackName} ${id}`,
          ).not.toContain(BID_SEAL_TAG);
      }
      const userRoles = [...users].filter((fn) => Stack.of(fn) === stack).map((fn) => logicalId(fn.role!));
      for (const { policy } of kmsGrantsOnKey(template)) {
        const roles = JSON.stringify(template.findResources('AWS::IAM::Policy')[policy]);
        expect(
          userRoles.some((roleId) => roles.includes(roleId)),
          `${stack.stackName} ${policy}`,
        ).toBe(true);
      }
      for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        const env = (fn as { Properties: { Environment?: { Variables?: Record<string, unknown> } } })
          .Properties.Environment?.Variables;
        if (env?.[BID_SEAL_KEY_ENV] === undefined) continue;
        expect(
          [...users].some((u) => Stack.of(u) === stack && logicalId(u) === id),
          `${stack.stackName} ${id}`,
        ).toBe(true);
      }
    }
    expect(tagged).toBe(users.size);
  });
});

describe('bid documents in the bucket', () => {
  it('a PutObject under the bid prefixes without SSE-KMS under the bid seal key is denied to everyone', () => {
    const policies = Object.values(statefulTemplate.findResources('AWS::S3::BucketPolicy')) as {
      Properties: { PolicyDocument: { Statement: Statement[] } };
    }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const denies = statements.filter((s) => s.Effect === 'Deny' && actionsOf(s).includes('s3:PutObject'));
    const resources = (s: Statement) => JSON.stringify(s.Resource);
    const kms = denies.find(
      (s) => s.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption'] === 'aws:kms',
    );
    const key = denies.find(
      (s) => s.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption-aws-kms-key-id'] !== undefined,
    );
    for (const s of [kms, key]) {
      expect(s).toBeDefined();
      expect(s?.Principal).toEqual({ AWS: '*' });
      expect(resources(s as Statement)).toContain('/contractors/bids/*');
      expect(resources(s as Statement)).toContain('/contractors/*/bids/*');
      // Evidence documents are not held to the bid key.
      expect(resources(s as Statement)).not.toContain('conditions');
    }
    expect(key?.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption-aws-kms-key-id']).toEqual({
      'Fn::GetAtt': [keyId, 'Arn'],
    });
  });
});
