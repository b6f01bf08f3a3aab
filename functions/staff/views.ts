/**
 * What the staff routes (and the audit trail's view of a `staff` entry) answer: the record without its seal, the
 * person's keyed hash or the evidence's storage fields (object key and version, as a condition's document view).
 */
import { maskResidentId } from '#shared/domain/credit-code';
import type { Dispatch } from '#shared/domain/dispatch';
import type { StaffMember } from '#shared/domain/staff';

export function staffView(s: StaffMember) {
  const { personal: _seal, personHash: _hash, createdBy: _by, evidence, ...view } = s;
  if (!evidence) return view;
  const { objectKey: _key, versionId: _version, ...shown } = evidence;
  return { ...view, evidence: shown };
}

/**
 * A dispatch as its routes show it to every reader (the audit trail's view of a `dispatch` entry): the person's name,
 * role and resident ID masked (first 6 and last 2 characters). A dispatch holds the mask only; masking it again is
 * the same mask, and keeps a number that reached the record some other way out of the trail.
 */
export function dispatchView(d: Dispatch): Dispatch {
  return d.person ? { ...d, person: { ...d.person, residentId: maskResidentId(d.person.residentId) } } : d;
}
