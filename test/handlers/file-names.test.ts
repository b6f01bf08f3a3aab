/**
 * Issue 11 §4 through the handlers: a file name with a control or bidi character is refused at declaration with a
 * 400 naming `fileName`, on one route of each upload kind (evidence, R-QUAL-2; bid documents, R-PROC-5), before
 * anything is read or written; and a name stored before that rule (the table still holds them) is downloaded with a
 * safe `Content-Disposition`, pinned to the version the verifier checked, where it used to answer 500.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as requestBidDocumentUpload } from '#functions/bids/request-bid-document-upload';
import { handler as getDocument } from '#functions/contractors/get-document';
import { handler as requestDocumentUpload } from '#functions/contractors/request-document-upload';
import { routes } from '#functions/routes';
import { PROJECT_ID } from './procurement-fixtures';
import {
  CONTRACTOR_ID,
  DOCUMENT_ID,
  apiEvent,
  claims,
  documentItem,
  evidenceDocument,
  json,
  lambdaContext,
  problem,
  sha256,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);

beforeAll(() => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
});
beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  vi.useFakeTimers({ now: new Date('2025-03-10T02:00:00.000Z'), toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const declared = {
  fileName: '技术方案.pdf',
  contentType: 'application/pdf',
  size: 2048,
  sha256: sha256('x'),
};

const KINDS = [
  {
    kind: 'evidence document, POST /v1/contractors/{id}/documents (R-QUAL-2)',
    send: (fileName: string) =>
      requestDocumentUpload(
        apiEvent(routes.requestDocumentUpload, {
          claims: claims.contractor(CONTRACTOR_ID),
          params: { id: CONTRACTOR_ID },
          body: { condition: 1, ...declared, fileName },
        }),
        lambdaContext(),
      ),
  },
  {
    kind: 'bid document, POST /v1/projects/{id}/bid/documents (R-PROC-5)',
    send: (fileName: string) =>
      requestBidDocumentUpload(
        apiEvent(routes.requestBidDocumentUpload, {
          claims: claims.contractor(CONTRACTOR_ID),
          params: { id: PROJECT_ID },
          body: { ...declared, fileName },
        }),
        lambdaContext(),
      ),
  },
];

describe('a file name with a control or bidi character is refused at declaration (issue 11 §4)', () => {
  for (const { kind, send } of KINDS) {
    for (const [label, name] of [
      ['RLO U+202E', 'invoice\u202Efdp.exe'],
      ['CR LF', 'report\r\n.pdf'],
      ['a trailing TAB', 'report.pdf\t'],
      ['ESC', 'report\u001B[2J.pdf'],
      ['NEL U+0085', 'report\u0085.pdf'],
    ] as const) {
      it(`${kind}: ${label} → 400 naming fileName, nothing read or written`, async () => {
        const result = await send(name);

        const body = problem(result, 400);
        expect(body.errors?.map((e) => [e.in, e.field])).toEqual([['body', 'fileName']]);
        expect(ddbMock.calls()).toHaveLength(0);
        expect(s3Mock.calls()).toHaveLength(0);
      });
    }
  }
});

describe('GET /v1/contractors/{id}/documents/{documentId} of a name stored before the rule', () => {
  const read = () =>
    getDocument(
      apiEvent(routes.getDocument, {
        claims: claims.bureau,
        params: { id: CONTRACTOR_ID, documentId: DOCUMENT_ID },
      }),
      lambdaContext(),
    );

  it('answers 200 with a link that names no file, whatever its characters, pinned to the version', async () => {
    // A lone surrogate made encodeURIComponent throw (500); U+202E and CR LF went out percent-encoded as they were.
    // The safe Content-Disposition is now stored on the object at upload (issue 11 §1): the link carries none.
    const stored = {
      ...evidenceDocument({ status: 'verified', version: 2, fileName: 'invoice\u202Efdp\r\n\uD800.exe' }),
      versionId: 'v-checked',
    };
    ddbMock.on(GetCommand).resolves({ Item: documentItem(stored) });

    const result = await read();

    expect(result.statusCode).toBe(200);
    const url = new URL(json<{ download: { url: string } }>(result).download.url);
    expect(url.searchParams.has('response-content-disposition')).toBe(false);
    expect(url.href).not.toContain('invoice');
    expect(url.searchParams.get('versionId')).toBe('v-checked');
  });
});
