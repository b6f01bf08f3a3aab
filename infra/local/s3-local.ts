import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import S3rver, { type S3rverNotification } from 's3rver';

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver serving `bucketName` from files under `dir`; every object event is handed to `onNotification`. */
export async function startS3Local(options: {
  dir: string;
  port: number;
  bucketName: string;
  onNotification: (notification: S3rverNotification) => void;
}): Promise<S3Local> {
  const directory = path.resolve(options.dir);
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: options.bucketName, configs: [] }],
  });
  server.on('event', options.onNotification);
  const { port } = await server.run();
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      (stopped ??= (async () => {
        // close() waits for keep-alive sockets (the SDK pools them): drop them so stop is prompt.
        const closing = server.close();
        server.httpServer?.closeAllConnections();
        await closing;
      })()),
  };
}
