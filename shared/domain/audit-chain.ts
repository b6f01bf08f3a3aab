/**
 * R-SUP-2: every change is recorded with who, when and what, and cannot be rewritten unnoticed.
 * Each entry holds the hash of the previous entry of the same record; any edit, removal or
 * reordering breaks the chain, and the record's own head (seq + hash) catches a removed tail.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface Actor {
  sub: string;
  role: string;
}

export interface AuditContent {
  recordType: string;
  recordId: string;
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  data: unknown;
}

export interface AuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The head a record carries so the next change can link to it without reading the chain. */
export interface AuditHead {
  auditSeq: number;
  auditHash: string;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEntry(content: AuditContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** The next entry after `head` (undefined for a new record). */
export function nextEntry(head: AuditHead | undefined, content: Omit<AuditContent, 'seq'>): AuditEntry {
  const prevHash = head?.auditHash ?? GENESIS_HASH;
  const full: AuditContent = { ...content, seq: (head?.auditSeq ?? 0) + 1 };
  return { ...full, prevHash, hash: hashEntry(full, prevHash) };
}

export const headOf = (entry: AuditEntry): AuditHead => ({ auditSeq: entry.seq, auditHash: entry.hash });

export interface ChainVerdict {
  verified: boolean;
  length: number;
  brokenAtSeq?: number;
  problem?: string;
}

export function verifyChain(entries: readonly AuditEntry[], head?: AuditHead): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const { prevHash: linked, hash, ...content } = entry;
    const broken = (problem: string): ChainVerdict => ({
      verified: false,
      length: entries.length,
      brokenAtSeq: entry.seq,
      problem,
    });
    if (entry.seq !== index + 1) return broken(`entry ${index + 1} is missing or out of order`);
    if (linked !== prevHash) return broken('does not link to the previous entry');
    if (hashEntry(content, linked) !== hash) return broken('content does not match its hash');
    prevHash = hash;
  }
  if (head && head.auditSeq !== entries.length) {
    return {
      verified: false,
      length: entries.length,
      brokenAtSeq: entries.length + 1,
      problem: `the record's head is at entry ${head.auditSeq}: entries are missing from the end`,
    };
  }
  // A last entry rewritten with a correct link and a fresh hash of its own has nothing after it to break:
  // only the hash the record carries tells.
  if (head && entries.length > 0 && head.auditHash !== prevHash) {
    return {
      verified: false,
      length: entries.length,
      brokenAtSeq: entries.length,
      problem: 'the last entry does not match the hash the record carries',
    };
  }
  return { verified: true, length: entries.length };
}
