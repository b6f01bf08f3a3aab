/**
 * Issue 11 §6: which towns may read a contractor's contacts. A town needs them for the contractors that bid on its
 * own projects, and only once that bid deadline has passed (R-PROC-5: before it, a contact shown would tell the
 * town who bid). The bid writes one TOWNCONTACT# item with its first submission; the contractor view reads one
 * item (a Query, Limit 1, earliest deadline first), beside its GetItem, for a town only.
 */
import type { Viewer } from '#shared/domain/access';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import type { Deps } from './ports';

interface TownContact {
  projectId: string;
  /** The bid deadline, UTC ISO: from then on the town reads the contacts. */
  visibleFrom: string;
}

/**
 * The item the first submission of a bid writes in its own transaction (shared/use-cases/bids.ts). Unconditional:
 * a second write for the same bid writes the same item. Tied to no audit entry: it is derived from the bid, whose
 * own entry records the submission.
 */
export function townContactGrant(
  project: { id: string; purchaserId: string; tender?: { bidDeadline: string } },
  contractorId: string,
): ExtraWrite[] {
  if (!project.tender) return [];
  const visibleFrom = new Date(project.tender.bidDeadline).toISOString();
  return [
    {
      item: {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...keys.townContact(project.purchaserId, contractorId, visibleFrom, project.id),
            recordType: 'town-contact',
            projectId: project.id,
            visibleFrom,
          } satisfies TownContact & Record<string, unknown>,
        },
      },
      onConditionFailed: () => new Error('town contact grant: unconditional put failed a condition'),
    },
  ];
}

/** Whether this town viewer may read the contractor's contacts now: one Query of at most one item. */
export async function townMayReadContacts(
  deps: Deps,
  viewer: Viewer,
  contractorId: string,
): Promise<boolean> {
  if (viewer.role !== 'town' || !viewer.purchaserId) return false;
  const page = await deps.store.queryPartition<TownContact>(
    keys.townContactPartition(viewer.purchaserId, contractorId),
    { limit: 1 },
  );
  const earliest = page.items[0]?.value.visibleFrom;
  return earliest !== undefined && earliest <= deps.clock.now().toISOString();
}
