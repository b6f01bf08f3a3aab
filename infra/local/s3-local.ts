/**
 * The embedded stack's S3: s3rver on a port of its own, behind a front that does what S3 does and s3rver does not
 * (issue 12 §5). An upload form posted to the bucket is checked against its policy and signature
 * (infra/local/upload-policy.ts: expiry, content-length range, Content-Type and the other conditions) and refused
 * as S3 refuses it, before s3rver stores anything; the bucket's CORS rule (infra/local/cors.ts, the deployed
 * bucket's) answers preflights and marks answers to an allowed origin. Every other request passes through as it is.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import S3rver, { type S3rverNotification } from 's3rver';
import { bucketCors, type OriginPolicy } from '#infra/local/cors';
import { listenOnLoopback } from '#infra/local/ports';
import { checkPostedForm, s3ErrorXml, type PostedForm } from '#infra/local/upload-policy';

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

/** The credentials s3rver knows and the handlers sign with (infra/local/env.ts): access key id → secret. */
export const S3RVER_CREDENTIALS: Readonly<Record<string, string>> = { S3RVER: 'S3RVER' };

/**
 * The largest form body read: an upload form fixes the size (at most 20 MB, shared/domain); a bigger body is read
 * to its end and dropped, then refused as too large.
 */
const MAX_FORM_BYTES = 64 * 1024 * 1024;

/** s3rver serving `bucketName` from files under `dir`; every object event is handed to `onNotification`. */
export async function startS3Local(options: {
  dir: string;
  port: number;
  bucketName: string;
  onNotification: (notification: S3rverNotification) => void;
  /** Origins the bucket's CORS rule allows. @default none (no CORS rule, as a bucket without one) */
  cors?: OriginPolicy;
}): Promise<S3Local> {
  const directory = path.resolve(options.dir);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: options.bucketName, configs: [] }],
  });
  server.on('event', options.onNotification);
  const { port: s3rverPort } = await server.run();
  const stopS3rver = async () => {
    // close() waits for keep-alive sockets (the SDK pools them): drop them so stop is prompt.
    const closing = server.close();
    server.httpServer?.closeAllConnections();
    await closing;
  };
  const agent = new http.Agent({ keepAlive: true });
  const front = http.createServer((req, res) => {
    serve(req, res, { ...options, s3rverPort, agent }).catch(() => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'InternalError', 'We encountered an internal error. Please try again.');
    });
  });
  let listening: Awaited<ReturnType<typeof listenOnLoopback>>;
  try {
    listening = await listenOnLoopback(front, options.port);
  } catch (error) {
    await stopS3rver();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint: listening.url,
    stop: () =>
      (stopped ??= (async () => {
        await listening.stop();
        agent.destroy();
        await stopS3rver();
      })()),
  };
}

interface Upstream {
  bucketName: string;
  cors?: OriginPolicy;
  s3rverPort: number;
  agent: http.Agent;
}

async function serve(req: IncomingMessage, res: ServerResponse, upstream: Upstream): Promise<void> {
  const method = req.method ?? 'GET';
  const origin = req.headers.origin;
  if (method === 'OPTIONS') {
    const answer = bucketCors.preflight(
      upstream.cors ?? [],
      origin,
      req.headers['access-control-request-method'],
      req.headers['access-control-request-headers'],
    );
    if (!answer.ok) return sendError(res, answer.status, answer.code, answer.message);
    res.writeHead(200, { ...answer.headers, 'content-length': '0' });
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(bucketCors.response(upstream.cors ?? [], origin, method))) {
    res.setHeader(name, value);
  }
  const url = new URL(req.url ?? '/', 'http://s3.local');
  const bucket = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  // POST Object: a multipart form to the bucket itself, whatever its query string (s3rver takes a POST with an
  // unknown query for a form too, so checking only a bare URL let `POST /<bucket>?x=1` store unchecked; review of
  // issue 12 §5). The bucket's other POSTs (?delete) are XML, not multipart.
  if (method === 'POST' && bucket !== undefined && isMultipart(req)) {
    return postForm(req, res, upstream, decodeURIComponent(bucket));
  }
  return forward(req, res, upstream, req);
}

const isMultipart = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

async function postForm(req: IncomingMessage, res: ServerResponse, upstream: Upstream, bucket: string) {
  const body = await readBody(req);
  if (body === undefined) {
    return sendError(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      MaxSizeAllowed: MAX_FORM_BYTES,
    });
  }
  const form = await parseForm(body, req.headers['content-type'] ?? '', bucket);
  if (!form) {
    return sendError(
      res,
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  }
  const verdict = checkPostedForm(form, new Date(), S3RVER_CREDENTIALS);
  if (!verdict.ok) return sendError(res, verdict.status, verdict.code, verdict.message, verdict.details);
  return forward(req, res, upstream, body);
}

/** The fields before the first file (S3 ignores any after it) and that file's size, parsed by undici's FormData. */
async function parseForm(body: Buffer, contentType: string, bucket: string): Promise<PostedForm | undefined> {
  const parsed = await new Response(body, { headers: { 'content-type': contentType } })
    .formData()
    .catch(() => undefined);
  if (!parsed) return undefined;
  const entries = [...parsed.entries()];
  const fields: [string, string][] = [];
  let fileSize: number | undefined;
  for (const [name, value] of entries) {
    if (name.toLowerCase() === 'file') {
      fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
      break;
    }
    if (typeof value === 'string') fields.push([name, value]);
  }
  return { bucket, fields, fileSize };
}

/** The whole body, or undefined once it is over MAX_FORM_BYTES (the rest is still read, so the answer arrives). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size <= MAX_FORM_BYTES ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

/** Passes the request to s3rver: its body streamed, or the form already read; s3rver's answer streamed back. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  body: IncomingMessage | Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Hop-by-hop: the agent keeps its own connection, and this front already answered any 100-continue.
    const { connection: _connection, expect: _expect, ...headers } = req.headers;
    if (Buffer.isBuffer(body)) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
    }
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port: upstream.s3rverPort,
        method: req.method,
        path: req.url,
        headers,
        agent: upstream.agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    if (Buffer.isBuffer(body)) outgoing.end(body);
    else body.pipe(outgoing);
  });
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  details?: Record<string, string | number>,
): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body = s3ErrorXml(code, message, requestId, details);
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}
