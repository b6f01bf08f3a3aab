/**
 * Issue 11 §5: the key that signs the daily digest of audit chain heads. On AWS an asymmetric KMS key
 * (ECC_NIST_P256, ECDSA_SHA_256) whose key policy lets only the digest function sign; on the embedded stack a local
 * P-256 key pair under the stack's data directory plays its part through the same port, so the use cases never know
 * which. Signatures are DER-encoded ECDSA over SHA-256 of the payload in both, so either verifies with the public
 * key alone (node:crypto), and anyone outside can verify a digest with the published public key.
 *
 * The KMS client is loaded only when first used, so a function that never signs nor verifies does not evaluate it.
 */
import { cached } from '#shared/adapters/cached';
import { verify as verifySignature, type KeyObject } from 'node:crypto';
import { requiredEnv } from '#shared/config';
import type { DigestSignature, SigningKey } from './signer-key';

export { SIGNING_ALGORITHM, type DigestSignature, type SigningKey } from './signer-key';

/** The KMS key id or ARN of the digest key; set by CDK on the digest function and the audit route only. */
export const AUDIT_DIGEST_KEY_ENV = 'AUDIT_DIGEST_KEY_ID';
/** Embedded stack only: where the local keys live (the stack's data directory). Unset on AWS. */
export const LOCAL_KMS_DIR_ENV = 'LOCAL_KMS_DIR';

export interface DigestSignerPort {
  sign(payload: string): Promise<DigestSignature>;
  /** Whether `signature` is this key's signature of `payload`; never throws for a malformed signature. */
  verify(payload: string, signature: string): Promise<boolean>;
  /** The public key (SPKI, PEM), to publish beside the digests. */
  publicKeyPem(): Promise<string>;
}

export function verifyWith(key: KeyObject, payload: string, signature: string): boolean {
  try {
    return verifySignature('sha256', Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A port over a key; the public key is read once per container (one GetPublicKey on AWS). */
export function signerOver(load: () => Promise<SigningKey>): DigestSignerPort {
  const keyOf = cached(load);
  const publicKeyOf = cached(async () => (await keyOf()).publicKey());
  return {
    sign: async (payload) => (await keyOf()).sign(payload),
    verify: async (payload, signature) => verifyWith(await publicKeyOf(), payload, signature),
    publicKeyPem: async () => (await publicKeyOf()).export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/**
 * The digest key of this runtime: the local key when LOCAL_KMS_DIR is set (embedded stack), else the KMS key named
 * by AUDIT_DIGEST_KEY_ID. Read at first use, so a handler that never reaches a digest needs neither.
 */
export function digestSigner(env: NodeJS.ProcessEnv = process.env): DigestSignerPort {
  return signerOver(async () => {
    const localDir = env[LOCAL_KMS_DIR_ENV];
    if (localDir) return (await import('./signer-local')).localSigningKey(localDir);
    return (await import('./signer-kms')).kmsSigningKey(requiredEnv(AUDIT_DIGEST_KEY_ENV, env));
  });
}
