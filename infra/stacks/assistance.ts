/**
 * The whole deployment, shared by `infra/app.ts` and the infra tests so both build the very same stacks.
 * Required context (cdk.json or `-c`; issue 11 §2, production guards): `region` (where the stacks go: never the
 * CLI's default region, read by `deploymentEnvironment`) and `callbackUrls` (hosted sign-in redirects,
 * comma-separated, https or http://localhost). Optional: `allowedOrigins` (browser origins, comma-separated),
 * `authDomainPrefix`, `alarmEmail`. A synth without a required key fails with a message naming it.
 *
 * Deploy order (references go one way): Stateful → Api → Operations → the routes stacks (issue 9 §1) → Stage (the
 * API's stage with its per-route throttles, which name routes that must exist first, issue 11 §3).
 */
import { ALLOWED_ORIGINS_CONTEXT, deploymentOrigins } from '#infra/local/cors';
import { Aspects, Stack, type App, type Environment, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import type { Config } from '#shared/config';
import { workflows, type WorkflowDef } from '#functions/workflows';
import { bindWorkflow, type WorkflowAccess } from '#infra/constructs/workflow';
import { bindBidSeal } from '#infra/constructs/seal-key';
import { EncryptWithCustomerKeys, bindPersonalData } from '#infra/constructs/customer-keys';
import { routes } from '#functions/routes';
import { applyRushLimits } from '#infra/constructs/rush-limits';
import { ApiStack, ApiStageStack } from '#infra/stacks/api-stack';
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
  stage: `${STACK_PREFIX}-Stage`,
  ...(Object.fromEntries(CAPABILITY_STACK_NAMES.map((name) => [name, `${STACK_PREFIX}-${name}`])) as Record<
    CapabilityStackName,
    string
  >),
};

/** Context keys a deployment must set explicitly (cdk.json or `-c key=value`); none has a default. */
export const REGION_CONTEXT = 'region';
export const CALLBACK_URLS_CONTEXT = 'callbackUrls';

/** Embedded stack and tests only (shared/config.ts); a synthesized function never carries it (R-PROC-2, R-PROC-5). */
export const PERIOD_OVERRIDE_ENV = 'MINIMUM_PERIOD_SECONDS_OVERRIDE' satisfies keyof Config;

/** Thrown at synth: a deployment that lacks an explicit setting, or would ship a test-only one. */
export class DeploymentSettingError extends Error {
  override readonly name = 'DeploymentSettingError';
}

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

/**
 * Where the stacks go: the `region` context, never the CLI's default region (CDK_DEFAULT_REGION), so a deployment
 * from a workstation set to another region cannot put procurement files and personal data there; the account is
 * the CLI's (its credentials are what deploys).
 */
export function deploymentEnvironment(app: App, processEnv: NodeJS.ProcessEnv = process.env): Environment {
  const region = stringContext(app, REGION_CONTEXT);
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new DeploymentSettingError(
      `Set the deployment's region explicitly: context "${REGION_CONTEXT}" (cdk.json or -c ${REGION_CONTEXT}=cn-north-1) ` +
        `is ${region === undefined ? 'missing' : `"${region}", not a region name`}; the CLI's default region is not used.`,
    );
  }
  const account = processEnv.CDK_DEFAULT_ACCOUNT;
  return account ? { account, region } : { region };
}

/** The hosted sign-in's redirects: explicit, and https except for a local front end (as Cognito itself requires). */
function callbackUrls(app: App): string[] {
  const urls = listContext(app, CALLBACK_URLS_CONTEXT) ?? [];
  if (urls.length === 0) {
    throw new DeploymentSettingError(
      `Set the hosted sign-in's callback URLs explicitly: context "${CALLBACK_URLS_CONTEXT}" (cdk.json or ` +
        `-c ${CALLBACK_URLS_CONTEXT}=https://staff.example.gov.cn/auth/callback, comma-separated) is missing.`,
    );
  }
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    const local = parsed?.protocol === 'http:' && parsed.hostname === 'localhost';
    if (!parsed || (parsed.protocol !== 'https:' && !local)) {
      throw new DeploymentSettingError(
        `context "${CALLBACK_URLS_CONTEXT}": "${url}" is not an https URL (http is allowed for localhost only)`,
      );
    }
  }
  return urls;
}

/**
 * Fails the synth when any function's environment holds the period override (issue 11 §2): a shortened tender
 * period or standstill must not be deployable, whoever adds the variable and wherever.
 */
class NoPeriodOverride implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnFunction)) return;
    const environment = Stack.of(node).resolve(node.environment) as
      { variables?: Record<string, unknown> } | undefined;
    const variables = environment?.variables ?? {};
    if (PERIOD_OVERRIDE_ENV in variables) {
      throw new DeploymentSettingError(
        `${node.node.path}: ${PERIOD_OVERRIDE_ENV} is for the embedded stack and tests only and must not reach a ` +
          `deployed function (the law's minimum periods, R-PROC-2, R-PROC-5)`,
      );
    }
  }
}

export function addAssistanceStacks(app: App, env?: Environment) {
  Aspects.of(app).add(new NoPeriodOverride());
  // Checked once where the context is read, as callbackUrls is (issue 12 §5): the API and the bucket take the list.
  const allowedOrigins = deploymentOrigins(listContext(app, ALLOWED_ORIGINS_CONTEXT) ?? []);
  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    env,
    description: 'Assistance procurement: table, document bucket, user pool (retained on delete)',
    terminationProtection: true,
    uploadOrigins: allowedOrigins,
    callbackUrls: callbackUrls(app),
    authDomainPrefix: stringContext(app, 'authDomainPrefix'),
  });
  // Issue 11 §6: every log group and queue of the app under its customer key, wherever it is built.
  Aspects.of(app).add(new EncryptWithCustomerKeys(stateful.customerKeys));
  const api = new ApiStack(app, STACK_NAMES.api, {
    env,
    description: 'Assistance procurement: the HTTP API and its JWT authorizer',
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
  // Issue 11 §5: the audit route checks the signed digests with the digest key's public half.
  const auditRoute = routeStacks.Platform.functions.getAuditTrail;
  if (!auditRoute) throw new Error('the audit route (getAuditTrail) was not built');
  stateful.auditTrail.allowVerify(auditRoute);
  bindBidSeal(stateful.bidSeal, routeStacks);
  bindPersonalData(stateful.customerKeys, routeStacks);
  // Grants reference the stateful stack through explicit imports (infra/constructs/nag.ts): keep the order.
  api.addStackDependency(stateful);
  operations.addStackDependency(api);
  for (const stack of Object.values(routeStacks)) stack.addStackDependency(operations);
  // Issue 11 §3: bid functions hold concurrency of their own, public ones are capped; the stage comes last.
  applyRushLimits(Object.assign({}, ...Object.values(routeStacks).map((stack) => stack.functions)));
  const stage = new ApiStageStack(app, STACK_NAMES.stage, {
    env,
    description: 'Assistance procurement: the API stage, its access log and per-route throttles',
    api: api.api,
    routes,
  });
  for (const stack of Object.values(routeStacks)) stage.addStackDependency(stack);
  return { stateful, api, operations, routeStacks, stage };
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
    for (const functionName of def.abortedBy ?? []) bind(functionName, { abort: true });
  }
}
