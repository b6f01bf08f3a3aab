/**
 * Keyed hashes of personal data (issue 11 §6): HMAC-SHA-256 under a KMS HMAC key (GenerateMac), so the key never
 * leaves KMS and a hash cannot be recomputed (nor a resident ID found among its ~10^9 plausible values by
 * hashing them all) without the key policy's leave. Picked as envelope-keys.ts picks the envelope's key: the local
 * key when LOCAL_KMS_DIR is set (embedded stack), else the KMS key the CDK binding names.
 */
import { config, requiredEnv } from '#shared/config';
import type { KeyedHashPort } from '#shared/use-cases/ports';
import { localKeyFile } from './envelope-local';
import { LOCAL_PERSONAL_DATA_MAC_KEY, PERSONAL_DATA_MAC_KEY_ENV, macMessage } from './keyed-hash-env';
import { localKeyedHash } from './keyed-hash-local';
import { kms } from './kms-client';

/** The KMS client is imported at the first hash, not at init (./kms-client.ts). */
export function kmsKeyedHash(keyId: string): KeyedHashPort {
  return {
    async hash(purpose, value) {
      const { sdk, client } = await kms();
      const { Mac } = await client.send(
        new sdk.GenerateMacCommand({
          KeyId: keyId,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: macMessage(purpose, value),
        }),
      );
      if (!Mac) throw new Error('KMS GenerateMac returned no MAC');
      return Buffer.from(Mac).toString('hex');
    },
  };
}

/** The personal-data HMAC key of this function: a function not bound to it fails at init. */
export function personalDataKeyedHash(): KeyedHashPort {
  const localDir = config.LOCAL_KMS_DIR;
  return localDir !== undefined
    ? localKeyedHash(localKeyFile(localDir, LOCAL_PERSONAL_DATA_MAC_KEY))
    : kmsKeyedHash(requiredEnv(PERSONAL_DATA_MAC_KEY_ENV));
}
