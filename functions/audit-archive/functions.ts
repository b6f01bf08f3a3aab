/**
 * The audit trail's own functions (issue 11 §5): not behind the API, not in a workflow. CDK builds them in the
 * stateful stack beside the stream, archive and key they use (infra/constructs/audit-archive.ts); the bench
 * measures them with every other function (bench/bundles.ts functionEntries).
 */
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
