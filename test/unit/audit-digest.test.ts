/**
 * Issue 11 §5 (R-SUP-2): a signed daily digest of chain heads anchors every chain, so an insider who rewrites an
 * entry and recomputes the chain, which `verifyChain` cannot tell from the real one, is caught by the anchor check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry, DigestHead } from '#shared/domain/audit-chain';
import {
  buildDigest,
  checkAnchor,
  digestPayload,
  headOf,
  nextEntry,
  verifyChain,
} from '#shared/domain/audit-chain';
import { LOCAL_KMS_DIR_ENV, digestSigner, type DigestSignerPort } from '#shared/adapters/kms/signer';
import type { RecordStorePort } from '#shared/use-cases/ports';
import type { StoredDigest } from '#shared/adapters/dynamodb/audit-heads';
import {
  previousBusinessDate,
  readAuditTrail,
  signDailyDigest,
  type DigestDeps,
} from '#shared/use-cases/audit';

const actor = { sub: 'u-1', role: 'bureau' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function chain(data: readonly object[], recordId = 'ctr_1'): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const [i, value] of data.entries()) {
    const previous = entries.at(-1);
    entries.push(
      nextEntry(previous && headOf(previous), {
        recordType: 'contractor',
        recordId,
        at: `2026-11-2${i}T10:00:00.000+08:00`,
        actor,
        action: `step.${i}`,
        data: value,
      }),
    );
  }
  return entries;
}

const headFor = (entry: AuditEntry): DigestHead => ({
  recordType: entry.recordType,
  recordId: entry.recordId,
  seq: entry.seq,
  hash: entry.hash,
});

function localSigner() {
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-key-'));
  dirs.push(dir);
  return digestSigner({ [LOCAL_KMS_DIR_ENV]: dir });
}

const original = chain([
  { version: 1, name: '示范社工中心', creditCode: '53100000500019795A' },
  { version: 2, name: '示范社工中心', creditCode: '53100000500019795A', flags: { creditListHit: false } },
  { version: 3, name: '示范社工中心', creditCode: '53100000500019795A', flags: { creditListHit: true } },
]);

/** What an insider with write rights on the table does: rewrite entry 2 and recompute every hash after it. */
function rewrittenAndRecomputed(): AuditEntry[] {
  const forged = original.map((entry) => entry.data as object);
  forged[1] = { ...(forged[1] as object), flags: { creditListHit: false, note: 'cleared' } };
  return chain(forged);
}

describe('the digest of a day (issue 11 §5)', () => {
  it('lists each record once, at its highest sequence, in record order, so the same heads sign the same bytes', () => {
    const a = { recordType: 'project', recordId: 'p1', seq: 1, hash: 'a1' };
    const b1 = { recordType: 'contractor', recordId: 'c2', seq: 1, hash: 'b1' };
    const b2 = { recordType: 'contractor', recordId: 'c2', seq: 2, hash: 'b2' };
    const c = { recordType: 'contractor', recordId: 'c1', seq: 4, hash: 'c4' };

    const one = buildDigest('2026-11-24', [a, b2, c, b1]);
    const other = buildDigest('2026-11-24', [b1, c, a, b2]);

    expect(one.heads).toEqual([c, b2, a]);
    expect(digestPayload(one)).toBe(digestPayload(other));
    expect(digestPayload(one)).not.toBe(digestPayload(buildDigest('2026-11-25', [a, b2, c])));
  });

  it('is the previous Shanghai day for a run just after midnight Shanghai time', () => {
    // 00:30 on 25 November in Shanghai is 16:30 UTC on the 24th.
    expect(previousBusinessDate(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-24');
  });
});

describe('the anchor check against a signed digest (R-SUP-2, issue 11 §5)', () => {
  it('verifies a chain whose anchored entry is the one signed', () => {
    const verdict = checkAnchor(
      original,
      { date: '2026-11-24', head: headFor(original[1] as AuditEntry) },
      true,
    );

    expect(verdict).toEqual({ date: '2026-11-24', seq: 2, verified: true });
  });

  it('catches an entry rewritten with the chain recomputed, which verifyChain passes', () => {
    const forged = rewrittenAndRecomputed();
    const last = forged.at(-1) as AuditEntry;

    // The insider also moved the record's head: the chain alone verifies.
    expect(verifyChain(forged, headOf(last))).toEqual({ verified: true, length: 3 });
    const verdict = checkAnchor(
      forged,
      { date: '2026-11-24', head: headFor(original[2] as AuditEntry) },
      true,
    );

    expect(verdict.verified).toBe(false);
    expect(verdict.problem).toMatch(/entry 3 differs from the digest signed on 2026-11-24/);
  });

  it('refuses a digest whose signature does not verify, whatever the chain', () => {
    const verdict = checkAnchor(
      original,
      { date: '2026-11-24', head: headFor(original[2] as AuditEntry) },
      false,
    );

    expect(verdict).toMatchObject({ verified: false, problem: expect.stringMatching(/valid signature/) });
  });

  it('refuses a chain cut short of the anchored entry', () => {
    const verdict = checkAnchor(
      original.slice(0, 1),
      { date: '2026-11-24', head: headFor(original[2] as AuditEntry) },
      true,
    );

    expect(verdict).toMatchObject({ verified: false, problem: expect.stringMatching(/entry 3.*missing/) });
  });

  it('refuses a chain broken before the anchored entry though the anchored hash is kept', () => {
    const tampered = original.map((entry, i) =>
      i === 0 ? { ...entry, data: { version: 1, name: 'x' } } : entry,
    );

    const verdict = checkAnchor(
      tampered,
      { date: '2026-11-24', head: headFor(original[2] as AuditEntry) },
      true,
    );

    expect(verdict).toMatchObject({
      verified: false,
      problem: expect.stringMatching(/up to entry 3 does not verify/),
    });
  });
});

describe('signing the daily digest with the local key (the embedded stack’s KMS)', () => {
  function deps(heads: DigestHead[]) {
    const digests = new Map<string, StoredDigest>();
    const archived = new Map<string, string>();
    const signer = localSigner();
    const d: DigestDeps = {
      clock: { now: () => new Date('2026-11-24T16:30:00Z') },
      signer,
      headsOfDay: () => Promise.resolve(heads),
      getDigest: (date) => Promise.resolve(digests.get(date)),
      putDigest: (digest) => {
        if (digests.has(digest.date)) return Promise.resolve(false);
        digests.set(digest.date, digest);
        return Promise.resolve(true);
      },
      archive: (kind, name, body) => {
        archived.set(`${kind}/${name}`, body);
        return Promise.resolve('written');
      },
    };
    return { deps: d, digests, archived, signer };
  }

  it('signs the day’s heads once, stores and archives the digest with the public key, and verifies it', async () => {
    const heads = [headFor(original[2] as AuditEntry)];
    const { deps: d, digests, archived, signer } = deps(heads);

    const first = await signDailyDigest(d, '2026-11-24');
    const again = await signDailyDigest(d, '2026-11-24');

    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(digests.get('2026-11-24')?.digest).toEqual({ date: '2026-11-24', heads });
    expect(first).toMatchObject({
      algorithm: 'ECDSA_SHA_256',
      keyId: expect.stringMatching(/^local:audit-digest:/),
    });
    expect(await signer.verify(digestPayload(first.digest), first.signature)).toBe(true);
    // A head moved in the stored digest no longer matches its signature.
    const moved = { ...first.digest, heads: [{ ...(heads[0] as DigestHead), hash: 'f'.repeat(64) }] };
    expect(await signer.verify(digestPayload(moved), first.signature)).toBe(false);
    const archivedDigest = JSON.parse(archived.get('digest/2026-11-24') ?? '{}') as { publicKeyPem?: string };
    expect(archivedDigest.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(archived.get(`publicKey/${first.keyId}`)).toBe(archivedDigest.publicKeyPem);
  });

  it('does not verify a signature made by another key', async () => {
    const payload = digestPayload(buildDigest('2026-11-24', []));
    const signature = (await localSigner().sign(payload)).signature;

    expect(await localSigner().verify(payload, signature)).toBe(false);
    expect(await localSigner().verify(payload, 'not base64 DER')).toBe(false);
  });
});

describe('the audit trail answers against the latest signed digest listing the record (readAuditTrail)', () => {
  /** A table holding the record, its chain, the index of head days and the digests: what the route reads. */
  function table(entries: AuditEntry[], digests: StoredDigest[], days: string[]) {
    const last = entries.at(-1) as AuditEntry;
    const store: RecordStorePort = {
      get: <T>(key: { PK: string; SK: string }) => {
        if (key.PK === 'CONTRACTOR#ctr_1')
          return Promise.resolve({ value: { version: last.seq } as T, head: headOf(last) });
        const digest = digests.find((d) => key.PK === `DIGEST#${d.date}`);
        return Promise.resolve(
          digest ? { value: digest as T, head: { auditSeq: 0, auditHash: '' } } : undefined,
        );
      },
      queryIndex: <T>(partition: string) =>
        Promise.resolve({
          items:
            partition === 'AUDITHEADS#contractor#ctr_1'
              ? days.map((date) => ({ value: { date } as T, head: { auditSeq: 0, auditHash: '' } }))
              : [],
        }),
      auditTrail: () => Promise.resolve(entries),
      queryPartition: () => Promise.reject(new Error('not read')),
      queryAll: () => Promise.reject(new Error('not read')),
      commit: () => Promise.reject(new Error('not written')),
    };
    return store;
  }

  async function signed(date: string, heads: DigestHead[], signer: DigestSignerPort): Promise<StoredDigest> {
    const digest = buildDigest(date, heads);
    return {
      date,
      digest,
      ...(await signer.sign(digestPayload(digest))),
      signedAt: `${date}T00:30:00+08:00`,
    };
  }

  const read = (store: RecordStorePort, signer: DigestSignerPort) =>
    readAuditTrail(
      { store, signer, clock: { now: () => new Date('2026-11-26T00:00:00Z') } },
      'contractor',
      'ctr_1',
      { limit: 50 },
    );

  it('says anchored and verified for the chain as signed, by the latest day with a digest', async () => {
    const signer = localSigner();
    const digests = [
      await signed('2026-11-23', [headFor(original[0] as AuditEntry)], signer),
      await signed('2026-11-24', [headFor(original[2] as AuditEntry)], signer),
    ];

    // 2026-11-25 has no digest yet (its day is not over): the next day back anchors the record.
    const trail = await read(table(original, digests, ['2026-11-25', '2026-11-24', '2026-11-23']), signer);

    expect(trail.chain).toEqual({ verified: true, length: 3 });
    expect(trail.anchoredBy).toEqual({ date: '2026-11-24', seq: 3, verified: true });
  });

  it('says not verified when an entry was rewritten in the table and the chain recomputed, though the chain verifies', async () => {
    const signer = localSigner();
    const digests = [await signed('2026-11-24', [headFor(original[2] as AuditEntry)], signer)];

    const trail = await read(table(rewrittenAndRecomputed(), digests, ['2026-11-24']), signer);

    expect(trail.chain).toEqual({ verified: true, length: 3 });
    expect(trail.anchoredBy).toMatchObject({ date: '2026-11-24', seq: 3, verified: false });
  });

  it('says not verified when the insider also rewrote the stored digest to the recomputed head', async () => {
    const signer = localSigner();
    const genuine = await signed('2026-11-24', [headFor(original[2] as AuditEntry)], signer);
    const forged = rewrittenAndRecomputed();
    const rewrittenDigest = {
      ...genuine,
      digest: buildDigest('2026-11-24', [headFor(forged[2] as AuditEntry)]),
    };

    const trail = await read(table(forged, [rewrittenDigest], ['2026-11-24']), signer);

    expect(trail.chain.verified).toBe(true);
    expect(trail.anchoredBy).toMatchObject({ verified: false, problem: expect.stringMatching(/signature/) });
  });

  it('checks every digested day, not only the latest: a rewrite followed by an honest change a later digest signs is caught', async () => {
    // Arrange: the insider rewrites entry 2 and recomputes the chain, then makes one ordinary change (entry 4),
    // which the next night's digest signs honestly.
    const signer = localSigner();
    const forged = rewrittenAndRecomputed();
    const honest = chain([
      ...forged.map((entry) => entry.data as object),
      { version: 4, name: '示范社工中心' },
    ]);
    const digests = [
      await signed('2026-11-24', [headFor(original[2] as AuditEntry)], signer),
      await signed('2026-11-25', [headFor(honest[3] as AuditEntry)], signer),
    ];

    // Act
    const trail = await read(table(honest, digests, ['2026-11-25', '2026-11-24']), signer);

    // Assert: the chain verifies and the latest digest holds, but the day the rewritten entry was signed does not
    expect(trail.chain).toEqual({ verified: true, length: 4 });
    expect(trail.anchoredBy).toMatchObject({ date: '2026-11-24', seq: 3, verified: false });
  });

  it('says null while no digest lists the record', async () => {
    const trail = await read(table(original, [], ['2026-11-25']), localSigner());

    expect(trail.anchoredBy).toBeNull();
  });
});
