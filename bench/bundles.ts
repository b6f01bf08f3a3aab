/**
 * Target 1: every function bundled exactly as the CDK bundles it (esbuildOptions), its size, and the time a
 * fresh Node process takes to `import` the bundle: the init work of a cold start, not Lambda's cold start.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { eventHandlers, routes } from '#functions/routes';
import { esbuildOptions } from '#infra/constructs/bundling';
import { repoRoot } from '#infra/local/paths';
import { kb, median } from './stats';

const run = promisify(execFile);

export const BUNDLE_LIMIT_KB = 300;
export const IMPORT_RUNS = 5;

/** What the functions read at import time (shared/config.ts); the values only have to be valid. */
const IMPORT_ENV = { TABLE_NAME: 'bench-table', BUCKET_NAME: 'bench-bucket', AWS_REGION: 'cn-north-1' };

export interface FunctionBundle {
  name: string;
  handler: string;
  bytes: number;
  /** The packages contributing most to the output, largest first. */
  largest: { name: string; bytes: number }[];
  importMs: number[];
  importMedianMs: number;
}

export interface BundleFigures {
  functions: FunctionBundle[];
  limitKb: number;
  runs: number;
  pass: boolean;
}

export function functionEntries(): { name: string; handler: string }[] {
  const fromRoutes = Object.entries(routes).map(([name, route]) => ({ name, handler: route.handler }));
  const fromEvents = Object.entries(eventHandlers).map(([name, event]) => ({ name, handler: event.handler }));
  return [...fromRoutes, ...fromEvents];
}

export async function measureBundles(
  outDir: string,
  progress: (line: string) => void,
): Promise<BundleFigures> {
  const functions: FunctionBundle[] = [];
  for (const entry of functionEntries()) {
    const bundle = await bundleAndImport(entry, outDir);
    progress(
      `${entry.name.padEnd(24)} ${kb(bundle.bytes).toFixed(1).padStart(7)} KB  import ${bundle.importMedianMs.toFixed(1).padStart(6)} ms`,
    );
    functions.push(bundle);
  }
  const pass = functions.every((f) => kb(f.bytes) <= BUNDLE_LIMIT_KB);
  return { functions, limitKb: BUNDLE_LIMIT_KB, runs: IMPORT_RUNS, pass };
}

async function bundleAndImport(
  entry: { name: string; handler: string },
  outDir: string,
): Promise<FunctionBundle> {
  const outfile = path.join(outDir, `${entry.name}.mjs`);
  const result = await build({
    ...esbuildOptions,
    entryPoints: [path.join(repoRoot, `${entry.handler}.ts`)],
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  const { size } = await stat(outfile);
  const importMs: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) importMs.push(await importTime(outfile));
  return {
    ...entry,
    bytes: size,
    largest: largestPackages(result.metafile, outfile, 3),
    importMs,
    importMedianMs: median(importMs),
  };
}

/** Wall time of `await import(bundle)` in a fresh Node process (the Node running this bench). */
async function importTime(bundlePath: string): Promise<number> {
  const script = [
    'const started = performance.now();',
    `const loaded = await import(${JSON.stringify(pathToFileURL(bundlePath).href)});`,
    'const took = performance.now() - started;',
    "if (typeof loaded.handler !== 'function') throw new Error('no handler export');",
    'process.stdout.write(String(took));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
    env: { PATH: process.env.PATH ?? '', ...IMPORT_ENV },
  });
  const took = Number(stdout.trim());
  if (!Number.isFinite(took)) throw new Error(`import of ${bundlePath} printed ${JSON.stringify(stdout)}`);
  return took;
}

/** Output bytes per npm package (or `(repo)` for this repository's own code), from esbuild's metafile. */
function largestPackages(
  metafile: Metafile,
  outfile: string,
  top: number,
): { name: string; bytes: number }[] {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === outfile)?.[1];
  const perPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...perPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** The innermost npm package an input file belongs to, or `(repo)` for this repository's own code. */
function packageOf(input: string): string {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at < 0) return '(repo)';
  const [scopeOrName = '', name = ''] = input.slice(at + marker.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}
