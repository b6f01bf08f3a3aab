/** Cancelling anything already public publishes a tenderCancellation (and awardCancellation) and the 终止公告. */
import type { CancellationReason, Project } from '../project';
import { PROJECT_STATUSES } from '../project';
import type { DisclosureContext, Publication } from './core';
import { baseRelease, currentOrdinal, notice, ocdsAward, supplierOf } from './core';
import type { Release } from './types';

/** Public labels of the cancellation reason codes: the code is public, the clerk's note is not. */
export const CANCELLATION_REASON_LABEL: Record<CancellationReason, { zh: string; en: string }> = {
  task_cancelled: { zh: '因重大变故，采购任务取消', en: 'the purchase is no longer needed' },
  requirement_changed: { zh: '采购需求发生重大变化', en: 'the requirement changed substantially' },
  budget_withdrawn: { zh: '预算调整或资金未落实', en: 'the budget was withdrawn or not secured' },
  irregularity: {
    zh: '出现影响采购公正的违法、违规行为',
    en: 'an irregularity affecting the fairness of the procurement',
  },
  challenge_sustained: { zh: '质疑成立，无法继续', en: 'a sustained challenge prevents continuing' },
  duplicate: { zh: '重复立项', en: 'duplicate project' },
  other: { zh: '其他原因', en: 'other reason' },
};

/** The public note of a cancellation (the answer to a sustained challenge), never the clerk's own note. */
const publicNoteOf = (project: Project): string =>
  project.cancellation?.publicNote ? `：${project.cancellation.publicNote}` : '';

/**
 * Cancelled after approval: the tender is withdrawn, with the public reason as a cancellationDetails document;
 * an award in force is cancelled with it and its supplier is a tenderer again.
 */
export function tenderCancellationRelease(before: Project, after: Project, ctx: DisclosureContext): Release {
  const release = baseRelease(after, 'tenderCancellation', 'cancelled', ctx);
  const reason = after.cancellation?.reason ?? 'other';
  const label = CANCELLATION_REASON_LABEL[reason];
  release.tender.documents = [
    notice(
      release,
      'notice',
      'cancellationDetails',
      `${after.title} 终止公告`,
      `${label.zh}（${label.en}；reason code: ${reason}）${publicNoteOf(after)}`,
    ),
  ];
  // A cancellation is always published; the award part only when there is one to cancel.
  const award = before.status === 'awarded' ? before.award : undefined;
  if (award) {
    release.tag = ['tenderCancellation', 'awardCancellation'];
    release.parties.push({ ...supplierOf(award), roles: ['tenderer'] });
    release.awards = [ocdsAward(after, award, currentOrdinal(before), 'cancelled')];
  }
  return release;
}

export const cancellation: Publication = {
  // Anything already public: drafts and submissions stay internal, so their cancellation does too.
  from: PROJECT_STATUSES.filter((status) => status !== 'draft' && status !== 'submitted'),
  to: 'cancelled',
  tag: 'tenderCancellation',
  kind: 'cancellation',
  release: tenderCancellationRelease,
  announce: (before, project, { purchaser }) => {
    const label = CANCELLATION_REASON_LABEL[project.cancellation?.reason ?? 'other'];
    const award = before.status === 'awarded' ? before.award : undefined;
    const { title } = project;
    return {
      title: { zh: `${title} 终止公告`, en: `Cancellation: ${title}` },
      summary: {
        zh: `${purchaser.nameZh}终止本项目采购。原因：${label.zh}${publicNoteOf(project)}。${award ? `原中标（成交）结果（投标 ${award.bidId}）一并撤销。` : ''}`,
        en: `${purchaser.nameEn} cancelled this procurement. Reason: ${label.en}.${award ? ` The award (bid ${award.bidId}) is cancelled with it.` : ''}`,
      },
    };
  },
};
