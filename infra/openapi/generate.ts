/**
 * `npm run openapi`: writes functions/platform/openapi.generated.ts, the OpenAPI document of the route table
 * (document.ts: the table, its conventions and examples) as its JSON text and the docs page rendered from it. The
 * openapi and docs functions import those strings, so they bundle neither the table, zod nor the examples and build
 * nothing at init (issue 9 §3).
 *
 * Why a committed module rather than a step inside bundling: the CDK's NodejsFunction and the bench both run esbuild
 * with the house options (infra/constructs/bundling.ts), while the embedded stack and the tests import the same
 * handlers through tsx and vite with no bundling at all; a plain module works in all four unchanged.
 * Why strings in a .ts module rather than a .json import: esbuild inlines JSON as an object literal, which Node
 * then compiles and the handler re-serializes, about 10 ms more init than one string literal.
 * test/handlers/openapi.test.ts fails, naming this script, until the module is regenerated after a change.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderReferencePage } from '#functions/platform/reference-page';
import { repoRoot } from '#infra/local/paths';
import { openApiDocument, redocVersion } from './document';

export const GENERATED_MODULE = path.join(repoRoot, 'functions', 'platform', 'openapi.generated.ts');

/** The module's exact text for the current route table. */
export function generatedModuleText(): string {
  const document = openApiDocument();
  return [
    '// Generated from the route table by `npm run openapi` (infra/openapi/generate.ts): do not edit.',
    '',
    '/** JSON.stringify(openApiDocument()) (infra/openapi/document.ts), served by GET /openapi.json. */',
    `export const openApiJson: string = ${JSON.stringify(JSON.stringify(document))};`,
    '',
    '/** renderReferencePage(openApiDocument(), redocVersion()), served by GET /docs. */',
    `export const referencePage: string = ${JSON.stringify(renderReferencePage(document, redocVersion()))};`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(GENERATED_MODULE, generatedModuleText());
  console.log(`wrote ${path.relative(repoRoot, GENERATED_MODULE)}`);
}
