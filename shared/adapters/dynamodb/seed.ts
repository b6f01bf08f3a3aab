/**
 * First-run seed of the embedded stack: the demo district (R-BUY-1), the policy catalog (R-CAT-1, R-CAT-4)
 * and the negative list (R-CAT-3). Idempotent: a marker item says it ran; items are written once.
 */
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import { nextEntry, headOf } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { documentClient } from './client';
import { keys } from './keys';
import { auditItem } from './record-store';

const MARKER = { PK: 'SEED', SK: 'DEMO-DISTRICT' };
const SEEDER = { sub: 'seed', role: 'system' };

type Put = { PutRequest: { Item: Record<string, unknown> } };

function catalogPuts(at: string): Put[] {
  return POLICY_CATALOG.flatMap((item) => {
    const entry = nextEntry(undefined, {
      recordType: 'catalog-item',
      recordId: item.code,
      at,
      actor: SEEDER,
      action: 'catalog-item.seeded',
      data: { ...item, kind: 'item' },
    });
    const auditPut = auditItem(entry).Put as { Item: Record<string, unknown> };
    return [
      {
        PutRequest: {
          Item: {
            ...keys.catalogItem(item.code),
            recordType: 'catalog-item',
            ...item,
            kind: 'item',
            ...headOf(entry),
          },
        },
      },
      { PutRequest: { Item: auditPut.Item } },
    ];
  });
}

function otherPuts(): Put[] {
  return [
    ...NEGATIVE_LIST.map((entry) => ({
      PutRequest: {
        Item: {
          ...keys.negativeListEntry(entry.code),
          recordType: 'negative-list',
          ...entry,
          kind: 'negative',
        },
      },
    })),
    ...DEMO_DISTRICT.map((p) => ({
      PutRequest: {
        Item: {
          ...keys.purchaser(p.id),
          ...keys.purchaserIndex(p.level, p.id),
          recordType: 'purchaser',
          ...p,
        },
      },
    })),
  ];
}

export async function seedDemoDistrict(): Promise<{ created: boolean }> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: TABLE_NAME, Key: MARKER, ConsistentRead: true }),
  );
  if (Item) return { created: false };
  const puts = [...catalogPuts(isoWithOffset(new Date())), ...otherPuts()];
  for (let i = 0; i < puts.length; i += 25) {
    let batch: Record<string, Put[]> | undefined = { [TABLE_NAME]: puts.slice(i, i + 25) };
    while (batch && Object.keys(batch).length > 0) {
      const result = await documentClient.send(new BatchWriteCommand({ RequestItems: batch }));
      batch = result.UnprocessedItems as Record<string, Put[]> | undefined;
    }
  }
  await documentClient.send(
    new PutCommand({ TableName: TABLE_NAME, Item: { ...MARKER, at: isoWithOffset(new Date()) } }),
  );
  return { created: true };
}
