import childProcess from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Charset, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOUSE_MODULES_CONTEXT, bundleSet, cdkBundling, esbuildOptions } from '#infra/constructs/bundling';
import { HouseFunction, RUNTIME_ENVIRONMENT, repoRoot } from '#infra/constructs/house-function';

describe('house bundling: one source for the CDK and the esbuild JS API', () => {
  it('both say CommonJS for node24, minified, source-mapped, SDK bundled, module-first', () => {
    expect(cdkBundling).toMatchObject({
      format: OutputFormat.CJS,
      target: 'node24',
      minify: true,
      sourceMap: true,
      externalModules: [],
      mainFields: ['module', 'main'],
    });
    expect(esbuildOptions).toMatchObject({
      bundle: true,
      platform: 'node',
      format: cdkBundling.format,
      target: cdkBundling.target,
      minify: cdkBundling.minify,
      sourcemap: cdkBundling.sourceMap,
      sourcesContent: cdkBundling.sourcesContent,
      external: cdkBundling.externalModules,
      mainFields: cdkBundling.mainFields,
    });
  });

  it('bundles the AWS SDK into one CommonJS file that Lambda can `require` (issue 9 §3: faster init than ESM)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bundling-'));
    const outfile = path.join(dir, 'index.js');
    await build({
      ...esbuildOptions,
      stdin: {
        contents:
          "import { S3Client } from '@aws-sdk/client-s3'; export const handler = async () => new S3Client({}).config.serviceId;",
        resolveDir: repoRoot,
        loader: 'ts',
        sourcefile: 'probe.ts',
      },
      outfile,
      sourcemap: false,
    });
    try {
      const code = await readFile(outfile, 'utf8');
      // Loaded from a temp dir without node_modules: a `require` of the SDK left in the bundle would throw.
      expect(code).not.toMatch(/require\("@aws-sdk\/(client|core)/);
      const loaded = createRequire(import.meta.url)(outfile) as { handler: () => Promise<string> };
      expect(await loaded.handler()).toBe('S3');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The input files esbuild bundles for `contents` with the house options: what a bundle of it would hold. */
async function probe(contents: string): Promise<string[]> {
  const result = await build({
    ...esbuildOptions,
    stdin: { contents, resolveDir: repoRoot, loader: 'ts', sourcefile: 'probe.ts' },
    outfile: 'probe.cjs',
    sourcemap: false,
    write: false,
    metafile: true,
  });
  return Object.keys(result.metafile?.inputs ?? {});
}

describe('credentials in bundles', () => {
  it('bundles only the environment credential provider, as Lambda supplies credentials in env', async () => {
    const inputs = await probe(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const client = new DynamoDBClient({});",
    );
    expect(inputs.some((i) => i.includes('credential-provider-env'))).toBe(true);
    expect(
      inputs.filter((i) => /credential-provider-(node|sso|ini|web-identity)|nested-clients/.test(i)),
    ).toEqual([]);
    expect(cdkBundling.esbuildArgs).toMatchObject({
      '--alias:@aws-sdk/credential-provider-node':
        esbuildOptions.alias?.['@aws-sdk/credential-provider-node'],
    });
  });
});

describe('source maps: shipped, not enabled at init (issue 9 §3: 8-10 ms and 9.5 MiB per cold start)', () => {
  it('deploys every function without NODE_OPTIONS, with the house environment and its own', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    new HouseFunction(stack, 'Probe', {
      module: 'functions/platform/health',
      environment: { TABLE_NAME: 't' },
    });

    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ...RUNTIME_ENVIRONMENT, TABLE_NAME: 't', NODE_OPTIONS: Match.absent() } },
    });
    expect(Object.keys(RUNTIME_ENVIRONMENT)).not.toContain('NODE_OPTIONS');
  });

  it('still writes a source map beside each bundle, without the sources', async () => {
    const result = await build({
      ...esbuildOptions,
      stdin: { contents: 'export const handler = async () => 1;', resolveDir: repoRoot, loader: 'ts' },
      outfile: 'probe.cjs',
      write: false,
    });
    const map = result.outputFiles.find((file) => file.path.endsWith('.cjs.map'));
    expect(map).toBeDefined();
    expect(JSON.parse(map?.text ?? '{}')).not.toHaveProperty('sourcesContent');
    expect(cdkBundling).toMatchObject({ sourceMap: true, sourcesContent: false });
  });
});

describe('event streams left out of the bundles (issue 9 §3 sizes)', () => {
  it('bundles the stand-in, not @smithy/core/event-streams, for the S3, DynamoDB and SFN clients', async () => {
    const inputs = await probe(
      "import { S3Client } from '@aws-sdk/client-s3'; import { DynamoDBClient } from '@aws-sdk/client-dynamodb';" +
        "import { SFNClient } from '@aws-sdk/client-sfn'; export const c = [S3Client, DynamoDBClient, SFNClient];",
    );
    expect(inputs.filter((i) => i.includes('submodules/event-streams'))).toEqual([]);
    expect(inputs).toContain('infra/constructs/no-event-streams.ts');
    expect(cdkBundling.esbuildArgs).toMatchObject({
      '--alias:@smithy/core/event-streams': esbuildOptions.alias?.['@smithy/core/event-streams'],
    });
  });

  it('lets an S3 client be built and fails loudly only when an event stream is used', async () => {
    const { eventStreamSerdeProvider, resolveEventStreamSerdeConfig, EventStreamSerde } =
      await import('#infra/constructs/no-event-streams');
    const config = resolveEventStreamSerdeConfig({ eventStreamSerdeProvider });
    expect(config.eventStreamMarshaller).toMatchObject({ deserialize: expect.any(Function) });
    expect(() => eventStreamSerdeProvider().deserialize()).toThrow(/Event streams are not bundled/);
    expect(() => new EventStreamSerde()).toThrow(/Event streams are not bundled/);
  });

  it('still presigns S3 uploads and downloads from a bundle (what our S3 functions do)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bundling-'));
    const outfile = path.join(dir, 'probe.cjs');
    await build({
      ...esbuildOptions,
      stdin: {
        contents: [
          "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
          "import { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
          "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
          "const client = new S3Client({ region: 'cn-north-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });",
          "export const post = () => createPresignedPost(client, { Bucket: 'b', Key: 'k', Expires: 60 });",
          "export const get = () => getSignedUrl(client, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 60 });",
        ].join('\n'),
        resolveDir: repoRoot,
        loader: 'ts',
      },
      outfile,
    });
    try {
      const probe = createRequire(import.meta.url)(outfile) as {
        post: () => Promise<{ url: string; fields: Record<string, string> }>;
        get: () => Promise<string>;
      };
      expect((await probe.post()).fields).toHaveProperty('X-Amz-Signature');
      expect(await probe.get()).toMatch(/X-Amz-Signature=/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes Chinese text as UTF-8, not escapes', async () => {
    const result = await build({
      ...esbuildOptions,
      stdin: { contents: "export const name = '示范区民政局';", resolveDir: repoRoot, loader: 'ts' },
      outfile: 'probe.cjs',
      sourcemap: false,
      write: false,
    });
    expect(result.outputFiles[0]?.text).toContain('示范区民政局');
    expect(cdkBundling.charset).toBe(Charset.UTF8);
    expect(cdkBundling.esbuildArgs).toMatchObject({ '--charset': 'utf8' });
  });
});

/**
 * Synthesizes one house function per module into `outdir` and returns each module's asset directory. With
 * `together`, the modules are listed in the app's context as app.ts lists them, so they are bundled in one esbuild
 * run (BundleSet); without, the CDK bundles each itself, one esbuild process per function.
 */
function synthesize(outdir: string, modules: string[], together: boolean): Record<string, string> {
  const app = new App({ outdir, context: together ? { [HOUSE_MODULES_CONTEXT]: modules } : {} });
  const stack = new Stack(app, 'Bundled');
  const functions = modules.map((module, i) => new HouseFunction(stack, `Fn${i}`, { module }));
  const assembly = app.synth();
  const { Resources } = assembly.getStackArtifact(stack.artifactId).template as {
    Resources: Record<string, { Properties: { Code: { S3Key: string } } }>;
  };
  return Object.fromEntries(
    functions.map((fn) => {
      const { S3Key } = Resources[logicalId(fn)]!.Properties.Code;
      return [fn.module, path.join(assembly.directory, `asset.${S3Key.replace(/\.zip$/, '')}`)];
    }),
  );
}

const logicalId = (fn: HouseFunction) => Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);

/** What `run` returns, with the commands it spawned through child_process.spawnSync (as the CDK runs esbuild). */
function spawnedDuring<T>(run: () => T): { result: T; commands: string[] } {
  const spawnSync = vi.spyOn(childProcess, 'spawnSync');
  try {
    const result = run();
    return {
      result,
      commands: spawnSync.mock.calls.map(([command, args]) => [command, ...(args ?? [])].join(' ')),
    };
  } finally {
    spawnSync.mockRestore();
  }
}

/** The bench's build of a module (esbuild JS API, one entry point), as bytes. */
async function benchBuild(dir: string, module: string): Promise<Buffer> {
  const outfile = path.join(dir, 'bench', module, 'index.js');
  await build({
    ...esbuildOptions,
    entryPoints: [path.join(repoRoot, `${module}.ts`)],
    outfile,
    logLevel: 'silent',
  });
  return readFile(outfile);
}

// Real esbuild runs and synths: a few seconds on a quiet machine, more on a busy one.
describe(
  'the deployed bundle is the measured bundle (aws-cdk#32649: the CDK drops `charset`)',
  { timeout: 120_000 },
  () => {
    // One function really bundled by the CDK (local esbuild, no Docker) against the bench's esbuild build.
    const entry = 'functions/contractors/get-contractor';
    const other = 'functions/projects/create-project';
    let dir: string;
    beforeAll(async () => {
      // Local esbuild bundles; were the CDK to fall back to Docker, this makes it fail at once, not pull an image.
      vi.stubEnv('CDK_DOCKER', 'no-docker-in-this-test');
      dir = await mkdtemp(path.join(os.tmpdir(), 'cdk-bundle-'));
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    });
    /** The CDK's own bundling of `entry`, made once for both tests, with the commands it spawned. */
    let perFunction: Promise<{ assets: Record<string, string>; spawned: string[] }> | undefined;
    const bundledByTheCdk = () =>
      (perFunction ??= Promise.resolve().then(() => {
        const spawned = spawnedDuring(() => synthesize(path.join(dir, 'a'), [entry], false));
        return { assets: spawned.result, spawned: spawned.commands };
      }));

    it('the CDK writes the same index.js as the esbuild JS API, Chinese text as UTF-8', async () => {
      const deployed = await readFile(path.join((await bundledByTheCdk()).assets[entry]!, 'index.js'));
      const measured = await benchBuild(dir, entry);

      // A raw Chinese string of the code (the purchaser's name), not \uXXXX escapes.
      // (Booleans, not the texts: a failure would print two bundles.)
      const raw = (code: Buffer) => code.toString('utf8').includes('示范区民政局');
      expect({ deployed: raw(deployed), measured: raw(measured) }).toEqual({
        deployed: true,
        measured: true,
      });
      expect(deployed.length).toBe(measured.length);
      expect(deployed.equals(measured), 'the same bytes').toBe(true);
    });

    it('the app bundles its functions in one esbuild run, and deploys the same artifacts (issue 10 §4)', async () => {
      const { assets: cdkOwn, spawned: cdkSpawned } = await bundledByTheCdk();
      // The CDK spawns esbuild per function through child_process.spawnSync: the spy saw it, so it can be trusted.
      expect(cdkSpawned.some((command) => /\besbuild\b/.test(command))).toBe(true);

      const outdir = path.join(dir, 'b');
      const { result: together, commands } = spawnedDuring(() => synthesize(outdir, [entry, other], true));
      expect(commands).toEqual([]);

      // The same asset hash as the CDK's own bundle: the same index.js and index.js.map, byte for byte.
      expect(path.basename(together[entry]!)).toBe(path.basename(cdkOwn[entry]!));
      expect(
        (await readFile(path.join(together[entry]!, 'index.js.map'))).equals(
          await readFile(path.join(cdkOwn[entry]!, 'index.js.map')),
        ),
      ).toBe(true);
      // Built beside another entry point, a bundle is still what a build of it alone writes.
      expect(
        (await readFile(path.join(together[other]!, 'index.js'))).equals(await benchBuild(dir, other)),
      ).toBe(true);

      // app.ts removes the shared build output once each asset holds its copy.
      const shared = () => readdirSync(outdir).filter((name) => name.startsWith('house-bundle.'));
      expect(shared()).toHaveLength(2);
      bundleSet(outdir, repoRoot, [entry, other]).dispose();
      expect(shared()).toEqual([]);
    });
  },
);

describe('a bundle builds only its own route’s schemas (issue 9 §3: zod at init)', () => {
  it('create-project holds CreateProject, not the other schemas of the modules it imports', async () => {
    const result = await build({
      ...esbuildOptions,
      entryPoints: [path.join(repoRoot, 'functions/projects/create-project.ts')],
      outfile: 'create-project.cjs',
      sourcemap: false,
      write: false,
    });
    const code = result.outputFiles[0]?.text ?? '';
    // Component ids are registered as string literals (`component(schema, "CreateProject")`). The others are
    // declared beside it in project.schema.ts, budget.schema.ts and catalog.schema.ts and used by other routes.
    const ids = [
      'CreateProject',
      'UpdateProject',
      'CancelProject',
      'PublishProject',
      'CreateBudgetLine',
      'AddCatalogItem',
    ];
    expect(ids.filter((id) => code.includes(`"${id}"`))).toEqual(['CreateProject']);
  });
});

describe("the DynamoDB client's endpoint cache without mnemonist (issue 9 §3 sizes)", () => {
  it('bundles the stand-in LRU, not mnemonist or obliterator', async () => {
    const inputs = await probe(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const c = DynamoDBClient;",
    );
    expect(inputs.filter((i) => /node_modules\/(mnemonist|obliterator)\//.test(i))).toEqual([]);
    expect(inputs).toContain('infra/constructs/lru-cache.ts');
    expect(cdkBundling.esbuildArgs).toMatchObject({
      '--alias:mnemonist/lru-cache': esbuildOptions.alias?.['mnemonist/lru-cache'],
    });
  });

  it('behaves as mnemonist’s LRUCache for what EndpointCache calls', async () => {
    const { default: StandIn } = await import('#infra/constructs/lru-cache');
    const { default: Mnemonist } = (await import('mnemonist/lru-cache.js')) as unknown as {
      default: new (capacity: number) => {
        get(k: string): unknown;
        peek(k: string): unknown;
        has(k: string): boolean;
        set(k: string, v: unknown): unknown;
        clear(): void;
      };
    };
    const ours = new StandIn<string, number>(3);
    const theirs = new Mnemonist(3);
    const ops: [string, string, number?][] = [
      ['set', 'a', 1],
      ['set', 'b', 2],
      ['set', 'c', 3],
      ['get', 'a'],
      ['set', 'd', 4],
      ['has', 'b'],
      ['peek', 'c'],
      ['set', 'e', 5],
      ['has', 'c'],
      ['get', 'a'],
      ['set', 'a', 6],
      ['set', 'f', 7],
      ['get', 'd'],
      ['get', 'e'],
      ['peek', 'a'],
      ['has', 'f'],
      ['clear', ''],
      ['has', 'a'],
      ['get', 'f'],
    ];
    for (const [op, key, value] of ops) {
      const call = (c: typeof theirs) =>
        op === 'set' ? (c.set(key, value), undefined) : op === 'clear' ? c.clear() : c[op as 'get'](key);
      expect(call(ours), `${op} ${key}`).toEqual(call(theirs));
    }
  });
});
