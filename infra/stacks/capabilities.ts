/**
 * Issue 9 §1: the one list of which routes stack each capability goes in. A capability is the folder of a
 * handler (`functions/<capability>/...`), so the route, event-handler and workflow tables need no extra field:
 * each entry lands in the stack of its folder, and a folder listed nowhere fails the synth.
 */
import { eventHandlers, routes, type RouteDef } from '#functions/routes';
import { workflows, type WorkflowDef } from '#functions/workflows';

/** Every stack ≤ 300 CloudFormation resources (test/infra/routes-stacks.test.ts); about 9 per route. */
export const RESOURCE_BUDGET = 300;

export const CAPABILITY_STACKS = {
  Platform: {
    capabilities: ['platform', 'public', 'audit', 'workflow-probe'],
    description: 'health, OpenAPI, public disclosure, audit trail, the workflow probe',
  },
  Qualification: {
    capabilities: ['catalog', 'contractors', 'delegations'],
    description:
      'service catalog, contractors, evidence documents and their verifier, delegations to partner portals',
  },
  Planning: {
    capabilities: ['budget', 'purchasers', 'projects'],
    description: 'budget lines, procurement rules, projects',
  },
  Procurement: {
    capabilities: ['procurement', 'bids', 'scoring', 'challenges', 'contracts'],
    description: 'bids, scoring, challenges, contracts and the procurement workflow',
  },
  Delivery: {
    capabilities: ['staff', 'deliveries', 'supervision'],
    description:
      'staff rosters and dispatch, delivery records and progress, financial reports and inspections',
  },
  Acceptance: {
    capabilities: ['acceptances', 'payments'],
    description: 'the acceptance workflow with recipients’ opinions, payments, terminations',
  },
} as const satisfies Record<string, { capabilities: readonly string[]; description: string }>;

export type CapabilityStackName = keyof typeof CAPABILITY_STACKS;
export const CAPABILITY_STACK_NAMES = Object.keys(CAPABILITY_STACKS) as CapabilityStackName[];

export type EventHandlerDef = (typeof eventHandlers)[keyof typeof eventHandlers];

/** What one routes stack builds: its slice of each table. */
export interface CapabilitySlice {
  routes: [string, RouteDef][];
  eventHandlers: [string, EventHandlerDef][];
  workflows: [string, WorkflowDef][];
}

/**
 * Each capability in one stack: one listed in two would silently go to the first, so the synth fails instead
 * (called by sliceTables, before any stack is built).
 */
export function assertCapabilitiesListedOnce(
  stacks: Record<string, { capabilities: readonly string[] }> = CAPABILITY_STACKS,
): void {
  const stacksOf = new Map<string, string[]>();
  for (const [stack, { capabilities }] of Object.entries(stacks)) {
    for (const capability of capabilities)
      stacksOf.set(capability, [...(stacksOf.get(capability) ?? []), stack]);
  }
  const twice = [...stacksOf].filter(([, listed]) => listed.length > 1);
  if (twice.length > 0) {
    throw new Error(
      `CAPABILITY_STACKS (infra/stacks/capabilities.ts) lists a capability in more than one stack: ${twice
        .map(([capability, listed]) => `"${capability}" in ${listed.join(' and ')}`)
        .join('; ')}; keep each in one stack`,
    );
  }
}

/** `functions/bids/submit-bid` → `bids`. */
export function capabilityOf(handler: string): string {
  const capability = /^functions\/([^/]+)\//.exec(handler)?.[1];
  if (!capability) throw new Error(`${handler}: a handler lives in functions/<capability>/`);
  return capability;
}

/** The stack of a handler's capability; a capability without a stack fails the synth (issue 9 §1). */
export function stackOf(handler: string): CapabilityStackName {
  const capability = capabilityOf(handler);
  const stack = CAPABILITY_STACK_NAMES.find((name) =>
    (CAPABILITY_STACKS[name].capabilities as readonly string[]).includes(capability),
  );
  if (!stack) {
    throw new Error(
      `capability "${capability}" (${handler}) has no stack: add it to CAPABILITY_STACKS in infra/stacks/capabilities.ts`,
    );
  }
  return stack;
}

/** A workflow lives with its task functions, which must share one capability stack. */
export function workflowStackOf(name: string, def: WorkflowDef): CapabilityStackName {
  const stacks = new Set(Object.values(def.tasks).map((task) => stackOf(task.handler)));
  const [stack, ...others] = [...stacks];
  if (!stack || others.length > 0) {
    throw new Error(
      `workflow ${name}: its tasks must live in one capability stack, found ${[...stacks].join(', ')}`,
    );
  }
  return stack;
}

/** The route, event-handler and workflow tables, each entry given to the stack of its capability. */
export function sliceTables(): Record<CapabilityStackName, CapabilitySlice> {
  assertCapabilitiesListedOnce();
  const slices = Object.fromEntries(
    CAPABILITY_STACK_NAMES.map((name) => [name, { routes: [], eventHandlers: [], workflows: [] }]),
  ) as unknown as Record<CapabilityStackName, CapabilitySlice>;
  for (const [name, route] of Object.entries(routes) as [string, RouteDef][]) {
    slices[stackOf(route.handler)].routes.push([name, route]);
  }
  for (const [name, def] of Object.entries(eventHandlers) as [string, EventHandlerDef][]) {
    slices[stackOf(def.handler)].eventHandlers.push([name, def]);
  }
  for (const [name, def] of Object.entries(workflows) as [string, WorkflowDef][]) {
    slices[workflowStackOf(name, def)].workflows.push([name, def]);
  }
  return slices;
}
