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
  /**
   * Issue 12 §1: a partner portal (`sub` its client, `role` 'portal') acting for a contractor under the contractor's
   * delegation of `scope` (shared/domain/delegation.ts), so every entry names both. Absent otherwise, and absent
   * fields are left out of the hash (canonicalJson), so earlier entries verify as before.
   */
  onBehalfOf?: { contractorId: string; scope: string };
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

/**
 * Issue 11 §5: a daily digest of chain heads, signed with a key no writer of the table holds. The chain alone is
 * unkeyed: whoever can write the table can rewrite an entry, recompute every hash after it and move the record's
 * head, and `verifyChain` says verified. A head listed in a signed digest cannot be moved that way: the entry it
 * names must still hash to what was signed.
 */
export interface DigestHead {
  recordType: string;
  recordId: string;
  seq: number;
  hash: string;
}

export interface AuditDigest {
  /** The Shanghai business date whose chain heads it lists (YYYY-MM-DD). */
  date: string;
  /** Each record's last head recorded that day, ordered by record type, then id. */
  heads: DigestHead[];
}

const byRecord = (a: DigestHead, b: DigestHead): number =>
  a.recordType < b.recordType
    ? -1
    : a.recordType > b.recordType
      ? 1
      : a.recordId < b.recordId
        ? -1
        : a.recordId > b.recordId
          ? 1
          : 0;

/**
 * The digest of a day from the heads recorded that day, one per record (the highest sequence wins if a record is
 * listed twice), in a fixed order, so the same heads always give the same bytes to sign.
 */
export function buildDigest(date: string, heads: readonly DigestHead[]): AuditDigest {
  const latest = new Map<string, DigestHead>();
  for (const head of heads) {
    const id = `${head.recordType}\u0000${head.recordId}`;
    const known = latest.get(id);
    if (!known || head.seq > known.seq) {
      latest.set(id, {
        recordType: head.recordType,
        recordId: head.recordId,
        seq: head.seq,
        hash: head.hash,
      });
    }
  }
  return { date, heads: [...latest.values()].sort(byRecord) };
}

/** The exact bytes that are signed: canonical JSON of the digest (keys sorted, heads in order). */
export const digestPayload = (digest: AuditDigest): string => canonicalJson(digest);

/** What the audit route says of a record's chain against the latest signed digest that lists it. */
export interface AnchorVerdict {
  /** The digest's date. */
  date: string;
  /** The entry the digest anchors. */
  seq: number;
  verified: boolean;
  problem?: string;
}

/**
 * Checks a chain against the head a signed digest lists for its record. `signatureValid` is the signature check of
 * that digest (with the published public key); the rest is pure: the entry the digest names must be there, the
 * chain up to it must hold, and that entry's hash must be the signed one. A rewrite before the anchored entry,
 * with every hash after it recomputed, changes the anchored entry's hash and is caught here though `verifyChain`
 * passes.
 */
export function checkAnchor(
  entries: readonly AuditEntry[],
  anchor: { date: string; head: DigestHead },
  signatureValid: boolean,
): AnchorVerdict {
  const { date, head } = anchor;
  const verdict = (problem?: string): AnchorVerdict => ({
    date,
    seq: head.seq,
    verified: problem === undefined,
    ...(problem === undefined ? {} : { problem }),
  });
  if (!signatureValid) return verdict(`the digest of ${date} does not carry a valid signature`);
  const entry = entries[head.seq - 1];
  if (!entry || entry.seq !== head.seq) {
    return verdict(`entry ${head.seq}, which the digest of ${date} lists, is missing`);
  }
  const upToAnchor = verifyChain(entries.slice(0, head.seq));
  if (!upToAnchor.verified) {
    return verdict(`the chain up to entry ${head.seq} does not verify: ${upToAnchor.problem ?? 'broken'}`);
  }
  if (entry.hash !== head.hash) {
    return verdict(
      `entry ${head.seq} differs from the digest signed on ${date}: the chain was rewritten after it`,
    );
  }
  return verdict();
}
