/**
 * The whole deployment, shared by `infra/app.ts` and the infra tests so both build the very same stacks.
 * Optional context (cdk.json or `-c`): `allowedOrigins` (browser origins, comma-separated),
 * `callbackUrls` (hosted sign-in redirects, comma-separated), `authDomainPrefix`.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { StatefulStack } from '#infra/stacks/stateful-stack';
import { StatelessStack } from '#infra/stacks/stateless-stack';

export const STACK_NAMES = { stateful: 'Assistance-Stateful', stateless: 'Assistance-Stateless' } as const;

/** Until a staff front end exists, the hosted sign-in returns to a local one. */
const DEFAULT_CALLBACK_URLS = ['http://localhost:3000/auth/callback'];

function listContext(app: App, key: string): string[] | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter(Boolean);
}

export function addAssistanceStacks(app: App, env?: Environment) {
  const allowedOrigins = listContext(app, 'allowedOrigins') ?? [];
  const authDomainPrefix: unknown = app.node.tryGetContext('authDomainPrefix');
  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    env,
    description: 'Assistance procurement: table, document bucket, user pool (retained on delete)',
    terminationProtection: true,
    uploadOrigins: allowedOrigins,
    callbackUrls: listContext(app, 'callbackUrls') ?? DEFAULT_CALLBACK_URLS,
    authDomainPrefix: typeof authDomainPrefix === 'string' ? authDomainPrefix : undefined,
  });
  const stateless = new StatelessStack(app, STACK_NAMES.stateless, {
    env,
    description: 'Assistance procurement: functions, HTTP API, event rules',
    stateful,
    allowedOrigins,
  });
  // Grants reference the stateful stack through explicit imports (infra/constructs/nag.ts): keep the order.
  stateless.addStackDependency(stateful);
  return { stateful, stateless };
}
