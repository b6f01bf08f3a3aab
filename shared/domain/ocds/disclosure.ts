/**
 * Which transition publishes what (R-SUP-3, R-PROC-5): approval → planning + 采购意向; publication → tender +
 * 采购公告; 废标 → tenderUpdate + 废标公告; award → award + 中标（成交）结果公告; a withdrawn award → awardUpdate +
 * 撤销中标结果公告; signing → contract + 合同公告; cancellation of anything public → tenderCancellation + 终止公告.
 * Every other move publishes nothing. A new release kind is a file declaring a `Publication`, listed here.
 */
import type { Project } from '../project';
import { award } from './award';
import { awardWithdrawal } from './award-withdrawal';
import { cancellation } from './cancellation';
import { contract } from './contract';
import type { DisclosureContext, Publication } from './core';
import { announcementOf } from './core';
import { planning } from './planning';
import { tender } from './tender';
import type { AnnouncementKind, Disclosure, PublishedTag } from './types';
import { unsuccessful } from './unsuccessful';

/**
 * Every kind. A use case whose transitions can publish only some kinds passes just those (`ON_CANCEL`, …) so
 * its bundle leaves out the others' code (issue 9 §3); test/unit/ocds-publications.test.ts holds each list
 * complete for the statuses its use case moves a project to.
 */
export const PUBLICATIONS: readonly Publication[] = [
  planning,
  tender,
  unsuccessful,
  award,
  awardWithdrawal,
  contract,
  cancellation,
];

/** Cancelling a project (by the purchaser, or by a sustained challenge). */
export const ON_CANCEL: readonly Publication[] = [cancellation];
/** Answering a challenge: a rescore withdraws the award, a cancel cancels. */
export const ON_CHALLENGE_ANSWER: readonly Publication[] = [awardWithdrawal, cancellation];
/** The second signature of a contract. */
export const ON_CONTRACT: readonly Publication[] = [contract];

const publicationOf = (
  publications: readonly Publication[],
  before: Pick<Project, 'status'>,
  after: Pick<Project, 'status'>,
) => publications.find((p) => p.to === after.status && p.from.includes(before.status));

/** The release tag and announcement kind a transition from `before` to `after` publishes, if any. */
export function publicationFor(
  before: Pick<Project, 'status'>,
  after: Pick<Project, 'status'>,
): { tag: PublishedTag; kind: AnnouncementKind } | undefined {
  return publicationIn(PUBLICATIONS, before, after);
}

/** `publicationFor` among the given kinds only. */
export function publicationIn(
  publications: readonly Publication[],
  before: Pick<Project, 'status'>,
  after: Pick<Project, 'status'>,
): { tag: PublishedTag; kind: AnnouncementKind } | undefined {
  const found = publicationOf(publications, before, after);
  return found ? { tag: found.tag, kind: found.kind } : undefined;
}

/** The release and the announcement of one transition, committed with it (one announcement per release). */
export function disclosureFor(before: Project, after: Project, ctx: DisclosureContext): Disclosure {
  return disclosureIn(PUBLICATIONS, before, after, ctx);
}

/** `disclosureFor` among the given kinds only. */
export function disclosureIn(
  publications: readonly Publication[],
  before: Project,
  after: Project,
  ctx: DisclosureContext,
): Disclosure {
  const publication = publicationOf(publications, before, after);
  if (!publication) return { releases: [], announcements: [] };
  const release = publication.release(before, after, ctx);
  const texts = publication.announce(before, after, ctx);
  return {
    releases: [release],
    announcements: [announcementOf(release, publication.kind, after.id, ctx.purchaser, texts)],
  };
}
