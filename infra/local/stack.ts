/**
 * The embedded stack behind `npm start` and the stack-level tests: DynamoDB Local, s3rver feeding the
 * document verifier, the workflow runner with its Step Functions endpoint, and the local gateway in front
 * of the same handler modules Lambda runs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eventHandlers, routes } from '#functions/routes';
import { workflows } from '#functions/workflows';
import {
  ensureTable,
  localDynamoClient,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '#infra/local/dynamodb-local';
import { createDocumentEventDispatcher } from '#infra/local/document-events';
import { applyHandlerEnv, handlerEnv } from '#infra/local/env';
import { startGateway, type Gateway } from '#infra/local/gateway';
import { moduleHandlerLoader, type HandlerLoader } from '#infra/local/handlers';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, createJwtAuthorizer, ensureKeys } from '#infra/local/jwt';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '#infra/local/lambda-context';
import { keysDirOf, kmsDirOf, repoRoot } from '#infra/local/paths';
import {
  PORT_SETTINGS,
  asPortInUse,
  assertPortFree,
  freePort,
  portFromEnv,
  portOrFree,
  type PortName,
} from '#infra/local/ports';
import { localOriginPolicy, type OriginPolicy } from '#infra/local/cors';
import { startS3Local, type S3Local } from '#infra/local/s3-local';
import { workflowEnv } from '#infra/local/sfn-api';
import { startSfnEndpoint, type SfnEndpoint } from '#infra/local/sfn-endpoint';
import { startWorkflowRunner, type WorkflowRunner } from '#infra/local/sfn-runner';
import { startLocalAuditArchive, type LocalAuditArchive } from '#infra/local/audit-stream';

export const TABLE_NAME = 'assistance';
export const BUCKET_NAME = 'assistance-documents';
const STOP_IDLE_TIMEOUT_MS = 10_000;
const SEED_MODULE = 'shared/adapters/dynamodb/seed';

export interface EmbeddedStackOptions {
  /** DynamoDB Local files, s3rver files and the JWT keys live here; reuse it to keep data across restarts. */
  dataDir: string;
  /** Gateway port: default env PORT or 3000; 0 picks a free one. A port in use fails the start (PortInUseError). */
  port?: number;
  /** Emulator ports; 0 or undefined picks free ones. */
  dynamoPort?: number;
  s3Port?: number;
  /** The Step Functions endpoint's port; 0 or undefined picks a free one. */
  sfnPort?: number;
  /** Seed the demo district (idempotent). Default true. */
  seed?: boolean;
  log?: (line: string) => void;
  /** Log one line per API request (default true). */
  logRequests?: boolean;
  /** Replaces how handler modules are loaded (tests); default: import them from the repository. */
  loadHandler?: HandlerLoader;
  /** Workflow runner settings (infra/local/sfn-runner.ts): the park horizon, tests' retry pauses. */
  workflowRunner?: { maxParkMs?: number; retryIntervalMs?: number };
  /**
   * MINIMUM_PERIOD_SECONDS_OVERRIDE for the handlers: every minimum tender period and the standstill last
   * this many seconds (shared/config.ts). Unset: the law's days, as in production.
   */
  periodOverrideSeconds?: number;
  /**
   * Browser origins the gateway and the bucket answer with CORS (issue 12 §5, infra/local/cors.ts): default env
   * ALLOWED_ORIGINS, else any localhost origin.
   */
  allowedOrigins?: OriginPolicy;
}

export interface EmbeddedStack {
  baseUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The local Step Functions endpoint (AWS_ENDPOINT_URL_SFN of the handlers). */
  sfnEndpoint: string;
  /** The workflow runner: its workflows, the executions it resumed on start, and the API it serves. */
  workflows: WorkflowRunner;
  tableName: string;
  bucketName: string;
  issuer: string;
  audience: readonly string[];
  keysDir: string;
  dataDir: string;
  /** The browser origins the gateway and the bucket answer with CORS. */
  allowedOrigins: OriginPolicy;
  /** The variables set for the handlers, so a test process can reach the same emulators. */
  env: Record<string, string>;
  /** Milliseconds from the call to everything answering. */
  readyMs: number;
  /** Issue 11 §5: the table stream's archiver and the daily digest, as on AWS (infra/local/audit-stream.ts). */
  auditArchive: LocalAuditArchive;
  /** Resolves when no document verification is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<void>;
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(options.dataDir);
  const keysDir = keysDirOf(dataDir);
  const cors = options.allowedOrigins ?? localOriginPolicy();
  const requested: Record<PortName, number | undefined> = {
    api: options.port ?? portFromEnv('api'),
    dynamo: options.dynamoPort,
    s3: options.s3Port,
    sfn: options.sfnPort,
  };
  // A port asked for and taken is one line naming its variable, before anything starts (issue 12 §5).
  await Promise.all(
    (Object.entries(requested) as [PortName, number | undefined][])
      .filter(([, port]) => port)
      .map(([name, port]) => assertPortFree(port as number, PORT_SETTINGS[name].variable)),
  );
  const [apiPort, dynamoPort, s3Port, sfnPort] = await Promise.all([
    requested.api === 0 ? freePort() : (requested.api as number),
    portOrFree(requested.dynamo),
    portOrFree(requested.s3),
    portOrFree(requested.sfn),
  ]);
  /** A listen that lost its port after the check above still says which variable to set. */
  const named = (name: PortName, port: number) => (error: unknown) => {
    throw asPortInUse(error, port, PORT_SETTINGS[name].variable);
  };

  // Before any handler module is imported: they read their configuration at import time.
  const env = {
    ...handlerEnv({
      tableName: TABLE_NAME,
      bucketName: BUCKET_NAME,
      dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
      s3Endpoint: `http://127.0.0.1:${s3Port}`,
      kmsDir: kmsDirOf(dataDir),
      logLevel: process.env.LOG_LEVEL,
    }),
    ...workflowEnv(`http://127.0.0.1:${sfnPort}`, Object.keys(workflows)),
    ...(options.periodOverrideSeconds !== undefined
      ? { MINIMUM_PERIOD_SECONDS_OVERRIDE: String(options.periodOverrideSeconds) }
      : {}),
  };
  applyHandlerEnv(env);

  const loadHandler = options.loadHandler ?? moduleHandlerLoader();
  const verifier = eventHandlers.documentVerifier;
  const documents = createDocumentEventDispatcher({
    mapping: { keyPrefix: verifier.s3KeyPrefix, account: LOCAL_ACCOUNT_ID, region: LOCAL_REGION },
    functionName: 'documentVerifier',
    invoke: async (event, context) => (await loadHandler(verifier.handler))(event, context),
    log,
  });

  const running: Stoppable[] = [];
  try {
    const [dynamo, s3, keys] = await allOrStop(running, [
      startDynamoDbLocal({
        dbDir: path.join(dataDir, 'dynamodb'),
        port: dynamoPort,
        onUnexpectedExit: (details) => log(`DynamoDB Local stopped unexpectedly: ${details}`),
      }),
      startS3Local({
        dir: path.join(dataDir, 's3'),
        port: s3Port,
        bucketName: BUCKET_NAME,
        onNotification: (notification) => documents.onNotification(notification),
        cors,
      }).catch(named('s3', s3Port)),
      ensureKeys(keysDir),
    ] as const);
    await createTable(dynamo.endpoint);
    if (options.seed ?? true) await seed(log);
    // Resumes every RUNNING execution before anything can answer one of their callbacks.
    const runner = await startWorkflowRunner({
      workflows,
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      loadHandler,
      log,
      ...options.workflowRunner,
    });
    running.push(runner);
    const sfn = await startSfnEndpoint({ port: sfnPort, api: runner, log }).catch(named('sfn', sfnPort));
    running.push(sfn);
    const gateway = await startGateway({
      port: apiPort,
      routes,
      authorizer: createJwtAuthorizer({ jwks: keys.jwks, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE }),
      jwks: keys.jwks,
      loadHandler,
      log,
      logRequests: options.logRequests ?? true,
      cors,
    }).catch(named('api', apiPort));
    running.push(gateway);
    const auditArchive = await startLocalAuditArchive({
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      tableName: TABLE_NAME,
      log,
    });
    running.push(auditArchive);
    Object.assign(env, auditArchive.env);
    return {
      baseUrl: gateway.url,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      sfnEndpoint: sfn.url,
      workflows: runner,
      tableName: TABLE_NAME,
      bucketName: BUCKET_NAME,
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keysDir,
      dataDir,
      allowedOrigins: cors,
      env,
      readyMs: Math.round(performance.now() - started),
      idle: () => documents.idle(),
      auditArchive,
      stop: once(() =>
        stopStack({ gateway, s3, sfn, runner, dynamo, auditArchive, idle: () => documents.idle() }),
      ),
    };
  } catch (error) {
    await Promise.allSettled(running.map((part) => part.stop()));
    throw error;
  }
}

/**
 * Like Promise.all, but every part that did start is recorded in `running` even when a sibling fails,
 * so the caller can stop it (a half-started stack must not leave Java behind).
 */
async function allOrStop<T extends readonly unknown[]>(
  running: Stoppable[],
  parts: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(parts);
  for (const result of settled)
    if (result.status === 'fulfilled' && isStoppable(result.value)) running.push(result.value);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function isStoppable(value: unknown): value is Stoppable {
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<Stoppable>).stop === 'function'
  );
}

async function createTable(endpoint: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    await ensureTable(client, TABLE_NAME);
  } finally {
    client.destroy();
  }
}

/** The lead's idempotent seed; imported only now, after the handler environment is set. */
async function seed(log: (line: string) => void): Promise<void> {
  if (!existsSync(path.join(repoRoot, `${SEED_MODULE}.ts`))) {
    log(`seed skipped: ${SEED_MODULE}.ts does not exist yet`);
    return;
  }
  const specifier = `#${SEED_MODULE}`;
  const loaded = (await import(specifier)) as { seedDemoDistrict?: () => Promise<{ created: boolean }> };
  if (typeof loaded.seedDemoDistrict !== 'function')
    throw new Error(`${SEED_MODULE}.ts does not export seedDemoDistrict`);
  const { created } = await loaded.seedDemoDistrict();
  if (created) log('seeded the demo district');
}

async function stopStack(parts: {
  gateway: Gateway;
  s3: S3Local;
  sfn: SfnEndpoint;
  runner: WorkflowRunner;
  dynamo: DynamoDbLocal;
  auditArchive: LocalAuditArchive;
  idle: () => Promise<void>;
}) {
  // No new requests, uploads or workflow calls; let running verifications finish; the runner saves where
  // each execution stands (they stay RUNNING, resumed on the next start); then the table goes away.
  // The archiver's poller first: it writes to s3rver and reads DynamoDB Local until it stops.
  await parts.auditArchive.stop();
  await Promise.allSettled([parts.gateway.stop(), parts.sfn.stop()]);
  // The verifications read what they check from S3: it stops once they are done.
  await Promise.race([
    parts.idle(),
    new Promise((resolve) => setTimeout(resolve, STOP_IDLE_TIMEOUT_MS).unref()),
  ]);
  await parts.s3.stop();
  await parts.runner.stop();
  await parts.dynamo.stop();
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
