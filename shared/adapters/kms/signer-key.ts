/** What the digest key's two runtimes share (signer.ts picks one, signer-kms.ts and signer-local.ts are they). */
import { createPublicKey, type KeyObject } from 'node:crypto';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';

export interface DigestSignature {
  /** Base64 of the DER-encoded ECDSA signature over SHA-256 of the payload. */
  signature: string;
  /** The key that signed (the KMS key ARN, or `local:…` on the embedded stack). */
  keyId: string;
  algorithm: typeof SIGNING_ALGORITHM;
}

/** The key material's side of the port; verification is the same for both (signer.ts). */
export interface SigningKey {
  sign(payload: string): Promise<DigestSignature>;
  publicKey(): Promise<KeyObject>;
}

export const publicKeyFromDer = (der: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
