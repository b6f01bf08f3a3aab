/**
 * Examples of every request and response body of the OpenAPI document (issue 12 §4), keyed by component schema
 * (`Contractor`), where a body is that component or a page of it, and by operation where it is neither. They feed
 * OpenAPI only (infra/openapi/document.ts): no Lambda imports them.
 *
 * One story runs through them: 杭州市示范区 (administrative division 330110), the town 东山镇 buys door-to-door
 * target screening (对象排查) from 示范区阳光社会工作服务中心, a social-work organization registered through a partner
 * portal. Amounts are integer fen, instants are written in Asia/Shanghai (+08:00), credit codes pass their check
 * character (GB 32100; test/unit/openapi-examples.test.ts checks them), and every example is validated against its
 * schema by that test.
 */
import type { OpenApiExamples } from '#shared/http/openapi';

// Records of the story (ids as shared/domain/ids.ts makes them: prefix, 10 characters of time, 10 random).
const CONTRACTOR = 'ctr_01kjp1srh0k3m9q2x7vd';
const DOCUMENT = 'doc_01kjp22xg0p8r2w6t4ha';
const BUDGET_LINE = 'bl_01ke8ggm80a7c3e9g2jm';
const PROJECT = 'prj_01kkb709j0n4q8s2v6xz';
const BID = 'bid_01knp1z2z0b5d7f3h9kn';
const OTHER_BID = 'bid_01knr2xaw0e7g9j3m5pr';
const BID_DOCUMENT = 'bdoc_01knp287y0c2e4g6j8mp';
const CHALLENGE = 'chl_01kpm9vc80r3t5v7x9zb';
const CONTRACT = 'con_01kq7tzmz0d6f8h2k4nq';
const PURCHASER = 'pur-town-1';
const PORTAL = '5r8ahm1t0kq3lq2d6e8c4p7j9b';
/** A social service organization (民办非企业单位, 5 2…) registered in 330110; check character G. */
const CREDIT_CODE = '52330110MJ8765431G';
const OCID = `ocds-xxxxxx-${PROJECT}`;
const EXECUTION = `arn:aws-cn:states:cn-north-1:111122223333:execution:Assistance-Procurement:${PROJECT}-publish`;

// People (token subjects are Cognito `sub`s).
const BUREAU = { sub: '3c1f8a52-7d4e-4b9a-9f0e-2a6b5c8d1e47', role: 'bureau' };
const TOWN = { sub: '8e2d4b61-0a3c-4f57-b8d9-6c1e2f3a4b5d', role: 'town' };
const CONTRACTOR_USER = { sub: 'b7a9c3d1-5e2f-4a68-9b0c-1d2e3f4a5b6c', role: 'contractor' };
const EVALUATORS = [
  'e1a2b3c4-0001-4d5e-8f90-1a2b3c4d5e6f',
  'e1a2b3c4-0002-4d5e-8f90-1a2b3c4d5e6f',
  'e1a2b3c4-0003-4d5e-8f90-1a2b3c4d5e6f',
  'e1a2b3c4-0004-4d5e-8f90-1a2b3c4d5e6f',
  'e1a2b3c4-0005-4d5e-8f90-1a2b3c4d5e6f',
];
/** The record without the named fields (a pending document has no upload, verification or download yet). */
const without = <T extends object>(record: T, ...fields: (keyof T)[]) =>
  Object.fromEntries(Object.entries(record).filter(([field]) => !fields.includes(field as keyof T)));
const HASH = (n: number) => `${n.toString(16).padStart(2, '0')}`.repeat(32);

const standard = {
  summary:
    '入户排查辖区内可能符合最低生活保障、特困人员供养或临时救助条件的家庭，逐户填写排查表并提交排查报告。',
  indicators: [
    {
      code: 'households_screened_pct',
      description: '已走访并完成排查的分配户数占比',
      unit: '%',
      target: 100,
      comparison: '>=',
    },
    {
      code: 'screening_report_days',
      description: '走访至提交排查报告的天数',
      unit: 'days',
      target: 5,
      comparison: '<=',
    },
  ],
};

const catalogItem = {
  code: 'A-TARGET-SCREENING',
  group: 'A',
  nameZh: '对象排查',
  nameEn: 'Target screening',
  standard,
  origin: 'policy',
  version: 1,
};

const conditionsApproved = [1, 2, 3, 4, 5, 6, 7, 8].map((condition) => ({
  condition,
  status: 'approved',
  documentId: DOCUMENT,
  validUntil: '2027-03-01',
  decidedBy: BUREAU.sub,
  decidedAt: '2026-03-04T10:12:30+08:00',
  reason: '材料齐全，与原件一致',
}));

const contractor = {
  id: CONTRACTOR,
  kind: 'social_organization',
  name: '示范区阳光社会工作服务中心',
  creditCode: CREDIT_CODE,
  nonProfit: true,
  contact: { name: '王丽华', phone: '13857101234', email: 'wanglihua@yangguang-sw.org.cn' },
  flags: { creditListHit: false, annualReportFailed: false },
  conditions: conditionsApproved,
  version: 9,
  createdAt: '2026-03-02T09:15:00+08:00',
  updatedAt: '2026-03-04T10:12:30+08:00',
};

const contractorDocument = {
  documentId: DOCUMENT,
  contractorId: CONTRACTOR,
  condition: 3,
  revision: 0,
  fileName: '2025年度财务审计报告.pdf',
  contentType: 'application/pdf',
  size: 1_843_200,
  sha256: '9f2c4a1e7b3d5f8a0c6e2b4d8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a',
  validUntil: '2027-03-01',
  status: 'verified',
  uploadedAt: '2026-03-02T09:21:07+08:00',
  verifiedAt: '2026-03-02T09:21:09+08:00',
  createdAt: '2026-03-02T09:20:00+08:00',
  version: 3,
  download: {
    url: `https://assistance-documents.s3.cn-north-1.amazonaws.com.cn/contractors/${CONTRACTOR}/conditions/3/${DOCUMENT}?X-Amz-Expires=300&X-Amz-Signature=…`,
    expiresAt: '2026-03-04T10:17:30+08:00',
  },
};

// Issue 13 §1: a person of the contractor's roster, with verified employment evidence, dispatched to a village.
const STAFF = 'stf_01kq8a1b20c3d4e5f6g7';
const STAFF_DOCUMENT = 'doc_01kq8a3c40h8j9k0m1n2';
const DISPATCH = 'dsp_01kqa0b1c2p3q4r5s6t7';
const staffMember = {
  id: STAFF,
  contractorId: CONTRACTOR,
  name: '张建国',
  residentId: '330110198503120022',
  role: 'social_worker',
  qualification: { level: 'social_worker', certificateNumber: 'SW2021330110123', validUntil: '2029-06-30' },
  joinedOn: '2025-09-01',
  evidence: {
    documentId: STAFF_DOCUMENT,
    kind: 'labour_contract',
    fileName: '张建国劳动合同.pdf',
    contentType: 'application/pdf',
    size: 524_288,
    sha256: HASH(7),
    status: 'verified',
    uploadedAt: '2026-04-29T10:02:11+08:00',
    verifiedAt: '2026-04-29T10:02:12+08:00',
    createdAt: '2026-04-29T10:00:00+08:00',
  },
  version: 3,
  createdAt: '2026-04-29T09:55:00+08:00',
  updatedAt: '2026-04-29T10:02:12+08:00',
};
const dispatch = {
  id: DISPATCH,
  contractId: CONTRACT,
  contractorId: CONTRACTOR,
  staffId: STAFF,
  place: { kind: 'village', purchaserId: PURCHASER, code: 'vil-1-1' },
  period: { start: '2026-05-01', end: '2026-12-31' },
  person: { name: '张建国', residentId: '330110**********22', role: 'social_worker' },
  qualified: true,
  version: 1,
  createdAt: '2026-04-30T09:00:00+08:00',
  updatedAt: '2026-04-30T09:00:00+08:00',
};
// Issue 13 §2: a delivery record (the recipient as the contractor sees it: village and pseudonymous reference).
const DELIVERY = 'dlv_01kqc4r8m0x2m7p3k9q4v6wz8a';
const deliveryInput = {
  catalogCode: 'A-TARGET-SCREENING',
  lineCode: 'households_screened',
  indicatorCode: 'households_screened_pct',
  recipient: { villageId: 'vil-1-1', name: '李秀英', residentId: '330110195304120026', phone: '13857105678' },
  staffId: STAFF,
  start: '2026-06-03T09:00:00+08:00',
  end: '2026-06-03T10:30:00+08:00',
  quantity: 1,
  notes: '入户走访，填写排查表，家庭收入材料已拍照留存',
  evidenceReference: 'PC-2026-06-0031',
};
const delivery = {
  id: DELIVERY,
  contractId: CONTRACT,
  contractorId: CONTRACTOR,
  purchaserId: PURCHASER,
  catalogCode: 'A-TARGET-SCREENING',
  lineCode: 'households_screened',
  unit: '户',
  indicatorCode: 'households_screened_pct',
  recipient: { villageId: 'vil-1-1', townId: PURCHASER, ref: HASH(0x5c) },
  staffId: STAFF,
  dispatchId: DISPATCH,
  start: '2026-06-03T09:00:00+08:00',
  end: '2026-06-03T10:30:00+08:00',
  quantity: 1,
  notes: '入户走访，填写排查表，家庭收入材料已拍照留存',
  evidenceReference: 'PC-2026-06-0031',
  recordedBy: CONTRACTOR_USER,
  version: 1,
  createdAt: '2026-06-03T18:20:11+08:00',
  updatedAt: '2026-06-03T18:20:11+08:00',
};
const uploadForm = (key: string, contentType: string) => ({
  url: 'https://assistance-documents.s3.cn-north-1.amazonaws.com.cn/',
  fields: {
    key,
    'Content-Type': contentType,
    bucket: 'assistance-documents',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'ASIAEXAMPLE/20260302/cn-north-1/s3/aws4_request',
    'X-Amz-Date': '20260302T012000Z',
    Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0wMy0wMlQwMToyNTowMFoiLCJjb25kaXRpb25zIjpbXX0=',
    'X-Amz-Signature': '4f0c…',
  },
  expiresAt: '2026-03-02T09:25:00+08:00',
});

const budgetLine = {
  id: BUDGET_LINE,
  purchaserId: PURCHASER,
  fiscalYear: 2026,
  source: 'working_funds',
  amount: 120_000_000,
  committed: 45_600_000,
  paid: 0,
  available: 74_400_000,
  currency: 'CNY',
  version: 2,
  createdAt: '2026-01-06T10:00:00+08:00',
  updatedAt: '2026-04-28T15:40:12+08:00',
};

const methods = {
  open_tender: { nameZh: '公开招标', minimumPeriodDays: 20, periodUnit: 'calendar_days', minimumBidders: 3 },
  invited_tender: {
    nameZh: '邀请招标',
    minimumPeriodDays: 20,
    periodUnit: 'calendar_days',
    minimumBidders: 3,
  },
  competitive_consultation: {
    nameZh: '竞争性磋商',
    minimumPeriodDays: 10,
    periodUnit: 'calendar_days',
    minimumBidders: 2,
  },
  competitive_negotiation: {
    nameZh: '竞争性谈判',
    minimumPeriodDays: 3,
    periodUnit: 'working_days',
    minimumBidders: 2,
  },
  single_source: { nameZh: '单一来源', minimumPeriodDays: 5, periodUnit: 'working_days', minimumBidders: 1 },
};

const rulesInput = {
  procurementLawThreshold: 100_000_000,
  priceWeight: { min: 10, max: 30 },
  invitedTenderMinimumInvitees: 3,
  singleSourceRationaleMinLength: 50,
  holidays: ['2026-05-01', '2026-05-04', '2026-05-05', '2026-10-01', '2026-10-02'],
  methods: Object.fromEntries(
    Object.entries(methods).map(([method, m]) => [
      method,
      { minimumPeriodDays: m.minimumPeriodDays, minimumBidders: m.minimumBidders },
    ]),
  ),
};

const criteria = {
  quality: [
    { code: 'service_plan', description: '服务方案的针对性与可行性', weight: 40 },
    { code: 'team', description: '项目团队的社工资质与经验', weight: 30 },
    { code: 'past_performance', description: '以往同类服务的履约评价', weight: 10, pastPerformance: true },
  ],
  priceWeight: 20,
};

const projectInput = {
  title: '2026年度东山镇困难群众对象排查服务',
  catalogCode: 'A-TARGET-SCREENING',
  budgetLineId: BUDGET_LINE,
  estimatedAmount: 48_000_000,
  quantity: { value: 1200, unit: '户' },
  term: { start: '2026-06-01', end: '2026-12-31' },
  procurementMethod: 'competitive_consultation',
  allowNaturalPersons: false,
  evaluationCriteria: criteria,
  paymentMilestones: [
    { event: 'signing', percent: 30 },
    { event: 'mid_term_review', percent: 40 },
    { event: 'acceptance_passed', percent: 30, note: '终期验收合格后支付' },
  ],
};

const drawnAt = '2026-04-08T09:30:00+08:00';
const panel = {
  at: drawnAt,
  by: TOWN,
  method: 'drawn',
  evaluatorIds: EVALUATORS,
  afterDeadline: false,
  draw: {
    algorithm: 'sha256-rank/v1',
    size: 5,
    expertise: 'social_work',
    seedInputs: {
      projectId: PROJECT,
      bidDeadline: '2026-04-10T17:00:00+08:00',
      drawnAt,
      nonce: 'q9ZxT2mL4vR8wK1c',
      auditHead: HASH(0xa1),
      poolDigest: HASH(0x5e),
    },
    seed: HASH(0x3c),
    pool: [...EVALUATORS, 'e1a2b3c4-0006-4d5e-8f90-1a2b3c4d5e6f', 'e1a2b3c4-0007-4d5e-8f90-1a2b3c4d5e6f'],
  },
};

const project = {
  id: PROJECT,
  purchaserId: PURCHASER,
  fiscalYear: 2026,
  ...projectInput,
  currency: 'CNY',
  serviceStandard: standard,
  serviceStandardRefined: false,
  invitedContractorIds: [],
  status: 'published',
  timeline: [
    { at: '2026-03-10T14:30:00+08:00', status: 'draft', event: 'created', by: TOWN },
    { at: '2026-03-11T09:02:41+08:00', status: 'submitted', event: 'submitted', by: TOWN },
    { at: '2026-03-12T16:20:05+08:00', status: 'approved', event: 'approved', by: BUREAU },
    {
      at: '2026-03-25T10:00:03+08:00',
      status: 'published',
      event: 'published',
      by: { sub: 'workflow', role: 'system' },
    },
  ],
  evaluatorIds: EVALUATORS,
  panel,
  scoringRound: 1,
  tender: {
    publishedAt: '2026-03-25T10:00:03+08:00',
    bidDeadline: '2026-04-10T17:00:00+08:00',
    minimumBids: 2,
  },
  workflow: { executionArn: EXECUTION, startedAt: '2026-03-25T10:00:00+08:00', waitingFor: 'bid_deadline' },
  createdBy: TOWN,
  version: 7,
  createdAt: '2026-03-10T14:30:00+08:00',
  updatedAt: '2026-04-08T09:30:00+08:00',
};

const bidDocument = {
  documentId: BID_DOCUMENT,
  projectId: PROJECT,
  contractorId: CONTRACTOR,
  fileName: '服务方案.pdf',
  contentType: 'application/pdf',
  size: 2_457_600,
  sha256: '3b8e1d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b',
  status: 'verified',
  requestedAt: '2026-04-08T16:10:00+08:00',
  uploadedAt: '2026-04-08T16:11:32+08:00',
  verifiedAt: '2026-04-08T16:11:34+08:00',
  version: 3,
};

const bid = {
  id: BID,
  projectId: PROJECT,
  contractorId: CONTRACTOR,
  contractorKind: 'social_organization',
  contractorName: '示范区阳光社会工作服务中心',
  nonProfit: true,
  price: 45_600_000,
  proposal: {
    summary: '组建8人社工团队，分三个片区入户排查1200户，每周报送进度，发现急难情况24小时内转介。',
  },
  documentIds: [BID_DOCUMENT],
  revision: 1,
  submittedAt: '2026-04-08T16:05:00+08:00',
  revisedAt: '2026-04-09T10:42:18+08:00',
  version: 4,
};

const scoreSheet = {
  projectId: PROJECT,
  round: 1,
  evaluatorId: EVALUATORS[0],
  scores: [
    { bidId: BID, criterionCode: 'service_plan', score: 86.5 },
    { bidId: BID, criterionCode: 'team', score: 90 },
    { bidId: OTHER_BID, criterionCode: 'service_plan', score: 78 },
    { bidId: OTHER_BID, criterionCode: 'team', score: 81.5 },
  ],
  submittedAt: '2026-04-13T15:20:44+08:00',
  version: 1,
};

const poolMember = {
  sub: EVALUATORS[0],
  name: '陈志远',
  expertise: ['social_work', 'social_assistance_policy'],
  status: 'active',
  registeredAt: '2026-02-16T11:00:00+08:00',
  registeredBy: BUREAU,
  version: 1,
  updatedAt: '2026-02-16T11:00:00+08:00',
};

const challenge = {
  id: CHALLENGE,
  projectId: PROJECT,
  contractorId: 'ctr_01kjq8w2m0f5h7k9n3q5',
  round: 1,
  grounds: '评审专家对我方服务方案“团队”项的评分未说明扣分理由，请求复核。',
  filedAt: '2026-04-20T10:00:00+08:00',
  status: 'dismissed',
  answer: {
    outcome: 'dismissed',
    reply: '经复核，评分符合磋商文件规定的评分标准，维持原评审结果。',
    by: BUREAU,
    at: '2026-04-23T14:30:00+08:00',
  },
  version: 2,
};

const clause = (key: string, titleZh: string, titleEn: string, textZh: string) => ({
  key,
  titleZh,
  titleEn,
  textZh,
});
/** The contract's 履约验收方案 (R-ACC-1..3), agreed with it: both indicators mandatory, a review and a final stage. */
const acceptancePlan = {
  method: '现场检查、服务记录抽查与服务对象满意度调查相结合',
  indicators: standard.indicators.map((indicator) => ({ ...indicator, mandatory: true })),
  stages: [
    { milestoneSeq: 2, event: 'mid_term_review', from: '2026-09-15' },
    { milestoneSeq: 3, event: 'acceptance_passed', from: '2026-12-01' },
  ],
  recipients: { sampleSize: 10, minimumOpinions: 5, satisfiedShareBp: 8000, answerDays: 14 },
  panel: { quorum: 3 },
  rectification: { maxRounds: 2, days: 30, deductionBpPerRound: 500 },
  paymentTermDays: 30,
  minimumQualifiedShareBp: 3000,
  delivery: [{ code: 'households_screened', description: '入户排查户数', unit: '户', planned: 1200 }],
};

const contract = {
  id: CONTRACT,
  projectId: PROJECT,
  bidId: BID,
  purchaserId: PURCHASER,
  contractorId: CONTRACTOR,
  budgetLineId: BUDGET_LINE,
  template: { templateId: 'district-social-assistance-service', version: 1 },
  title: projectInput.title,
  catalogCode: 'A-TARGET-SCREENING',
  term: projectInput.term,
  quantity: projectInput.quantity,
  serviceStandard: standard,
  price: 45_600_000,
  currency: 'CNY',
  clauses: [
    clause('content', '服务内容', 'Service content', '乙方按服务标准为甲方提供对象排查服务。'),
    clause('price', '合同价款', 'Price', '合同总价为人民币456,000.00元。'),
    clause('no_subcontracting', '禁止转包', 'No subcontracting', '乙方不得将本合同服务转包或分包给第三方。'),
  ],
  paymentMilestones: [
    { seq: 1, event: 'signing', percent: 30, basisPoints: 3000, amount: 13_680_000 },
    { seq: 2, event: 'mid_term_review', percent: 40, basisPoints: 4000, amount: 18_240_000 },
    {
      seq: 3,
      event: 'acceptance_passed',
      percent: 30,
      basisPoints: 3000,
      amount: 13_680_000,
      note: '终期验收合格后支付',
    },
  ],
  acceptancePlan,
  status: 'signed',
  signatures: {
    contractor: { by: CONTRACTOR_USER, at: '2026-04-28T09:15:00+08:00' },
    purchaser: { by: TOWN, at: '2026-04-28T15:40:12+08:00' },
  },
  version: 3,
  createdAt: '2026-04-28T00:05:00+08:00',
  updatedAt: '2026-04-28T15:40:12+08:00',
};

const release = {
  ocid: OCID,
  id: `${PROJECT}-v7-tender`,
  date: '2026-03-25T10:00:03+08:00',
  tag: ['tender'],
  initiationType: 'tender',
  buyer: { id: PURCHASER, name: '东山镇人民政府' },
  tender: {
    id: PROJECT,
    title: projectInput.title,
    status: 'active',
    value: { amount: 480000, currency: 'CNY' },
    procurementMethod: 'limited',
    procurementMethodDetails: '竞争性磋商',
    awardCriteria: 'ratedCriteria',
    tenderPeriod: { startDate: '2026-03-25T10:00:03+08:00', endDate: '2026-04-10T17:00:00+08:00' },
  },
};
const packageHead = {
  uri: `https://api.example.gov.cn/v1/public/ocds/records/${OCID}`,
  version: '1.1',
  publishedDate: '2026-03-25T10:00:03+08:00',
  publisher: { name: '示范区民政局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://api.example.gov.cn/docs',
};

const delegationActor = { sub: CONTRACTOR_USER.sub, role: 'contractor' };

// Issue 13 §3 (acceptances, shared/domain/acceptance.ts): the town opens the mid-term acceptance of the contract,
// three recipients are drawn, the panel measures and signs; tokens are 43 base64url characters.
const ACCEPTANCE = 'acc_01kqf3a9b0c1d2e3f4g5';
const INVITATIONS = ['inv_01kqf3a9b0h6j7k8m9n0', 'inv_01kqf3a9b0p1q2r3s4t5', 'inv_01kqf3a9b0v6w7x8y9z0'];
const acceptanceRecord = {
  id: ACCEPTANCE,
  contractId: CONTRACT,
  purchaserId: PURCHASER,
  contractorId: CONTRACTOR,
  milestoneSeq: 2,
  status: 'inspecting',
  round: 1,
  panel: [
    { sub: TOWN.sub, role: 'town' },
    { sub: EVALUATORS[0]!, role: 'evaluator' },
    { sub: EVALUATORS[1]!, role: 'evaluator' },
  ],
  quorum: 3,
  sample: { population: 42, size: 3, seed: HASH(7) },
  invitations: INVITATIONS.map((invitationId, i) => ({
    invitationId,
    village: `v-dongshan-${i + 1}`,
    reference: HASH(20 + i),
  })),
  answerBy: '2026-09-29T10:00:00.000+08:00',
  opinionsClosed: { round: 1, at: '2026-09-16T15:20:00.000+08:00', received: 3, minimum: 3, short: false },
  measurements: {
    round: 1,
    values: { households_screened_pct: 100, screening_report_days: 4 },
    by: TOWN,
    at: '2026-09-17T10:00:00.000+08:00',
  },
  rounds: [],
  workflow: {
    executionArn: `arn:aws-cn:states:cn-north-1:111122223333:execution:Assistance-Acceptance:${ACCEPTANCE}`,
    waitingFor: 'panel',
  },
  openedBy: TOWN,
  version: 4,
  createdAt: '2026-09-15T10:00:00.000+08:00',
  updatedAt: '2026-09-17T10:00:00.000+08:00',
};

// Issue 13 §4: the contract's payment milestones (the default 30 / 40 / 30 of the price, 480,000.00 yuan), the
// mid-term one paid after its acceptance passed with one rectification round (5 % deducted).
const FINANCE = { sub: '4d2e6f80-1b3c-4a5d-9e7f-8a0b1c2d3e4f', role: 'finance' };
const paidMilestone = {
  contractId: CONTRACT,
  purchaserId: PURCHASER,
  contractorId: CONTRACTOR,
  budgetLineId: BUDGET_LINE,
  seq: 2,
  event: 'mid_term_review',
  amount: 19_200_000,
  status: 'paid',
  acceptance: {
    id: 'acc_01kt3m5n70a2b4c6d8e0',
    passedAt: '2026-09-18T16:20:00+08:00',
    rectificationRounds: 1,
  },
  deduction: 960_000,
  payable: 18_240_000,
  payableSince: '2026-09-18T16:20:00+08:00',
  dueBy: '2026-10-23',
  holds: [
    {
      reason: '第三季度财务报告未按期提交，待整改后支付',
      by: BUREAU,
      at: '2026-09-20T10:00:00+08:00',
      releasedAt: '2026-09-25T15:30:00+08:00',
      releasedBy: FINANCE,
      releaseNote: '已补交第三季度财务报告并经审核',
    },
  ],
  payment: { id: `${CONTRACT}.p2`, amount: 18_240_000, paidAt: '2026-10-12T11:05:00+08:00' },
  version: 5,
  createdAt: '2026-04-20T15:00:00+08:00',
  updatedAt: '2026-10-12T11:05:00+08:00',
};
const dueMilestone = {
  ...without(paidMilestone, 'payment', 'holds'),
  seq: 3,
  event: 'acceptance_passed',
  amount: 14_400_000,
  status: 'payable',
  acceptance: {
    id: 'acc_01kx9p2q40f6g8h0j2k4',
    passedAt: '2027-01-08T10:00:00+08:00',
    rectificationRounds: 0,
  },
  deduction: 0,
  payable: 14_400_000,
  payableSince: '2027-01-08T10:00:00+08:00',
  dueBy: '2027-02-07',
  holds: [],
  version: 2,
  updatedAt: '2027-01-08T10:00:00+08:00',
  state: 'overdue',
  daysOverdue: 3,
};

export const OPENAPI_EXAMPLES: OpenApiExamples = {
  components: {
    Problem: {
      type: 'urn:assistance:problem:invalid_request',
      title: 'Invalid request',
      status: 400,
      detail: 'contact.phone: invalid',
      errors: [
        {
          in: 'body',
          field: 'contact.phone',
          pointer: '/contact/phone',
          detail: 'must be a mainland mobile or landline number',
        },
      ],
    },
    Catalog: {
      items: [catalogItem],
      negativeList: [
        {
          code: 'NEG-ELIGIBILITY-DECISION',
          nameZh: '资格认定',
          nameEn: 'Eligibility decisions',
          reason: '救助对象的审核确认属于行政职权，不得购买',
          keywords: ['审核确认', '资格认定', 'eligibility determination'],
        },
      ],
    },
    CatalogItem: catalogItem,
    ServiceStandard: standard,
    Indicator: standard.indicators[0],
    NegativeListEntry: {
      code: 'NEG-FUND-DISBURSEMENT',
      nameZh: '资金发放',
      nameEn: 'Paying out assistance',
      reason: '救助资金的发放由民政部门负责，不得购买',
      keywords: ['救助金发放', '资金拨付', 'benefit disbursement'],
    },
    AddCatalogItem: {
      code: 'C-ELDERLY-VISITS',
      group: 'C',
      nameZh: '特困老人探访照料',
      nameEn: 'Visits and care for elderly persons in extreme hardship',
      standard: {
        summary: '每月至少两次上门探访分散供养特困老人，记录身体与生活状况，协助就医与代购。',
        indicators: [
          {
            code: 'visits_per_month',
            description: '每位老人每月上门探访次数',
            unit: '次',
            target: 2,
            comparison: '>=',
          },
        ],
      },
    },
    Contractor: contractor,
    RegisterContractor: {
      kind: 'social_organization',
      name: '示范区阳光社会工作服务中心',
      creditCode: CREDIT_CODE,
      nonProfit: true,
      contact: { name: '王丽华', phone: '13857101234', email: 'wanglihua@yangguang-sw.org.cn' },
    },
    DocumentUpload: {
      documentId: DOCUMENT,
      document: {
        ...without(contractorDocument, 'uploadedAt', 'verifiedAt', 'download'),
        status: 'pending',
        version: 1,
      },
      upload: uploadForm(`contractors/${CONTRACTOR}/conditions/3/${DOCUMENT}`, 'application/pdf'),
    },
    ContractorDocument: contractorDocument,
    RequestDocumentUpload: {
      condition: 3,
      fileName: '2025年度财务审计报告.pdf',
      contentType: 'application/pdf',
      size: 1_843_200,
      sha256: '9f2c4a1e7b3d5f8a0c6e2b4d8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a',
      validUntil: '2027-03-01',
    },
    ConditionDecision: { documentId: DOCUMENT, decision: 'approved', reason: '审计报告与原件一致，有效期内' },
    ContractorFlags: {
      creditListHit: false,
      annualReportFailed: true,
      note: '2025年度年报未按期报送（民政局登记管理系统）',
    },
    Eligibility: {
      contractorId: CONTRACTOR,
      eligible: false,
      asOf: '2026-03-03',
      conditions: [1, 2, 3, 4, 5, 6, 7, 8].map((condition) =>
        condition === 5
          ? { condition, status: 'pending_review' }
          : { condition, status: 'approved', validUntil: '2027-03-01' },
      ),
      reasons: [
        {
          code: 'evidence_pending_review',
          condition: 5,
          message: 'condition 5 (no serious breach of law in the last three years): evidence awaits review',
        },
      ],
    },
    ContractorUser: {
      contractorId: CONTRACTOR,
      username: 'wang.lihua',
      name: '王丽华',
      // As the API answers them (issue 11 §6): masked, the clear values only sealed.
      email: 'w***@yangguang-sw.org.cn',
      phone: '138****1234',
      createdAt: '2026-03-02T09:30:00+08:00',
      version: 1,
    },
    CreateContractorUser: {
      username: 'wang.lihua',
      email: 'wanglihua@yangguang-sw.org.cn',
      name: '王丽华',
      phone: '13857101234',
    },
    Delegation: {
      contractorId: CONTRACTOR,
      portalId: PORTAL,
      scopes: ['documents', 'bids'],
      validUntil: '2027-03-01T23:59:59+08:00',
      status: 'active',
      consentReference: '授权委托书 YG-2026-007',
      grantedBy: delegationActor,
      grantedAt: '2026-03-02T09:40:00+08:00',
      version: 1,
      createdAt: '2026-03-02T09:40:00+08:00',
      updatedAt: '2026-03-02T09:40:00+08:00',
    },
    GrantDelegation: {
      scopes: ['documents', 'bids'],
      validUntil: '2027-03-01T23:59:59+08:00',
      consentReference: '授权委托书 YG-2026-007',
    },
    RevokeDelegation: { reason: '合作协议到期，不再委托该平台代办' },
    BudgetLine: budgetLine,
    CreateBudgetLine: {
      purchaserId: PURCHASER,
      fiscalYear: 2026,
      source: 'working_funds',
      amount: 120_000_000,
    },
    ProcurementRules: {
      purchaserId: PURCHASER,
      ...rulesInput,
      methods,
      configured: true,
      version: 2,
      updatedAt: '2026-01-08T11:20:00+08:00',
    },
    ProcurementRulesInput: rulesInput,
    Project: project,
    PanelRecord: panel,
    CreateProject: { purchaserId: PURCHASER, ...projectInput },
    UpdateProject: { ...projectInput, estimatedAmount: 46_800_000 },
    CancelProject: { reason: 'budget_withdrawn', note: '上级下达的专项资金调减，本项目取消' },
    Announcement: {
      id: `${PROJECT}-v7-tender`,
      kind: 'procurement_notice',
      projectId: PROJECT,
      ocid: OCID,
      releaseId: `${PROJECT}-v7-tender`,
      purchaser: { id: PURCHASER, nameZh: '东山镇人民政府', nameEn: 'Dongshan Town Government' },
      title: {
        zh: '东山镇人民政府 2026年度东山镇困难群众对象排查服务 竞争性磋商公告',
        en: 'Dongshan Town Government: procurement notice (competitive consultation)',
      },
      summary: {
        zh: '预算金额480,000.00元，响应文件递交截止时间2026年4月10日17:00。',
        en: 'Budget CNY 480,000.00; bids close 2026-04-10 17:00 (UTC+8).',
      },
      publishedAt: '2026-03-25T10:00:03+08:00',
      links: { record: `/v1/public/ocds/records/${OCID}` },
    },
    ReleasePackage: {
      ...packageHead,
      uri: 'https://api.example.gov.cn/v1/public/ocds/releases?since=2026-03-01T00:00:00%2B08:00',
      releases: [release],
      links: {
        next: '/v1/public/ocds/releases?since=2026-03-01T00%3A00%3A00%2B08%3A00&cursor=eyJrIjoiMjAyNi0wMy0yNSJ9.a81f',
      },
      cursor: 'eyJrIjoiMjAyNi0wMy0yNSJ9.a81f',
    },
    RecordPackage: {
      ...packageHead,
      records: [
        {
          ocid: OCID,
          releases: [{ url: packageHead.uri, date: release.date, tag: ['tender'] }],
          compiledRelease: release,
        },
      ],
    },
    AuditEntry: {
      recordType: 'contractor',
      recordId: CONTRACTOR,
      seq: 1,
      at: '2026-03-02T09:15:00+08:00',
      actor: { sub: PORTAL, role: 'portal' },
      action: 'registered',
      data: { kind: 'social_organization', name: '示范区阳光社会工作服务中心' },
      prevHash: HASH(0),
      hash: HASH(0x7b),
    },
    AuditTrail: {
      recordType: 'contractor',
      recordId: CONTRACTOR,
      entries: [
        {
          recordType: 'contractor',
          recordId: CONTRACTOR,
          seq: 1,
          at: '2026-03-02T09:15:00+08:00',
          actor: { sub: PORTAL, role: 'portal' },
          action: 'registered',
          data: { kind: 'social_organization', name: '示范区阳光社会工作服务中心' },
          prevHash: HASH(0),
          hash: HASH(0x7b),
        },
      ],
      chain: { verified: true, length: 9 },
      anchoredBy: { date: '2026-03-04', seq: 9, verified: true },
      cursor: 'eyJzZXEiOjF9.c3d2',
    },
    PublicationAccepted: {
      projectId: PROJECT,
      executionArn: EXECUTION,
      bidDeadline: '2026-04-10T17:00:00+08:00',
      status: 'publishing',
    },
    PublishProject: { bidDeadline: '2026-04-10T17:00:00+08:00' },
    Bid: bid,
    SubmitBid: { price: 45_600_000, proposal: bid.proposal },
    BidDocumentUpload: {
      documentId: BID_DOCUMENT,
      document: { ...without(bidDocument, 'uploadedAt', 'verifiedAt'), status: 'pending', version: 1 },
      upload: {
        ...uploadForm(`contractors/bids/${BID_DOCUMENT}`, 'application/pdf'),
        expiresAt: '2026-04-08T16:15:00+08:00',
      },
    },
    BidDocument: bidDocument,
    RequestBidDocumentUpload: {
      fileName: '服务方案.pdf',
      contentType: 'application/pdf',
      size: 2_457_600,
      sha256: '3b8e1d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b',
    },
    DisqualifyBid: { reason: '未按磋商文件要求提供近三年无重大违法记录声明（符合性审查不通过）' },
    AssignEvaluators: { evaluatorIds: EVALUATORS },
    EvaluatorProject: {
      id: PROJECT,
      title: projectInput.title,
      status: 'bidding_closed',
      bidDeadline: '2026-04-10T17:00:00+08:00',
      scoringRound: 1,
      evaluationCriteria: criteria,
    },
    ScoreSheet: scoreSheet,
    SubmitScores: { scores: scoreSheet.scores },
    ScoreSheetList: { projectId: PROJECT, sheets: [scoreSheet] },
    DrawResult: { order: [BID, OTHER_BID], witnessedBy: ['李建国（镇纪委）', '张敏（公证员）'] },
    DrawPanel: { size: 5, expertise: 'social_work' },
    PoolMember: poolMember,
    RegisterEvaluator: { name: '陈志远', expertise: ['social_work', 'social_assistance_policy'] },
    RetireEvaluator: { reason: '本人申请退出评审专家库' },
    Challenge: challenge,
    FileChallenge: { grounds: challenge.grounds },
    AnswerChallenge: { outcome: 'dismissed', reply: challenge.answer.reply },
    Contract: contract,
    AcceptancePlan: acceptancePlan,
    // Issue 13 §3 (acceptances).
    OpenAcceptance: { milestoneSeq: 2, panel: acceptanceRecord.panel },
    OpenedAcceptance: {
      ...without(acceptanceRecord, 'opinionsClosed', 'measurements'),
      status: 'collecting_opinions',
      workflow: { waitingFor: 'opinions' },
      version: 1,
      updatedAt: acceptanceRecord.createdAt,
      tokens: acceptanceRecord.invitations.map((invitation, i) => ({
        ...invitation,
        name: ['王秀英', '李建国', '张桂兰'][i],
        token: `${'Qm9vaz'.repeat(7)}${i}`,
        expiresAt: acceptanceRecord.answerBy,
      })),
    },
    Acceptance: {
      ...acceptanceRecord,
      recipients: {
        invited: 3,
        answered: 3,
        rounds: [{ round: 1, answered: 3, satisfied: 3, satisfiedShareBp: 10_000 }],
      },
    },
    InvitationLookup: { token: `${'Qm9vaz'.repeat(7)}0` },
    Invitation: {
      contractTitle: '东山镇困难群众入户排查服务',
      items: acceptancePlan.delivery.map(({ code, description, unit }) => ({ code, description, unit })),
      expiresAt: acceptanceRecord.answerBy,
      asks: '请对本项目为您提供的服务给出满意度（1 非常不满意 … 5 非常满意），勾选您接受过的服务项目，并可留言（500 字以内）。',
    },
    SubmitOpinion: {
      token: `${'Qm9vaz'.repeat(7)}0`,
      satisfaction: 5,
      items: ['households_screened'],
      comment: '社工上门很耐心，帮我们把材料都理清楚了。',
    },
    OpinionReceipt: { received: true, answeredAt: '2026-09-16T09:12:00.000+08:00' },
    RecordMeasurements: {
      values: Object.entries(acceptanceRecord.measurements.values).map(([code, value]) => ({ code, value })),
    },
    SignAcceptance: { verdict: 'confirm' },
    PanelSignature: {
      acceptanceId: ACCEPTANCE,
      round: 1,
      sub: EVALUATORS[0]!,
      verdict: 'confirm',
      signedAt: '2026-09-17T11:00:00.000+08:00',
      signed: 2,
      quorum: 3,
    },
    // Issue 13 §2 (supervision): the contractor's report for 2026-Q2 and the town's spot check of the same contract.
    SubmitFinancialReport: {
      income: 14_040_000,
      expenditure: { staff: 9_860_000, materials: 1_250_000, administration: 730_000 },
      notes: '二季度完成入户排查 1,212 户；材料费含排查表印制。',
      documents: [
        { title: '2026年第二季度工资发放表', reference: '记账凭证 2026-06-028' },
        { title: '排查表印制发票', reference: '记账凭证 2026-05-011' },
      ],
    },
    FinancialReport: {
      contractId: CONTRACT,
      period: '2026-Q2',
      contractorId: CONTRACTOR,
      purchaserId: PURCHASER,
      income: 14_040_000,
      expenditure: { staff: 9_860_000, materials: 1_250_000, administration: 730_000 },
      totalExpenditure: 11_840_000,
      notes: '二季度完成入户排查 1,212 户；材料费含排查表印制。',
      documents: [{ title: '2026年第二季度工资发放表', reference: '记账凭证 2026-06-028' }],
      status: 'accepted',
      submissions: 2,
      submittedBy: CONTRACTOR_USER,
      submittedAt: '2026-07-12T16:20:00+08:00',
      review: { decision: 'accepted', by: TOWN, at: '2026-07-15T10:05:00+08:00' },
      version: 4,
      createdAt: '2026-07-06T09:30:00+08:00',
      updatedAt: '2026-07-15T10:05:00+08:00',
    },
    ReviewFinancialReport: { decision: 'returned', reason: '人员支出与工资发放表合计不符，请核对后重新提交' },
    DocumentReference: { title: '整改前后入户记录对照表', reference: '台账 DS-2026-07-03' },
    RecordInspection: {
      date: '2026-07-02',
      place: '东山镇东溪村',
      checked: '抽查 20 户排查表与入户记录，核对在岗人员',
      findings: [{ description: '3 户排查表缺少户主签字', severity: 'minor', responseDueBy: '2026-07-16' }],
    },
    Inspection: {
      id: 'ins_01kt2c7hq0f3h5k7m9pr',
      contractId: CONTRACT,
      contractorId: CONTRACTOR,
      purchaserId: PURCHASER,
      date: '2026-07-02',
      place: '东山镇东溪村',
      checked: '抽查 20 户排查表与入户记录，核对在岗人员',
      findings: [
        {
          n: 1,
          description: '3 户排查表缺少户主签字',
          severity: 'minor',
          responseDueBy: '2026-07-16',
          status: 'closed',
          responses: [
            {
              text: '已补签并复核其余排查表',
              documents: [{ title: '补签排查表扫描件', reference: '台账 DS-2026-07-03' }],
              by: CONTRACTOR_USER,
              at: '2026-07-09T15:00:00+08:00',
              late: false,
            },
          ],
          reopenings: [],
          closed: { note: '复核无误', by: TOWN, at: '2026-07-10T09:00:00+08:00' },
        },
      ],
      status: 'closed',
      overdueFindings: 0,
      inspectedBy: TOWN,
      version: 3,
      createdAt: '2026-07-02T17:40:00+08:00',
      updatedAt: '2026-07-10T09:00:00+08:00',
    },
    RespondToFinding: {
      text: '已补签并复核其余排查表',
      documents: [{ title: '补签排查表扫描件', reference: '台账 DS-2026-07-03' }],
    },
    CloseFinding: { note: '复核无误' },
    ReopenFinding: { reason: '补签表仍缺 1 户', responseDueBy: '2026-07-20' },
    // Issue 13 §1: the roster and dispatch (a resident ID passing its GB 11643 check character).
    CreateStaffMember: {
      name: '张建国',
      residentId: '330110198503120022',
      role: 'social_worker',
      qualification: {
        level: 'social_worker',
        certificateNumber: 'SW2021330110123',
        validUntil: '2029-06-30',
      },
      joinedOn: '2025-09-01',
    },
    StaffMember: staffMember,
    LeaveStaffRoster: { on: '2026-12-31', reason: '合同期满离职' },
    RequestStaffEvidenceUpload: {
      kind: 'labour_contract',
      fileName: '张建国劳动合同.pdf',
      contentType: 'application/pdf',
      size: 524_288,
      sha256: HASH(7),
    },
    StaffEvidenceUpload: {
      documentId: STAFF_DOCUMENT,
      staff: {
        ...staffMember,
        evidence: { ...without(staffMember.evidence, 'uploadedAt', 'verifiedAt'), status: 'pending' },
        version: 2,
      },
      upload: uploadForm(`contractors/${CONTRACTOR}/staff/${STAFF}/${STAFF_DOCUMENT}`, 'application/pdf'),
    },
    CreateDispatch: {
      staffId: STAFF,
      place: { kind: 'village', purchaserId: PURCHASER, code: 'vil-1-1' },
      period: { start: '2026-05-01', end: '2026-12-31' },
    },
    Dispatch: dispatch,
    // Issue 13 §2.
    CreateDelivery: deliveryInput,
    DeliveryBatchRow: { recordId: 'ds-20260603-0031', ...deliveryInput },
    Delivery: delivery,
    CreateDeliveryBatch: { records: [{ recordId: 'ds-20260603-0031', ...deliveryInput }] },
    DeliveryBatchResult: {
      results: [
        { index: 0, recordId: 'ds-20260603-0031', status: 'created', id: DELIVERY },
        {
          index: 1,
          recordId: 'ds-20260603-0032',
          status: 'invalid',
          errors: [
            {
              field: 'records.1.staffId',
              detail:
                'stf_01kq8a1b20c3d4e5f6g8 is not dispatched under this contract to vil-1-2 from 2026-06-03 to 2026-06-03',
              rule: 'R-CON-3',
            },
          ],
        },
      ],
      created: 1,
      duplicate: 0,
      invalid: 1,
    },
    Progress: {
      contractId: CONTRACT,
      asOf: '2026-09-30',
      elapsedShare: 0.5794,
      lines: [
        {
          code: 'households_screened',
          description: '入户排查户数',
          unit: '户',
          planned: 1200,
          delivered: 655,
          records: 655,
          expectedByToday: 695.28,
          status: 'at_risk',
        },
      ],
    },
    EndDispatch: { on: '2026-10-31', reason: '调整至河口社区' },
    StaffingShare: { dispatched: 4, qualified: 2, shareBp: 5000, minimumBp: 3000, met: true },
    // Issue 13 §4: payments, the payment clock, withholding and termination.
    Milestone: paidMilestone,
    DueMilestone: dueMilestone,
    PayMilestone: { milestoneSeq: 2, reference: '国库集中支付凭证 2026-1012-0457' },
    Payment: {
      id: `${CONTRACT}.p2`,
      contractId: CONTRACT,
      seq: 2,
      purchaserId: PURCHASER,
      contractorId: CONTRACTOR,
      budgetLineId: BUDGET_LINE,
      amount: 18_240_000,
      milestoneAmount: 19_200_000,
      deduction: 960_000,
      acceptanceId: 'acc_01kt3m5n70a2b4c6d8e0',
      reference: '国库集中支付凭证 2026-1012-0457',
      paidBy: FINANCE,
      paidAt: '2026-10-12T11:05:00+08:00',
      contractStatus: 'signed',
      version: 1,
      createdAt: '2026-10-12T11:05:00+08:00',
      updatedAt: '2026-10-12T11:05:00+08:00',
    },
    WithholdMilestone: { reason: '第三季度财务报告未按期提交，待整改后支付' },
    ReleaseMilestone: { note: '已补交第三季度财务报告并经审核' },
    TerminateContract: {
      reason: '经检查发现擅自将入户排查服务转包给其他机构，违反合同禁止转包条款',
      liability: '按合同违约责任条款，承接主体支付合同价款10%的违约金，已支付款项不予退还',
    },
  },
  operations: {
    listMilestones: {
      response: { contractId: CONTRACT, contractStatus: 'signed', items: [paidMilestone] },
    },
    listDue: {
      response: { purchaserId: PURCHASER, today: '2027-02-10', items: [dueMilestone] },
    },
    listDispatches: {
      response: {
        items: [dispatch],
        staffing: { dispatched: 1, qualified: 1, shareBp: 10000, minimumBp: 3000, met: true },
      },
    },
    health: { response: { status: 'ok' } },
    healthDeep: { response: { status: 'ok', services: { table: 'ok', bucket: 'ok' } } },
  },
  problems: {
    400: {
      type: 'urn:assistance:problem:validation',
      title: 'Invalid request',
      status: 400,
      detail: 'invalid: validUntill',
      instance: `/v1/contractors/${CONTRACTOR}/documents`,
      errors: [{ in: 'body', field: 'validUntill', pointer: '#/validUntill', detail: 'unknown field' }],
    },
    401: {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'send the access token',
      instance: `/v1/contractors/${CONTRACTOR}`,
    },
    403: {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'the town role may not POST /v1/catalog/items',
      instance: '/v1/catalog/items',
    },
    404: {
      type: 'urn:assistance:problem:not_found',
      title: 'Not Found',
      status: 404,
      detail: `contractor ${CONTRACTOR} not found`,
      instance: `/v1/contractors/${CONTRACTOR}`,
    },
    409: {
      type: 'urn:assistance:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'bids are sealed until the bid deadline 2026-04-10T17:00:00+08:00',
      instance: `/v1/projects/${PROJECT}/bids`,
      rule: 'R-PROC-5',
    },
    412: {
      type: 'urn:assistance:problem:stale',
      title: 'Precondition Failed',
      status: 412,
      detail: 'the project changed since you read it (version 7): read it again',
      instance: `/v1/projects/${PROJECT}`,
    },
    415: {
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'send the body as application/json',
      instance: '/v1/contractors',
    },
    422: {
      type: 'urn:assistance:problem:refused',
      title: 'Refused by rule',
      status: 422,
      detail: 'title: matches the negative list (NEG-FUND-DISBURSEMENT: 资金发放)',
      instance: '/v1/projects',
      rule: 'R-CAT-3',
    },
    428: {
      type: 'about:blank',
      title: 'Precondition Required',
      status: 428,
      detail: 'send If-Match with the ETag you read',
      instance: `/v1/projects/${PROJECT}`,
      errors: [{ in: 'header', field: 'If-Match', pointer: '#/If-Match', detail: 'required on updates' }],
    },
    429: {
      type: 'urn:assistance:problem:rate_limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'more than 10 writes at once or 2 per second from this caller; try again in 1 s',
      instance: `/v1/projects/${PROJECT}/bid`,
    },
  },
};
