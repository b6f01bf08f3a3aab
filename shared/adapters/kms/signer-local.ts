/**
 * The digest key on the embedded stack: a P-256 key pair in `<data dir>/kms/audit-digest.pem` (PKCS#8), made on
 * first use and never committed. It signs exactly as KMS does (DER ECDSA over SHA-256), so the same verification
 * accepts both. What it cannot show: that nobody else can sign. Anyone who can read the data directory holds the
 * private key; on AWS the key never leaves KMS and its key policy lets only the digest function sign.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SIGNING_ALGORITHM, type SigningKey } from './signer-key';

const KEY_FILE = 'audit-digest.pem';

async function privateKeyPem(dir: string): Promise<string> {
  const file = path.join(dir, KEY_FILE);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    // `wx`: of two first starts at once, one key wins and both use it.
    await writeFile(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  }
}

export async function localSigningKey(dir: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(await privateKeyPem(dir));
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const keyId = `local:audit-digest:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
  return {
    sign: (payload) =>
      Promise.resolve({
        signature: sign('sha256', Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
        keyId,
        algorithm: SIGNING_ALGORITHM,
      }),
    publicKey: () => Promise.resolve(publicKey),
  };
}
