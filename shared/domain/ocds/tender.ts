/** Publication (from the workflow) publishes the tender release and the 采购公告: bids are accepted until its end. */
import { METHOD_NAME_ZH } from '../procurement-rules';
import type { Project } from '../project';
import type { DisclosureContext, Publication } from './core';
import { METHOD_NAME_EN, baseRelease, yuanText } from './core';
import type { Release } from './types';

/** Published (from the workflow): the notice is out and bids are accepted until tenderPeriod.endDate. */
export const tenderRelease = (project: Project, ctx: DisclosureContext): Release =>
  baseRelease(project, 'tender', 'active', ctx);

export const tender: Publication = {
  from: ['approved'],
  to: 'published',
  tag: 'tender',
  kind: 'procurement_notice',
  release: (_, after, ctx) => tenderRelease(after, ctx),
  announce: (_, project, { purchaser }) => {
    const amount = yuanText(project.estimatedAmount);
    const method = project.procurementMethod;
    const { title } = project;
    const deadline = project.tender?.bidDeadline;
    return {
      title: { zh: `${title} 采购公告`, en: `Procurement notice: ${title}` },
      summary: {
        zh: `${purchaser.nameZh}以${METHOD_NAME_ZH[method]}方式采购，预算金额 ${amount} 元。${deadline ? `投标截止时间：${deadline}。` : ''}`,
        en: `${purchaser.nameEn} procures by ${METHOD_NAME_EN[method]}; budget CNY ${amount}.${deadline ? ` Bids until ${deadline}.` : ''}`,
      },
    };
  },
};
