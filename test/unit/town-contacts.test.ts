/**
 * Issue 11 §6: a town reads a contractor's contacts only when the contractor bid on one of the town's own projects
 * and that bid deadline has passed (R-PROC-5: before it, a contact shown would tell the town who bid).
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '#shared/domain/access';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import type { RecordStorePort } from '#shared/use-cases/ports';
import { townContactGrant, townMayReadContacts } from '#shared/use-cases/town-contacts';

const project = {
  id: 'prj_1',
  purchaserId: 'pur-town-1',
  tender: { bidDeadline: '2026-12-10T17:00:00.000+08:00' },
};

describe('the grant a first bid writes', () => {
  it('is one unconditional put keyed by the town, the bidder and the deadline in UTC', () => {
    expect(townContactGrant(project, 'ctr_9').map((w) => w.item)).toEqual([
      {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            PK: 'TOWNCONTACT#pur-town-1#ctr_9',
            SK: '2026-12-10T09:00:00.000Z#prj_1',
            recordType: 'town-contact',
            projectId: 'prj_1',
            visibleFrom: '2026-12-10T09:00:00.000Z',
          },
        },
      },
    ]);
  });

  it('is nothing for a project without a tender notice', () => {
    expect(townContactGrant({ id: 'prj_2', purchaserId: 'pur-town-1' }, 'ctr_9')).toEqual([]);
  });
});

describe('whether a town may read the contacts', () => {
  const deps = (visibleFrom: string[]) => {
    const queries: unknown[] = [];
    const store = {
      queryPartition: (partition: string, page: unknown) => {
        queries.push({ partition, page });
        return Promise.resolve({
          items: visibleFrom.map((v) => ({ value: { projectId: 'p', visibleFrom: v } })),
        });
      },
    } as unknown as RecordStorePort;
    return { deps: { store, clock: { now: () => new Date('2026-12-10T09:00:00.000Z') } }, queries };
  };
  const town: Viewer = { sub: 'u-town', role: 'town', purchaserId: 'pur-town-1' };

  it('reads one item of its own partition, earliest deadline first, and says yes from the deadline on', async () => {
    const passed = deps(['2026-12-10T09:00:00.000Z']);
    expect(await townMayReadContacts(passed.deps, town, 'ctr_9')).toBe(true);
    expect(passed.queries).toEqual([{ partition: 'TOWNCONTACT#pur-town-1#ctr_9', page: { limit: 1 } }]);
    expect(await townMayReadContacts(deps(['2026-12-10T09:00:00.001Z']).deps, town, 'ctr_9')).toBe(false);
    expect(await townMayReadContacts(deps([]).deps, town, 'ctr_9')).toBe(false);
  });

  it('reads nothing for any other role, nor for a town token without its purchaser', async () => {
    for (const viewer of [
      { sub: 'u', role: 'bureau' },
      { sub: 'u', role: 'auditor' },
      { sub: 'u', role: 'town' },
    ]) {
      const none = deps(['2000-01-01T00:00:00.000Z']);
      expect(await townMayReadContacts(none.deps, viewer, 'ctr_9')).toBe(false);
      expect(none.queries).toEqual([]);
    }
  });
});
