import type { Contractor } from '#shared/domain/contractor';

/** A registered social organization as the domain holds it (no decisions, no evidence), for unit tests. */
export function contractorRecord(over: Partial<Contractor> = {}): Contractor {
  return {
    id: 'ctr_1',
    kind: 'social_organization',
    name: '示范社工服务中心',
    creditCode: '53100000500019795A',
    nonProfit: true,
    contact: { name: '李', phone: '13800000000' },
    flags: { creditListHit: false, annualReportFailed: false },
    decisions: {},
    evidence: {},
    registeredBy: { sub: 'u-bureau', role: 'bureau' },
    version: 1,
    createdAt: 'now',
    updatedAt: 'now',
    ...over,
  };
}
