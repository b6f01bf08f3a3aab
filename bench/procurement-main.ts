/**
 * Child process of `npm run bench` for the issue 3 figures (see measureProcurementIsolated): runs
 * measureProcurement on the data dir given as its argument and sends its output and figures to the parent.
 */
import { measureProcurement, type ChildMessage } from './procurement-bench';

function send(message: ChildMessage): Promise<void> {
  if (!process.send) throw new Error('bench/procurement-main.ts runs under `npm run bench`, not alone');
  const sendToParent = process.send.bind(process);
  return new Promise((resolve, reject) =>
    sendToParent(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

// Ctrl-C, or the parent gone: leave through process.exit, so the exit hooks stop DynamoDB Local.
process.once('SIGINT', () => process.exit(130));
process.once('disconnect', () => process.exit(1));

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: procurement-main.ts <dataDir>');
const figures = await measureProcurement(dataDir, {
  line: (text) => void send({ kind: 'line', text }),
  progress: (text) => void send({ kind: 'progress', text }),
});
await send({ kind: 'figures', figures });
process.exit(0);
