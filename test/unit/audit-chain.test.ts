import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/domain/audit-chain';
import {
  GENESIS_HASH,
  canonicalJson,
  hashEntry,
  headOf,
  nextEntry,
  verifyChain,
} from '#shared/domain/audit-chain';

const actor = { sub: 'u-1', role: 'bureau' };

function chainOf(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const head = entries.at(-1);
    entries.push(
      nextEntry(head && headOf(head), {
        recordType: 'contractor',
        recordId: 'ctr_1',
        at: `2026-11-24T10:0${i}:00.000+08:00`,
        actor,
        action: `step.${i}`,
        data: { version: i + 1, name: `n${i}` },
      }),
    );
  }
  return entries;
}

describe('hash-chained audit entries (R-SUP-2)', () => {
  it('links the first entry to the genesis hash and each next one to its predecessor', () => {
    const [a, b] = chainOf(2) as [AuditEntry, AuditEntry];
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(a.seq).toBe(1);
    expect(b.prevHash).toBe(a.hash);
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched chain against the head the record carries', () => {
    const entries = chainOf(3);
    expect(verifyChain(entries, headOf(entries[2] as AuditEntry))).toEqual({ verified: true, length: 3 });
  });

  it('detects an edited entry', () => {
    const entries = chainOf(3);
    entries[1] = { ...(entries[1] as AuditEntry), data: { version: 2, name: 'rewritten' } };
    expect(verifyChain(entries)).toMatchObject({
      verified: false,
      brokenAtSeq: 2,
      problem: 'content does not match its hash',
    });
  });

  it('detects a removed entry in the middle', () => {
    const entries = chainOf(3);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({
      verified: false,
      brokenAtSeq: 3,
      problem: 'entry 2 is missing or out of order',
    });
  });

  it('detects a removed tail through the record head', () => {
    const entries = chainOf(3);
    const head = headOf(entries[2] as AuditEntry);
    expect(verifyChain(entries.slice(0, 2), head)).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 3,
      problem: "the record's head is at entry 3: entries are missing from the end",
    });
  });

  /**
   * The entry rewritten with `data` and re-hashed correctly over its content and the previous hash given, as a
   * forger who knows the scheme would. (The earlier "re-hashed forgery" test hashed the entry as seq 1 and then
   * moved it to seq 2, so its own hash was wrong too and it stayed red with the link check deleted.)
   */
  function reHashed(entry: AuditEntry, data: unknown, prevHash: string): AuditEntry {
    const { prevHash: _linked, hash: _hash, ...content } = entry;
    const forged = { ...content, data };
    return { ...forged, prevHash, hash: hashEntry(forged, prevHash) };
  }

  it('detects a re-hashed forgery that does not link to its predecessor, by the link check alone', () => {
    // Entry 2 rewritten and hashed afresh over the genesis hash: its own hash is right, its link is not.
    const [first, second] = chainOf(2) as [AuditEntry, AuditEntry];
    const forged = reHashed(second, { forged: true }, GENESIS_HASH);
    expect(verifyChain([first, forged])).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 2,
      problem: 'does not link to the previous entry',
    });
  });

  it('detects an entry rewritten with a correct previous hash and a fresh hash of its own, at the next entry', () => {
    // The forger re-hashes entry 2 properly; entry 3 still holds the old hash of entry 2.
    const [first, second, third] = chainOf(3) as [AuditEntry, AuditEntry, AuditEntry];
    const forged = reHashed(second, { version: 2, name: 'rewritten' }, first.hash);
    expect(forged.hash).not.toBe(second.hash);
    expect(verifyChain([first, forged, third], headOf(third))).toEqual({
      verified: false,
      length: 3,
      brokenAtSeq: 3,
      problem: 'does not link to the previous entry',
    });
  });

  it('detects the last entry rewritten with a correct previous hash and a fresh hash, by the record head', () => {
    // Nothing follows the forged tail, so only the hash the record carries can tell.
    const [first, second] = chainOf(2) as [AuditEntry, AuditEntry];
    const forged = reHashed(second, { version: 2, name: 'rewritten' }, first.hash);
    expect(verifyChain([first, forged])).toEqual({ verified: true, length: 2 });
    expect(verifyChain([first, forged], headOf(second))).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 2,
      problem: 'the last entry does not match the hash the record carries',
    });
  });

  it('detects a re-hashed entry whose seq is out of order, by the sequence check', () => {
    // Entry 2 re-hashed under seq 3, linking correctly: hash and link hold, its position does not.
    const [first, second] = chainOf(2) as [AuditEntry, AuditEntry];
    const { prevHash: _p, hash: _h, ...content } = second;
    const moved = { ...content, seq: 3 };
    const forged = { ...moved, prevHash: first.hash, hash: hashEntry(moved, first.hash) };
    expect(verifyChain([first, forged])).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 3,
      problem: 'entry 2 is missing or out of order',
    });
  });

  it('refuses a head whose seq matches but whose hash does not', () => {
    const entries = chainOf(2);
    expect(verifyChain(entries, { auditSeq: 2, auditHash: 'f'.repeat(64) })).toEqual({
      verified: false,
      length: 2,
      brokenAtSeq: 2,
      problem: 'the last entry does not match the hash the record carries',
    });
  });

  it('hashes content independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
});
