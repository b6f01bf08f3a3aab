/**
 * The audit anchor's item keys (issue 11 §5; ./audit-heads.ts reads and writes them): no table and no client here,
 * so the CDK app reads them at synth (rights, the immutable partitions) without a table name in its environment.
 */
export const AUDIT_DAY_PREFIX = 'AUDITDAY#';
export const AUDIT_HEADS_INDEX_PREFIX = 'AUDITHEADS#';
export const DIGEST_PREFIX = 'DIGEST#';

export const auditKeys = {
  auditDay: (date: string, recordType: string, recordId: string) => ({
    PK: `${AUDIT_DAY_PREFIX}${date}`,
    SK: `${recordType}#${recordId}`,
  }),
  auditDayPartition: (date: string) => `${AUDIT_DAY_PREFIX}${date}`,
  auditHeadsIndex: (recordType: string, recordId: string, date: string) => ({
    GSI1PK: `${AUDIT_HEADS_INDEX_PREFIX}${recordType}#${recordId}`,
    GSI1SK: date,
  }),
  auditHeadsPartition: (recordType: string, recordId: string) =>
    `${AUDIT_HEADS_INDEX_PREFIX}${recordType}#${recordId}`,
  auditDigest: (date: string) => ({ PK: `${DIGEST_PREFIX}${date}`, SK: 'DIGEST' }),
} as const;
