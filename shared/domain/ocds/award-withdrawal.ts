/** A sustained challenge (remedy rescore) publishes an awardUpdate cancelling the award: 撤销中标（成交）结果公告. */
import type { Project, ProjectAward } from '../project';
import type { DisclosureContext, Publication } from './core';
import {
  awardIn,
  baseRelease,
  capitalized,
  currentOrdinal,
  notice,
  ocdsAward,
  publicName,
  supplierOf,
  yuanText,
} from './core';
import type { Release } from './types';

/** The award a sustained challenge withdrew (the last of withdrawnAwards), with its ordinal. */
function withdrawnAward(before: Project, after: Project): { award: ProjectAward; ordinal: number } {
  const withdrawn = after.withdrawnAwards?.at(-1);
  if (withdrawn) return { award: withdrawn, ordinal: after.withdrawnAwards?.length ?? 1 };
  return { award: awardIn(before), ordinal: currentOrdinal(before) };
}

const AWARD_WITHDRAWN = {
  zh: '质疑成立，原中标（成交）结果撤销，重新评审',
  en: 'a sustained challenge withdrew the award; the bids are scored again',
};

/**
 * Awarded → bidding_closed (a sustained challenge, remedy rescore): the award is cancelled, its supplier is
 * a tenderer again, the tender is active until the next award.
 */
export function awardWithdrawalRelease(before: Project, after: Project, ctx: DisclosureContext): Release {
  const { award, ordinal } = withdrawnAward(before, after);
  const release = baseRelease(after, 'awardUpdate', 'active', ctx);
  release.parties.push({ ...supplierOf(award), roles: ['tenderer'] });
  release.awards = [
    ocdsAward(after, award, ordinal, 'cancelled', [
      notice(
        release,
        'withdrawal',
        'cancellationDetails',
        `${after.title} 撤销中标（成交）结果公告`,
        `${AWARD_WITHDRAWN.zh}（${AWARD_WITHDRAWN.en}）`,
      ),
    ]),
  ];
  return release;
}

export const awardWithdrawal: Publication = {
  from: ['awarded'],
  to: 'bidding_closed',
  tag: 'awardUpdate',
  kind: 'award_withdrawn',
  release: awardWithdrawalRelease,
  announce: (before, project) => {
    const { award } = withdrawnAward(before, project);
    const who = publicName(award);
    const price = yuanText(award.price);
    const { title } = project;
    return {
      title: { zh: `${title} 撤销中标（成交）结果公告`, en: `Award withdrawn: ${title}` },
      summary: {
        zh: `${AWARD_WITHDRAWN.zh}。原中标（成交）供应商：${who.zh}（投标 ${award.bidId}），金额 ${price} 元。`,
        en: `${capitalized(AWARD_WITHDRAWN.en)}. Withdrawn award: ${who.en} (bid ${award.bidId}), CNY ${price}.`,
      },
    };
  },
};
