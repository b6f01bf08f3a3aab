/**
 * The AWS path of GET /docs/redoc.standalone.js (issue 12 §4): the function bundled exactly as the CDK bundles it
 * (infra/constructs/bundling.ts esbuildOptions) carries Redoc's standalone bundle inlined as text, and answers it in
 * a directory with no node_modules, as in Lambda. The embedded stack and the handler tests read the installed file
 * instead (functions/platform/redoc-standalone.ts); this test is what holds the bundle to the same bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '#infra/constructs/bundling';
import { repoRoot } from '#infra/local/paths';
import { routes } from '#functions/routes';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'redoc-bundle-'));
  await build({
    ...esbuildOptions,
    entryPoints: [path.join(repoRoot, `${routes.docsScript.handler}.ts`)],
    outfile: path.join(dir, 'index.js'),
    absWorkingDir: repoRoot,
    logLevel: 'error',
  });
  await writeFile(
    path.join(dir, 'invoke.cjs'),
    `require('./index.js').handler({ rawPath: '/docs/redoc.standalone.js', headers: {}, requestContext: { http: { method: 'GET' } } }, { functionName: 'docsScript', awsRequestId: 'test' })
      .then((result) => process.stdout.write(JSON.stringify(result)));`,
  );
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the bundled renderer function, as Lambda runs it', () => {
  it('answers Redoc’s standalone bundle from the text esbuild inlined, with no node_modules to read it from', async () => {
    // Act: in the bundle's directory, where the package does not resolve (as in /var/task).
    const { stdout } = await promisify(execFile)(process.execPath, ['invoke.cjs'], {
      cwd: dir,
      env: { PATH: process.env.PATH, AWS_REGION: 'cn-north-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };

    // Assert
    expect(() => createRequire(path.join(dir, 'package.json')).resolve('redoc/package.json')).toThrow();
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const installed = await readFile(
      createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'),
      'utf8',
    );
    expect(result.body).toBe(installed);
  });
});
