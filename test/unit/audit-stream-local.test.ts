/** The embedded stack's stand-ins for the event source mapping and the scheduler (issue 11 §5). */
import { describe, expect, it } from 'vitest';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { passesArchiverFilter, untilNextDigest, withEmptyMaps } from '#infra/local/audit-stream';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', pk: string) => ({
  eventName,
  dynamodb: { Keys: { PK: { S: pk }, SK: { S: 'x' } }, SequenceNumber: '1' },
});

describe('the local stream poller', () => {
  it.each([
    ['INSERT', 'AUDIT#contractor#c1', true],
    ['MODIFY', 'AUDIT#contractor#c1', true],
    ['REMOVE', 'AUDIT#contractor#c1', true],
    ['INSERT', 'PUBLIC#RELEASES', false],
    ['MODIFY', 'PUBLIC#RELEASES', true],
    ['REMOVE', 'OCID#ocds-1', true],
    // A signed digest is written once; a change or removal is tampering (issue 11 §5).
    ['INSERT', 'DIGEST#2026-12-05', false],
    ['MODIFY', 'DIGEST#2026-12-05', true],
    ['REMOVE', 'DIGEST#2026-12-05', true],
    ['INSERT', 'CONTRACTOR#c1', false],
    ['MODIFY', 'PROJECT#p1', false],
  ] as const)('keeps %s of %s as the mapping’s filters do: %s', (eventName, pk, kept) => {
    expect(passesArchiverFilter(record(eventName, pk))).toBe(kept);
  });

  it('restores the empty maps DynamoDB Local writes as {} in stream images, at any depth', () => {
    const local = {
      ...record('INSERT', 'AUDIT#contractor#c1'),
      dynamodb: {
        ...record('INSERT', 'AUDIT#contractor#c1').dynamodb,
        NewImage: {
          PK: { S: 'AUDIT#contractor#c1' },
          data: { M: { evidence: {}, list: { L: [{}, { S: 'a' }] } } },
        },
      },
    };

    const image = withEmptyMaps(local as never).dynamodb?.NewImage as Record<string, AttributeValue>;

    expect(unmarshall(image)).toEqual({ PK: 'AUDIT#contractor#c1', data: { evidence: {}, list: [{}, 'a'] } });
  });
});

describe('the local scheduler', () => {
  it('runs the digest at the next 00:30 in Shanghai', () => {
    // 00:29 Shanghai is 16:29 UTC the day before: one minute to go.
    expect(untilNextDigest(new Date('2026-11-24T16:29:00Z'))).toBe(60_000);
    // 00:30 exactly has just run: the next is a day later.
    expect(untilNextDigest(new Date('2026-11-24T16:30:00Z'))).toBe(86_400_000);
    // 10:00 Shanghai: 14.5 hours to go.
    expect(untilNextDigest(new Date('2026-11-24T02:00:00Z'))).toBe(14.5 * 3_600_000);
  });
});
