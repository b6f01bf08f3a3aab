/**
 * Reads of a project's procurement partition shared by the routes and the workflow tasks. Strongly consistent:
 * a bid acknowledged a millisecond before the deadline is counted when bidding closes, and the last score
 * sheet is seen by the task that checks whether scoring is complete.
 */
import type { Challenge } from '#shared/domain/standstill';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import { DomainError } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Deps } from './ports';

export const loadBids = (deps: Deps, projectId: string) =>
  deps.store.queryAll<BidRecord>(keys.projectItems(projectId), { sortKeyPrefix: 'BID#', consistent: true });

/**
 * The bids of a project for the readers of their contents (scoring, evaluation, award, challenges): every one must
 * have been opened by CloseBidding (issue 11 §1). A bid still sealed (stored with `sealed`, no price) is refused
 * loudly rather than ranked on an undefined price (review of issue 11).
 */
export async function loadOpenedBids(deps: Deps, projectId: string) {
  const bids = await loadBids(deps, projectId);
  if (bids.some((b) => 'sealed' in b.value && (b.value as { sealed?: unknown }).sealed !== undefined)) {
    throw new DomainError(
      'conflict',
      'the bids are being opened after the deadline; read them again shortly',
      {
        rule: 'R-PROC-5',
      },
    );
  }
  return bids;
}

export const loadScoreSheets = (deps: Deps, projectId: string, round: number) =>
  deps.store.queryAll<ScoreSheet>(keys.projectItems(projectId), {
    sortKeyPrefix: keys.scoreSheetPrefix(round),
    consistent: true,
  });

export const loadChallenges = (deps: Deps, projectId: string) =>
  deps.store.queryAll<Challenge>(keys.projectItems(projectId), {
    sortKeyPrefix: 'CHALLENGE#',
    consistent: true,
  });
