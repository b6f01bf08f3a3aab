/**
 * Issue 9 §3: a bundle builds only the schemas its route uses. esbuild honours `@__NO_SIDE_EFFECTS__` only within
 * a module (evanw/esbuild#4369), so a top-level declaration that calls anything (zod's factories, `component`,
 * `described`, a local helper) is kept, and built at import, by every bundle importing its module, unless it is a
 * pure IIFE: `export const X = /* @__PURE__ *\/ (() => …)();` (shared/schemas/zod.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/local/paths';

const SCHEMAS = path.join(repoRoot, 'shared', 'schemas');

/** Does the expression run code when evaluated (a call, `new`, a spread or a property read), outside functions? */
function runsCode(node: ts.Node): boolean {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  if (
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isSpreadAssignment(node) ||
    ts.isSpreadElement(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isTaggedTemplateExpression(node)
  ) {
    return true;
  }
  return ts.forEachChild(node, runsCode) ?? false;
}

/**
 * `/* @__PURE__ *\/ (() => …)()`, or `/* @__PURE__ *\/ deferred(() => …)` (a response schema built on first use):
 * a call annotated pure whose callee and arguments run no code when evaluated.
 */
function isPureCall(init: ts.Expression, text: string): boolean {
  if (!ts.isCallExpression(init)) return false;
  const callee = init.expression;
  const iife = ts.isParenthesizedExpression(callee) && ts.isArrowFunction(callee.expression);
  if (!iife && !ts.isIdentifier(callee)) return false;
  if (init.arguments.some(runsCode)) return false;
  // The trivia between `=` and the call (TypeScript counts a comment on the same line as trailing, not leading).
  return /^\s*\/\*\s*[#@]__PURE__\s*\*\/\s*$/.test(text.slice(init.pos, init.getStart()));
}

/** Names of the top-level declarations that would be built at import in every bundle importing the module. */
export function impureDeclarations(source: string, fileName = 'schema.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const offenders: string[] = [];
  for (const statement of file.statements) {
    if (ts.isExpressionStatement(statement)) offenders.push(statement.getText(file).slice(0, 40));
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!init || !runsCode(init) || isPureCall(init, source)) continue;
      offenders.push(declaration.name.getText(file));
    }
  }
  return offenders;
}

describe('schemas are tree-shakable: every top-level schema is built in a pure IIFE or deferred', () => {
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.ts'));

  it('finds the schema modules', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s', (file) => {
    expect(impureDeclarations(readFileSync(path.join(SCHEMAS, file), 'utf8'), file)).toEqual([]);
  });

  it('the check fires on calls, method calls, spreads and property reads, and not on pure IIFEs or helpers', () => {
    const source = [
      'const A = z.object({ a: z.string() });',
      'const B = /* @__PURE__ */ (() => z.string().check(z.minLength(1)))();',
      'const C = (() => z.string())();',
      'const D = { ...Fields };',
      'const E = PageQuery.shape;',
      'const F = /* @__PURE__ */ z.string().check(z.int());',
      'const int = () => z.number().check(z.int());',
      'const I = /* @__PURE__ */ deferred(() => z.object({}));',
      'const J = /* @__PURE__ */ deferred(z.object({}));',
      'const G = 20 * 1024;',
      "const H = ['a', 'b'] as const;",
      'z.config(en());',
    ].join('\n');
    expect(impureDeclarations(source)).toEqual(['A', 'C', 'D', 'E', 'F', 'J', 'z.config(en());']);
  });
});
