/**
 * Issue 12 §1: the rules of a contractor's delegation to a partner portal (shared/domain/delegation.ts): who grants
 * which scope, how long a grant runs, and when a portal may act on a route of a scope (R-SUP-2: dated, never deleted).
 */
import { describe, expect, it } from 'vitest';
import { delegationGrantor } from '#shared/domain/access';
import type { Delegation } from '#shared/domain/delegation';
import {
  delegationRefusal,
  delegationStatus,
  grantDelegation,
  grantRefusal,
  latestValidUntil,
  revokeDelegation,
} from '#shared/domain/delegation';
import { DomainError } from '#shared/domain/errors';

const NOW = new Date('2026-03-10T02:00:00.000Z');
const AT = '2026-03-10T10:00:00.000+08:00';
const CONTRACTOR = { sub: 'u-c', role: 'contractor' };
const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const IDS = { contractorId: 'ctr_01jabcdefg0123456789', portalId: 'portal-a' };
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

const granted = (overrides: Partial<Delegation> = {}): Delegation => ({
  ...grantDelegation(
    undefined,
    IDS,
    { scopes: ['documents', 'bids'], validUntil: inDays(30) },
    { actor: CONTRACTOR, grantor: 'contractor', now: NOW, at: AT },
  ),
  ...overrides,
});

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('no DomainError thrown');
};

describe('who grants which scope (bids and contracts commit the contractor: its own user only)', () => {
  it("lets the contractor's own user grant every scope", () => {
    expect(grantRefusal('contractor', { scopes: ['documents', 'bids', 'contracts', 'deliveries'] })).toBe(
      undefined,
    );
  });

  it('lets the bureau grant documents and deliveries', () => {
    expect(grantRefusal('bureau', { scopes: ['documents', 'deliveries'] })).toBe(undefined);
  });

  it('refuses the bureau bids and contracts, naming them and why', () => {
    const refusal = grantRefusal('bureau', { scopes: ['documents', 'bids', 'contracts'] });
    expect(refusal).toMatch(/only the contractor's own user may delegate bids and contracts/);
    expect(refusal).toMatch(/授权委托书/);
    expect(grantRefusal('bureau', { scopes: ['contracts'] })).toMatch(/delegate contracts:/);
  });

  it('takes grants and revocations from the contractor itself and the bureau, never a portal acting for it', () => {
    const own = { sub: 'u-c', role: 'contractor', contractorId: IDS.contractorId };
    expect(delegationGrantor(own, IDS.contractorId)).toBe('contractor');
    expect(delegationGrantor(own, 'ctr_01jzzzzzzz9876543210')).toBe('not_found');
    expect(delegationGrantor(BUREAU, IDS.contractorId)).toBe('bureau');
    const delegated = { ...own, sub: 'portal-a', via: { portal: 'portal-a', scope: 'documents' } };
    expect(delegationGrantor(delegated, IDS.contractorId)).toBe(undefined);
    for (const role of ['portal', 'town', 'auditor', 'finance', 'evaluator']) {
      expect(delegationGrantor({ sub: 'x', role }, IDS.contractorId)).toBe(undefined);
    }
  });
});

describe('a grant', () => {
  it('keeps the scopes in their canonical order, the grantor and the dates, as version 1', () => {
    const d = grantDelegation(
      undefined,
      IDS,
      { scopes: ['deliveries', 'documents'], validUntil: inDays(10), consentReference: '授权书 2026-017' },
      { actor: BUREAU, grantor: 'bureau', now: NOW, at: AT },
    );
    expect(d).toEqual({
      ...IDS,
      scopes: ['documents', 'deliveries'],
      validUntil: '2026-03-20T10:00:00.000+08:00',
      consentReference: '授权书 2026-017',
      grantedBy: BUREAU,
      grantedAt: AT,
      version: 1,
      createdAt: AT,
      updatedAt: AT,
    });
  });

  it('replacing one (a revoked one too) is a new grant: the next version, the revocation lifted, created kept', () => {
    const first = granted();
    const revoked = revokeDelegation(first, { reason: '合作结束' }, { actor: CONTRACTOR, at: AT });
    const later = '2026-04-01T09:00:00.000+08:00';
    const renewed = grantDelegation(
      revoked,
      IDS,
      { scopes: ['contracts'], validUntil: inDays(60) },
      { actor: CONTRACTOR, grantor: 'contractor', now: inDays(20), at: later },
    );
    expect(renewed).toMatchObject({ scopes: ['contracts'], version: 3, createdAt: AT, updatedAt: later });
    expect(renewed.revoked).toBeUndefined();
  });

  it('refuses a scope named twice or none, naming scopes', () => {
    for (const scopes of [['documents', 'documents'], []] as const) {
      const error = errorOf(() =>
        grantDelegation(
          undefined,
          IDS,
          { scopes, validUntil: inDays(1) },
          { actor: CONTRACTOR, grantor: 'contractor', now: NOW, at: AT },
        ),
      );
      expect(error).toMatchObject({ code: 'invalid', details: { field: 'scopes' } });
    }
  });

  it('lapses after now and at most a year ahead, to the millisecond', () => {
    const at = (validUntil: Date) =>
      grantDelegation(
        undefined,
        IDS,
        { scopes: ['documents'], validUntil },
        { actor: CONTRACTOR, grantor: 'contractor', now: NOW, at: AT },
      );
    expect(latestValidUntil(NOW).toISOString()).toBe('2027-03-10T02:00:00.000Z');
    expect(at(latestValidUntil(NOW)).validUntil).toBe('2027-03-10T10:00:00.000+08:00');
    expect(at(new Date(NOW.getTime() + 1)).version).toBe(1);
    for (const validUntil of [NOW, new Date(latestValidUntil(NOW).getTime() + 1)]) {
      expect(errorOf(() => at(validUntil))).toMatchObject({
        code: 'invalid',
        details: { field: 'validUntil' },
      });
    }
  });

  it("needs the contractor's written consent when the bureau grants", () => {
    const error = errorOf(() =>
      grantDelegation(
        undefined,
        IDS,
        { scopes: ['documents'], validUntil: inDays(1) },
        { actor: BUREAU, grantor: 'bureau', now: NOW, at: AT },
      ),
    );
    expect(error).toMatchObject({ code: 'invalid', details: { field: 'consentReference' } });
  });
});

describe('revocation', () => {
  it('is dated, by whom and why, and the record stays (the next version)', () => {
    const d = revokeDelegation(granted(), { reason: '合作结束' }, { actor: BUREAU, at: AT });
    expect(d).toMatchObject({
      version: 2,
      revoked: { by: BUREAU, at: AT, reason: '合作结束' },
      scopes: ['documents', 'bids'],
    });
  });

  it('happens once: a revoked delegation is a conflict to revoke again', () => {
    const d = revokeDelegation(granted(), {}, { actor: BUREAU, at: AT });
    expect(errorOf(() => revokeDelegation(d, {}, { actor: BUREAU, at: AT })).code).toBe('conflict');
  });
});

describe('acting for the contractor on a route of a scope', () => {
  it('is allowed while active and within the scopes', () => {
    expect(delegationRefusal(granted(), 'documents', NOW, IDS.contractorId)).toBe(undefined);
    expect(delegationRefusal(granted(), 'bids', inDays(29), IDS.contractorId)).toBe(undefined);
    expect(delegationStatus(granted(), NOW)).toBe('active');
  });

  it('is refused without a delegation, naming the contractor', () => {
    expect(delegationRefusal(undefined, 'documents', NOW, IDS.contractorId)).toBe(
      `contractor ${IDS.contractorId} has not delegated anything to this portal`,
    );
  });

  it('is refused for a scope not delegated, naming what was', () => {
    expect(delegationRefusal(granted(), 'contracts', NOW, IDS.contractorId)).toMatch(
      /has delegated documents, bids to this portal, not contracts/,
    );
  });

  it('is refused from the instant it lapses', () => {
    const d = granted();
    const lapse = new Date(d.validUntil);
    expect(delegationRefusal(d, 'documents', new Date(lapse.getTime() - 1), IDS.contractorId)).toBe(
      undefined,
    );
    expect(delegationStatus(d, lapse)).toBe('expired');
    expect(delegationRefusal(d, 'documents', lapse, IDS.contractorId)).toMatch(/expired at/);
  });

  it('is refused once revoked, even before it would lapse', () => {
    const d = revokeDelegation(granted(), {}, { actor: CONTRACTOR, at: AT });
    expect(delegationStatus(d, NOW)).toBe('revoked');
    expect(delegationRefusal(d, 'documents', NOW, IDS.contractorId)).toMatch(/revoked its delegation/);
  });
});
