/**
 * Bulk-loads contractors straight into the table, each stored as the record store stores a registration
 * (record item with its index keys, record type, domain value and audit head) plus its credit-code marker.
 * The audit entries themselves are not written for bulk-loaded contractors: no measured request reads them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { headOf, nextEntry, type Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { registerContractor, type Contractor, type RegistrationInput } from '#shared/domain/contractor';
import { newId } from '#shared/domain/ids';
import { keys } from '#shared/adapters/dynamodb/keys';
import { newCreditCode } from '../test/support/fixtures';

/** 12 contractors = 24 items, within BatchWriteItem's 25. */
export const CONTRACTORS_PER_BATCH = 12;
export const IN_FLIGHT = 8;
const MAX_ATTEMPTS = 10;
const LOADER: Actor = { sub: 'bench-loader', role: 'bureau' };

type Item = Record<string, unknown>;

export interface Population {
  /** Ids of every contractor loaded so far, for random reads. */
  ids: string[];
  /** Credit codes in use, so generated ones never collide. */
  codes: Set<string>;
  /** Contractors registered through POST /v1/contractors (they are in the table too). */
  registered: number;
}

export function emptyPopulation(): Population {
  return { ids: [], codes: new Set(), registered: 0 };
}

export const contractorsInTable = (population: Population): number =>
  population.ids.length + population.registered;

/** A credit code no loaded or generated contractor has. */
export function freshCreditCode(population: Population): string {
  for (;;) {
    const code = newCreditCode('5');
    if (!population.codes.has(code)) {
      population.codes.add(code);
      return code;
    }
  }
}

/** A valid POST /v1/contractors body (the fixtures' social organization) with a credit code nobody has. */
export function registrationBody(population: Population): RegistrationInput {
  return {
    kind: 'social_organization',
    name: '示范社会工作服务中心',
    creditCode: freshCreditCode(population),
    nonProfit: true,
    contact: { name: '李明', phone: '13800000000', email: 'li@example.org' },
  };
}

/** The two items a registration stores: the contractor record and its credit-code marker. */
export function registrationItems(contractor: Contractor): Item[] {
  const entry = nextEntry(undefined, {
    recordType: 'contractor',
    recordId: contractor.id,
    at: contractor.updatedAt,
    actor: contractor.registeredBy,
    action: 'contractor.registered',
    data: contractor,
  });
  return [
    {
      ...keys.contractor(contractor.id),
      ...keys.contractorIndex(contractor.createdAt, contractor.id),
      recordType: 'contractor',
      ...contractor,
      ...headOf(entry),
    },
    { ...keys.creditCode(contractor.creditCode), recordType: 'credit-code', contractorId: contractor.id },
  ];
}

function newContractor(population: Population): Contractor {
  const now = new Date();
  return registerContractor(registrationBody(population), {
    id: newId('ctr', now),
    actor: LOADER,
    now: isoWithOffset(now),
  });
}

export interface Loader {
  /** Bulk-loads contractors until the table holds `target` (registered ones included). */
  fillTo(
    population: Population,
    target: number,
    progress: (done: number, total: number) => void,
  ): Promise<void>;
  close(): void;
}

export function createLoader(options: { endpoint: string; tableName: string }): Loader {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 5,
    }),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
  );

  async function writeBatch(items: Item[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`${pending.length} items still unprocessed after retries`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [options.tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[options.tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }

  return {
    async fillTo(population, target, progress) {
      const missing = Math.max(0, target - contractorsInTable(population));
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < missing) {
          const size = Math.min(CONTRACTORS_PER_BATCH, missing - next);
          next += size;
          const contractors = Array.from({ length: size }, () => newContractor(population));
          await writeBatch(contractors.flatMap(registrationItems));
          population.ids.push(...contractors.map((c) => c.id));
          done += size;
          progress(done, missing);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    },
    close: () => client.destroy(),
  };
}
