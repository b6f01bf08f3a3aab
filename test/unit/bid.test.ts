import { describe, expect, it } from 'vitest';
import type { Viewer } from '#shared/domain/access';
import type { BidDocumentRequest } from '#shared/domain/bid';
import {
  MAX_BID_DOCUMENTS,
  bidAccess,
  bidDocumentObjectKey,
  declareBidDocument,
  disqualifyBid,
  lateUpload,
  parseBidDocumentObjectKey,
  sealedError,
  submitBid,
} from '#shared/domain/bid';
import type { Contractor } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import { parseDocumentObjectKey } from '#shared/domain/contractor';
import { DomainError } from '#shared/domain/errors';
import type { BidRecord } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { PROJECT_ID, project } from '../handlers/procurement-fixtures';
import { CONTRACTOR_ID, contractor } from '../handlers/support';

const DEADLINE = '2025-03-20T10:00:00.000+08:00';
const BEFORE = new Date('2025-03-20T01:59:59.999Z');
const AT_DEADLINE = new Date('2025-03-20T02:00:00.000Z');
const CONTRACTOR: Viewer = { sub: 'u-c', role: 'contractor', contractorId: CONTRACTOR_ID };
const ACTOR = { sub: 'u-c', role: 'contractor' };
const OBJECT_ID = '3f9c2a7be0d14c6a8e5b7d9f1a2c4e6b';

const published = (overrides: Partial<Project> = {}): Project =>
  project({
    status: 'published',
    version: 4,
    tender: { publishedAt: '2025-03-10T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 3 },
    evaluatorIds: ['u-evaluator'],
    ...overrides,
  });

function eligible(overrides: Partial<Contractor> = {}): Contractor {
  const decision = (n: number) => ({
    status: 'approved' as const,
    documentId: `doc_${n}`,
    decidedBy: 'u-bureau',
    decidedAt: '2025-01-05T09:00:00.000+08:00',
    reason: '符合',
  });
  return contractor({
    decisions: Object.fromEntries(CONDITIONS.map((n) => [n, decision(n)])),
    evidence: Object.fromEntries(
      CONDITIONS.map((n) => [n, { latestRevision: 1, latestDocumentId: `doc_${n}` }]),
    ),
    version: 9,
    ...overrides,
  });
}

const input = { price: 28_000_000, proposal: { summary: '照料护理服务方案' } };

const submit = (
  existing: BidRecord | undefined,
  options: { project?: Project; contractor?: Contractor; now?: Date; price?: number } = {},
) =>
  submitBid(
    existing,
    { ...input, ...(options.price !== undefined ? { price: options.price } : {}) },
    {
      project: options.project ?? published(),
      contractor: options.contractor ?? eligible(),
      bidId: 'bid_01jabcdefg0123456789',
      actor: ACTOR,
      now: options.now ?? BEFORE,
    },
  );

/** The DomainError `run` throws. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('who may bid, and when (R-PROC-1, R-PROC-2, R-QUAL-1, R-QUAL-2)', () => {
  it('R-PROC-1: a first bid from an eligible contractor before the deadline is revision 1 with a copy of who bids', () => {
    expect(submit(undefined)).toEqual({
      id: 'bid_01jabcdefg0123456789',
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      contractorKind: 'social_organization',
      contractorName: '示范社会工作服务中心',
      nonProfit: true,
      price: 28_000_000,
      proposal: { summary: '照料护理服务方案' },
      documentIds: [],
      revision: 1,
      submittedAt: '2025-03-20T09:59:59.999+08:00',
      submittedBy: ACTOR,
      version: 1,
    });
  });

  it('R-PROC-1: a bid at the deadline itself is late: 409 naming the deadline', () => {
    const error = refusal(() => submit(undefined, { now: AT_DEADLINE }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(DEADLINE);
    expect(error.details.rule).toBe('R-PROC-1');
  });

  it.each(['draft', 'submitted', 'approved'] as const)(
    'R-PROC-5: a %s project does not exist for bidders (404)',
    (status) => {
      const { tender: _none, ...unpublished } = published();
      expect(refusal(() => submit(undefined, { project: { ...unpublished, status } })).code).toBe(
        'not_found',
      );
    },
  );

  it.each(['bidding_closed', 'cancelled'] as const)(
    'R-PROC-1: a %s project accepts no bids even before the deadline (409)',
    (status) => {
      const error = refusal(() => submit(undefined, { project: published({ status }) }));
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(status);
    },
  );

  it('R-QUAL-2: a contractor not eligible today is refused (422) with the reasons', () => {
    const error = refusal(() =>
      submit(undefined, {
        contractor: eligible({ flags: { creditListHit: true, annualReportFailed: false } }),
      }),
    );
    expect(error.code).toBe('refused');
    expect(error.details.rule).toBe('R-QUAL-2');
    expect(error.message).toContain('abnormal-operations');
  });

  it('R-QUAL-5: evidence that expired before today makes the contractor ineligible', () => {
    const lapsed = eligible();
    lapsed.decisions[4] = { ...lapsed.decisions[4]!, validUntil: '2025-03-19' };
    expect(refusal(() => submit(undefined, { contractor: lapsed })).details.rule).toBe('R-QUAL-2');
  });

  it('R-PROC-2: an invited tender refuses a contractor it did not invite, and accepts an invited one', () => {
    const invited = (ids: string[]) =>
      published({ procurementMethod: 'invited_tender', invitedContractorIds: ids });
    const error = refusal(() => submit(undefined, { project: invited(['ctr_a', 'ctr_b', 'ctr_c']) }));
    expect(error.code).toBe('refused');
    expect(error.details.rule).toBe('R-PROC-2');
    expect(submit(undefined, { project: invited(['ctr_a', CONTRACTOR_ID, 'ctr_c']) }).revision).toBe(1);
  });

  it('R-QUAL-1: a natural person bids only where the project allows natural persons', () => {
    const person = eligible({ kind: 'natural_person', nonProfit: false });
    const error = refusal(() => submit(undefined, { contractor: person }));
    expect(error.code).toBe('refused');
    expect(error.details.rule).toBe('R-QUAL-1');
    expect(
      submit(undefined, { contractor: person, project: published({ allowNaturalPersons: true }) })
        .contractorKind,
    ).toBe('natural_person');
  });
});

describe('the price (R-FUND-2)', () => {
  it('R-FUND-2: a price equal to the budgeted estimate is accepted', () => {
    expect(submit(undefined, { price: 30_000_000 }).price).toBe(30_000_000);
  });

  it('R-FUND-2: a quotation one fen above the budget is invalid (422 on price)', () => {
    const error = refusal(() => submit(undefined, { price: 30_000_001 }));
    expect(error.code).toBe('refused');
    expect(error.details).toEqual({ field: 'price', rule: 'R-FUND-2' });
  });

  it.each([0, -5, 12.5, Number.NaN])('R-FUND-2: %s is not a price in fen (400 on price)', (price) => {
    const error = refusal(() => submit(undefined, { price }));
    expect(error.code).toBe('invalid');
    expect(error.details.field).toBe('price');
  });
});

describe('one bid per contractor, revisable until the deadline (R-PROC-1)', () => {
  const first = submit(undefined);
  const withDocuments: BidRecord = { ...first, documentIds: ['bdoc_1'], version: 2 };

  it('R-PROC-1: a revision keeps the id, submission time and documents, bumps revision and version, sets revisedAt', () => {
    const revised = submitBid(
      withDocuments,
      { price: 27_500_000, proposal: { summary: '修订后的方案' } },
      {
        project: published(),
        contractor: eligible({ name: '示范社会工作服务中心（更名）' }),
        bidId: 'bid_another_id_never_used',
        actor: ACTOR,
        now: BEFORE,
      },
    );
    expect(revised).toEqual({
      ...withDocuments,
      contractorName: '示范社会工作服务中心（更名）',
      price: 27_500_000,
      proposal: { summary: '修订后的方案' },
      revision: 2,
      revisedAt: '2025-03-20T09:59:59.999+08:00',
      version: 3,
    });
  });

  it('R-PROC-1: a revision at the deadline is late like a first bid', () => {
    expect(refusal(() => submit(withDocuments, { now: AT_DEADLINE })).message).toContain(DEADLINE);
  });

  it('R-QUAL-5: a revision judges eligibility again: a contractor suspended since its bid cannot revise', () => {
    const suspended = eligible({ flags: { creditListHit: false, annualReportFailed: true } });
    expect(refusal(() => submit(withDocuments, { contractor: suspended })).details.rule).toBe('R-QUAL-2');
  });
});

describe('sealing (R-PROC-5)', () => {
  const viewers: Record<string, Viewer> = {
    bureau: { sub: 'u-bureau', role: 'bureau', purchaserId: 'pur-district' },
    auditor: { sub: 'u-auditor', role: 'auditor' },
    ownTown: { sub: 'u-town', role: 'town', purchaserId: 'pur-town-1' },
    assignedEvaluator: { sub: 'u-evaluator', role: 'evaluator' },
  };

  it.each(Object.keys(viewers))(
    'R-PROC-5: %s reads nothing before the deadline, every bid after it',
    (name) => {
      const viewer = viewers[name] as Viewer;
      expect(bidAccess(viewer, published(), BEFORE)).toEqual({ kind: 'sealed', until: DEADLINE });
      expect(bidAccess(viewer, published(), AT_DEADLINE)).toEqual({ kind: 'all' });
    },
  );

  it.each([
    ['a town of another purchaser', { sub: 'u-town-2', role: 'town', purchaserId: 'pur-town-2' }],
    ['an evaluator not assigned to the project', { sub: 'u-evaluator-2', role: 'evaluator' }],
    ['finance', { sub: 'u-finance', role: 'finance', purchaserId: 'pur-district' }],
    ['a partner portal', { sub: 'portal-client', role: 'portal' }],
    ['a contractor token naming no contractor', { sub: 'u-x', role: 'contractor' }],
  ])('R-PROC-5: %s reads no bid, before or after the deadline (404)', (_name, viewer) => {
    expect(bidAccess(viewer, published(), BEFORE)).toEqual({ kind: 'none' });
    expect(bidAccess(viewer, published(), AT_DEADLINE)).toEqual({ kind: 'none' });
  });

  it('R-PROC-5: a contractor reads its own bid only, before and after the deadline', () => {
    expect(bidAccess(CONTRACTOR, published(), BEFORE)).toEqual({ kind: 'own', contractorId: CONTRACTOR_ID });
    expect(bidAccess(CONTRACTOR, published(), AT_DEADLINE)).toEqual({
      kind: 'own',
      contractorId: CONTRACTOR_ID,
    });
  });

  it('R-PROC-5: before publication there is no deadline yet, and bids stay sealed', () => {
    const { tender: _none, ...draft } = published({ status: 'approved' });
    expect(bidAccess(viewers.bureau as Viewer, draft, AT_DEADLINE)).toEqual({ kind: 'sealed' });
  });

  it('R-PROC-5: the sealed answer is a 409 with the deadline and no count', () => {
    const error = sealedError({ until: DEADLINE });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(`bids are sealed until ${DEADLINE}`);
  });
});

describe('bid documents (R-PROC-1)', () => {
  const bid = submit(undefined);
  const request: BidDocumentRequest = {
    fileName: '技术方案.pdf',
    contentType: 'application/pdf',
    size: 2048,
  };
  const declare = (b: BidRecord | undefined, now = BEFORE, p = published()) =>
    declareBidDocument(p, b, request, { documentId: 'bdoc_01jabcdefg0123456789', objectId: OBJECT_ID, now });

  it('R-PROC-1, R-PROC-5: a document joins the bid, pending, under an opaque key that names neither bidder nor project', () => {
    const { document, bid: next } = declare(bid);
    expect(document).toEqual({
      documentId: 'bdoc_01jabcdefg0123456789',
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      fileName: '技术方案.pdf',
      contentType: 'application/pdf',
      size: 2048,
      objectKey: `contractors/bids/${OBJECT_ID}`,
      status: 'pending',
      requestedAt: '2025-03-20T09:59:59.999+08:00',
      version: 1,
    });
    expect(next).toEqual({ ...bid, documentIds: ['bdoc_01jabcdefg0123456789'], version: 2 });
    expect(next.revision).toBe(1);
  });

  it('R-PROC-1: no document without a bid, none at or after the deadline, none on a closed project', () => {
    expect(refusal(() => declare(undefined)).message).toContain('submit a bid');
    expect(refusal(() => declare(bid, AT_DEADLINE)).message).toContain(DEADLINE);
    expect(refusal(() => declare(bid, BEFORE, published({ status: 'cancelled' }))).code).toBe('conflict');
  });

  it(`a bid holds at most ${MAX_BID_DOCUMENTS} documents`, () => {
    const full = { ...bid, documentIds: Array.from({ length: MAX_BID_DOCUMENTS }, (_, i) => `bdoc_${i}`) };
    expect(refusal(() => declare(full)).code).toBe('conflict');
  });

  it('R-PROC-5: the opaque object key parses to its object id, and is not mistaken for an evidence key', () => {
    const key = bidDocumentObjectKey(OBJECT_ID);
    expect(key).not.toContain(CONTRACTOR_ID);
    expect(key).not.toContain(PROJECT_ID);
    expect(parseBidDocumentObjectKey(key)).toEqual({ kind: 'opaque', objectId: OBJECT_ID });
    expect(parseDocumentObjectKey(key)).toBeUndefined();
    expect(parseBidDocumentObjectKey(`contractors/${CONTRACTOR_ID}/conditions/1/doc_1`)).toBeUndefined();
    expect(parseBidDocumentObjectKey('contractors/bids/../x')).toBeUndefined();
    expect(parseBidDocumentObjectKey(`contractors/bids/${OBJECT_ID.toUpperCase()}`)).toBeUndefined();
    expect(parseBidDocumentObjectKey(`contractors/bids/${OBJECT_ID}/x`)).toBeUndefined();
  });

  it('a key declared before opaque keys still parses back to its ids (its form may be posted until the deadline)', () => {
    expect(parseBidDocumentObjectKey(`contractors/${CONTRACTOR_ID}/bids/${PROJECT_ID}/bdoc_1`)).toEqual({
      kind: 'legacy',
      contractorId: CONTRACTOR_ID,
      projectId: PROJECT_ID,
      documentId: 'bdoc_1',
    });
    expect(parseBidDocumentObjectKey(`contractors/${CONTRACTOR_ID}/bids/${PROJECT_ID}/../x`)).toBeUndefined();
  });

  it('R-PROC-1: an object S3 created at or after the deadline is late; one a millisecond before is not', () => {
    const tender = published().tender!;
    expect(lateUpload(tender, BEFORE)).toBeUndefined();
    expect(lateUpload(tender, AT_DEADLINE)).toBe(
      `uploaded at 2025-03-20T10:00:00.000+08:00, at or after the bid deadline ${DEADLINE}`,
    );
    expect(lateUpload(tender, new Date('not a time'))).toBe('the upload has no valid creation time');
  });
});

describe('compliance review (R-PROC-3)', () => {
  const BUREAU = { sub: 'u-bureau', role: 'bureau' };
  const closed = published({ status: 'bidding_closed', scoringRound: 1 });
  const bid = { ...submit(undefined), version: 3 };
  const review = (p: Project, b: BidRecord, options: { now?: Date; scoringStarted?: boolean } = {}) =>
    disqualifyBid(
      p,
      b,
      { reason: '未按要求提供服务承诺书' },
      {
        actor: BUREAU,
        now: options.now ?? AT_DEADLINE,
        scoringStarted: options.scoringStarted ?? false,
      },
    );

  it('R-PROC-3: after the deadline, while bidding is closed and unscored, a bid is disqualified with its reason', () => {
    expect(review(closed, bid)).toEqual({
      ...bid,
      disqualified: { reason: '未按要求提供服务承诺书', by: BUREAU, at: '2025-03-20T10:00:00.000+08:00' },
      version: 4,
    });
  });

  it('R-PROC-3: not while bids are still open, nor once scoring of the round has begun, nor twice', () => {
    expect(refusal(() => review(published(), bid)).code).toBe('conflict');
    expect(refusal(() => review(closed, bid, { now: BEFORE })).code).toBe('conflict');
    expect(refusal(() => review(closed, bid, { scoringStarted: true })).message).toContain('scoring');
    expect(refusal(() => review(closed, review(closed, bid))).message).toContain('already');
  });
});
