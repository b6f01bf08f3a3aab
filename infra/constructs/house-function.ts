/**
 * The house function: every Lambda of the product is one line of infra (style.md, Powertools example).
 * Runtime, architecture, tracing, bundling, logging and the role are fixed here, once.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, AssetHashType, Duration, Stage, Validations, type ILocalBundling } from 'aws-cdk-lib';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HOUSE_MODULES_CONTEXT, bundleSet, cdkBundling, type BundleSet } from '#infra/constructs/bundling';
import { immutableItemsDenyStatements } from '#infra/constructs/immutable-items';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Powertools service name: one product, one service; the function name tells the handlers apart. */
export const SERVICE_NAME = 'assistance-procurement';

/**
 * PRC Cybersecurity Law art. 21 asks network operators to keep logs at least six months;
 * one year also spans a whole yearly evaluation cycle.
 */
export const LOG_RETENTION = RetentionDays.ONE_YEAR;

/**
 * The environment every function is deployed with besides its own bindings; the bench imports bundles in it.
 * No NODE_OPTIONS: `--enable-source-maps` cost 8-10 ms and 9.5 MiB of every init (issue 9 §3); the `.map`
 * files still ship in each artifact, so a logged minified stack maps offline to the source.
 */
export const RUNTIME_ENVIRONMENT: Readonly<Record<string, string>> = {
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  LOG_LEVEL: 'INFO',
};

export interface HouseFunctionProps {
  /** Module exporting `handler`, relative to the repository root, without extension (as in routes.ts). */
  readonly module: string;
  readonly description?: string;
  /** @default 10 seconds: API Gateway answers 503 after 30 s anyway, and a slow handler is a bug. */
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
}

export class HouseFunction extends NodejsFunction {
  /** The handler module it bundles (`functions/bids/submit-bid`), as the tables name it. */
  readonly module: string;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    // Created before `super` so the function gets them at birth; named after the function.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION });
    // Own role instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to this group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // R-SUP-2: no function may change, delete or expire an audit, public or OCDS item, whatever it is granted.
    for (const statement of immutableItemsDenyStatements()) role.addToPolicy(statement);

    const prebuilt = prebuiltCode(scope, props.module);
    super(scope, id, {
      // From the app's one esbuild run when it lists the module (app.ts), else bundled by the CDK as NodejsFunction
      // does; the same options and, tested, the same asset either way (test/infra/bundling.test.ts).
      ...(prebuilt
        ? { code: prebuilt, handler: 'index.handler' }
        : {
            entry: path.join(repoRoot, `${props.module}.ts`),
            handler: 'handler',
            projectRoot: repoRoot,
            depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
            bundling: cdkBundling,
          }),
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: { ...RUNTIME_ENVIRONMENT, ...props.environment },
    });
    this.module = props.module;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Resource must be "*".',
    });
  }
}

/**
 * The CDK's local bundling step for a module of the app's {@link BundleSet}: it copies the prebuilt bundle into the
 * asset's output directory. `module` is an own property so the CDK's asset cache key (which serialises the bundling
 * options) differs per module; the set is a private field, out of that key.
 */
class PrebuiltBundle implements ILocalBundling {
  readonly #set: BundleSet;

  constructor(
    readonly module: string,
    set: BundleSet,
  ) {
    this.#set = set;
  }

  tryBundle(outputDir: string): boolean {
    this.#set.copyTo(this.module, outputDir);
    return true;
  }
}

/** The module's asset from the app's bundle set, or undefined when the app lists no such module. */
function prebuiltCode(scope: Construct, module: string): Code | undefined {
  const modules = scope.node.tryGetContext(HOUSE_MODULES_CONTEXT) as string[] | undefined;
  const stage = Stage.of(scope);
  if (!modules?.includes(module) || !stage) return undefined;
  return Code.fromAsset(repoRoot, {
    // The hash of the bundle itself, as NodejsFunction's: the same bundle, the same asset.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local step always bundles or throws.
      image: Runtime.NODEJS_24_X.bundlingImage,
      local: new PrebuiltBundle(module, bundleSet(stage.assetOutdir, repoRoot, modules)),
    },
  });
}

/**
 * The modules of the house functions `define` adds to an app: it adds them to a throwaway app with bundling
 * skipped (a second construction, about a second) so the real app can bundle them all in one esbuild run.
 */
export function houseModules(define: (probe: App) => void): string[] {
  // Never synthesized: under the CLI an app would otherwise synthesize itself into cdk.out when the process ends.
  const probe = new App({ autoSynth: false, postCliContext: { [BUNDLING_STACKS]: [] } });
  define(probe);
  const modules = probe.node
    .findAll()
    .filter((construct): construct is HouseFunction => construct instanceof HouseFunction)
    .map((fn) => fn.module);
  return [...new Set(modules)];
}
