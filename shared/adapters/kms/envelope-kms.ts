/**
 * AWS KMS as the envelope's key-encryption key: GenerateDataKey (AES_256) to seal, Decrypt to open, each with the
 * encryption context, which KMS binds to the wrapped key and writes to CloudTrail with every call. The KMS client is
 * imported and built at the first call, not at init (as the metrics client is): only the functions that seal or
 * open bundle it (envelope-keys.ts), and get-own-bid, which opens only before the deadline, pays nothing after it.
 */
import type { DataKeyPort } from './envelope';
import { kms } from './kms-client';

export function kmsDataKeys(keyId: string): DataKeyPort {
  return {
    async generateDataKey(context) {
      const { sdk, client } = await kms();
      const { Plaintext, CiphertextBlob } = await client.send(
        new sdk.GenerateDataKeyCommand({
          KeyId: keyId,
          KeySpec: 'AES_256',
          EncryptionContext: { ...context },
        }),
      );
      if (!Plaintext || !CiphertextBlob) throw new Error('KMS GenerateDataKey returned no key');
      return { plaintext: Plaintext, wrapped: CiphertextBlob };
    },
    async decryptDataKey(wrapped, context) {
      const { sdk, client } = await kms();
      // KeyId pins the key: a blob wrapped under another key is refused rather than opened with it.
      const { Plaintext } = await client.send(
        new sdk.DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }),
      );
      if (!Plaintext) throw new Error('KMS Decrypt returned no plaintext');
      return Plaintext;
    },
  };
}
