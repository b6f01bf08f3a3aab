/**
 * Invoked by EventBridge "Object Created" (AWS) or by s3rver's event (embedded stack), same event shape,
 * for evidence and bid documents alike (both live under contractors/).
 */
import type { EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { discardObjectVersion, readObjectVersion } from '#shared/adapters/s3/document-storage';
import { clock, store } from '#shared/adapters/store';
import { logger } from '#shared/http/logger';
import { verifyUploadedDocument } from '#shared/use-cases/verify-document';

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string; size?: number; 'version-id'?: string } }
>;

/** The verifier reads the version an event names, and tags a version it refused to expire (issue 11 §4). */
const storage = { readObject: readObjectVersion, discard: discardObjectVersion };

async function verify(event: ObjectCreated) {
  // Our keys use only [a-z0-9_/-], which read the same whether or not the event URL-encodes them.
  const { key, 'version-id': versionId } = event.detail.object;
  // The event's time is when S3 created the object: what decides whether a bid document was in time.
  const result = await verifyUploadedDocument(
    { store, storage, clock },
    { objectKey: key, createdAt: event.time, ...(versionId ? { versionId } : {}) },
  );
  // Issue 11 §1: an object key may name a bidder (bid-document keys declared before the opaque ones do), so the
  // log line carries the outcome and the document id, never the key.
  logger.info('document verification', result);
  return result;
}

export const handler = middy(verify).use(injectLambdaContext(logger));
