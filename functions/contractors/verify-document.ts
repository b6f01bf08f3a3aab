/**
 * Invoked by EventBridge "Object Created" (AWS) or by s3rver's event (embedded stack), same event shape,
 * for evidence and bid documents alike (both live under contractors/).
 */
import type { EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { clock, store } from '#shared/adapters/store';
import { storage } from '#shared/adapters/storage';
import { logger } from '#shared/http/logger';
import { verifyUploadedDocument } from '#shared/use-cases/verify-document';

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string; size?: number } }
>;

async function verify(event: ObjectCreated) {
  // Our keys use only [a-z0-9_/-], which read the same whether or not the event URL-encodes them.
  const key = event.detail.object.key;
  // The event's time is when S3 created the object: what decides whether a bid document was in time.
  const result = await verifyUploadedDocument({ store, storage, clock }, key, new Date(event.time));
  logger.info('document verification', { key, ...result });
  return result;
}

export const handler = middy(verify).use(injectLambdaContext(logger));
