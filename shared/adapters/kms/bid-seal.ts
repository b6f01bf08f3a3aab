/**
 * The bid seal key's envelope (issue 11 §1, R-PROC-5): KMS key BID_SEAL_KEY_ID on AWS (infra/constructs/seal-key.ts
 * binds it to submit-bid, get-own-bid and CloseBidding only), the local key `bid-seal` on the embedded stack.
 * Imported only by those functions' modules, so no other function loads the KMS client at init.
 */
import { BID_SEAL_KEY_ENV } from '#shared/config';
import { envelopeFor } from './envelope-keys';

export const bidSeal = envelopeFor(BID_SEAL_KEY_ENV, 'bid-seal');
