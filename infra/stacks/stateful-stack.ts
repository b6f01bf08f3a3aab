/**
 * What holds data or identities and must survive any redeploy: the table and its backups, the document bucket,
 * the audit archive and the user pool. Everything here is retained on stack deletion. Stateless stacks receive it
 * as typed props. Retention (issue 11 §6, 15 years) is declared in infra/constructs/retention.ts.
 */
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  UserPoolGroup,
  UserPoolOperation,
  type IUserPool,
  type IUserPoolClient,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
  type ITable,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type CfnBucket,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PRE_TOKEN_GENERATION_HANDLER, TENANT_CLAIMS } from '#functions/platform/pre-token-generation';
import { ROLES } from '#functions/routes';
import { tableDesign } from '#shared/adapters/dynamodb/table-design';
import { PORTAL_SCOPE, RESOURCE_SERVER_ID } from '#shared/http/principal';
import { HouseFunction } from '#infra/constructs/house-function';
import { TableBackup, auditArchiveBucket, documentLifecycleRules } from '#infra/constructs/retention';
import { AuditArchive } from '#infra/constructs/audit-archive';
import { BidSealKey, requireBidSealOnObjects } from '#infra/constructs/seal-key';
import { CustomerKeys } from '#infra/constructs/customer-keys';
import { BUCKET_CORS_RULE } from '#infra/local/cors';

/** What the stateless stacks need from this one. */
export interface StatefulResources {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly userPool: IUserPool;
  /** Staff and contractor users: authorization code with PKCE, or SRP. */
  readonly userClient: IUserPoolClient;
  /** The partner portal's machine client: client credentials, scope PORTAL_SCOPE. */
  readonly portalClient: IUserPoolClient;
  /** Seals bids until the deadline: field level and bid documents (issue 11 §1, infra/constructs/seal-key.ts). */
  readonly bidSeal: BidSealKey;
}

export interface StatefulStackProps extends StackProps {
  /**
   * Origins allowed to POST presigned uploads from a browser (context `allowedOrigins`, the API's too; issue 12 §5):
   * exact https origins, http for localhost only, never a wildcard (checked by addAssistanceStacks). @default none
   * (no CORS rule)
   */
  readonly uploadOrigins?: readonly string[];
  /** Where the hosted sign-in returns the user's authorization code. */
  readonly callbackUrls: readonly string[];
  /** Hosted sign-in and token endpoint: `<prefix>.auth.<region>.amazoncognito.com`. @default `assistance-<account>` */
  readonly authDomainPrefix?: string;
}

/** Users' roles are Cognito groups; `portal` is not a group but a machine client's scope. */
export const USER_GROUPS = ROLES.filter((role) => role !== 'portal');

const PORTAL_SCOPE_NAME = PORTAL_SCOPE.slice(`${RESOURCE_SERVER_ID}/`.length);

export class StatefulStack extends Stack implements StatefulResources {
  readonly table: Table;
  readonly bucket: Bucket;
  /** AWS Backup of the table: monthly, kept 15 years in a vault under compliance-mode Vault Lock. */
  readonly backup: TableBackup;
  /** Where the audit archiver writes every audit entry, each version locked 15 years (compliance mode). */
  readonly auditArchive: Bucket;
  /** The archiver fed by the table's stream, the daily signed digest and its key (issue 11 §5). */
  readonly auditTrail: AuditArchive;
  readonly bidSeal: BidSealKey;
  /** Customer keys of the table, bucket, logs, queues and personal data (issue 11 §6, customer-keys.ts). */
  readonly customerKeys: CustomerKeys;
  readonly userPool: UserPool;
  readonly userClient: UserPoolClient;
  readonly portalClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    // Log delivery through a bucket policy instead of the LogDeliveryWrite ACL, so ACLs stay disabled
    // (BucketOwnerEnforced). Default for new CDK projects; set here because cdk.json predates it.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.customerKeys = new CustomerKeys(this, 'CustomerKeys');
    this.table = this.createTable();
    this.backup = new TableBackup(this, 'Backup', { table: this.table });
    const accessLogs = this.createAccessLogBucket();
    this.bucket = this.createDocumentBucket(accessLogs, props.uploadOrigins ?? []);
    this.bidSeal = new BidSealKey(this, 'BidSeal');
    requireBidSealOnObjects(this.bucket, this.bidSeal.key);
    this.auditArchive = auditArchiveBucket(this, 'AuditArchive', accessLogs);
    this.auditTrail = new AuditArchive(this, 'AuditTrail', { table: this.table, bucket: this.auditArchive });
    this.userPool = this.createUserPool();
    this.userClient = this.userPool.addClient('UserClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [...props.callbackUrls],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // Tenant attributes decide what a user may see: only administrators set them.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    this.portalClient = this.createPortalClient();
    this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix ?? `assistance-${this.account}` },
    });
  }

  private createTable(): Table {
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    const table = new Table(this, 'Table', {
      partitionKey: key(tableDesign.partitionKey),
      sortKey: key(tableDesign.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      // Every change with the item before and after it: the audit archiver's feed (issue 11 §5). The old image is
      // what would show an audit, public or OCDS item changed or removed despite the deny (immutable-items.ts).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.customerKeys.table,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDesign.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      });
    }
    return table;
  }

  /** Needs no access logs of its own: cdk-nag (S1) accepts a bucket that is another bucket's log target. */
  private createAccessLogBucket(): Bucket {
    return new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Server access log delivery supports SSE-S3 only.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createDocumentBucket(accessLogs: Bucket, uploadOrigins: readonly string[]): Bucket {
    const bucket = new Bucket(this, 'Documents', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.customerKeys.documents,
      bucketKeyEnabled: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Procurement files 15 years, replaced revisions included; refused uploads expire (retention.ts).
      lifecycleRules: documentLifecycleRules(),
      // The upload form posted from a portal's page (the embedded stack's S3 answers the same rule, s3-local.ts).
      cors: uploadOrigins.length
        ? [
            {
              allowedMethods: BUCKET_CORS_RULE.allowedMethods.map((method) => HttpMethods[method]),
              allowedOrigins: [...uploadOrigins],
              allowedHeaders: [...BUCKET_CORS_RULE.allowedHeaders],
              exposedHeaders: [...BUCKET_CORS_RULE.exposeHeaders],
              maxAge: BUCKET_CORS_RULE.maxAgeSeconds,
            },
          ]
        : undefined,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // `eventBridgeEnabled: true` would deploy a custom-resource Lambda (Python, wildcard IAM) to call
    // PutBucketNotificationConfiguration; CloudFormation sets the same switch natively on a bucket it owns.
    (bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    return bucket;
  }

  private createUserPool(): UserPool {
    const userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(
        TENANT_CLAIMS.map((claim) => [claim, new StringAttribute({ mutable: true, maxLen: 64 })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Authenticator apps only: SMS would need an SNS role and sending quotas, and is the weaker factor.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // ESSENTIALS is the cheapest plan with V2_0 pre-token generation (claims in ACCESS tokens).
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'ESSENTIALS plan by decision: accounts are created by the bureau (no self sign-up) and MFA is required for all; the PLUS threat-protection add-on can be enabled later without replacing the pool.',
    });

    USER_GROUPS.forEach((role, precedence) => {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool,
        groupName: role,
        // `cognito:groups` lists groups by precedence; the first one is the principal's role.
        precedence,
        description: `Role ${role}`,
      });
    });

    const preTokenGeneration = new HouseFunction(this, 'PreTokenGeneration', {
      module: PRE_TOKEN_GENERATION_HANDLER,
      description: 'Copies custom:purchaserId / custom:contractorId into access-token claims',
      timeout: Duration.seconds(5),
    });
    userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      preTokenGeneration,
      LambdaVersion.V2_0,
    );
    return userPool;
  }

  private createPortalClient(): UserPoolClient {
    const portalScope = new ResourceServerScope({
      scopeName: PORTAL_SCOPE_NAME,
      scopeDescription: 'Partner portal: register contractors and read their qualification',
    });
    const resourceServer = this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER_ID,
      scopes: [portalScope],
    });
    return this.userPool.addClient('PortalClient', {
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [OAuthScope.resourceServer(resourceServer, portalScope)],
      },
      accessTokenValidity: Duration.hours(1),
    });
  }
}
