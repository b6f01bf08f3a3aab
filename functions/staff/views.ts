/**
 * What the staff routes (and the audit trail's view of a `staff` entry) answer: the record without its seal, the
 * person's keyed hash or the evidence's storage fields (object key and version, as a condition's document view).
 */
import type { StaffMember } from '#shared/domain/staff';

export function staffView(s: StaffMember) {
  const { personal: _seal, personHash: _hash, createdBy: _by, evidence, ...view } = s;
  if (!evidence) return view;
  const { objectKey: _key, versionId: _version, ...shown } = evidence;
  return { ...view, evidence: shown };
}
