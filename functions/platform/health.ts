import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { healthRoute } from './routes';
import { documentClient } from '#shared/adapters/dynamodb/client';
import { keys } from '#shared/adapters/dynamodb/keys';
import { bucketReachable } from '#shared/adapters/s3/document-storage';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { api } from '#shared/http/api-handler';
import { logger } from '#shared/http/logger';

async function probe(name: string, check: () => Promise<unknown>): Promise<[string, string]> {
  try {
    await check();
    return [name, 'ok'];
  } catch (error) {
    logger.warn('health probe failed', { service: name, error: error as Error });
    return [name, 'unreachable'];
  }
}

export const handler = api(healthRoute, async () => {
  const services = Object.fromEntries(
    await Promise.all([
      probe('dynamodb', () =>
        documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.healthProbe() })),
      ),
      probe('s3', bucketReachable),
    ]),
  );
  const healthy = Object.values(services).every((s) => s === 'ok');
  return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'degraded', services } };
});
