/** Approval publishes the planning release and the 采购意向 (财库〔2020〕10号): planned, not yet open for bids. */
import { METHOD_NAME_ZH } from '../procurement-rules';
import type { Project } from '../project';
import type { DisclosureContext, Publication } from './core';
import { METHOD_NAME_EN, baseRelease, yuanText } from './core';
import type { Release } from './types';

/** Approved: the process is planned (采购意向), not yet open for bids. */
export const planningRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'planning', 'planned', ctx);

export const planning: Publication = {
  from: ['submitted'],
  to: 'approved',
  tag: 'planning',
  kind: 'procurement_intention',
  release: (_, after, ctx) => planningRelease(after, ctx),
  announce: (_, project, { purchaser }) => {
    const amount = yuanText(project.estimatedAmount);
    const method = project.procurementMethod;
    const { title } = project;
    return {
      title: { zh: `${title} 采购意向`, en: `Procurement intention: ${title}` },
      summary: {
        zh: `${purchaser.nameZh}拟以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元，服务期 ${project.term.start} 至 ${project.term.end}。`,
        en: `${purchaser.nameEn} plans to procure by ${METHOD_NAME_EN[method]}; budget CNY ${amount}; service term ${project.term.start} to ${project.term.end}.`,
      },
    };
  },
};
