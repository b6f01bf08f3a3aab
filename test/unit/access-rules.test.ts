/**
 * Tenant scoping, as a whole matrix (issue 10 §2: the authorization checks asserted status codes only).
 * R-BUY-1: a town sees and changes only its own purchaser's records; the district bureau, finance and audit see
 * every purchaser. Contractors' records: a contractor sees only itself, a partner portal only whom it registered
 * (architecture.md, API conventions); evidence documents only the contractor itself and the bureau (issue 2 §5).
 */
import { describe, expect, it } from 'vitest';
import { canSeeContractor, canSeeEvidence, inPurchaserScope, type Viewer } from '#shared/domain/access';

const ROLES = ['bureau', 'town', 'auditor', 'finance', 'contractor', 'portal', 'evaluator', 'recipient', ''];
const contractor = { id: 'ctr_1', registeredBy: { sub: 'portal-a', role: 'portal' } };

describe('which contractors a viewer reaches', () => {
  it.each(['bureau', 'town', 'auditor', 'finance'])('%s sees the whole registry', (role) => {
    expect(canSeeContractor({ sub: 'u', role }, contractor)).toBe(true);
  });

  it('a contractor sees itself and no other contractor', () => {
    expect(canSeeContractor({ sub: 'c', role: 'contractor', contractorId: 'ctr_1' }, contractor)).toBe(true);
    expect(canSeeContractor({ sub: 'c', role: 'contractor', contractorId: 'ctr_2' }, contractor)).toBe(false);
    expect(canSeeContractor({ sub: 'c', role: 'contractor' }, contractor)).toBe(false);
  });

  it('a partner portal sees only the contractors it registered, whatever contractorId its token carries', () => {
    expect(canSeeContractor({ sub: 'portal-a', role: 'portal' }, contractor)).toBe(true);
    expect(canSeeContractor({ sub: 'portal-b', role: 'portal', contractorId: 'ctr_1' }, contractor)).toBe(
      false,
    );
  });

  it.each(['evaluator', 'recipient', '', 'Bureau'])('role %j sees no contractor', (role) => {
    expect(canSeeContractor({ sub: 'portal-a', role, contractorId: 'ctr_1' }, contractor)).toBe(false);
  });
});

describe('who sees evidence documents (issue 2 §5)', () => {
  it('the bureau and the contractor itself, nobody else', () => {
    const seen = (viewer: Viewer) => canSeeEvidence(viewer, 'ctr_1');
    expect(seen({ sub: 'u', role: 'bureau' })).toBe(true);
    expect(seen({ sub: 'c', role: 'contractor', contractorId: 'ctr_1' })).toBe(true);
    expect(seen({ sub: 'c', role: 'contractor', contractorId: 'ctr_2' })).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'bureau' && r !== 'contractor')) {
      // Even with the contractor's id on the token, another role does not reach its evidence.
      expect(seen({ sub: 'x', role, contractorId: 'ctr_1' }), role).toBe(false);
    }
  });
});

describe('purchaser scope (R-BUY-1)', () => {
  it('a town reaches its own purchaser only', () => {
    expect(inPurchaserScope({ sub: 't', role: 'town', purchaserId: 'pur_town1' }, 'pur_town1')).toBe(true);
    expect(inPurchaserScope({ sub: 't', role: 'town', purchaserId: 'pur_town1' }, 'pur_town2')).toBe(false);
    expect(inPurchaserScope({ sub: 't', role: 'town', purchaserId: 'pur_town1' }, 'pur_district')).toBe(
      false,
    );
    expect(inPurchaserScope({ sub: 't', role: 'town' }, 'pur_town1')).toBe(false);
  });

  it.each(['bureau', 'finance', 'auditor'])('%s reaches every purchaser of the district', (role) => {
    expect(inPurchaserScope({ sub: 'u', role }, 'pur_town1')).toBe(true);
    expect(inPurchaserScope({ sub: 'u', role, purchaserId: 'pur_town2' }, 'pur_town1')).toBe(true);
  });

  it.each(['contractor', 'portal', 'evaluator', ''])(
    '%j reaches no purchaser, even one named on its token',
    (role) => {
      expect(inPurchaserScope({ sub: 'u', role, purchaserId: 'pur_town1' }, 'pur_town1')).toBe(false);
    },
  );
});
