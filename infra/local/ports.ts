import type { Server } from 'node:http';
import net from 'node:net';

/** A port the OS just handed out on 127.0.0.1; free again once this resolves. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** 0 or undefined → an ephemeral port; anything else is used as given. */
export async function portOrFree(port: number | undefined): Promise<number> {
  return port ? port : freePort();
}

/** Listens on 127.0.0.1; `stop` closes it and drops pooled keep-alive sockets so it ends promptly. */
export async function listenOnLoopback(
  server: Server,
  port: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as net.AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/**
 * The variables that set the embedded stack's ports (`npm start`; README), and their defaults: the API on 3000,
 * DynamoDB Local's and s3rver's customary ports, and Step Functions Local's, so `--endpoint-url` habits carry over.
 */
export const PORT_SETTINGS = {
  api: { variable: 'PORT', fallback: 3000 },
  dynamo: { variable: 'DYNAMO_PORT', fallback: 8000 },
  s3: { variable: 'S3_PORT', fallback: 4568 },
  sfn: { variable: 'SFN_PORT', fallback: 8083 },
} as const;

export type PortName = keyof typeof PORT_SETTINGS;

/**
 * A setting the embedded stack cannot start with, said in one line that names the variable to change (issue 12 §5):
 * `npm start` prints the message alone, no stack trace, and exits non-zero.
 */
export class LocalSettingError extends Error {
  override readonly name = 'LocalSettingError';
}

export class PortInUseError extends LocalSettingError {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`port ${port} is in use: set ${variable} to another port`);
  }
}

/** The port a variable asks for (0: any free port), or its default when unset or empty; a non-port is refused. */
export function portFromEnv(name: PortName, env: NodeJS.ProcessEnv = process.env): number {
  const { variable, fallback } = PORT_SETTINGS[name];
  const value = env[variable]?.trim();
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new LocalSettingError(
      `${variable}=${value} is not a port: set ${variable} to a number from 1 to 65535 (0 for any free port)`,
    );
  }
  return port;
}

/** `error` as the PortInUseError it is when a listen failed because the port was taken; else `error` itself. */
export function asPortInUse(error: unknown, port: number, variable: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EADDRINUSE' ? new PortInUseError(port, variable) : error;
}

/**
 * Fails with PortInUseError when something already listens on `port` on 127.0.0.1, or on every interface as
 * DynamoDB Local does (either makes this probe's listen fail). Checked before anything starts, so a busy port costs no Java start and no half-started stack; the
 * listens themselves map EADDRINUSE the same way (asPortInUse) for a port taken in between.
 */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
  } catch (error) {
    throw asPortInUse(error, port, variable);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
