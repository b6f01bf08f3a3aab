/**
 * The environment the CDK gives each function, read from the CDK app itself rather than listed here (issue 12: a
 * function bound to one more resource, createContractorUser's USER_POOL_ID, stopped the bench at its init).
 *
 * The app is built as infra/app.ts builds it (`addAssistanceStacks`, cdk.json's context), with bundling skipped and
 * never synthesized, as `houseModules` (infra/constructs/house-function.ts) does: about 2.5 s. Every variable a
 * binding sets (bindTable, bindBucket and bindUserPool of infra/constructs/bind.ts, the bid seal and personal-data
 * key grants, the workflows' state machine ARNs, the audit archive's bucket and digest key) is on the function by
 * construction, so a new binding reaches the bench without anyone listing it here.
 *
 * A value the CDK knows (RUNTIME_ENVIRONMENT's) is kept. A reference to a resource (a table name, a key ARN, a
 * pool id: CloudFormation resolves it at deploy) becomes a placeholder naming the variable: every reader of these
 * variables checks only that one is set (shared/config.ts requiredEnv, user-directory.ts), none parses it at init.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { HouseFunction } from '#infra/constructs/house-function';
import { repoRoot } from '#infra/local/paths';
import { addAssistanceStacks, deploymentEnvironment } from '#infra/stacks/assistance';

export type Environment = Readonly<Record<string, string>>;

/** What stands for a value CloudFormation resolves at deploy: `TABLE_NAME` → `bench-table-name`. */
export const placeholderFor = (variable: string): string =>
  `bench-${variable.toLowerCase().replaceAll('_', '-')}`;

/** A function's resolved `Environment.Variables`: literals kept, references replaced by their placeholder. */
export function environmentOf(variables: Record<string, unknown>): Environment {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : placeholderFor(name),
    ]),
  );
}

/**
 * Handler module (as the route, event and workflow tables name it) → the environment of its function in the app.
 * A module deployed twice with different environments would make the figure ambiguous: refused.
 */
export function deployedEnvironments(): Map<string, Environment> {
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    autoSynth: false,
    context: cdkJson.context,
    postCliContext: { [BUNDLING_STACKS]: [] },
  });
  // No account from the shell: the environment's names do not depend on it.
  addAssistanceStacks(app, deploymentEnvironment(app, {}));
  const environments = new Map<string, Environment>();
  for (const fn of app.node.findAll()) {
    if (!(fn instanceof HouseFunction)) continue;
    const cfn = fn.node.defaultChild as CfnFunction;
    const resolved = Stack.of(fn).resolve(cfn.environment) as
      { variables?: Record<string, unknown> } | undefined;
    const env = environmentOf(resolved?.variables ?? {});
    const earlier = environments.get(fn.module);
    if (earlier && JSON.stringify(sorted(earlier)) !== JSON.stringify(sorted(env))) {
      throw new Error(
        `${fn.module} is deployed twice with different environments (${fn.node.path}): the bench measures one ` +
          'bundle per module and cannot tell which environment to give it',
      );
    }
    environments.set(fn.module, env);
  }
  return environments;
}

const sorted = (env: Environment): [string, string][] =>
  Object.entries(env).sort(([a], [b]) => a.localeCompare(b));
