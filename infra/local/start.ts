/**
 * `npm start`: the whole backend on this machine. Data stays in DATA_DIR (default .data/) across restarts.
 * Ports: PORT (the API, 3000), DYNAMO_PORT (8000), S3_PORT (4568), SFN_PORT (8083), infra/local/ports.ts; browser
 * origins: ALLOWED_ORIGINS (default any localhost origin), infra/local/cors.ts. A port in use or a bad setting is
 * one line naming the variable to set, and exit code 1 (issue 12 §5).
 * Ctrl-C or SIGTERM stops everything, the DynamoDB Local Java process included.
 */
import { ALLOWED_ORIGINS_ENV, localOriginPolicy } from '#infra/local/cors';
import { defaultDataDir } from '#infra/local/paths';
import { portFromEnv } from '#infra/local/ports';
import { startEmbeddedStack, type EmbeddedStack } from '#infra/local/stack';

function printBanner(stack: EmbeddedStack): void {
  const sinceProcessStart = Math.round(performance.now());
  const lines = [
    '',
    `Embedded stack ready in ${sinceProcessStart} ms (stack start ${stack.readyMs} ms)`,
    `  data            ${stack.dataDir}`,
    `  DynamoDB Local  ${stack.dynamoEndpoint}  table ${stack.tableName}`,
    `  s3rver          ${stack.s3Endpoint}  bucket ${stack.bucketName}`,
    `  Step Functions  ${stack.sfnEndpoint}  workflows ${stack.workflows.workflows.join(', ')}` +
      ` (resumed ${stack.workflows.resumed} running)`,
    `  API             ${stack.baseUrl}  browser origins ${stack.allowedOrigins === 'localhost' ? `any localhost origin (${ALLOWED_ORIGINS_ENV} to change)` : stack.allowedOrigins.join(', ')}`,
    `    health        ${stack.baseUrl}/health`,
    `    docs          ${stack.baseUrl}/docs`,
    `    OpenAPI       ${stack.baseUrl}/openapi.json`,
    '',
    'Get a dev token (roles: bureau town contractor evaluator finance auditor portal):',
    '  npm run token -- --role bureau',
    'Call the API:',
    `  TOKEN=$(npm run --silent token -- --role bureau)`,
    `  curl -H "Authorization: Bearer $TOKEN" ${stack.baseUrl}/v1/contractors`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

function stopOnSignals(stack: EmbeddedStack): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means now; the exit hook still kills Java.
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  const stack = await startEmbeddedStack({
    dataDir: defaultDataDir(),
    port: portFromEnv('api'),
    dynamoPort: portFromEnv('dynamo'),
    s3Port: portFromEnv('s3'),
    sfnPort: portFromEnv('sfn'),
    allowedOrigins: localOriginPolicy(),
    // Opt-in short periods for trying a whole procurement by hand: MINIMUM_PERIOD_SECONDS_OVERRIDE=60 npm start
    ...(process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE
      ? { periodOverrideSeconds: Number(process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE) }
      : {}),
  });
  stopOnSignals(stack);
  printBanner(stack);
} catch (error) {
  console.error('The embedded stack did not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
