/** 废标 (政府采购法 第三十六条) publishes a tenderUpdate with the public reason and the 废标公告. */
import type { Project, UnsuccessfulReason } from '../project';
import type { DisclosureContext, Publication } from './core';
import { baseRelease, notice } from './core';
import type { Release } from './types';

/** Public labels of why a procurement failed (废标, 政府采购法 第三十六条). */
export const UNSUCCESSFUL_REASON_LABEL: Record<UnsuccessfulReason, { zh: string; en: string }> = {
  too_few_bids: {
    zh: '截止时提交投标（响应）文件的供应商不足规定家数',
    en: 'fewer bids than the method requires arrived by the deadline',
  },
  no_valid_bid: { zh: '没有投标（响应）通过符合性审查', en: 'no bid passed the compliance review' },
};

function unsuccessfulReason(project: Project): UnsuccessfulReason {
  const reason = project.unsuccessful?.reason;
  if (!reason) throw new Error(`project ${project.id} is ${project.status} without a reason`);
  return reason;
}

/** Published, bidding closed or evaluated → unsuccessful (废标): the tender failed, with the public reason. */
export function unsuccessfulRelease(project: Project, ctx: DisclosureContext): Release {
  const reason = unsuccessfulReason(project);
  const label = UNSUCCESSFUL_REASON_LABEL[reason];
  const release = baseRelease(project, 'tenderUpdate', 'unsuccessful', ctx);
  release.tender.documents = [
    // 废标 ends the process: the codelist's document for the reasons a process ended.
    notice(
      release,
      'notice',
      'cancellationDetails',
      `${project.title} 废标公告`,
      `${label.zh}（${label.en}；reason code: ${reason}）`,
    ),
  ];
  return release;
}

export const unsuccessful: Publication = {
  from: ['published', 'bidding_closed', 'evaluated'],
  to: 'unsuccessful',
  tag: 'tenderUpdate',
  kind: 'unsuccessful',
  release: (_, after, ctx) => unsuccessfulRelease(after, ctx),
  announce: (_, project, { purchaser }) => {
    const label = UNSUCCESSFUL_REASON_LABEL[unsuccessfulReason(project)];
    const { title } = project;
    return {
      title: { zh: `${title} 废标公告`, en: `Unsuccessful procurement: ${title}` },
      summary: {
        zh: `${purchaser.nameZh}本项目采购失败（废标）。原因：${label.zh}。`,
        en: `${purchaser.nameEn}'s procurement was unsuccessful. Reason: ${label.en}.`,
      },
    };
  },
};
