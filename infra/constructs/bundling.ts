/**
 * How every function is bundled, declared once: the CDK construct and the benchmark script
 * (esbuild JS API) build with exactly these options, so a measured bundle is the deployed bundle.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';
import { Charset, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Lambda's credentials come from its environment: bundle only that provider (see lambda-credentials.ts). */
const ALIASES = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)),
  // No operation we call streams events; the SDK's lazy import would otherwise be inlined (see no-event-streams.ts).
  '@smithy/core/event-streams': fileURLToPath(new URL('./no-event-streams.ts', import.meta.url)),
  // The DynamoDB client's endpoint cache needs only a small LRU, not mnemonist's (see lru-cache.ts).
  'mnemonist/lru-cache': fileURLToPath(new URL('./lru-cache.ts', import.meta.url)),
};

/** The one source of truth; both exports below are derived from it. */
const HOUSE_BUILD = {
  // CommonJS, which Lambda's runtime `require`s: 15-30 ms less init than the same bundle as an ES module (issue 9 §3).
  format: 'cjs',
  target: 'node24',
  platform: 'node',
  minify: true,
  sourcemap: true,
  // Stack traces map through names and lines; the sources themselves would only grow the artifact.
  sourcesContent: false,
  // The SDK is bundled (not taken from the runtime): pinned versions, and tree-shaken cold starts.
  external: [] as string[],
  // Prefer ES module entry points so esbuild can tree-shake.
  mainFields: ['module', 'main'],
  alias: ALIASES,
  // Chinese text as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): issue 9 §3 size limits.
  charset: 'utf8',
} as const;

/** For `NodejsFunction` (the CDK always bundles with `--bundle --platform=node`). */
export const cdkBundling: BundlingOptions = {
  format: OutputFormat.CJS,
  target: HOUSE_BUILD.target,
  minify: HOUSE_BUILD.minify,
  sourceMap: HOUSE_BUILD.sourcemap,
  sourcesContent: HOUSE_BUILD.sourcesContent,
  externalModules: [...HOUSE_BUILD.external],
  mainFields: [...HOUSE_BUILD.mainFields],
  // Ignored by aws-cdk-lib, which never passes `--charset` (aws-cdk#32649): kept for the day it does, and
  // passed below as an esbuild argument, which the CDK renders as `--charset=utf8`.
  charset: Charset.UTF8,
  esbuildArgs: {
    '--charset': HOUSE_BUILD.charset,
    ...Object.fromEntries(Object.entries(HOUSE_BUILD.alias).map(([from, to]) => [`--alias:${from}`, to])),
  },
};

/** For the esbuild JS API: add `entryPoints` and `outfile` (`.cjs`; the CDK writes `index.js`, CommonJS too). */
export const esbuildOptions: BuildOptions = {
  bundle: true,
  platform: HOUSE_BUILD.platform,
  format: HOUSE_BUILD.format,
  target: HOUSE_BUILD.target,
  minify: HOUSE_BUILD.minify,
  sourcemap: HOUSE_BUILD.sourcemap,
  sourcesContent: HOUSE_BUILD.sourcesContent,
  external: [...HOUSE_BUILD.external],
  mainFields: [...HOUSE_BUILD.mainFields],
  alias: { ...HOUSE_BUILD.alias },
  charset: HOUSE_BUILD.charset,
};

/**
 * Context key (set by app.ts): the handler modules of every house function of the app. A house function whose
 * module is listed takes its bundle from {@link BundleSet}, one esbuild run for all of them, instead of the CDK
 * spawning esbuild once per function (63 runs took 54 of the synth's 61 s; issue 10 §4).
 */
export const HOUSE_MODULES_CONTEXT = 'assistance:house-modules';

/**
 * Where a module's bundle is written: one level below the cloud assembly, as deep as the CDK's own
 * `bundling-temp-*` directory, so the source map's relative `sources` are the same bytes and so is the asset hash.
 */
const bundleDirName = (module: string) => `house-bundle.${module.replaceAll('/', '.')}`;

/**
 * The bundles of a set of handler modules, built together in one esbuild run with {@link esbuildOptions} the first
 * time one is asked for (bundling is synchronous in the CDK, hence `buildSync`). Without code splitting each entry
 * point's output is what a build of it alone writes: `test/infra/bundling.test.ts` compares the assets both ways.
 */
export class BundleSet {
  private built = false;

  constructor(
    /** The cloud assembly directory the bundles are written into (and removed from by {@link dispose}). */
    readonly outdir: string,
    /** The repository root the modules are relative to. */
    readonly root: string,
    readonly modules: readonly string[],
  ) {
    const dirs = new Set(modules.map(bundleDirName));
    if (dirs.size !== modules.length)
      throw new Error(`BundleSet: a module is listed twice in ${modules.join(', ')}`);
  }

  /** Copies the module's `index.js` and `index.js.map` into `outputDir`, building the whole set first if needed. */
  copyTo(module: string, outputDir: string): void {
    if (!this.modules.includes(module)) throw new Error(`BundleSet: ${module} is not one of its modules`);
    if (!this.built) this.build();
    cpSync(path.join(this.outdir, bundleDirName(module)), outputDir, { recursive: true });
  }

  /** Removes the bundles it wrote (each function's asset holds its own copy). */
  dispose(): void {
    for (const module of this.modules)
      rmSync(path.join(this.outdir, bundleDirName(module)), { recursive: true, force: true });
    this.built = false;
  }

  private build(): void {
    buildSync({
      ...esbuildOptions,
      entryPoints: Object.fromEntries(
        this.modules.map((module) => [
          `${bundleDirName(module)}/index`,
          path.join(this.root, `${module}.ts`),
        ]),
      ),
      outdir: this.outdir,
      absWorkingDir: this.root,
      logLevel: 'warning',
    });
    this.built = true;
  }
}

const bundleSets = new Map<string, BundleSet>();

/** The one {@link BundleSet} of these modules in this cloud assembly, shared by every function that asks. */
export function bundleSet(outdir: string, root: string, modules: readonly string[]): BundleSet {
  const key = JSON.stringify([outdir, root, modules]);
  let set = bundleSets.get(key);
  if (!set) bundleSets.set(key, (set = new BundleSet(outdir, root, modules)));
  return set;
}
