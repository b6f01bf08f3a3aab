/**
 * The personal-data keys of the staff handlers (issue 13 §1, as issue 11 §6 for a contractor): a staff member's
 * resident ID is sealed at rostering (GenerateDataKey, GenerateMac for `personHash`) and opened for the bureau and
 * the contractor itself (Decrypt). Built at init: the function fails there when it is not bound to the key
 * (infra/constructs/customer-keys.ts PERSONAL_DATA_USERS). Imported only by the handlers that seal or open.
 */
import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
import { LOCAL_PERSONAL_DATA_KEY, PERSONAL_DATA_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';

export const staffPersonalDataEnvelope = () => envelopeFor(PERSONAL_DATA_KEY_ENV, LOCAL_PERSONAL_DATA_KEY);
