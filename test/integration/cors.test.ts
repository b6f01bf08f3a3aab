/**
 * Issue 12 §5: the embedded stack answers a browser portal as the deployed CORS does (infra/local/cors.ts): the
 * local gateway as API Gateway's CORS configuration, the local S3 as the document bucket's CORS rule for the
 * presigned POST. Localhost origins are allowed by default (ALLOWED_ORIGINS unset in the test stack).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from '#infra/local/cors';
import { api, stackInfo, token } from '../support/stack-client';
import { PDF_BYTES, socialOrganization } from '../support/fixtures';

const ALLOWED = 'http://localhost:5173';
const REFUSED = 'https://evil.example';

function preflight(url: string, origin: string, method: string, headers?: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers ? { 'access-control-request-headers': headers } : {}),
    },
  });
}

const corsHeaders = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

describe('the API (local gateway, as API Gateway CORS)', () => {
  const contractors = () => `${stackInfo().baseUrl}/v1/contractors`;

  it('answers the preflight of an allowed origin: 204, its origin, the methods and headers a portal sends', async () => {
    const response = await preflight(
      contractors(),
      ALLOWED,
      'POST',
      'authorization,content-type,idempotency-key',
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT']),
    );
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual([...CORS_ALLOW_HEADERS]);
    expect(response.headers.get('access-control-max-age')).toBe('3600');
    expect(response.headers.get('vary')).toMatch(/origin/i);
    // No credentials: the API reads a bearer token, never a cookie.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives a refused origin no CORS header (the browser then refuses the call), before the authorizer', async () => {
    const response = await preflight(contractors(), REFUSED, 'POST', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({});
  });

  it('adds the origin and the readable headers to answers for an allowed origin, a 401 and a 201 included', async () => {
    const refusedToken = await fetch(contractors(), { headers: { origin: ALLOWED } });
    expect(refusedToken.status).toBe(401);
    expect(refusedToken.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const created = await api<{ id: string }>('POST', '/v1/contractors', {
      token: await token('bureau'),
      body: socialOrganization(),
      headers: { origin: ALLOWED },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(created.headers.get('access-control-expose-headers')?.split(',')).toEqual([
      ...CORS_EXPOSE_HEADERS,
    ]);
  });

  it('serves a refused origin without any CORS header (the browser cannot read the answer)', async () => {
    const response = await fetch(`${stackInfo().baseUrl}/v1/public/catalog`, {
      headers: { origin: REFUSED },
    });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
  });
});

describe('the upload endpoint (local S3, as the bucket CORS rule)', () => {
  let form: { url: string; fields: Record<string, string> };

  beforeAll(async () => {
    const bureau = await token('bureau');
    const { json } = await api<{ id: string }>('POST', '/v1/contractors', {
      token: bureau,
      body: socialOrganization(),
    });
    const own = await token('contractor', { contractorId: json.id });
    const declared = await api<{ upload: typeof form }>('POST', `/v1/contractors/${json.id}/documents`, {
      token: own,
      body: { condition: 1, fileName: 'licence.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
    });
    form = declared.json.upload;
  });

  const send = (origin: string) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob([PDF_BYTES], { type: 'application/pdf' }), 'licence.pdf');
    return fetch(form.url, { method: 'POST', body, headers: { origin } });
  };

  it('answers the preflight of a POST from an allowed origin (200, as S3)', async () => {
    const response = await preflight(form.url, ALLOWED, 'POST', 'content-type');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('refuses the preflight of another origin, or of another method, with 403 CORSResponse as S3 does', async () => {
    for (const [origin, method] of [
      [REFUSED, 'POST'],
      [ALLOWED, 'PUT'],
    ] as const) {
      const response = await preflight(form.url, origin, method);
      expect(response.status, `${origin} ${method}`).toBe(403);
      expect(await response.text()).toContain('<Code>CORSResponse</Code>');
      expect(corsHeaders(response)).toEqual({});
    }
  });

  it('marks the answer to a form posted from an allowed origin, and not from another', async () => {
    const allowed = await send(ALLOWED);
    await allowed.arrayBuffer();
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('etag, location');
    expect(allowed.headers.get('etag')).toBeTruthy();

    // S3 still takes the form (CORS is the browser's to enforce); the page just cannot read the answer.
    const refused = await send(REFUSED);
    await refused.arrayBuffer();
    expect(refused.status).toBe(204);
    expect(corsHeaders(refused)).toEqual({});
  });

  it("marks S3's refusal of a form for an allowed origin, so the page can read why", async () => {
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob([PDF_BYTES, 'x'], { type: 'application/pdf' }), 'licence.pdf');
    const response = await fetch(form.url, { method: 'POST', body, headers: { origin: ALLOWED } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>EntityTooLarge</Code>');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});
