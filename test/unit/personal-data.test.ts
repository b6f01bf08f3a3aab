/**
 * Issue 11 §6 (PIPL): who reads a contractor's personal data in clear, and the masks everyone else gets
 * (shared/domain/personal-data.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '#shared/domain/access';
import {
  disclosed,
  disclosureFor,
  maskEmail,
  maskPhone,
  masked,
  personalFieldsOf,
  sealedForm,
  withPersonalFields,
} from '#shared/domain/personal-data';
import { contractorRecord } from '../support/contractor-record';

const person = contractorRecord({
  id: 'ctr_person',
  kind: 'natural_person',
  nonProfit: false,
  creditCode: '11010519491231002X',
  contact: { name: '张伟', phone: '13912345678', email: 'zhang.wei@example.cn' },
  registeredBy: { sub: 'portal-a', role: 'portal' },
});
const MASKS = {
  creditCode: '110105**********2X',
  contact: { name: '张伟', phone: '139****5678', email: 'z***@example.cn' },
};
const viewer = (role: string, extra: Partial<Viewer> = {}): Viewer => ({ sub: `u-${role}`, role, ...extra });

describe('masks', () => {
  it.each([
    ['13912345678', '139****5678'],
    ['+8613912345678', '+86*******5678'],
    ['010-12345678', '010-****5678'],
    ['1234567', '*******'],
  ])('masks phone %s as %s', (phone, mask) => {
    expect(maskPhone(phone)).toBe(mask);
  });

  it.each([
    ['zhang.wei@example.cn', 'z***@example.cn'],
    ['a@b.cn', 'a***@b.cn'],
    ['@b.cn', '***'],
    ['no-at-sign', '***'],
  ])('masks e-mail %s as %s', (email, mask) => {
    expect(maskEmail(email)).toBe(mask);
  });

  it("masks a natural person's resident ID, phone and e-mail, and is idempotent", () => {
    const once = masked(person);
    expect({ creditCode: once.creditCode, contact: once.contact }).toEqual(MASKS);
    expect(masked(once)).toEqual(once);
  });

  it("keeps an organization's public code and a contact without e-mail as they are", () => {
    const org = contractorRecord({ contact: { name: '李', phone: '13800000000' } });
    expect(masked(org)).toMatchObject({
      creditCode: org.creditCode,
      contact: { name: '李', phone: '138****0000' },
    });
    expect(masked(org).contact).not.toHaveProperty('email');
    expect(personalFieldsOf(org)).toEqual({ phone: '13800000000' });
  });
});

describe('who reads what (disclosureFor)', () => {
  it.each([
    ['the bureau', viewer('bureau'), false, { residentId: true, contacts: true }],
    [
      'the contractor itself',
      viewer('contractor', { contractorId: 'ctr_person' }),
      false,
      { residentId: true, contacts: true },
    ],
    [
      'another contractor',
      viewer('contractor', { contractorId: 'ctr_other' }),
      false,
      { residentId: false, contacts: false },
    ],
    [
      'the registering portal',
      { sub: 'portal-a', role: 'portal' },
      false,
      { residentId: false, contacts: true },
    ],
    ['another portal', { sub: 'portal-b', role: 'portal' }, false, { residentId: false, contacts: false }],
    [
      'a portal acting for it on its delegation (issue 12 §1): the contacts, not the resident ID',
      {
        sub: 'portal-b',
        role: 'contractor',
        contractorId: 'ctr_person',
        via: { portal: 'portal-b', scope: 'documents' },
      },
      false,
      { residentId: false, contacts: true },
    ],
    ['a town it bid with, deadline passed', viewer('town'), true, { residentId: false, contacts: true }],
    ['a town it did not bid with', viewer('town'), false, { residentId: false, contacts: false }],
    ['an auditor', viewer('auditor'), true, { residentId: false, contacts: false }],
    ['finance', viewer('finance'), true, { residentId: false, contacts: false }],
    [
      'a bureau-registered record read by a user with the same sub but another role',
      { sub: 'portal-a', role: 'town' },
      false,
      { residentId: false, contacts: false },
    ],
  ])('%s', (_, who, bid, expected) => {
    expect(disclosureFor(who, person, bid)).toEqual(expected);
  });
});

describe('the stored form', () => {
  const seal = { sealed: { v: 1 }, hashes: { residentId: 'h1', phone: 'h2', email: 'h3' } };

  it('holds masks and the seal, and disclosed() of it shows masks to everyone', () => {
    const stored = sealedForm(person, seal);
    expect(stored).toMatchObject({ ...MASKS, personal: seal });
    const shown = disclosed(stored, { residentId: true, contacts: true });
    expect({ creditCode: shown.creditCode, contact: shown.contact }).toEqual(MASKS);
    expect(shown).not.toHaveProperty('personal');
  });

  it('opened, shows each field only as disclosed', () => {
    const opened = withPersonalFields(sealedForm(person, seal), personalFieldsOf(person));
    expect(opened).not.toHaveProperty('personal');
    expect(disclosed(opened, { residentId: true, contacts: true })).toMatchObject({
      creditCode: person.creditCode,
      contact: person.contact,
    });
    expect(disclosed(opened, { residentId: false, contacts: true })).toMatchObject({
      creditCode: MASKS.creditCode,
      contact: person.contact,
    });
    expect(disclosed(opened, { residentId: true, contacts: false })).toMatchObject({
      creditCode: person.creditCode,
      contact: MASKS.contact,
    });
  });
});
