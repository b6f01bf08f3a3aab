/**
 * Where and when a contractor's rostered staff serve a contract (R-CON-3, R-STAFF-1, R-STAFF-2): the shape the staff
 * routes write and the delivery routes read. A delivery is recorded only by a person dispatched to that place on that
 * day (no subcontracting); the rules of dispatching itself (roster, verified employment evidence, no overlap with
 * another contractor) live in shared/domain/staff.ts.
 */
import type { Actor } from './audit-chain';

/** The district's service center (区民政事务综合服务中心), a town, a village or community, a support institution. */
export type PlaceKind = 'service_center' | 'town' | 'village' | 'institution';
export const PLACE_KINDS = ['service_center', 'town', 'village', 'institution'] as const;

export interface Place {
  kind: PlaceKind;
  /** The purchaser the place belongs to: the district bureau for the service center, else the town (区买乡用). */
  purchaserId: string;
  /** The village's id (district seed) for a village, the institution's name for an institution. */
  code?: string;
}

export interface Dispatch {
  id: string;
  contractId: string;
  contractorId: string;
  staffId: string;
  place: Place;
  /** Shanghai dates, both included. */
  period: { start: string; end: string };
  /** Whether the person holds a social-work qualification valid at the start (R-STAFF-1's preference). */
  qualified: boolean;
  /** Ended early (dated), never deleted: the last instant (Shanghai) of the last day covered. */
  endedAt?: string;
  /** Who ended it early, when, the last day covered and why (shared/domain/staff.ts endDispatch). */
  ended?: { on: string; reason?: string; by: Actor; at: string };
  /**
   * Who the person is, as every reader of the dispatch may see it: the name, the resident ID's mask and the role
   * when dispatched (a town lists its staff from the dispatches alone, R-STAFF-2).
   */
  person?: { name: string; residentId: string; role: string };
  /** Who dispatched the person (the contractor's user, or a portal acting for it). */
  createdBy?: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The last day a dispatch covers: its period's end, or the day it was ended early. */
export const lastDayOf = (d: Pick<Dispatch, 'period' | 'endedAt'>): string =>
  d.endedAt && d.endedAt.slice(0, 10) < d.period.end ? d.endedAt.slice(0, 10) : d.period.end;

/** A delivery's place is covered by a dispatch to the same place, or to the town the village belongs to. */
export function placeCovers(dispatched: Place, served: Place, villageTown?: string): boolean {
  if (dispatched.kind === served.kind) {
    return dispatched.purchaserId === served.purchaserId && (dispatched.code ?? '') === (served.code ?? '');
  }
  // Staff dispatched to a town serve its villages too (区买乡用).
  return dispatched.kind === 'town' && served.kind === 'village' && villageTown === dispatched.purchaserId;
}

/**
 * R-CON-3: the dispatch of `staffId` under this contract that covers `place` on `date` (Shanghai), if any: only such a
 * person may deliver the contract's service there and then.
 */
export function coveringDispatch(
  dispatches: readonly Dispatch[],
  staffId: string,
  place: Place,
  date: string,
  villageTown?: string,
): Dispatch | undefined {
  return dispatches.find(
    (d) =>
      d.staffId === staffId &&
      d.period.start <= date &&
      date <= lastDayOf(d) &&
      placeCovers(d.place, place, villageTown),
  );
}
