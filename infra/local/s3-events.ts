import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, S3ObjectCreatedNotificationEventDetail } from 'aws-lambda';
import type { S3rverEventRecord, S3rverNotification } from 's3rver';

type CreatedDetail = S3ObjectCreatedNotificationEventDetail;

/**
 * The EventBridge "Object Created" event S3 sends on AWS. `version-id` is optional here because
 * s3rver has no versioning; on AWS (versioned bucket) it is always present.
 */
export type ObjectCreatedEvent = EventBridgeEvent<
  'Object Created',
  Omit<CreatedDetail, 'object'> & {
    object: Omit<CreatedDetail['object'], 'version-id'> & { 'version-id'?: string };
  }
> & { source: 'aws.s3' };

export interface EventBridgeMappingOptions {
  /** Only keys under this prefix are delivered, like the EventBridge rule's `prefix` pattern. */
  keyPrefix: string;
  account: string;
  region: string;
  /** Event ids; injectable so tests can pin them. */
  newId?: () => string;
}

const REASONS: Record<string, CreatedDetail['reason']> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'POST Object',
  'ObjectCreated:Copy': 'CopyObject',
  'ObjectCreated:CompleteMultipartUpload': 'CompleteMultipartUpload',
};

/** Maps an s3rver notification to the EventBridge events AWS would deliver to the verifier's rule. */
export function toObjectCreatedEvents(
  notification: S3rverNotification,
  options: EventBridgeMappingOptions,
): ObjectCreatedEvent[] {
  return notification.Records.filter(
    (record) => record.eventName in REASONS && record.s3.object.key.startsWith(options.keyPrefix),
  ).map((record) => toObjectCreatedEvent(record, options));
}

function toObjectCreatedEvent(
  record: S3rverEventRecord,
  options: EventBridgeMappingOptions,
): ObjectCreatedEvent {
  const bucket = record.s3.bucket.name;
  const { key, size, eTag, sequencer } = record.s3.object;
  return {
    version: '0',
    id: (options.newId ?? randomUUID)(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: options.account,
    // EventBridge times have second precision.
    time: record.eventTime.replace(/\.\d+Z$/, 'Z'),
    region: options.region,
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: { key, size: size ?? 0, etag: eTag ?? '', sequencer },
      'request-id': record.responseElements['x-amz-request-id'],
      requester: options.account,
      'source-ip-address': record.requestParameters.sourceIPAddress.replace(/^::ffff:/, ''),
      reason: REASONS[record.eventName] ?? 'PutObject',
    },
  };
}
