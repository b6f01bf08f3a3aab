import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { eventHandlers, routes } from '#functions/routes';
import { workflows } from '#functions/workflows';
import {
  grantsOf,
  guardHandlerClients,
  reportInsteadOfRefusing,
  runWithGrants,
  type Grants,
} from '#infra/local/least-privilege';
import { repoRoot } from '#infra/local/paths';

/** What a Lambda runtime calls: every handler in functions/ has this shape (middy or plain async). */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Resolves a handler module path from the route table (`functions/x/y`) to its `handler` export. */
export type HandlerLoader = (modulePath: string) => Promise<LambdaHandler>;

/**
 * Each handler module's grants, from the three tables that declare them (issue 11 §2): the rights its route, event
 * handler or workflow task declares. A module that no table names gets none.
 */
export function grantsByHandler(): Map<string, Grants> {
  const grants = new Map<string, Grants>();
  const add = (name: string, def: { handler: string } & Parameters<typeof grantsOf>[1]) => {
    if (grants.has(def.handler)) throw new Error(`${def.handler} is declared twice (${name})`);
    grants.set(def.handler, grantsOf(name, def));
  };
  for (const [name, route] of Object.entries(routes)) add(name, route);
  for (const [name, handler] of Object.entries(eventHandlers)) add(name, handler);
  for (const [workflow, def] of Object.entries(workflows)) {
    for (const [task, taskDef] of Object.entries(def.tasks)) add(`${workflow}.${task}`, taskDef);
  }
  return grants;
}

/**
 * Imports each handler module once, lazily, like a Lambda cold start; a failed import is retried next call. Each
 * invocation runs with its function's grants: a DynamoDB or S3 call outside them fails as IAM refuses it on AWS
 * (infra/local/least-privilege.ts). LEAST_PRIVILEGE_REPORT=<file> lists such calls there instead of refusing them,
 * to find what a new route needs.
 */
export function moduleHandlerLoader(root: string = repoRoot): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  const grants = grantsByHandler();
  const reportFile = process.env.LEAST_PRIVILEGE_REPORT;
  if (reportFile) reportInsteadOfRefusing((line) => appendFileSync(reportFile, `${line}\n`));
  return (modulePath) => {
    let loading = cache.get(modulePath);
    if (!loading) {
      const own = grants.get(modulePath) ?? { name: modulePath };
      loading = Promise.all([importHandler(root, modulePath), guardHandlerClients()]).then(
        ([handler]): LambdaHandler =>
          (event, context) =>
            runWithGrants(own, () => handler(event, context)),
      );
      cache.set(modulePath, loading);
      loading.catch(() => cache.delete(modulePath));
    }
    return loading;
  };
}

async function importHandler(root: string, modulePath: string): Promise<LambdaHandler> {
  const url = pathToFileURL(path.join(root, `${modulePath}.ts`)).href;
  const loaded = (await import(url)) as { handler?: unknown };
  if (typeof loaded.handler !== 'function')
    throw new Error(`${modulePath}.ts does not export a handler function`);
  return loaded.handler as LambdaHandler;
}
