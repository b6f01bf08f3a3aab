import { healthDeepRoute } from './routes';
import { tableReachable } from '#shared/adapters/dynamodb/health-probe';
import { bucketReachable } from '#shared/adapters/s3/document-storage';
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

export const handler = api(healthDeepRoute, async () => {
  const services = Object.fromEntries(
    await Promise.all([probe('dynamodb', tableReachable), probe('s3', bucketReachable)]),
  );
  const healthy = Object.values(services).every((s) => s === 'ok');
  return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'degraded', services } };
});
