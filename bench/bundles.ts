/**
 * Section 1 (issue 9 §3, §4): every deployed function bundled exactly as the CDK bundles it (esbuildOptions),
 * its size against its limit, and its init time paired with the AWS sample's `get-product` (bench/peer):
 * fresh processes run alternately, ours then the peer's, and the figure is the median of the pair-wise ratios.
 * Then the cold-start levers, each measured the same way between two variants.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { eventHandlers, routes } from '#functions/routes';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { PRE_TOKEN_GENERATION_HANDLER } from '#functions/platform/pre-token-generation';
import { auditArchiveFunctions } from '#functions/audit-archive/functions';
import { esbuildOptions } from '#infra/constructs/bundling';
import { RUNTIME_ENVIRONMENT, SERVICE_NAME } from '#infra/constructs/house-function';
import { repoRoot } from '#infra/local/paths';
import { deployedEnvironments, type Environment } from './function-environments';
import { kb, median } from './stats';

/** Issue 9 §3: functions that touch S3 may bundle the S3 client and the presigned POST. */
export const LIMIT_KB = { s3: 480, other: 300 } as const;

/**
 * A function held to a limit of its own instead of a shared limit raised for everyone, each with its reason
 * (route, event handler or task name as functionEntries names them). A name that matches no function fails the run.
 */
export const OWN_LIMITS: Readonly<Record<string, { kb: number; reason: string }>> = {
  // Issue 12 §4: GET /docs/redoc.standalone.js (functions/platform/redoc-script.ts).
  docsScript: {
    kb: 1_200,
    reason:
      "Redoc's standalone renderer (`redoc/bundles/redoc.standalone.js`, 1,078 KB), inlined as text by esbuild " +
      "(`with { type: 'text' }`) and served as a static file by a function of its own, so that the reference " +
      "page's function (docs) stays small; it cannot be sent gzipped, as the pipeline answers no base64 bodies. " +
      "The function's own code is about 40 KB: the limit is the renderer and that, with room for a minor Redoc " +
      'release, not for anything else.',
  },
};
/** Issue 9 §3 targets, as ratios of init time to the peer's. */
export const TARGETS = { slowest: 0.75, dynamoOnly: 0.65 } as const;
/** Pairs (ours, peer) per function; each is two fresh processes. */
export const PAIRS = 10;

const PEER_DIR = path.join(repoRoot, 'bench', 'peer');
const PEER_ENTRY = path.join(PEER_DIR, 'src', 'api', 'get-product.ts');

/** A Lambda-like process: what both sides' libraries look at to know they run in a function. */
const LAMBDA_ENV = { AWS_REGION: 'cn-north-1', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };

/** The peer's environment as its CDK sets it (lib/serverless-typescript-demo-stack.ts, awsSdkConnectionReuse). */
const PEER_ENV = {
  TABLE_NAME: 'Products',
  AWS_ACCOUNT_ID: '123456789012',
  POWERTOOLS_SERVICE_NAME: 'serverless-typescript-demo',
  POWERTOOLS_LOGGER_LOG_LEVEL: 'WARN',
  POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
  POWERTOOLS_LOGGER_LOG_EVENT: 'true',
  POWERTOOLS_METRICS_NAMESPACE: 'AwsSamples',
  AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
};

/**
 * The peer bundled as its CDK does: NodejsFunction on NODEJS_16_X with `minify: true` and the CDK defaults
 * for that runtime (CommonJS, target node16, no source map, only the v2 `aws-sdk` external, so SDK v3 is
 * bundled), with its own tsconfig (legacy decorators).
 */
const PEER_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node16',
  minify: true,
  sourcemap: false,
  external: ['aws-sdk'],
  tsconfig: path.join(PEER_DIR, 'tsconfig.json'),
};

export type FunctionKind = 'route' | 'event' | 'task' | 'trigger';

export interface FunctionEntry {
  name: string;
  handler: string;
  kind: FunctionKind;
  /** Declared bucket access (the route or task table's `bucket`). */
  bucket: boolean;
}

/** Two variants' init times in alternating fresh processes (a, b, a, b, …). */
export interface Paired {
  aMs: number[];
  bMs: number[];
  /** a ÷ b per pair. */
  ratios: number[];
  ratio: number;
  /** Median of a − b per pair. */
  diffMs: number;
}

export interface FunctionBundle extends FunctionEntry {
  bytes: number;
  /** S3 by declared access or by the S3 client in the bundle: the 480 KB limit applies. */
  s3: boolean;
  /** The DynamoDB client in the bundle and no S3: the DynamoDB-only target applies. */
  dynamoOnly: boolean;
  limitKb: number;
  /** Why the function has a limit of its own (OWN_LIMITS), when it has one. */
  ownLimit?: string;
  largest: { name: string; bytes: number }[];
  /** The environment its init ran in: the one the CDK gives the function (bench/function-environments.ts). */
  environment: Environment;
  /** Ours (a) against the peer (b). */
  init: Paired;
}

export interface Lever {
  name: string;
  /** What was measured: variant a against variant b. */
  a: string;
  b: string;
  on: string;
  decision: string;
  figure: Paired;
}

export interface BundleFigures {
  functions: FunctionBundle[];
  pairs: number;
  nodeOptions: string;
  peer: { bytes: number; commit: string };
  /** An empty module against the peer: Node's own start. */
  empty: Paired;
  slowest: { name: string; ratio: number; pass: boolean };
  dynamoOnly: { name: string; ratio: number; pass: boolean };
  sizePass: boolean;
  levers: Lever[];
  pass: boolean;
}

/** Every deployed function, from the tables the CDK reads: routes, event handlers, workflow tasks, the trigger. */
export function functionEntries(): FunctionEntry[] {
  const fromRoutes = Object.entries(routes).map(([name, route]) => ({
    name,
    handler: route.handler,
    kind: 'route' as const,
    bucket: 'bucket' in route && route.bucket !== undefined,
  }));
  const fromEvents = Object.entries(eventHandlers).map(([name, event]) => ({
    name,
    handler: event.handler,
    kind: 'event' as const,
    bucket: event.bucket !== undefined,
  }));
  const fromTasks = Object.entries(workflows as Record<string, WorkflowDef>).flatMap(([workflow, def]) =>
    Object.entries(def.tasks).map(([key, task]) => ({
      name: `${workflow}.${key}`,
      handler: task.handler,
      kind: 'task' as const,
      bucket: task.bucket !== undefined,
    })),
  );
  const trigger = {
    name: 'preTokenGeneration',
    handler: PRE_TOKEN_GENERATION_HANDLER,
    kind: 'trigger' as const,
    bucket: false,
  };
  // Issue 11 §5: the audit archiver (stream) and the daily digest (schedule), alarmed as event handlers.
  const fromAudit = Object.entries(auditArchiveFunctions).map(([name, def]) => ({
    name,
    handler: def.handler,
    kind: 'event' as const,
    bucket: false,
  }));
  return [...fromRoutes, ...fromEvents, ...fromTasks, trigger, ...fromAudit];
}

export async function measureBundles(
  outDir: string,
  progress: (line: string) => void,
): Promise<BundleFigures> {
  const initScript = await writeInitScript(outDir);
  const peer = await buildPeer(outDir, initScript);
  const empty = path.join(outDir, 'empty.cjs');
  await writeFile(empty, 'exports.handler = async () => {};\n');
  const entries = functionEntries();
  const environments = environmentsOf(entries);

  // Node's own start: the environment every function has, nothing bound.
  const emptyFigure = await paired(
    { script: initScript, bundle: empty, env: { ...RUNTIME_ENVIRONMENT } },
    peer.proc,
    PAIRS,
  );
  progress(
    `empty module ÷ peer ${emptyFigure.ratio.toFixed(2)} (peer ${median(emptyFigure.bMs).toFixed(1)} ms)`,
  );

  const functions: FunctionBundle[] = [];
  for (const entry of entries) {
    const built = await bundle(entry, outDir);
    const environment = environments.get(entry.name) as Environment;
    const init = await paired(
      { script: initScript, bundle: built.outfile, env: lambdaEnvironment(entry.name, environment) },
      peer.proc,
      PAIRS,
    );
    const fn: FunctionBundle = { ...entry, ...built.figures, environment, init };
    progress(
      `${entry.name.padEnd(32)} ${kb(fn.bytes).toFixed(1).padStart(7)} KB (≤ ${fn.limitKb})  ` +
        `init ${median(init.aMs).toFixed(1).padStart(6)} ms  ÷ peer ${init.ratio.toFixed(2)}`,
    );
    functions.push(fn);
  }

  const byRatio = [...functions].sort((a, b) => b.init.ratio - a.init.ratio);
  const slowestFn = byRatio[0] as FunctionBundle;
  const dynamoFn = byRatio.find((fn) => fn.dynamoOnly) ?? slowestFn;
  const slowestS3 = byRatio.find((fn) => fn.s3) ?? slowestFn;
  // The S3 floor builds the document storage adapter, which only a function bound to the bucket can load.
  const documentsFn = byRatio.find((fn) => fn.bucket) ?? slowestS3;
  const levers = await measureLevers(
    outDir,
    initScript,
    { s3Fn: slowestS3, dynamoFn, documentsFn },
    peer.proc,
    progress,
  );

  const slowest = {
    name: slowestFn.name,
    ratio: slowestFn.init.ratio,
    pass: slowestFn.init.ratio <= TARGETS.slowest,
  };
  const dynamoOnly = {
    name: dynamoFn.name,
    ratio: dynamoFn.init.ratio,
    pass: dynamoFn.init.ratio <= TARGETS.dynamoOnly,
  };
  const sizePass = functions.every((fn) => kb(fn.bytes) <= fn.limitKb);
  return {
    functions,
    pairs: PAIRS,
    nodeOptions: RUNTIME_ENVIRONMENT.NODE_OPTIONS ?? '',
    peer: { bytes: peer.bytes, commit: PEER_COMMIT },
    empty: emptyFigure,
    slowest,
    dynamoOnly,
    sizePass,
    levers,
    pass: sizePass && slowest.pass && dynamoOnly.pass,
  };
}

/**
 * Function name → the environment the CDK gives it, for every entry; the app must deploy no handler the entries
 * leave out, and every own limit must name an entry, or the run stops before measuring anything.
 */
function environmentsOf(entries: readonly FunctionEntry[]): Map<string, Environment> {
  const byModule = deployedEnvironments();
  const handlers = new Set(entries.map((entry) => entry.handler));
  const unmeasured = [...byModule.keys()].filter((module) => !handlers.has(module));
  if (unmeasured.length > 0)
    throw new Error(`the CDK app deploys ${unmeasured.join(', ')}, which functionEntries() leaves out`);
  const names = new Set(entries.map((entry) => entry.name));
  const stale = Object.keys(OWN_LIMITS).filter((name) => !names.has(name));
  if (stale.length > 0) throw new Error(`OWN_LIMITS names no function: ${stale.join(', ')}`);
  return new Map(
    entries.map((entry) => {
      const environment = byModule.get(entry.handler);
      if (!environment) throw new Error(`${entry.name}: the CDK app deploys no function of ${entry.handler}`);
      return [entry.name, environment];
    }),
  );
}

/** A function's deployed environment and the name Lambda gives it (AWS_LAMBDA_FUNCTION_NAME). */
const lambdaEnvironment = (name: string, environment: Environment): Record<string, string> => ({
  ...environment,
  AWS_LAMBDA_FUNCTION_NAME: name,
});

/** The peer's snapshot (bench/peer/README.md). */
export const PEER_COMMIT = 'fea6d93cab1bf81b568cf38848a8b6d3267e0786';

interface Proc {
  script: string;
  bundle: string;
  env: Record<string, string>;
}

async function buildPeer(outDir: string, script: string): Promise<{ proc: Proc; bytes: number }> {
  await installPeer();
  const outfile = path.join(outDir, 'peer-get-product.cjs');
  await build({ ...PEER_BUILD, entryPoints: [PEER_ENTRY], outfile, logLevel: 'silent' });
  // Our deployed NODE_OPTIONS for both sides: the same Node, only the code differs (issue 9 §3).
  const nodeOptions = RUNTIME_ENVIRONMENT.NODE_OPTIONS;
  const env = { ...PEER_ENV, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
  return { proc: { script, bundle: outfile, env }, bytes: (await stat(outfile)).size };
}

/** The peer's own locked versions, installed on demand (bench/peer/node_modules is not committed). */
async function installPeer(): Promise<void> {
  if (existsSync(path.join(PEER_DIR, 'node_modules', '@aws-sdk', 'client-dynamodb'))) return;
  // --legacy-peer-deps: its lockfile's dev tools (ts-jest and typescript 3.9) conflict under npm ≥ 7's peer rules.
  const args = ['ci', '--prefix', PEER_DIR, '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'];
  await promisify(execFile)('npm', [...args, '--legacy-peer-deps'], { cwd: repoRoot });
}

async function bundle(
  entry: FunctionEntry,
  outDir: string,
  stdin?: string,
): Promise<{
  outfile: string;
  figures: Pick<FunctionBundle, 'bytes' | 's3' | 'dynamoOnly' | 'limitKb' | 'ownLimit' | 'largest'>;
}> {
  const outfile = path.join(outDir, `${entry.name}.cjs`);
  const file = path.join(repoRoot, `${entry.handler}.ts`);
  const result = await build({
    ...esbuildOptions,
    ...(stdin
      ? { stdin: { contents: stdin, resolveDir: repoRoot, loader: 'ts', sourcefile: `${entry.name}.ts` } }
      : { entryPoints: [file] }),
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  const { size } = await stat(outfile);
  const inputs = packageBytes(result.metafile, outfile);
  const s3 = entry.bucket || inputs.has('@aws-sdk/client-s3');
  const own = OWN_LIMITS[entry.name];
  return {
    outfile,
    figures: {
      bytes: size,
      s3,
      dynamoOnly: !s3 && inputs.has('@aws-sdk/client-dynamodb'),
      limitKb: own?.kb ?? (s3 ? LIMIT_KB.s3 : LIMIT_KB.other),
      ...(own ? { ownLimit: own.reason } : {}),
      largest: [...inputs.entries()]
        .map(([name, bytes]) => ({ name, bytes }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 3),
    },
  };
}

/** The cold-start levers of issue 9 §3, each as two variants measured pair by pair. */
async function measureLevers(
  outDir: string,
  initScript: string,
  { s3Fn, dynamoFn, documentsFn }: Record<'s3Fn' | 'dynamoFn' | 'documentsFn', FunctionBundle>,
  peerProc: Proc,
  progress: (line: string) => void,
): Promise<Lever[]> {
  const dir = path.join(outDir, 'levers');
  await mkdir(dir, { recursive: true });
  // Each variant runs in the environment of the function it is built from (the S3 one's unless said).
  const proc = (bundlePath: string, extra: Record<string, string> = {}, fn: FunctionBundle = s3Fn): Proc => ({
    script: initScript,
    bundle: bundlePath,
    env: { ...lambdaEnvironment(fn.name, fn.environment), ...extra },
  });
  const file = async (name: string, code: string) => {
    const full = path.join(dir, name);
    await writeFile(full, code);
    return full;
  };
  const s3Bundle = path.join(outDir, `${s3Fn.name}.cjs`);
  const dynamoBundle = path.join(outDir, `${dynamoFn.name}.cjs`);
  const levers: Lever[] = [];
  const lever = async (spec: Omit<Lever, 'figure'>, a: Proc, b: Proc) => {
    const figure = await paired(a, b, PAIRS);
    progress(`lever ${spec.name}: ${figure.diffMs.toFixed(1)} ms (${figure.ratio.toFixed(2)} ×)`);
    levers.push({ ...spec, figure });
  };

  const empty = await file('empty.cjs', 'exports.handler = async () => {};\n');
  const icu = await file(
    'icu-clock.cjs',
    "const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });\n" +
      'exports.handler = async () => f.format(new Date());\n',
  );
  await lever(
    {
      name: 'Business date without ICU (shared/domain/clock.ts)',
      a: 'a module building the former `Intl.DateTimeFormat` for Asia/Shanghai at import',
      b: 'an empty module (what the arithmetic costs)',
      on: 'a module of its own',
      decision: 'Adopted: fixed +8 h arithmetic; instants before 1991-09-15 (DST) are refused.',
    },
    proc(icu),
    proc(empty),
  );

  await lever(
    {
      name: 'Source maps enabled at runtime',
      a: '`NODE_OPTIONS=--enable-source-maps`, `.map` beside the bundle',
      b: 'no NODE_OPTIONS (as deployed)',
      on: s3Fn.name,
      decision:
        'Dropped the flag; the `.map` files still ship in each artifact, so a logged minified stack is mapped offline.',
    },
    proc(s3Bundle, { NODE_OPTIONS: '--enable-source-maps' }),
    proc(s3Bundle),
  );

  const esm = path.join(dir, `${s3Fn.name}.mjs`);
  await build({
    ...esbuildOptions,
    format: 'esm',
    // What the house build used to add: ESM has no `require` for the CommonJS parts of the SDK.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    entryPoints: [path.join(repoRoot, `${s3Fn.handler}.ts`)],
    outfile: esm,
    logLevel: 'silent',
  });
  await lever(
    {
      name: 'ES module instead of CommonJS',
      a: 'the same function bundled as an ES module (`.mjs`, loaded with `import`)',
      b: 'CommonJS (`.cjs`, loaded with `require`, as deployed)',
      on: s3Fn.name,
      decision: 'Adopted CommonJS (`format: cjs`).',
    },
    proc(esm),
    proc(s3Bundle),
  );

  const cacheDir = path.join(dir, 'compile-cache');
  await initTime(proc(s3Bundle, { NODE_COMPILE_CACHE: cacheDir })); // fills the cache
  await lever(
    {
      name: 'V8 compile cache (NODE_COMPILE_CACHE)',
      a: 'no cache (as deployed)',
      b: 'a cache made beforehand by this very Node build',
      on: s3Fn.name,
      decision:
        "Not adopted: the cache is only used by the Node build that wrote it; Lambda's nodejs24.x build is not ours to pin, and a mismatched cache is silently ignored (and cannot be rewritten on a read-only code directory).",
    },
    proc(s3Bundle),
    proc(s3Bundle, { NODE_COMPILE_CACHE: cacheDir }),
  );

  const zodOnly = await bundle(
    { name: 'zod-only', handler: '', kind: 'route', bucket: false },
    dir,
    "import * as z from '#shared/schemas/zod'; export const handler = async () => z;",
  );
  const schemas = await bundle(
    { name: 'bid-schemas', handler: '', kind: 'route', bucket: false },
    dir,
    "import * as z from '#shared/schemas/zod'; import * as s from '#shared/schemas/bid.schema'; import * as c from '#shared/schemas/contractor.schema'; import * as p from '#shared/schemas/project.schema';\n" +
      'export const handler = async () => [z, s, c, p];', // both keep all of zod: only the schemas differ
  );
  await lever(
    {
      name: 'zod schemas built at import',
      a: 'all of zod/mini (with its locale) and every schema of the bid, contractor and project modules',
      b: 'all of zod/mini (with its locale) alone',
      on: 'modules of their own',
      decision:
        'Done: a bundle builds only the request schemas of its own route; response schemas are deferred (see the notes below).',
    },
    proc(schemas.outfile),
    proc(zodOnly.outfile),
  );

  const withMetrics = await bundle(
    { ...dynamoFn, name: `${dynamoFn.name}-metrics` },
    dir,
    `export { handler } from './${dynamoFn.handler}';\n` +
      "import { Metrics } from '@aws-lambda-powertools/metrics';\n" +
      `export const metrics = new Metrics({ namespace: 'Assistance', serviceName: '${SERVICE_NAME}' });`,
  );
  await lever(
    {
      name: 'Powertools Metrics in a bundle',
      a: `the bundle with \`@aws-lambda-powertools/metrics\` and one \`new Metrics()\` at import (${kb(withMetrics.figures.bytes).toFixed(1)} KB)`,
      b: 'the bundle as deployed',
      on: dynamoFn.name,
      decision: 'Reported for §5: the business metrics go in only if the targets still hold with this added.',
    },
    proc(withMetrics.outfile, {}, dynamoFn),
    proc(dynamoBundle, {}, dynamoFn),
  );
  // The floors: the official SDK clients alone, built as our adapters build them, against the peer. No function
  // that keeps them (issue 9 §3: no SigV4 by hand) can init faster than these; what a function adds is its own.
  const dynamoFloor = await bundle(
    { name: 'floor-dynamodb', handler: '', kind: 'route', bucket: false },
    dir,
    "import { documentClient } from '#shared/adapters/dynamodb/client';\n" +
      'export const handler = async () => documentClient;',
  );
  await lever(
    {
      name: 'Floor: the DynamoDB client alone',
      a: `\`shared/adapters/dynamodb/client.ts\` and nothing else (${kb(dynamoFloor.figures.bytes).toFixed(1)} KB): the document client every DynamoDB function builds at import`,
      b: 'the peer',
      on: 'a module of its own',
      decision:
        'A floor, not a lever: a ratio here at or above 0.65 means no DynamoDB function can meet the DynamoDB-only target without taking the SDK out of init (deferring it to the first request, which a cold start pays all the same).',
    },
    proc(dynamoFloor.outfile, {}, dynamoFn),
    peerProc,
  );
  const s3Floor = await bundle(
    { name: 'floor-s3', handler: '', kind: 'route', bucket: true },
    dir,
    "import { documentClient } from '#shared/adapters/dynamodb/client';\n" +
      "import { presignDownload, presignUpload, s3 } from '#shared/adapters/s3/document-storage';\n" +
      'export const handler = async () => [documentClient, s3, presignUpload, presignDownload];',
  );
  await lever(
    {
      name: 'Floor: the DynamoDB and S3 clients alone',
      a: `the DynamoDB document client and \`shared/adapters/s3/document-storage.ts\` (the S3 client, presigned POST and GET) and nothing else (${kb(s3Floor.figures.bytes).toFixed(1)} KB)`,
      b: 'the peer',
      on: 'a module of its own',
      decision:
        'A floor, not a lever: what a function that reads the table and presigns documents pays before any code of its own.',
    },
    proc(s3Floor.outfile, {}, documentsFn),
    peerProc,
  );
  return levers;
}

/**
 * Loads the bundle named by argv[2] as Lambda's Node runtime does (`require` for `.js`/`.cjs`, `import` for
 * `.mjs`) and checks it exports a handler.
 */
async function writeInitScript(outDir: string): Promise<string> {
  const script = path.join(outDir, 'init.mjs');
  await writeFile(
    script,
    [
      "import { createRequire } from 'node:module';",
      "import { pathToFileURL } from 'node:url';",
      'const file = process.argv[2];',
      "const loaded = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : createRequire(import.meta.url)(file);",
      "if (typeof loaded.handler !== 'function') throw new Error('no handler export');",
      'process.exit(0);',
    ].join('\n'),
  );
  return script;
}

/**
 * Alternating fresh processes a b, b a, a b …: both halves of a pair see the same moment's load, and which
 * one goes first alternates so a warmer page cache or CPU for the second process favours neither.
 */
export async function paired(a: Proc, b: Proc, pairs: number): Promise<Paired> {
  const aMs: number[] = [];
  const bMs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      aMs.push(await initTime(a));
      bMs.push(await initTime(b));
    } else {
      bMs.push(await initTime(b));
      aMs.push(await initTime(a));
    }
  }
  return pairFigures(aMs, bMs);
}

export function pairFigures(aMs: number[], bMs: number[]): Paired {
  const ratios = aMs.map((a, i) => a / (bMs[i] as number));
  const diffs = aMs.map((a, i) => a - (bMs[i] as number));
  return { aMs, bMs, ratios, ratio: median(ratios), diffMs: median(diffs) };
}

/**
 * Wall time from spawn to exit of `node init.mjs <bundle>`: Node's own start plus the module's init, as the
 * issue measured "from outside". Only PATH and the given variables are passed.
 */
function initTime(proc: Proc): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [proc.script, proc.bundle], {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, ...proc.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const took = performance.now() - started;
      if (code === 0) resolve(took);
      else {
        // The thrown error's own line, not the minified source line Node prints above it.
        const error = stderr.split('\n').find((line) => /^\w*Error\b/.test(line));
        reject(new Error(`init of ${proc.bundle} exited ${code}: ${error ?? stderr.slice(-500)}`));
      }
    });
  });
}

/** Output bytes per npm package (or `(repo)` for this repository's own code), from esbuild's metafile. */
function packageBytes(metafile: Metafile, outfile: string): Map<string, number> {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === outfile)?.[1];
  const perPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput);
  }
  return perPackage;
}

/** The innermost npm package an input file belongs to, or `(repo)` for this repository's own code. */
function packageOf(input: string): string {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at < 0) return '(repo)';
  const [scopeOrName = '', name = ''] = input.slice(at + marker.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}
