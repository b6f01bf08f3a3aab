import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/platform/health';
import { routes } from '#functions/routes';
import { apiEvent, json, lambdaContext } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);

const check = () => handler(apiEvent(routes.health), lambdaContext());

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  ddbMock.on(GetCommand).resolves({});
  s3Mock.on(HeadBucketCommand).resolves({});
});

describe('GET /health', () => {
  it('answers 200 ok after probing the table and the bucket, without a token', async () => {
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
