/**
 * The personal-data keys of the contractor handlers (issue 11 §6), built at init: the function fails there when it
 * is not bound to the key it uses (infra/constructs/customer-keys.ts sets the variables and grants only the action
 * each needs). Imported only by the handlers that seal or open, so no other function loads the KMS client.
 */
import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
import { LOCAL_PERSONAL_DATA_KEY, PERSONAL_DATA_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';

/** The envelope of a contractor's personal fields: registration seals (GenerateDataKey), views open (Decrypt). */
export const personalDataEnvelope = () => envelopeFor(PERSONAL_DATA_KEY_ENV, LOCAL_PERSONAL_DATA_KEY);
