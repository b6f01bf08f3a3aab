/**
 * How every function is bundled, declared once: the CDK construct and the benchmark script
 * (esbuild JS API) build with exactly these options, so a measured bundle is the deployed bundle.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
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
