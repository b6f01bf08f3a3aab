/**
 * Customer-managed KMS keys for what holds personal information (issue 11 §6, PIPL art. 51; docs/personal-information.md):
 *
 * - `table`, `documents`, `logs`, `queues`: at-rest encryption of the table (and its stream and backups), the
 *   document bucket (bucket key on), every log group and every queue, each under a key of its own with rotation on.
 *   Each key's policy lets the account administer it and lets only its one service use it, for this account:
 *   DynamoDB, S3 and SQS through `kms:ViaService` and `kms:CallerAccount` (who may read the table, the bucket or a
 *   queue stays IAM's call on that resource, and nobody can use the key outside it); CloudWatch Logs as the
 *   service principal, only for log groups of this account and region (`kms:EncryptionContext:aws:logs:arn`), as
 *   the Logs documentation prescribes; EventBridge, which delivers failed events to a dead-letter queue, as the
 *   service principal for this account's rules only.
 * - `personalData` (symmetric) and `personalDataMac` (HMAC_256): the field-level envelope of a contractor's
 *   personal fields and their keyed hashes (shared/adapters/kms/keyed-hash*.ts). As the bid seal key
 *   (seal-key.ts), each use is allowed only to roles tagged for it, under the record's encryption context:
 *   registration seals and MACs (no Decrypt), the contractor's own view opens (no GenerateDataKey).
 *
 * The log groups and queues are built by other constructs (house-function.ts, the routes and API stacks): the
 * aspect `EncryptWithCustomerKeys` gives each CfnLogGroup and CfnQueue of the app its key, so a new one is
 * covered without anyone remembering to.
 */
import { Duration, RemovalPolicy, Stack, Tags, type IAspect } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  ServicePrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { PERSONAL_DATA_KEY_ENV, PERSONAL_DATA_MAC_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';
import { referenceFrom } from '#infra/constructs/nag';

/** Key administration without any cryptographic action and without CreateGrant (which would hand one out). */
export const KEY_ADMINISTRATION = [
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/** What a service needs of a key to encrypt and decrypt at rest on its callers' behalf. */
const AT_REST = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** The role tag naming a function's use of the personal-data keys; its value is one of PERSONAL_DATA_USES. */
export const PERSONAL_DATA_TAG = 'assistance:personal-data';
export const PERSONAL_DATA_USES = ['seal', 'open'] as const;
export type PersonalDataUse = (typeof PERSONAL_DATA_USES)[number];

/** Who uses the personal-data keys (route names of functions/routes.ts), and how. */
export const PERSONAL_DATA_USERS = {
  registerContractor: 'seal',
  getContractor: 'open',
  // Issue 12 §1: a contractor user's phone and e-mail, sealed under the contractor context plus `user`.
  createContractorUser: 'seal',
  // Issue 13 §1: a staff member's resident ID, sealed under the contractor context plus `staff`, hashed as personHash.
  createStaff: 'seal',
  getStaff: 'open',
  listStaff: 'open',
  leaveStaff: 'open',
  requestStaffEvidenceUpload: 'open',
  // Issue 13 §3: the recipients' sealed contacts (deliveries), opened for the purchaser's answer on opening.
  openAcceptance: 'open',
  // Issue 13 §2: a delivery's recipient (name, resident ID, phone), sealed under the contractor context plus the
  // contract and the recipient's reference, hashed as the reference; opened for the purchaser's staff only.
  createDelivery: 'seal',
  createDeliveryBatch: 'seal',
  listDeliveries: 'open',
  getDelivery: 'open',
} as const satisfies Record<string, PersonalDataUse>;

/** The encryption context of a contractor's seal (shared/use-cases/contractors.ts personalContext). */
export const PERSONAL_DATA_CONTEXT = { recordType: 'contractor', field: 'personal' } as const;

const PERSONAL_DATA_ACTIONS: Record<PersonalDataUse, { personalData: string[]; personalDataMac: string[] }> =
  {
    seal: { personalData: ['kms:GenerateDataKey'], personalDataMac: ['kms:GenerateMac'] },
    open: { personalData: ['kms:Decrypt'], personalDataMac: [] },
  };

export class CustomerKeys extends Construct {
  readonly table: Key;
  readonly documents: Key;
  readonly logs: Key;
  readonly queues: Key;
  readonly personalData: Key;
  readonly personalDataMac: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const account = new AccountRootPrincipal();
    const administration = new PolicyStatement({
      sid: 'Administration',
      principals: [account],
      actions: KEY_ADMINISTRATION,
      resources: ['*'],
    });
    const viaService = (sid: string, service: string) =>
      new PolicyStatement({
        sid,
        effect: Effect.ALLOW,
        principals: [new AnyPrincipal()],
        actions: AT_REST,
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `${service}.${stack.region}.amazonaws.com`,
            'kms:CallerAccount': stack.account,
          },
        },
      });
    const key = (name: string, description: string, ...statements: PolicyStatement[]) =>
      new Key(this, name, {
        description,
        alias: `alias/assistance/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        enableKeyRotation: true,
        pendingWindow: Duration.days(30),
        removalPolicy: RemovalPolicy.RETAIN,
        policy: new PolicyDocument({ statements: [administration, ...statements] }),
      });

    this.table = key(
      'table',
      'Encrypts the table, its stream and backups at rest (personal information, issue 11 §6)',
      viaService('UseThroughDynamoDb', 'dynamodb'),
    );
    this.documents = key(
      'documents',
      'Encrypts the document bucket at rest (evidence and contracts; issue 11 §6)',
      viaService('UseThroughS3', 's3'),
    );
    this.logs = key(
      'logs',
      'Encrypts every log group of the product (issue 11 §6)',
      new PolicyStatement({
        sid: 'UseByCloudWatchLogsForThisAccountsLogGroups',
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
    this.queues = key(
      'queues',
      'Encrypts the dead-letter queues (failed events hold object keys and ids; issue 11 §6)',
      viaService('UseThroughSqs', 'sqs'),
      new PolicyStatement({
        sid: 'DeliverFailedEventsFromThisAccountsRules',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );

    const tagged = (use: PersonalDataUse) => ({ [`aws:PrincipalTag/${PERSONAL_DATA_TAG}`]: use });
    const recordContext = {
      'kms:EncryptionContext:recordType': PERSONAL_DATA_CONTEXT.recordType,
      'kms:EncryptionContext:field': PERSONAL_DATA_CONTEXT.field,
    };
    const personalUse = (sid: string, use: PersonalDataUse, actions: string[], context: object) =>
      new PolicyStatement({
        sid,
        principals: [account],
        actions,
        resources: ['*'],
        conditions: { StringEquals: { ...tagged(use), ...context } },
      });
    this.personalData = key(
      'personalData',
      "Seals a contractor's resident ID, phone and e-mail at field level (issue 11 §6, PIPL)",
      personalUse('SealPersonalData', 'seal', PERSONAL_DATA_ACTIONS.seal.personalData, recordContext),
      personalUse('OpenPersonalData', 'open', PERSONAL_DATA_ACTIONS.open.personalData, recordContext),
    );
    // HMAC keys have no automatic rotation in KMS, and a rotated MAC key would change every hash (the uniqueness
    // markers of natural persons among them): rotating it is a re-keying of those markers, not a switch.
    this.personalDataMac = new Key(this, 'personalDataMac', {
      description:
        'Keyed hashes of personal data: uniqueness of resident IDs, changes in the audit trail (issue 11 §6)',
      alias: 'alias/assistance/personal-data-mac',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          administration,
          personalUse('HashPersonalData', 'seal', PERSONAL_DATA_ACTIONS.seal.personalDataMac, {
            'kms:MacAlgorithm': 'HMAC_SHA_256',
          }),
        ],
      }),
    });
  }

  /** Tags the function's role with its use, grants only that use's actions, and names the keys it uses. */
  grantPersonalData(fn: LambdaFunction, use: PersonalDataUse): void {
    const role: IRole | undefined = fn.role;
    if (!role) throw new Error(`${fn.node.path} has no role to tag with ${PERSONAL_DATA_TAG}`);
    Tags.of(role).add(PERSONAL_DATA_TAG, use);
    const actions = PERSONAL_DATA_ACTIONS[use];
    const dataKeyArn = referenceFrom(fn, this.personalData, this.personalData.keyArn);
    fn.addToRolePolicy(new PolicyStatement({ actions: actions.personalData, resources: [dataKeyArn] }));
    fn.addEnvironment(PERSONAL_DATA_KEY_ENV, dataKeyArn);
    if (actions.personalDataMac.length) {
      const macKeyArn = referenceFrom(fn, this.personalDataMac, this.personalDataMac.keyArn);
      fn.addToRolePolicy(new PolicyStatement({ actions: actions.personalDataMac, resources: [macKeyArn] }));
      fn.addEnvironment(PERSONAL_DATA_MAC_KEY_ENV, macKeyArn);
    }
  }
}

/**
 * Gives every log group and queue of the app its customer key (added to the app by infra/stacks/assistance.ts).
 * A log group or queue in another stack than the keys' refers to the key across stacks; its stack already
 * depends on the stateful one.
 */
export class EncryptWithCustomerKeys implements IAspect {
  constructor(private readonly keys: CustomerKeys) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup) {
      node.kmsKeyId = this.keys.logs.keyArn;
    } else if (node instanceof CfnQueue) {
      // SSE-SQS and SSE-KMS exclude each other.
      node.sqsManagedSseEnabled = undefined;
      node.kmsMasterKeyId = this.keys.queues.keyArn;
    }
  }
}

/** What bindPersonalData needs of a routes stack (infra/stacks/routes-stack.ts). */
interface FunctionsOf {
  readonly functions: Record<string, LambdaFunction>;
}

/** Grants each of PERSONAL_DATA_USERS its use; a name no stack built fails the synth (a renamed route). */
export function bindPersonalData(keys: CustomerKeys, stacks: Record<string, FunctionsOf>): void {
  for (const [name, use] of Object.entries(PERSONAL_DATA_USERS)) {
    const fn = Object.values(stacks)
      .map((stack) => stack.functions[name])
      .find((candidate) => candidate !== undefined);
    if (!fn) throw new Error(`personal-data keys: no function ${name} in the route table`);
    keys.grantPersonalData(fn, use);
  }
}
