/**
 * The bid seal key (issue 11 §1, R-PROC-5): one customer-managed KMS key that seals a bid's `price` and
 * `proposal` at field level (an envelope per bid, shared/adapters/kms/envelope.ts) and its documents in S3
 * (SSE-KMS under the bid prefix). Sealed by key, not by code alone: the key policy, not only the code, says who can
 * open a bid.
 *
 * Each function that may use the key gets a role tag naming its one use, and the key policy's statements each
 * allow one use to principals of this account that carry that tag (and an IAM grant, which `grant` adds beside the
 * tag). Tags rather than role ARNs because the functions live in the routes stacks, which depend on this one: a
 * key policy naming their roles would be a reference cycle. Nothing else in the account can use the key whatever
 * IAM says; the account root administers the key (no cryptographic action), and changing the policy or a role's
 * tags is an administrator's act that CloudTrail records.
 *
 * - `seal`: kms:GenerateDataKey only, with the bid's encryption context (submit-bid). A bug in it cannot open
 *   anyone's price: it holds no kms:Decrypt.
 * - `open`: kms:Decrypt with the bid's encryption context: CloseBidding opens every bid at the deadline, and the
 *   contractor's own GET shows its own price before it (the use case asks KMS under the caller's own contractor id
 *   only; every Decrypt and its context is in CloudTrail).
 * - `seal-objects`: kms:GenerateDataKey through S3 only: the presigned POST of a bid document (S3 asks KMS with the
 *   signer's rights).
 * - `read-objects`: kms:Decrypt through S3 only: the document verifier, and the bid-document reader whose
 *   presigned GET S3 answers with the signer's rights.
 */
import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BID_SEAL_KEY_ENV } from '#shared/config';
import { bidDocumentObjectKey } from '#shared/domain/bid';
import { KEY_ADMINISTRATION } from '#infra/constructs/customer-keys';
import { referenceFrom } from '#infra/constructs/nag';

/** The role tag that names a function's use of the key; its value is one of BID_SEAL_USES. */
export const BID_SEAL_TAG = 'assistance:bid-seal';

export const BID_SEAL_USES = ['seal', 'open', 'seal-objects', 'read-objects'] as const;
export type BidSealUse = (typeof BID_SEAL_USES)[number];

/** Who uses the key, and how: route and event-handler names of functions/routes.ts, workflow tasks as `<workflow>.<task>`. */
export const BID_SEAL_USERS = {
  submitBid: 'seal',
  'procurement.CloseBidding': 'open',
  requestBidDocumentUpload: 'seal-objects',
  getBidDocument: 'read-objects',
  documentVerifier: 'read-objects',
} as const satisfies Record<string, BidSealUse>;

/** The keys of a bid's encryption context (shared/use-cases/bids.ts): a data key for anything else is refused. */
export const BID_CONTEXT_KEYS = ['contractorId', 'projectId'] as const;

const ACTIONS: Record<BidSealUse, string[]> = {
  seal: ['kms:GenerateDataKey'],
  open: ['kms:Decrypt'],
  'seal-objects': ['kms:GenerateDataKey'],
  'read-objects': ['kms:Decrypt'],
};

export class BidSealKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const viaS3 = `s3.${stack.region}.amazonaws.com`;
    const tagged = (use: BidSealUse) => ({ [`aws:PrincipalTag/${BID_SEAL_TAG}`]: use });
    const account = new AccountRootPrincipal();
    const bidContext = {
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...BID_CONTEXT_KEYS] },
      Null: { 'kms:EncryptionContextKeys': 'false' },
    };
    const statement = (sid: string, use: BidSealUse, conditions: Record<string, unknown>) =>
      new PolicyStatement({
        sid,
        effect: Effect.ALLOW,
        principals: [account],
        actions: ACTIONS[use],
        resources: ['*'],
        conditions,
      });
    this.key = new Key(this, 'Key', {
      description:
        'Seals bids until the deadline (R-PROC-5): price and proposal at field level, bid documents in S3',
      alias: 'alias/assistance/bid-seal',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'Administration',
            principals: [account],
            actions: KEY_ADMINISTRATION,
            resources: ['*'],
          }),
          statement('SealBidContents', 'seal', { StringEquals: tagged('seal'), ...bidContext }),
          statement('OpenBidContents', 'open', { StringEquals: tagged('open'), ...bidContext }),
          statement('SealBidObjects', 'seal-objects', {
            StringEquals: { ...tagged('seal-objects'), 'kms:ViaService': viaS3 },
          }),
          statement('ReadBidObjects', 'read-objects', {
            StringEquals: { ...tagged('read-objects'), 'kms:ViaService': viaS3 },
          }),
        ],
      }),
    });
  }

  /** Tags the function's role with its use, grants the matching action on this key, and sets BID_SEAL_KEY_ID. */
  grant(fn: LambdaFunction, use: BidSealUse): void {
    const role: IRole | undefined = fn.role;
    if (!role) throw new Error(`${fn.node.path} has no role to tag with ${BID_SEAL_TAG}`);
    Tags.of(role).add(BID_SEAL_TAG, use);
    const keyArn = referenceFrom(fn, this.key, this.key.keyArn);
    fn.addToRolePolicy(new PolicyStatement({ actions: ACTIONS[use], resources: [keyArn] }));
    fn.addEnvironment(BID_SEAL_KEY_ENV, keyArn);
  }
}

/** Where bid documents are stored: under an opaque id (R-PROC-5), and those declared before under their bidder. */
export const BID_OBJECT_PATTERNS = [bidDocumentObjectKey('*'), 'contractors/*/bids/*'] as const;

/**
 * The bucket refuses a bid document that is not sealed with the bid seal key: a PutObject under the bid prefixes
 * without `x-amz-server-side-encryption: aws:kms` and this key's id is denied to everyone, whatever their IAM
 * rights (the presigned POST of shared/adapters/s3/document-storage.ts sets both, fixed by its policy).
 */
export function requireBidSealOnObjects(bucket: IBucket, key: IKey): void {
  const resources = BID_OBJECT_PATTERNS.map((pattern) => bucket.arnForObjects(pattern));
  const deny = (sid: string, conditions: Record<string, unknown>) =>
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid,
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources,
        conditions,
      }),
    );
  deny('DenyBidObjectsNotUnderKms', {
    StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
  });
  deny('DenyBidObjectsNotUnderBidSealKey', {
    StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn },
  });
}

/** What bindBidSeal needs of a routes stack (infra/stacks/routes-stack.ts). */
interface FunctionsOf {
  readonly functions: Record<string, LambdaFunction>;
  readonly workflows: Record<string, { readonly functions: Record<string, LambdaFunction> }>;
}

/** Grants each of BID_SEAL_USERS its use; a name that no stack built fails the synth (a renamed route or task). */
export function bindBidSeal(seal: BidSealKey, stacks: Record<string, FunctionsOf>): void {
  const functionNamed = (name: string): LambdaFunction | undefined => {
    const [workflow, task] = name.split('.');
    for (const stack of Object.values(stacks)) {
      const fn = task ? stack.workflows[workflow as string]?.functions[task] : stack.functions[name];
      if (fn) return fn;
    }
    return undefined;
  };
  for (const [name, use] of Object.entries(BID_SEAL_USERS)) {
    const fn = functionNamed(name);
    if (!fn) throw new Error(`bid seal key: no function ${name} in the route, event or workflow tables`);
    seal.grant(fn, use);
  }
}
