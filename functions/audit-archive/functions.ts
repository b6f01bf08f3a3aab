/**
 * The audit trail's own functions (issue 11 §5): not behind the API, not in a workflow. CDK builds them in the
 * stateful stack beside the stream, archive and key they use (infra/constructs/audit-archive.ts); the bench
 * measures them with every other function (bench/bundles.ts functionEntries).
 */
/**
 * What of the table's stream reaches the archiver: every change of an `AUDIT#` item (an insert is archived, a change
 * or removal is tampering), and changes or removals of public and OCDS items. CDK turns each into a Lambda filter
 * pattern (infra/constructs/audit-archive.ts); the local stream poller applies the same (infra/local/audit-stream.ts).
 */
export const ARCHIVED_STREAM_CHANGES: readonly {
  partitionPrefixes: readonly string[];
  events?: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
}[] = [
  { partitionPrefixes: ['AUDIT#'] },
  // A signed digest is written once: any change or removal of one is tampering too.
  { partitionPrefixes: ['PUBLIC#', 'OCID#', 'DIGEST#'], events: ['MODIFY', 'REMOVE'] },
];

export const auditArchiveFunctions = {
  auditArchiver: {
    handler: 'functions/audit-archive/archive-audit-entries',
    summary: 'Archives every audit entry from the table stream into the Object Lock bucket (R-SUP-2)',
  },
  auditDigest: {
    handler: 'functions/audit-archive/sign-digest',
    summary: 'Signs the daily digest of audit chain heads with the KMS key (R-SUP-2)',
  },
} as const;
