/**
 * The embedded stack's S3 → EventBridge → verifier path and issue 11 (§4 versions, §1 no key in logs): a
 * notification that names a version is delivered with `version-id`, as AWS does (s3rver's never names one: it keeps
 * no versions); the time is cut to the second as EventBridge's is; a failed verification is logged by event id,
 * never by object key.
 */
import type { S3rverEventRecord } from 's3rver';
import { describe, expect, it } from 'vitest';
import { createDocumentEventDispatcher } from '#infra/local/document-events';
import { toObjectCreatedEvents } from '#infra/local/s3-events';

const BIDDER_KEY = 'contractors/ctr_01jabcdefg0123456789/bids/prj_01jabcdefg0123456789/bdoc_1';

function record(object: S3rverEventRecord['s3']['object'] & { versionId?: string }): S3rverEventRecord {
  return {
    eventVersion: '2.0',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-12-01T02:00:00.300Z',
    eventName: 'ObjectCreated:Post',
    userIdentity: { principalId: 'AWS:X' },
    requestParameters: { sourceIPAddress: '::ffff:127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'REQ123', 'x-amz-id-2': 'id2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'testConfigId',
      bucket: { name: 'assistance-documents', ownerIdentity: { principalId: 'O' }, arn: 'arn:aws:s3: : :b' },
      object,
    },
  };
}
const mapping = {
  keyPrefix: 'contractors/',
  account: '000000000000',
  region: 'cn-north-1',
  newId: () => 'evt-1',
};

describe('object-created events on the embedded stack (issue 11 §4)', () => {
  it('deliver the version a record names as version-id, and none when it names none (s3rver)', () => {
    const [versioned] = toObjectCreatedEvents(
      { Records: [record({ key: BIDDER_KEY, sequencer: '1', size: 10, eTag: 'e', versionId: 'v-7' })] },
      mapping,
    );
    expect(versioned?.detail.object).toEqual({
      key: BIDDER_KEY,
      size: 10,
      etag: 'e',
      'version-id': 'v-7',
      sequencer: '1',
    });
    const [plain] = toObjectCreatedEvents(
      { Records: [record({ key: BIDDER_KEY, sequencer: '1', size: 10 })] },
      mapping,
    );
    expect(plain?.detail.object).not.toHaveProperty('version-id');
  });

  it('write the time to the second, as EventBridge does (the verifier counts it as the second’s last millisecond)', () => {
    const [event] = toObjectCreatedEvents(
      { Records: [record({ key: BIDDER_KEY, sequencer: '1' })] },
      mapping,
    );
    expect(event?.time).toBe('2026-12-01T02:00:00Z');
  });
});

describe('a failed verification on the embedded stack (issue 11 §1)', () => {
  it('is logged by event id, never by the object key', async () => {
    const lines: string[] = [];
    const dispatcher = createDocumentEventDispatcher({
      mapping,
      functionName: 'VerifyDocument',
      invoke: () => Promise.reject(new Error('boom')),
      log: (line) => lines.push(line),
    });
    dispatcher.onNotification({ Records: [record({ key: BIDDER_KEY, sequencer: '1', size: 10 })] });
    await dispatcher.idle();

    expect(lines).toHaveLength(3); // the call and Lambda's two retries
    expect(lines[0]).toContain('VerifyDocument failed on event evt-1 (attempt 1)');
    expect(lines.join('\n')).not.toContain('ctr_01jabcdefg0123456789');
  });
});
