/**
 * The digest key on AWS: an asymmetric KMS key (ECC_NIST_P256). The digest function may call kms:Sign (and only
 * it: infra/constructs/audit-archive.ts), the audit route kms:GetPublicKey. The payload is hashed here and KMS signs
 * the digest (MessageType DIGEST), so a digest of any size is signed in one call (RAW messages stop at 4 KiB).
 */
import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { SIGNING_ALGORITHM, publicKeyFromDer, type SigningKey } from './signer-key';

let client: KMSClient | undefined;
const kms = () => (client ??= new KMSClient({}));

export function kmsSigningKey(keyId: string): SigningKey {
  return {
    async sign(payload) {
      const { Signature, KeyId } = await kms().send(
        new SignCommand({
          KeyId: keyId,
          Message: createHash('sha256').update(payload, 'utf8').digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: SIGNING_ALGORITHM,
        }),
      );
      if (!Signature) throw new Error(`KMS returned no signature for key ${keyId}`);
      return {
        signature: Buffer.from(Signature).toString('base64'),
        keyId: KeyId ?? keyId,
        algorithm: SIGNING_ALGORITHM,
      };
    },
    async publicKey() {
      const { PublicKey } = await kms().send(new GetPublicKeyCommand({ KeyId: keyId }));
      if (!PublicKey) throw new Error(`KMS returned no public key for key ${keyId}`);
      return publicKeyFromDer(PublicKey);
    },
  };
}
