import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TENANT_CLAIMS } from '#functions/platform/pre-token-generation';
import { ROLES } from '#functions/routes';
import { tableDesign } from '#shared/adapters/dynamodb/table-design';
import { PORTAL_SCOPE, RESOURCE_SERVER_ID } from '#shared/http/principal';
import { addAssistanceStacks } from '#infra/stacks/assistance';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context?: Record<string, unknown>;
};
// The deployed wiring with cdk.json's feature flags; bundling skipped, so no esbuild run in tests.
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const { stateful } = addAssistanceStacks(app);
const template = Template.fromStack(stateful);

const ref = (value: string) => stateful.resolve(value) as unknown;
const PUBLIC_ACCESS_BLOCKED = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};
const PORTAL_SCOPE_NAME = PORTAL_SCOPE.slice(`${RESOURCE_SERVER_ID}/`.length);
const [resourceServerId] = Object.keys(template.findResources('AWS::Cognito::UserPoolResourceServer'));
const TLS_ONLY = Match.objectLike({
  Effect: 'Deny',
  Action: 's3:*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('table', () => {
  it('is on demand, with point-in-time recovery and deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('follows the key design: keys, TTL attribute and every global index with ALL projection', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
    });
  });

  it('has GSI1 (contractors in registration order, documents by S3 key)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'GSI1' })]),
    });
  });
});

describe('document bucket', () => {
  const bucketRef = ref(stateful.bucket.bucketName);

  it('is private, versioned, encrypted, logged, retained, and publishes events to EventBridge', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: PUBLIC_ACCESS_BLOCKED,
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            // Under the documents customer key (issue 11 §6; test/infra/customer-keys.test.ts names the key).
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: Match.anyValue() },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      }),
    });
  });

  it('expires noncurrent versions and aborts incomplete multipart uploads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 5479 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          }),
        ]),
      },
    });
  });

  it('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: bucketRef,
      PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY]) },
    });
  });

  it('logs to a separate bucket, which is itself private and TLS-only', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const documentsId = (bucketRef as { Ref: string }).Ref;
    const logTarget: unknown = buckets[documentsId]?.Properties.LoggingConfiguration.DestinationBucketName;
    expect(logTarget).toEqual({ Ref: expect.any(String) });
    expect(logTarget).not.toEqual(bucketRef);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual(PUBLIC_ACCESS_BLOCKED);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: Match.arrayWith([TLS_ONLY]) },
      });
    }
  });
});

describe('user pool', () => {
  it('has no self sign-up, a strong password policy, required MFA, and is retained', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
    });
  });

  it('defines each tenant attribute as a mutable custom attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith(
        TENANT_CLAIMS.map((claim) =>
          Match.objectLike({ Name: claim, AttributeDataType: 'String', Mutable: true }),
        ),
      ),
    });
  });

  it('runs the pre-token-generation trigger with V2_0 events on the ESSENTIALS plan', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: Match.anyValue(), LambdaVersion: 'V2_0' } },
    });
  });

  it.each(ROLES.filter((role) => role !== 'portal'))('has a group for role %s', (role) => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  });

  it('has no group for the portal, which is a machine client', () => {
    template.resourcePropertiesCountIs('AWS::Cognito::UserPoolGroup', { GroupName: 'portal' }, 0);
  });

  it('has a resource server whose scope makes PORTAL_SCOPE', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: RESOURCE_SERVER_ID,
      Scopes: [Match.objectLike({ ScopeName: PORTAL_SCOPE_NAME })],
    });
  });

  it('gives the portal client credentials with a secret and only the portal scope', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      // `Ref` of a resource server is its identifier: RESOURCE_SERVER_ID + '/portal' = PORTAL_SCOPE.
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: resourceServerId }, `/${PORTAL_SCOPE_NAME}`]] }],
    });
  });

  it('gives users a public client (code grant, SRP) that cannot write tenant attributes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      WriteAttributes: Match.not(Match.arrayWith([Match.stringLikeRegexp('^custom:')])),
    });
  });

  it('has a domain for the hosted sign-in and the token endpoint', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: Match.anyValue(),
      UserPoolId: ref(stateful.userPool.userPoolId),
    });
  });
});
