/**
 * Sends a request as written: node:http rather than fetch, because fetch normalizes paths (`..`, `%2e%2e`)
 * and refuses bodies on GET, and a hostile client does neither.
 */
import http from 'node:http';
import type { HttpRequest } from './materialize';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function send(baseUrl: string, request: HttpRequest): Promise<HttpResult> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.url,
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The gateway answers 413 and closes while a too-large body is still being written: the answer counts.
      reject(error);
    });
    if (request.body !== undefined) req.end(request.body);
    else req.end();
  });
}

export function closeAgent(): void {
  agent.destroy();
}
