/**
 * Personal information of a contractor (PIPL; issue 11 §6, docs/personal-information.md): a natural person's
 * resident ID (GB 11643, R-QUAL-3) and the contact's phone and e-mail. Pure: who may read each datum, the masks
 * everyone else gets, and the stored form (masks in place of the data, the data sealed under a customer key,
 * keyed hashes beside them so a change stays detectable in the audit trail without the datum).
 */
import type { Viewer } from './access';
import { maskResidentId } from './credit-code';

/** The personal fields of a contractor record, in clear: what is sealed. */
export interface PersonalFields {
  /** Only a natural person's code is personal: an organization's USCC is public (GB 32100). */
  residentId?: string;
  phone: string;
  email?: string;
}

/** Keyed hashes (HMAC-SHA-256 under a KMS key, hex) of the personal fields: equal data, equal hash. */
export type PersonalHashes = { [K in keyof PersonalFields]?: string };

/**
 * What a contractor record stores of its personal data since issue 11 §6: the fields sealed at field level
 * (an envelope under the personal-data customer key) and their keyed hashes. A record without it was written
 * before, with the data in clear (see docs/personal-information.md, migration).
 */
export interface PersonalSeal {
  /** The envelope (a map: wrapped data key, IV, ciphertext) of the JSON of {@link PersonalFields}; opaque here. */
  sealed: unknown;
  hashes: PersonalHashes;
}

/** The domain separation of the keyed hashes: the same phone hashes differently as a phone and as an id. */
export const HASH_PURPOSE = {
  residentId: 'contractor.residentId',
  phone: 'contractor.contact.phone',
  email: 'contractor.contact.email',
} as const satisfies Record<keyof PersonalFields, string>;

/** 138****8000: the first three and the last four characters stay, every other digit is masked. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return phone.replace(/\d/g, '*');
  return `${phone.slice(0, 3)}${phone.slice(3, -4).replace(/\d/g, '*')}${phone.slice(-4)}`;
}

/** w***@example.cn: the first character of the mailbox and the domain stay. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The shape of a contractor this module reads and writes; the domain's Contractor fits it. */
export interface HoldsPersonalData {
  id: string;
  kind: string;
  creditCode: string;
  contact: { name: string; phone: string; email?: string };
  registeredBy: { sub: string; role: string };
  personal?: PersonalSeal;
}

/** The personal fields a record holds in clear (a record in memory before it is sealed, or a legacy record). */
export function personalFieldsOf(c: HoldsPersonalData): PersonalFields {
  return {
    ...(c.kind === 'natural_person' ? { residentId: c.creditCode } : {}),
    phone: c.contact.phone,
    ...(c.contact.email !== undefined ? { email: c.contact.email } : {}),
  };
}

/** The record with every personal field replaced by its mask (the stored form holds these, not the data). */
export function masked<T extends HoldsPersonalData>(c: T): T {
  return {
    ...c,
    creditCode: c.kind === 'natural_person' ? maskResidentId(c.creditCode) : c.creditCode,
    contact: {
      ...c.contact,
      phone: maskPhone(c.contact.phone),
      ...(c.contact.email !== undefined ? { email: maskEmail(c.contact.email) } : {}),
    },
  };
}

/** The record with the opened personal fields put back in place of the masks. */
export function withPersonalFields<T extends HoldsPersonalData>(c: T, fields: PersonalFields): T {
  const { personal: _seal, ...rest } = c;
  return {
    ...(rest as T),
    creditCode: fields.residentId ?? c.creditCode,
    contact: {
      ...c.contact,
      phone: fields.phone,
      ...(fields.email !== undefined ? { email: fields.email } : {}),
    },
  };
}

/**
 * The form stored and written to the audit trail (issue 11 §6): masks in place of the data, the data in the
 * seal, the keyed hashes beside it. A change of phone changes `personal.hashes.phone`, so the audit trail shows
 * that it changed (and to which hash) without holding either number.
 */
export function sealedForm<T extends HoldsPersonalData>(c: T, seal: PersonalSeal): T {
  return { ...masked(c), personal: seal };
}

/** Who reads the data in clear (docs/personal-information.md, "who reads it"). */
export interface Disclosure {
  /** A natural person's resident ID: the bureau and the person (R-QUAL-3 checks it; nobody else needs it). */
  residentId: boolean;
  /** The contact's phone and e-mail. */
  contacts: boolean;
}

/**
 * Issue 11 §6. The bureau and the contractor's own user read everything; the partner portal that registered a
 * contractor, or one acting for it on its delegation, reads its contacts (it keeps the relationship); a town reads the contacts of a contractor that bid
 * on one of its own projects once that bid deadline has passed (`bidOnOwnProjectOpened`: before it, a contact
 * shown would tell the town who bid, R-PROC-5). Auditors, finance and other towns and portals get the masks.
 */
export function disclosureFor(
  viewer: Viewer,
  c: Pick<HoldsPersonalData, 'id' | 'registeredBy'>,
  bidOnOwnProjectOpened = false,
): Disclosure {
  const own = viewer.role === 'contractor' && viewer.contractorId === c.id;
  // Issue 12 §1: a portal acting for the contractor (`via`) reads what a portal that registered it reads, the
  // contacts and not the resident ID, which only the person and the bureau need.
  if (viewer.role === 'bureau' || (own && !viewer.via)) return { residentId: true, contacts: true };
  const registrant = viewer.role === 'portal' && c.registeredBy.sub === viewer.sub;
  const actingPortal = own && viewer.via !== undefined;
  const town = viewer.role === 'town' && bidOnOwnProjectOpened;
  return { residentId: false, contacts: registrant || actingPortal || town };
}

/** The record as this viewer may see it, from a record whose personal fields are in clear. */
export function disclosed<T extends HoldsPersonalData>(c: T, disclosure: Disclosure): T {
  const hidden = masked(c);
  const { personal: _seal, ...rest } = c;
  return {
    ...(rest as T),
    creditCode: disclosure.residentId ? c.creditCode : hidden.creditCode,
    contact: disclosure.contacts ? c.contact : hidden.contact,
  };
}
