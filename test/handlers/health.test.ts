import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as liveness } from '#functions/platform/health';
import { handler } from '#functions/platform/health-deep';
import { routes } from '#functions/routes';
import { apiEvent, claims, json, lambdaContext } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);

const check = () => handler(apiEvent(routes.healthDeep, { claims: claims.bureau }), lambdaContext());

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  ddbMock.on(GetCommand).resolves({});
  s3Mock.on(HeadBucketCommand).resolves({});
});

describe('GET /health (issue 11 §2: public, calls no backend)', () => {
  it('answers 200 ok without a token and sends nothing to the table or the bucket', async () => {
    // Act
    const result = await liveness(apiEvent(routes.health), lambdaContext());

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ status: 'ok' });
    expect(ddbMock.calls()).toHaveLength(0);
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('holds no right on the table or the bucket in the route table', () => {
    expect(routes.health).not.toHaveProperty('table');
    expect(routes.health).not.toHaveProperty('bucket');
  });
});

describe('GET /v1/health (the deep check, with a token)', () => {
  it('answers 200 ok after probing the table and the bucket', async () => {
    // Act
    const result = await check();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ status: 'ok', services: { dynamodb: 'ok', s3: 'ok' } });
    expect(ddbMock).toHaveReceivedCommandExactlyOnceWith(GetCommand, {
      TableName: 'assistance',
      Key: { PK: 'HEALTH', SK: 'PROBE' },
    });
    expect(s3Mock).toHaveReceivedCommandExactlyOnceWith(HeadBucketCommand, {
      Bucket: 'assistance-documents',
    });
  });

  it('answers 503 degraded naming the table when its probe fails', async () => {
    // Arrange
    ddbMock.on(GetCommand).rejects(new Error('ResourceNotFoundException'));

    // Act
    const result = await check();

    // Assert
    expect(result.statusCode).toBe(503);
    expect(json(result)).toEqual({ status: 'degraded', services: { dynamodb: 'unreachable', s3: 'ok' } });
    expect(result.body).not.toContain('ResourceNotFoundException');
  });

  it('answers 503 degraded naming the bucket when its probe fails', async () => {
    // Arrange
    s3Mock.on(HeadBucketCommand).rejects(new Error('Forbidden'));

    // Act
    const result = await check();

    // Assert
    expect(result.statusCode).toBe(503);
    expect(json(result)).toEqual({ status: 'degraded', services: { dynamodb: 'ok', s3: 'unreachable' } });
  });
});
