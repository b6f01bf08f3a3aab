/**
 * Issue 11 §6 fixtures: KMS as the personal-data handlers see it (aws-sdk-client-mock), and contractor items
 * stored sealed as registration stores them. Import `PERSONAL_DATA_ENV` into the test's `vi.hoisted` so the
 * handler module finds its key ids at init.
 */
import { createHmac } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { envelope } from '#shared/adapters/kms/envelope';
import type { Contractor } from '#shared/domain/contractor';
import type { PersonalFields } from '#shared/domain/personal-data';
import { HASH_PURPOSE, personalFieldsOf, sealedForm } from '#shared/domain/personal-data';

export const PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
export const PERSONAL_DATA_MAC_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data-mac';

/** The one data key the fake KMS hands out and unwraps, and the HMAC key it MACs with. */
const DATA_KEY = Buffer.alloc(32, 7);
const WRAPPED = Buffer.from('wrapped-by-kms');
const MAC_KEY = Buffer.alloc(32, 9);

/** What GenerateMac answers for a purpose and value: HMAC-SHA-256 of `purpose \n value`, hex. */
export const expectedHash = (purpose: string, value: string) =>
  createHmac('sha256', MAC_KEY).update(`${purpose}\n${value}`).digest('hex');

export function mockKms() {
  const kms = mockClient(KMSClient);
  const reset = () => {
    kms.reset();
    kms
      .on(GenerateDataKeyCommand)
      .callsFake(() => ({ Plaintext: Buffer.from(DATA_KEY), CiphertextBlob: WRAPPED }));
    kms.on(DecryptCommand).callsFake(() => ({ Plaintext: Buffer.from(DATA_KEY) }));
    kms.on(GenerateMacCommand).callsFake((input: { Message: Uint8Array }) => ({
      Mac: createHmac('sha256', MAC_KEY).update(input.Message).digest(),
    }));
  };
  return { kms, reset };
}

/** The envelope the fake KMS opens: the same data key, wrapped the same way. */
const testEnvelope = envelope({
  generateDataKey: () => Promise.resolve({ plaintext: Buffer.from(DATA_KEY), wrapped: WRAPPED }),
  decryptDataKey: () => Promise.resolve(Buffer.from(DATA_KEY)),
});

/** `c` (personal data in clear) as registration stores it: masks, the seal, the keyed hashes. */
export async function sealed(c: Contractor): Promise<Contractor> {
  const fields = personalFieldsOf(c);
  const seal = await testEnvelope.seal(JSON.stringify(fields), {
    recordType: 'contractor',
    contractorId: c.id,
    field: 'personal',
  });
  const hashes = Object.fromEntries(
    (Object.keys(fields) as (keyof PersonalFields)[]).map((k) => [
      k,
      expectedHash(HASH_PURPOSE[k], fields[k] as string),
    ]),
  );
  return sealedForm(c, { sealed: seal, hashes });
}
