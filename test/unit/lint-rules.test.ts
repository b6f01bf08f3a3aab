/**
 * Issue 9 §2/§6: the house rules held by eslint.config.js each fire, with a message saying what to do instead,
 * and the same import passes where it is allowed. Import cycles are checked twice: import-x/no-cycle on value
 * imports (lint), and a TypeScript-resolved graph below that counts type-only imports too (import-x skips
 * them, and the contract ↔ project circle was half type-only).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message }));
};

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

describe('folder rules (issue 9 §2)', () => {
  it.each([
    [
      'shared/domain/x.ts',
      '#functions/routes',
      'import-x/no-restricted-paths',
      'shared/ never imports functions/',
    ],
    [
      'shared/use-cases/x.ts',
      '../../functions/routes',
      'import-x/no-restricted-paths',
      'pass it in as an argument',
    ],
    ['shared/http/x.ts', '#infra/local/paths', 'import-x/no-restricted-paths', 'shared/ never imports'],
    [
      'shared/adapters/x.ts',
      '../../infra/local/paths',
      'import-x/no-restricted-paths',
      'shared/ never imports',
    ],
    [
      'functions/platform/x.ts',
      '#infra/local/paths',
      'import-x/no-restricted-paths',
      'functions/ never imports infra/',
    ],
    ['functions/x.ts', '../infra/local/paths', 'import-x/no-restricted-paths', 'put shared code in shared/'],
    ['functions/platform/x.ts', '@aws-sdk/client-s3', 'no-restricted-imports', 'call or add an adapter'],
    ['functions/x.ts', '@smithy/smithy-client', 'no-restricted-imports', 'Only shared/adapters/'],
    ['shared/use-cases/x.ts', '@aws-sdk/lib-dynamodb', 'no-restricted-imports', 'Only shared/adapters/'],
    ['shared/http/x.ts', '@aws-sdk/client-sfn', 'no-restricted-imports', 'Only shared/adapters/'],
    ['shared/domain/x.ts', '@aws-sdk/client-dynamodb', 'no-restricted-imports', 'Only shared/adapters/'],
    ['shared/domain/x.ts', '@middy/core', 'no-restricted-imports', 'shared/domain is pure'],
    ['shared/domain/x.ts', '@aws-lambda-powertools/logger', 'no-restricted-imports', 'shared/domain is pure'],
    ['shared/domain/x.ts', 'node:https', 'no-restricted-imports', 'shared/domain is pure'],
    ['shared/domain/x.ts', 'net', 'no-restricted-imports', 'shared/domain is pure'],
    [
      'shared/domain/x.ts',
      '#shared/adapters/dynamodb/health-probe',
      'import-x/no-restricted-paths',
      'stands alone',
    ],
    ['shared/domain/ocds/x.ts', '../../use-cases/bids', 'import-x/no-restricted-paths', 'stands alone'],
    ['shared/domain/x.ts', '#shared/http/api-handler', 'import-x/no-restricted-paths', 'stands alone'],
    ['shared/domain/x.ts', '#shared/config', 'import-x/no-restricted-paths', 'stands alone'],
  ])('%s may not import %s', async (file, specifier, ruleId, instead) => {
    // Act
    const messages = await lint(file, importing(specifier));

    // Assert
    expect(messages).toEqual([{ ruleId, message: expect.stringContaining(instead) }]);
  });

  it.each([
    ['shared/adapters/dynamodb/x.ts', '@aws-sdk/lib-dynamodb'],
    ['shared/adapters/x.ts', '@smithy/smithy-client'],
    ['shared/use-cases/x.ts', '#shared/adapters/dynamodb/records'],
    ['shared/domain/x.ts', '#shared/domain/project'],
    ['shared/http/x.ts', '@middy/core'],
    ['functions/platform/x.ts', '#shared/adapters/dynamodb/health-probe'],
    ['functions/platform/x.ts', '#functions/routes'],
    // infra/ is the runtime (CDK, the embedded stack builds SDK clients); bench/ and test/ drive it from outside.
    ['infra/local/x.ts', '@aws-sdk/client-dynamodb'],
    ['test/unit/x.ts', '@aws-sdk/client-s3'],
    ['bench/x.ts', '#infra/local/paths'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await lint(file, importing(specifier))).toEqual([]);
  });
});

/** Import edges between the repository's own .ts files under `dirs`, resolved as tsc resolves them. */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const files = dirs.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(root, dir, f)),
  );
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map(
          (i) =>
            ts.resolveModuleName(i.fileName, file, config.options, ts.sys).resolvedModule?.resolvedFileName,
        )
        .filter((target): target is string => target !== undefined && known.has(target)),
    ]),
  );
}

/** Every cycle's files (strongly connected components of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1 || graph.get(file)?.includes(file))
      found.push(component.map((f) => relative(root, f)).sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('import cycles (issue 9 §2)', () => {
  // A real folder under shared/: a cycle only exists between files on disk.
  const fixture = join(root, 'shared/domain', `__lint_fixture_${process.pid}__`);
  const fixtureFiles = {
    'a.ts': "import { b } from './b';\n\nexport const a = (): number => b() + 1;\n",
    'b.ts': "import { a } from './a';\n\nexport const b = (): number => a() - 1;\n",
    'c.ts': "import type { D } from './d';\n\nexport interface C {\n  d?: D;\n}\n",
    'd.ts': "import type { C } from './c';\n\nexport interface D {\n  c?: C;\n}\n",
  };

  beforeAll(() => {
    mkdirSync(fixture, { recursive: true });
    for (const [name, code] of Object.entries(fixtureFiles)) writeFileSync(join(fixture, name), code);
  });
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('import-x/no-cycle reports two files that import each other', async () => {
    // Act
    const results = await eslint.lintFiles([join(fixture, 'a.ts'), join(fixture, 'b.ts')]);

    // Assert
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([
      ['import-x/no-cycle'],
      ['import-x/no-cycle'],
    ]);
  });

  it('the type-aware check finds value and type-only cycles alike', () => {
    // Act
    const found = cycles(importGraph([relative(root, fixture)]));

    // Assert
    const at = (name: string) => relative(root, join(fixture, name));
    expect(found.sort()).toEqual([
      [at('a.ts'), at('b.ts')],
      [at('c.ts'), at('d.ts')],
    ]);
  });

  it('shared/ and functions/ hold no import cycle, type-only imports included', () => {
    // Arrange: the fixture is not part of the code under test.
    const graph = importGraph(['shared', 'functions']);
    for (const file of graph.keys()) if (file.startsWith(fixture)) graph.delete(file);

    // Act / Assert
    expect(cycles(graph)).toEqual([]);
  });
});
