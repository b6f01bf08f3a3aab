/**
 * Redoc's standalone bundle as text (node_modules/redoc/bundles/redoc.standalone.js, about 1.1 MB), for the
 * function that serves it (redoc-script.ts), read once per process on first use, never at init.
 *
 * Two ways, one for each way this code runs, so that no copy of the file is committed:
 * - The embedded stack and the tests import handlers unbundled (tsx, vitest), with node_modules installed: the
 *   installed file is read from disk, resolved as Node resolves the package from the working directory.
 * - On AWS the function is an esbuild bundle (infra/constructs/bundling.ts) with no node_modules beside it: esbuild
 *   inlines the file as a string through the import attribute `with { type: 'text' }`. Neither tsx nor vitest
 *   supports that attribute (Node only behind --experimental-import-text), hence the file first; in a bundle the
 *   package does not resolve and the inlined string is used.
 */
import { cached } from '#shared/adapters/cached';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const REDOC_STANDALONE = 'redoc/bundles/redoc.standalone.js';

function installedFile(): string | undefined {
  try {
    return createRequire(path.join(process.cwd(), 'package.json')).resolve(REDOC_STANDALONE);
  } catch {
    return undefined;
  }
}

async function load(): Promise<string> {
  const file = installedFile();
  if (file) return readFile(file, 'utf8');
  const inlined = (await import('redoc/bundles/redoc.standalone.js', { with: { type: 'text' } })) as {
    default: unknown;
  };
  if (typeof inlined.default !== 'string') throw new Error(`${REDOC_STANDALONE} was not bundled as text`);
  return inlined.default;
}

/** The renderer's script, loaded on first use and kept for the life of the process. */
export const redocStandalone: () => Promise<string> = cached(load);
