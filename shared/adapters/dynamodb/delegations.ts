/**
 * The request pipeline's delegation lookup (issue 12 §1, shared/http/api-handler.ts `delegations`): injected by the
 * handlers of delegable routes only, like the rate limiter, so a function without one bundles no DynamoDB client
 * for it. One strongly consistent GetItem: a revocation holds from the moment its transaction lands.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Delegation } from '#shared/domain/delegation';
import { documentClient } from './client';
import { keys, stripKeys } from './keys';
import { TABLE_NAME } from './table';

export type DelegationLookup = (contractorId: string, portalId: string) => Promise<Delegation | undefined>;

export const findDelegation: DelegationLookup = async (contractorId, portalId) => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.delegation(contractorId, portalId),
      ConsistentRead: true,
    }),
  );
  return Item ? stripKeys<Delegation>(Item) : undefined;
};
