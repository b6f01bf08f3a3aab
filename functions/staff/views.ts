/** What the staff routes answer: the record without its seal or the person's keyed hash (issue 13 §1). */
import type { StaffMember } from '#shared/domain/staff';

export function staffView(s: StaffMember) {
  const { personal: _seal, personHash: _hash, createdBy: _by, ...view } = s;
  return view;
}
