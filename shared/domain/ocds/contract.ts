/** Signing publishes the contract release under the award in force and the 合同公告. */
import type { Project } from '../project';
import type { DisclosureContext, Publication } from './core';
import {
  awardIdFor,
  awardIn,
  baseRelease,
  cny,
  currentOrdinal,
  ocdsAward,
  period,
  publicName,
  supplierOf,
  yuanText,
} from './core';
import type { Release } from './types';

/** Awarded → contracted: the signed contract under the award in force. */
export function contractRelease(project: Project, ctx: DisclosureContext): Release {
  const award = awardIn(project);
  const signed = project.contract;
  if (!signed?.signedAt)
    throw new Error(`project ${project.id} is ${project.status} without a signed contract`);
  const ordinal = currentOrdinal(project);
  const release = baseRelease(project, 'contract', 'complete', ctx);
  release.parties.push({ ...supplierOf(award), roles: ['supplier'] });
  release.awards = [ocdsAward(project, award, ordinal, 'active')];
  release.contracts = [
    {
      id: signed.id,
      awardID: awardIdFor(project.id, ordinal),
      title: `${project.title} 服务合同`,
      status: 'active',
      value: cny(award.price),
      period: period(project.term),
      dateSigned: signed.signedAt,
    },
  ];
  return release;
}

export const contract: Publication = {
  from: ['awarded'],
  to: 'contracted',
  tag: 'contract',
  kind: 'contract',
  release: (_, after, ctx) => contractRelease(after, ctx),
  announce: (_, project, { purchaser }) => {
    const award = awardIn(project);
    const who = publicName(award);
    const price = yuanText(award.price);
    const { start, end } = project.term;
    const { title } = project;
    return {
      title: { zh: `${title} 合同公告`, en: `Contract: ${title}` },
      summary: {
        zh: `${purchaser.nameZh}与${who.zh}签订服务合同，合同金额 ${price} 元，服务期 ${start} 至 ${end}。`,
        en: `${purchaser.nameEn} signed the service contract with ${who.en}: CNY ${price}, service term ${start} to ${end}.`,
      },
    };
  },
};
