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
