/**
 * Builds what API Gateway (HTTP API, JWT authorizer) and Lambda hand a handler, from the route table,
 * plus stored-item fixtures shaped as the record store writes them.
 */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { AuditEntry } from '#shared/domain/audit-chain';
import { headOf, nextEntry } from '#shared/domain/audit-chain';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';

export type Claims = Record<string, string>;

/** Claims as API Gateway delivers them: arrays (cognito:groups) flattened to "[a b]" strings. */
export const claims = {
  bureau: { sub: 'u-bureau', 'cognito:groups': '[bureau]', purchaserId: 'pur-district' },
  town: { sub: 'u-town', 'cognito:groups': '[town]', purchaserId: 'pur-town-1' },
  auditor: { sub: 'u-auditor', 'cognito:groups': '[auditor]' },
  evaluator: { sub: 'u-evaluator', 'cognito:groups': '[evaluator]' },
  portal: { sub: 'portal-client', scope: 'procurement/portal' },
  contractor: (contractorId: string) => ({ sub: 'u-c', 'cognito:groups': '[contractor]', contractorId }),
} as const;

export interface RequestOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Serialized with JSON.stringify unless already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  claims?: Claims;
}

export function apiEvent(
  route: RouteDef,
  options: RequestOptions = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const params = options.params ?? {};
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${route.path}`);
    return encodeURIComponent(value);
  });
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: 'api.example.test',
    'user-agent': 'vitest',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const query = options.query;
  const routeKey = `${route.method} ${route.path}`;
  const requestContext = {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example.test',
    domainPrefix: 'api',
    http: {
      method: route.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: '192.0.2.1',
      userAgent: 'vitest',
    },
    requestId: 'req-1',
    routeKey,
    stage: '$default',
    time: '01/Jan/2025:00:00:00 +0000',
    timeEpoch: 1735689600000,
    // Public routes have no authorizer: API Gateway sends no authorizer block at all.
    ...(options.claims
      ? {
          authorizer: {
            principalId: '',
            integrationLatency: 0,
            jwt: {
              // Cognito puts token_use on every token; the API takes access tokens only (issue 11 §2).
              claims: { token_use: 'access', ...options.claims },
              scopes: options.claims.scope ? options.claims.scope.split(' ') : [],
            },
          },
        }
      : {}),
  } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'];
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: query ? new URLSearchParams(query).toString() : '',
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext,
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'assistance-handler',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:assistance-handler',
    memoryLimitInMB: '1024',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/assistance-handler',
    logStreamName: '2025/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Result = APIGatewayProxyStructuredResultV2;

export function json<T = Record<string, unknown>>(result: Result): T {
  return JSON.parse(result.body ?? '') as T;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  rule?: string;
  errors?: { in: string; field: string; pointer: string; detail: string }[];
}

/** Asserts an RFC 9457 answer with this status and returns its body. */
export function problem(result: Result, status: number): ProblemBody {
  expect(result.statusCode).toBe(status);
  expect(result.headers?.['content-type']).toBe('application/problem+json');
  const body = json<ProblemBody>(result);
  expect(body.status).toBe(status);
  return body;
}

/** The 500 every unexposed error becomes: fixed text, nothing of the error itself. */
export function expectInternalError(result: Result, leaked: string): void {
  const body = problem(result, 500);
  expect(body).toEqual({
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'The request could not be completed.',
  });
  expect(result.body).not.toContain(leaked);
  expect(result.body).not.toMatch(/\bat .+:\d+:\d+/);
}

export const canceled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: codes.map((Code): CancellationReason => ({ Code })),
  });

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** The TransactItems of the n-th TransactWriteCommand sent. */
export function transactItems(ddbMock: AwsClientStub<DynamoDBDocumentClient>, n = 0): TransactItems {
  const call = ddbMock.commandCalls(TransactWriteCommand)[n];
  if (!call) throw new Error(`no TransactWriteCommand #${n}`);
  return call.args[0].input.TransactItems ?? [];
}

export const putItem = (items: TransactItems, index: number): Record<string, unknown> => {
  const item = items[index]?.Put?.Item;
  if (!item) throw new Error(`TransactItems[${index}] is not a Put`);
  return item;
};

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

// ---- fixtures: items as the record store writes them ----

export const CONTRACTOR_ID = 'ctr_01jabcdefg0123456789';
export const OTHER_CONTRACTOR_ID = 'ctr_01jzzzzzzz9876543210';
export const DOCUMENT_ID = 'doc_01jabcdefg0123456789';
export const VALID_ENTERPRISE_CODE = '91350100M000100Y43';
export const VALID_SOCIAL_ORG_CODE = '53100000500019795A';

export function contractor(overrides: Partial<Contractor> = {}): Contractor {
  return {
    id: CONTRACTOR_ID,
    kind: 'social_organization',
    name: '示范社会工作服务中心',
    creditCode: VALID_SOCIAL_ORG_CODE,
    nonProfit: true,
    contact: { name: '王芳', phone: '13800138000' },
    flags: { creditListHit: false, annualReportFailed: false },
    decisions: {},
    evidence: {},
    registeredBy: { sub: 'u-bureau', role: 'bureau' },
    version: 1,
    createdAt: '2025-01-02T09:00:00.000+08:00',
    updatedAt: '2025-01-02T09:00:00.000+08:00',
    ...overrides,
  };
}

export function evidenceDocument(overrides: Partial<EvidenceDocument> = {}): EvidenceDocument {
  const base: EvidenceDocument = {
    documentId: DOCUMENT_ID,
    contractorId: CONTRACTOR_ID,
    condition: 1,
    revision: 1,
    fileName: '登记证书.pdf',
    contentType: 'application/pdf',
    size: 1024,
    objectKey: `contractors/${CONTRACTOR_ID}/conditions/1/${DOCUMENT_ID}`,
    status: 'pending',
    createdAt: '2025-01-03T10:00:00.000+08:00',
    version: 1,
  };
  const merged = { ...base, ...overrides };
  // The key follows the ids unless a test sets it on purpose.
  const objectKey = `contractors/${merged.contractorId}/conditions/${merged.condition}/${merged.documentId}`;
  return { ...merged, objectKey: overrides.objectKey ?? objectKey };
}

/** A stored head: `seq` entries written, the last hash a recognizable value. */
export const head = (seq: number) => ({ auditSeq: seq, auditHash: `${'a'.repeat(63)}${seq}` });

export const contractorItem = (c: Contractor, seq = c.version) => ({
  ...keys.contractor(c.id),
  ...keys.contractorIndex(c.createdAt, c.id),
  recordType: 'contractor',
  ...c,
  ...head(seq),
});

export const documentItem = (d: EvidenceDocument, seq = d.version) => ({
  ...keys.document(d.contractorId, d.documentId),
  recordType: 'document',
  ...d,
  ...head(seq),
});

/** A valid hash chain for one record: each `data` becomes one entry. */
export function auditChain(recordType: string, recordId: string, data: readonly object[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const [i, value] of data.entries()) {
    const previous = entries.at(-1);
    entries.push(
      nextEntry(previous ? headOf(previous) : undefined, {
        recordType,
        recordId,
        at: `2025-01-0${i + 2}T09:00:00.000+08:00`,
        actor: { sub: 'u-bureau', role: 'bureau' },
        action: `${recordType}.change_${i + 1}`,
        data: value,
      }),
    );
  }
  return entries;
}

export const auditEntryItem = (entry: AuditEntry) => ({
  ...keys.auditEntry(entry.recordType, entry.recordId, entry.seq),
  ...entry,
});
