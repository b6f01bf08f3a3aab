/**
 * Names shared by the personal-data adapters and the CDK binding (infra/constructs/customer-keys.ts), with no
 * import of the SDK so the infra can read them (issue 11 §6).
 */

/** The symmetric KMS key whose data keys seal a contractor's personal fields (an envelope, envelope.ts). */
export const PERSONAL_DATA_KEY_ENV = 'PERSONAL_DATA_KEY_ID';
/** The KMS HMAC key (HMAC_256) of the keyed hashes of personal data. */
export const PERSONAL_DATA_MAC_KEY_ENV = 'PERSONAL_DATA_MAC_KEY_ID';
/** The local key files that play those keys' part on the embedded stack (under LOCAL_KMS_DIR). */
export const LOCAL_PERSONAL_DATA_KEY = 'personal-data';
export const LOCAL_PERSONAL_DATA_MAC_KEY = 'personal-data-mac';

/** What is MACed for a field: its purpose, a separator no purpose contains, the value. */
export function macMessage(purpose: string, value: string): Buffer {
  if (purpose.includes('\n')) throw new Error('a MAC purpose is one line');
  return Buffer.from(`${purpose}\n${value}`, 'utf8');
}
