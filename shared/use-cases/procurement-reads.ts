/**
 * Reads of a project's procurement partition shared by the routes and the workflow tasks. Strongly consistent:
 * a bid acknowledged a millisecond before the deadline is counted when bidding closes, and the last score
 * sheet is seen by the task that checks whether scoring is complete.
 */
import type { Challenge } from '#shared/domain/standstill';
import type { BidRecord, ScoreSheet } from '#shared/domain/procurement-records';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Deps } from './ports';

export const loadBids = (deps: Deps, projectId: string) =>
  deps.store.queryAll<BidRecord>(keys.projectItems(projectId), { sortKeyPrefix: 'BID#', consistent: true });

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
