import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, S3ObjectCreatedNotificationEventDetail } from 'aws-lambda';
import type { S3rverEventRecord, S3rverNotification } from 's3rver';

type CreatedDetail = S3ObjectCreatedNotificationEventDetail;

/**
 * The EventBridge "Object Created" event S3 sends on AWS. `version-id` is optional here because
 * s3rver has no versioning; on AWS (versioned bucket) it is always present.
 *
 * What the embedded stack can and cannot show of issue 11 §4 ("verified" means the version that is served):
 * s3rver 3.7.1 keeps one object per key (PUT ?versioning answers NotImplemented), sends no `x-amz-version-id` and
 * no `versionId` in its notification, so its events carry no `version-id`, a re-post overwrites the object, and a
 * presigned GET cannot be pinned to a version. On it the verifier therefore tells a replacement by the hash of the
 * checked bytes, and the version rules (read the event's version, a new version replaces a verified document,
 * downloads name the VersionId) are proved at the handler level against the SDK mock
 * (test/handlers/verify-document.test.ts, test/unit/verify-document-rules.test.ts). A record that does carry a
 * `versionId` (an S3 event notification) is mapped through, as AWS would.
 * s3rver writes `eventTime` to the millisecond; EventBridge writes `time` to the second, and so does this mapping,
 * so the verifier's judgment of a late bid document is exercised on the same precision as on AWS.
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
  // S3 event notifications name the version (`versionId`); s3rver's never do (see above).
  const { versionId } = record.s3.object as { versionId?: string };
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
      object: {
        key,
        size: size ?? 0,
        etag: eTag ?? '',
        ...(versionId !== undefined ? { 'version-id': versionId } : {}),
        sequencer,
      },
      'request-id': record.responseElements['x-amz-request-id'],
      requester: options.account,
      'source-ip-address': record.requestParameters.sourceIPAddress.replace(/^::ffff:/, ''),
      reason: REASONS[record.eventName] ?? 'PutObject',
    },
  };
}
