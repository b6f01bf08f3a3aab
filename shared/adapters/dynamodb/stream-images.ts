/**
 * DynamoDB Streams records (Lambda's event source mapping on AWS, the local poller on the embedded stack) → plain
 * items, with the SDK's own unmarshalling, so the archiver reads an audit entry exactly as the table stored it.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** One change of one item, as the archiver needs it. */
export interface ItemChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The stream's sequence number: unique per shard, the retry point of a batch. */
  sequenceNumber: string;
  partition: string;
  sortKey: string;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

const plain = (image: Image | undefined) =>
  image ? unmarshall(image as unknown as Record<string, AttributeValue>) : undefined;

export function itemChangeOf(record: DynamoDBRecord): ItemChange {
  const change = record.dynamodb;
  const keys = plain(change?.Keys) ?? {};
  if (!record.eventName || !change?.SequenceNumber) {
    throw new Error(`stream record ${record.eventID ?? '?'} has no event name or sequence number`);
  }
  const newImage = plain(change.NewImage);
  const oldImage = plain(change.OldImage);
  return {
    eventName: record.eventName,
    sequenceNumber: change.SequenceNumber,
    partition: String(keys.PK),
    sortKey: String(keys.SK),
    ...(newImage ? { newImage } : {}),
    ...(oldImage ? { oldImage } : {}),
  };
}
