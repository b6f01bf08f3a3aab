/**
 * One-off migration of issue 11 §6 (docs/personal-information.md, "what is left to do"): every contractor record
 * stored in clear before personal data was sealed is sealed and hashed as registration does, at its next version
 * with an audit entry `contractor.personal_data_sealed`, a natural person's uniqueness marker moved to the keyed
 * hash; records already sealed are skipped, so it can run again after an interruption.
 *
 * On AWS, run it with the table and the two personal-data keys named, as a principal tagged
 * `assistance:personal-data=seal` (the key policies allow sealing and MACs to that tag only), e.g. a role session
 * with that session tag:
 *
 *   TABLE_NAME=… PERSONAL_DATA_KEY_ID=arn:… PERSONAL_DATA_MAC_KEY_ID=arn:… AWS_REGION=cn-north-1 \
 *     npx tsx infra/ops/seal-personal-data.ts [--dry-run]
 *
 * On the embedded stack, with its handler environment (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB, LOCAL_KMS_DIR).
 */
import { personalDataKeyedHash } from '#shared/adapters/kms/keyed-hash';
import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
import { LOCAL_PERSONAL_DATA_KEY, PERSONAL_DATA_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';
import { clock, store } from '#shared/adapters/store';
import type { Contractor } from '#shared/domain/contractor';
import { sealStoredContractor } from '#shared/use-cases/contractors';

const OPERATOR = { sub: 'migration:issue-11-6', role: 'bureau' };

async function main(dryRun: boolean): Promise<void> {
  const deps = {
    store,
    clock,
    keyedHash: personalDataKeyedHash(),
    seal: envelopeFor(PERSONAL_DATA_KEY_ENV, LOCAL_PERSONAL_DATA_KEY),
  };
  const counts = { sealed: 0, 'already sealed': 0, failed: 0 };
  let cursor: string | undefined;
  do {
    const page = await store.queryIndex<Contractor>('CONTRACTORS', {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const { value } of page.items) {
      if (value.personal) {
        counts['already sealed']++;
        continue;
      }
      if (dryRun) {
        counts.sealed++;
        continue;
      }
      try {
        counts[await sealStoredContractor(deps, value.id, OPERATOR)]++;
      } catch (error) {
        // Names the record and the error's kind, never a field's value.
        counts.failed++;
        console.error(`${value.id}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    cursor = page.cursor;
  } while (cursor);
  console.log(
    `${dryRun ? 'would seal' : 'sealed'} ${counts.sealed}, already sealed ${counts['already sealed']}, failed ${counts.failed}`,
  );
  if (counts.failed) process.exitCode = 1;
}

await main(process.argv.includes('--dry-run'));
