/**
 * AWS KMS as the envelope's key-encryption key: GenerateDataKey (AES_256) to seal, Decrypt to open, each with the
 * encryption context, which KMS binds to the wrapped key and writes to CloudTrail with every call. Imported only by
 * the functions that seal or open (envelope-keys.ts), so no other function pays for the KMS client at init.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { DataKeyPort } from './envelope';

let client: KMSClient | undefined;
const kms = () => (client ??= new KMSClient({}));

export function kmsDataKeys(keyId: string, kmsClient: () => KMSClient = kms): DataKeyPort {
  return {
    async generateDataKey(context) {
      const { Plaintext, CiphertextBlob } = await kmsClient().send(
        new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }),
      );
      if (!Plaintext || !CiphertextBlob) throw new Error('KMS GenerateDataKey returned no key');
      return { plaintext: Plaintext, wrapped: CiphertextBlob };
    },
    async decryptDataKey(wrapped, context) {
      // KeyId pins the key: a blob wrapped under another key is refused rather than opened with it.
      const { Plaintext } = await kmsClient().send(
        new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }),
      );
      if (!Plaintext) throw new Error('KMS Decrypt returned no plaintext');
      return Plaintext;
    },
  };
}
