import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { repoRoot } from '#infra/local/paths';

/** What a Lambda runtime calls: every handler in functions/ has this shape (middy or plain async). */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Resolves a handler module path from the route table (`functions/x/y`) to its `handler` export. */
export type HandlerLoader = (modulePath: string) => Promise<LambdaHandler>;

/** Imports each handler module once, lazily, like a Lambda cold start; a failed import is retried next call. */
export function moduleHandlerLoader(root: string = repoRoot): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (modulePath) => {
    let loading = cache.get(modulePath);
    if (!loading) {
      loading = importHandler(root, modulePath);
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
