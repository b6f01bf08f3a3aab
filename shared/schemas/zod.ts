/**
 * The API contract is written with zod/mini: the same validation as classic zod, but tree-shakable,
 * so each Lambda bundles only the checks its routes use (about 20 KB instead of 100 KB).
 * OpenAPI is generated from these schemas with zod's own JSON Schema conversion (shared/http/openapi.ts).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships no messages by default; English ones name what was expected.
z.config(en());

// Every top-level schema in shared/schemas/*.schema.ts is built inside a pure IIFE,
//   export const X = /* @__PURE__ */ (() => z.object({ … }))();
// so a bundle drops the schemas its route never uses (issue 9 §3). esbuild honours `@__NO_SIDE_EFFECTS__`
// (zod's factories, `component`, `described`) only for calls in the same module (evanw/esbuild#4369): without the
// IIFE, every schema a module declares is built at import in every bundle that imports the module.
// Held by test/unit/schema-purity.test.ts and test/infra/bundling.test.ts.

// Re-exported member by member (not as one namespace object), so esbuild can drop what no schema uses.
// Import as `import * as z from '#shared/schemas/zod'`.
export * from 'zod/mini';

/** Names a schema as an OpenAPI component (and optionally describes it). */
// Marked side-effect free so a bundle drops schemas its routes never use (the registry only feeds OpenAPI).
/* @__NO_SIDE_EFFECTS__ */
export function component<T extends z.ZodMiniType>(schema: T, id: string, description?: string): T {
  z.globalRegistry.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** Adds a description shown in the OpenAPI document. */
/* @__NO_SIDE_EFFECTS__ */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  // A copy: the registry is keyed by instance, so describing a shared schema (IsoDateTime, count()) in place
  // would give every other use of it this description too.
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, { description });
  return copy;
}

export type Schema = z.ZodMiniType;

/**
 * A schema built on its first call, then kept. For response schemas: the request pipeline parses requests only
 * (shared/http/api-handler.ts) and only OpenAPI reads a route's response schema, so a Lambda that builds it at
 * init pays for nothing (about 6 ms for Project in submit-project, issue 9 §3). Declare it as
 * `export const X = /* @__PURE__ *\/ deferred(() => …)`, and anything only it uses the same way.
 */
/* @__NO_SIDE_EFFECTS__ */
export function deferred<T extends z.ZodMiniType>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}
