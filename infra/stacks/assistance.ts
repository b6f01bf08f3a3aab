/**
 * The whole deployment, shared by `infra/app.ts` and the infra tests so both build the very same stacks.
 * Optional context (cdk.json or `-c`): `allowedOrigins` (browser origins, comma-separated),
 * `callbackUrls` (hosted sign-in redirects, comma-separated), `authDomainPrefix`, `alarmEmail`.
 *
 * Deploy order (references go one way): Stateful → Api → Operations → the routes stacks (issue 9 §1).
 */
import type { App, Environment } from 'aws-cdk-lib';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { bindWorkflow, type WorkflowAccess } from '#infra/constructs/workflow';
import { ApiStack } from '#infra/stacks/api-stack';
import {
  CAPABILITY_STACKS,
  CAPABILITY_STACK_NAMES,
  sliceTables,
  workflowStackOf,
  type CapabilityStackName,
} from '#infra/stacks/capabilities';
import { OperationsStack } from '#infra/stacks/operations-stack';
import { RoutesStack } from '#infra/stacks/routes-stack';
import { StatefulStack } from '#infra/stacks/stateful-stack';

/** Every stack name starts with it; the dashboard's searches find the product's resources by it. */
export const STACK_PREFIX = 'Assistance';

export const STACK_NAMES = {
  stateful: `${STACK_PREFIX}-Stateful`,
  api: `${STACK_PREFIX}-Api`,
  operations: `${STACK_PREFIX}-Operations`,
  ...(Object.fromEntries(CAPABILITY_STACK_NAMES.map((name) => [name, `${STACK_PREFIX}-${name}`])) as Record<
    CapabilityStackName,
    string
  >),
};

/** Until a staff front end exists, the hosted sign-in returns to a local one. */
const DEFAULT_CALLBACK_URLS = ['http://localhost:3000/auth/callback'];

function listContext(app: App, key: string): string[] | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter(Boolean);
}

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value ? value : undefined;
}

export function addAssistanceStacks(app: App, env?: Environment) {
  const allowedOrigins = listContext(app, 'allowedOrigins') ?? [];
  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    env,
    description: 'Assistance procurement: table, document bucket, user pool (retained on delete)',
    terminationProtection: true,
    uploadOrigins: allowedOrigins,
    callbackUrls: listContext(app, 'callbackUrls') ?? DEFAULT_CALLBACK_URLS,
    authDomainPrefix: stringContext(app, 'authDomainPrefix'),
  });
  const api = new ApiStack(app, STACK_NAMES.api, {
    env,
    description: 'Assistance procurement: the HTTP API, its stage and JWT authorizer',
    stateful,
    allowedOrigins,
  });
  const operations = new OperationsStack(app, STACK_NAMES.operations, {
    env,
    description: 'Assistance procurement: alarm topic, API alarm, dashboard',
    api: api.api,
    earlierStacks: [stateful],
    namePrefix: STACK_PREFIX,
    alarmEmail: stringContext(app, 'alarmEmail'),
  });
  const slices = sliceTables();
  const routeStacks = Object.fromEntries(
    CAPABILITY_STACK_NAMES.map((name) => [
      name,
      new RoutesStack(app, STACK_NAMES[name], {
        env,
        description: `Assistance procurement: ${CAPABILITY_STACKS[name].description}`,
        stateful,
        httpApi: api.api,
        authorizer: api.authorizer,
        alarmTopic: operations.alarmTopic,
        ...slices[name],
      }),
    ]),
  ) as Record<CapabilityStackName, RoutesStack>;
  bindWorkflows(routeStacks);
  // Grants reference the stateful stack through explicit imports (infra/constructs/nag.ts): keep the order.
  api.addStackDependency(stateful);
  operations.addStackDependency(api);
  for (const stack of Object.values(routeStacks)) stack.addStackDependency(operations);
  return { stateful, api, operations, routeStacks };
}

/**
 * The functions a workflow's table entry names may start it or answer its callbacks. They may live in another
 * routes stack (publishProject in Planning starts the Procurement workflow): that stack then imports the state
 * machine's ARN, one way; a reference back would be a cycle and fail the synth.
 */
function bindWorkflows(routeStacks: Record<CapabilityStackName, RoutesStack>): void {
  const functionNamed = (name: string) => {
    for (const stack of Object.values(routeStacks)) {
      const fn = stack.functions[name];
      if (fn) return fn;
    }
    return undefined;
  };
  for (const [name, def] of Object.entries(workflows) as [string, WorkflowDef][]) {
    const workflow = routeStacks[workflowStackOf(name, def)].workflows[name];
    if (!workflow) throw new Error(`workflow ${name} was not built`);
    const bind = (functionName: string, access: WorkflowAccess) => {
      const fn = functionNamed(functionName);
      if (!fn) throw new Error(`workflow ${name}: no function ${functionName} in the route table`);
      bindWorkflow(fn, workflow, access);
    };
    for (const functionName of def.startedBy ?? []) bind(functionName, { start: true });
    for (const functionName of def.callbacks ?? []) bind(functionName, { respond: true });
  }
}
