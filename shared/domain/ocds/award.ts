/** Award publishes the award in force, its supplier and the 中标（成交）结果公告 with the ranking's tie-breaks. */
import type { Project, ProjectEvaluation } from '../project';
import type { DisclosureContext, Publication } from './core';
import {
  awardIn,
  baseRelease,
  currentOrdinal,
  notice,
  ocdsAward,
  publicName,
  supplierOf,
  yuanText,
} from './core';
import type { Release } from './types';

/**
 * The tie-breaks of the ranking for the award notice (R-QUAL-4, R-PROC-3, R-PROC-5). A draw is stated by its
 * outcome only: the stored statement names who held and witnessed it, and people are not published (R-SUP-3).
 */
export function publicTieBreakStatements(evaluation: ProjectEvaluation | undefined): string[] {
  if (!evaluation) return [];
  return evaluation.tieBreaks.map((t) => {
    if (t.reason !== 'draw_required') return t.statement;
    const undrawn = evaluation.ranked.some(
      (r) => r.drawRequired && (r.bidId === t.above || r.bidId === t.below),
    );
    const equal = `${t.above} 与 ${t.below} 综合得分、质量得分及非营利性社会组织条件均相同`;
    return undrawn
      ? `${equal}，其排序不影响中标（成交）结果，未抽签。 / ${t.above} and ${t.below} are equal on every ranking criterion; their order does not affect the award and was not drawn.`
      : `${equal}，经公开抽签，${t.above} 排名在前。 / ${t.above} and ${t.below} are equal on every ranking criterion; a documented public draw placed ${t.above} first.`;
  });
}

/** Evaluated → awarded: the award in force, its supplier among the parties, the notice with the tie-breaks. */
export function awardRelease(project: Project, ctx: DisclosureContext): Release {
  const award = awardIn(project);
  const release = baseRelease(project, 'award', 'complete', ctx);
  const supplier = supplierOf(award);
  const text = [
    `中标（成交）供应商：${supplier.name}（投标 ${award.bidId}），中标（成交）金额：${yuanText(award.price)} 元。`,
    ...publicTieBreakStatements(project.evaluation),
  ].join('\n');
  release.parties.push({ ...supplier, roles: ['supplier'] });
  release.awards = [
    ocdsAward(project, award, currentOrdinal(project), 'active', [
      notice(release, 'notice', 'awardNotice', `${project.title} 中标（成交）结果公告`, text),
    ]),
  ];
  return release;
}

export const award: Publication = {
  from: ['evaluated'],
  to: 'awarded',
  tag: 'award',
  kind: 'award_result',
  release: (_, after, ctx) => awardRelease(after, ctx),
  announce: (_, project) => {
    const award = awardIn(project);
    const who = publicName(award);
    const price = yuanText(award.price);
    const until = award.standstill.lastDay;
    const { title } = project;
    return {
      title: { zh: `${title} 中标（成交）结果公告`, en: `Award: ${title}` },
      summary: {
        zh: `中标（成交）供应商：${who.zh}（投标 ${award.bidId}），中标（成交）金额 ${price} 元。供应商可于 ${until}（含当日）前提出质疑。`,
        en: `Awarded to ${who.en} (bid ${award.bidId}) at CNY ${price}. Bidders may challenge the award until ${until}.`,
      },
      statements: publicTieBreakStatements(project.evaluation),
    };
  },
};
