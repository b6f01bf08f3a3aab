import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '#infra/local/handlers';
import { JWKS_PATH, LOCAL_ISSUER, signDevToken, signWithLocalKey } from '#infra/local/jwt';
import type { ObjectCreatedEvent } from '#infra/local/s3-events';
import { startEmbeddedStack, type EmbeddedStack } from '#infra/local/stack';
import { api, stackInfo, token } from '../support/stack-client';

const now = (): number => Math.floor(Date.now() / 1000);

describe('the shared embedded stack', () => {
  describe('gateway authorizer', () => {
    it('answers 401 like API Gateway when the token is missing', async () => {
      const response = await api('GET', '/v1/contractors');
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it.each([
      ['a wrong issuer', { iss: 'https://elsewhere.invalid', exp: now() + 300 }],
      ['an expired token', { iss: LOCAL_ISSUER, exp: now() - 300 }],
      ['a foreign audience', { iss: LOCAL_ISSUER, exp: now() + 300, aud: 'someone-else' }],
    ])('answers 401 for %s', async (_case, claims) => {
      const bad = await signWithLocalKey(stackInfo().keysDir, {
        sub: 'u',
        'cognito:groups': ['bureau'],
        client_id: 'local-client',
        ...claims,
      });
      const response = await api('GET', '/v1/contractors', { token: bad });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('answers 401 for a token signed by another key, even with the right kid', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const jwks = (await api<{ keys: { kid: string }[] }>('GET', JWKS_PATH)).json;
      const forged = await new SignJWT({ sub: 'u', 'cognito:groups': ['bureau'], client_id: 'local-client' })
        .setProtectedHeader({ alg: 'RS256', kid: jwks.keys[0]?.kid })
        .setIssuer(LOCAL_ISSUER)
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await api('GET', '/v1/contractors', { token: forged })).status).toBe(401);
    });

    it('lets a dev token through to the handler', async () => {
      const response = await api('GET', '/v1/contractors', { token: await token('bureau') });
      expect(response.status).toBe(200);
    });

    it('needs no token on public routes', async () => {
      expect((await api('GET', '/health')).status).toBe(200);
      expect((await api('GET', '/v1/public/catalog')).status).toBe(200);
    });

    it('serves the JWKS', async () => {
      const response = await api<{ keys: { kty: string; alg: string }[] }>('GET', JWKS_PATH);
      expect(response.json.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    });
  });

  it('answers 404 problem+json for an unknown path and for a known path with another method', async () => {
    for (const [method, route] of [
      ['GET', '/v1/nothing-here'],
      ['DELETE', '/v1/contractors'],
    ] as const) {
      const response = await api(method, route);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.json).toMatchObject({ title: 'Not Found', status: 404 });
    }
  });

  it('has created the table with GSI1 (ALL projection), on-demand, TTL on expiresAt', async () => {
    const client = new DynamoDBClient({});
    const { Table } = await client.send(new DescribeTableCommand({ TableName: stackInfo().tableName }));
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(
      Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.Projection?.ProjectionType]),
    ).toEqual([['GSI1', 'ALL']]);
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: stackInfo().tableName }),
    );
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    client.destroy();
  });

  it('reaches the emulators through AWS_ENDPOINT_URL_* alone: PUT and presigned POST uploads to s3rver', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const Bucket = stackInfo().bucketName;
    await s3.send(
      new PutObjectCommand({ Bucket, Key: 'smoke/put.txt', Body: 'put body', ContentType: 'text/plain' }),
    );
    const put = await s3.send(new GetObjectCommand({ Bucket, Key: 'smoke/put.txt' }));
    expect(await put.Body?.transformToString()).toBe('put body');

    const { url, fields } = await createPresignedPost(s3, { Bucket, Key: 'smoke/post.txt', Expires: 60 });
    expect(url.startsWith(stackInfo().s3Endpoint)).toBe(true);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['post body'], { type: 'text/plain' }));
    const upload = await fetch(url, { method: 'POST', body: form });
    expect(upload.status).toBeLessThan(300);
    const posted = await s3.send(new GetObjectCommand({ Bucket, Key: 'smoke/post.txt' }));
    expect(await posted.Body?.transformToString()).toBe('post body');
    s3.destroy();
  });
});

/** Echoes the event back and records every invocation, so the test can see what a handler received. */
function recordingLoader(calls: { module: string; event: unknown }[]) {
  return async (module: string): Promise<LambdaHandler> =>
    async (event) => {
      calls.push({ module, event });
      if ((event as { rawPath?: string }).rawPath === '/docs') throw new Error('boom (expected by the test)');
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      };
    };
}

describe('a stack of its own (fake handlers, own data dir)', () => {
  let dataDir: string;
  let stack: EmbeddedStack;
  const calls: { module: string; event: unknown }[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-own-stack-'));
    stack = await startEmbeddedStack({
      dataDir,
      port: 0,
      seed: false,
      logRequests: false,
      log: (line) => logs.push(line),
      loadHandler: recordingLoader(calls),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, route: string, init: RequestInit = {}) {
    return fetch(new URL(route, stack.baseUrl), { method, ...init });
  }

  it('hands the handler a payload 2.0 event with the claims flattened as API Gateway does', async () => {
    const bearer = await signDevToken({ keysDir: stack.keysDir, role: 'bureau' });
    const response = await call('GET', '/v1/contractors/ctr%201?limit=5&tag=a&tag=b', {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(response.status).toBe(200);
    const event = (await response.json()) as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(calls.at(-1)?.module).toBe('functions/contractors/get-contractor');
    expect(event).toMatchObject({
      routeKey: 'GET /v1/contractors/{id}',
      pathParameters: { id: 'ctr 1' },
      queryStringParameters: { limit: '5', tag: 'a,b' },
    });
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      'cognito:groups': '[bureau]',
      purchaserId: 'pur-district',
      token_use: 'access',
      iss: LOCAL_ISSUER,
    });
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['openid']);
  });

  it('gives public routes no authorizer context', async () => {
    const event = (await (await call('GET', '/health')).json()) as {
      requestContext: Record<string, unknown>;
    };
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('answers 500 with API Gateway body when a handler throws, and logs why', async () => {
    const response = await call('GET', '/docs');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(logs.some((line) => line.includes('boom (expected by the test)'))).toBe(true);
  });

  it('answers 413 for a body over 10 MB', async () => {
    const bearer = await signDevToken({ keysDir: stack.keysDir, role: 'bureau' });
    const response = await call('POST', '/v1/contractors', {
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });

  it('invokes the verifier with the EventBridge "Object Created" event for uploads under its prefix only', async () => {
    const s3 = new S3Client({
      endpoint: stack.s3Endpoint,
      region: 'cn-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const before = calls.length;
    const body = Buffer.from('%PDF-1.7 test');
    await s3.send(new PutObjectCommand({ Bucket: stack.bucketName, Key: 'other/ignored.pdf', Body: body }));
    await s3.send(
      new PutObjectCommand({ Bucket: stack.bucketName, Key: 'contractors/c-1/d-1/v1', Body: body }),
    );
    await stack.idle();
    s3.destroy();

    const invocations = calls.slice(before);
    expect(invocations.map((invocation) => invocation.module)).toEqual([
      'functions/contractors/verify-document',
    ]);
    const event = invocations[0]?.event as ObjectCreatedEvent;
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      region: 'cn-north-1',
      resources: [`arn:aws:s3:::${stack.bucketName}`],
      detail: {
        version: '0',
        bucket: { name: stack.bucketName },
        object: { key: 'contractors/c-1/d-1/v1', size: body.length },
        reason: 'PutObject',
      },
    });
    expect(event.detail.object.etag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps data and keys across a stop and a start on the same data dir, leaving no Java behind', async () => {
    const before = new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const item = { PK: 'TEST#persistence', SK: 'ITEM', value: 42 };
    await DynamoDBDocumentClient.from(before).send(
      new PutCommand({ TableName: stack.tableName, Item: item }),
    );
    before.destroy();
    const bearer = await signDevToken({ keysDir: stack.keysDir, role: 'auditor' });

    await stack.stop();
    expect(javaProcessesFor(dataDir)).toEqual([]);
    stack = await startEmbeddedStack({
      dataDir,
      port: 0,
      seed: false,
      logRequests: false,
      log: (line) => logs.push(line),
      loadHandler: recordingLoader(calls),
    });

    const after = new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'y', secretAccessKey: 'y' },
    });
    const { Item } = await DynamoDBDocumentClient.from(after).send(
      new GetCommand({ TableName: stack.tableName, Key: { PK: item.PK, SK: item.SK } }),
    );
    after.destroy();
    expect(Item).toEqual(item);
    const response = await call('GET', '/v1/contractors', { headers: { authorization: `Bearer ${bearer}` } });
    expect(response.status).toBe(200);
  });
});

function javaProcessesFor(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
}
