/**
 * The personal-data envelope of the delivery handlers (issue 13 §2), built at init: the writing routes seal
 * (GenerateDataKey) and hash (GenerateMac), the reading routes open (Decrypt) for the purchaser's staff; each is
 * bound to what it uses in infra/constructs/customer-keys.ts PERSONAL_DATA_USERS. Imported only by those handlers,
 * so the progress route loads no KMS client.
 */
import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
import { LOCAL_PERSONAL_DATA_KEY, PERSONAL_DATA_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';

export const personalDataEnvelope = () => envelopeFor(PERSONAL_DATA_KEY_ENV, LOCAL_PERSONAL_DATA_KEY);
