import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root: handler module paths in functions/routes.ts are relative to it. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where `npm start` and `npm run token` keep their state unless DATA_DIR says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? path.join(repoRoot, '.data'));
}

export function keysDirOf(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

/** The local keys that play KMS's part (issue 11 §1); each key file is made at its first use, never committed. */
export function kmsDirOf(dataDir: string): string {
  return path.join(dataDir, 'kms');
}
