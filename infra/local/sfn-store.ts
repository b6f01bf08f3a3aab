/**
 * Where the embedded workflow runner keeps its executions: one item per execution in the one table
 * (keys documented in shared/adapters/dynamodb/table-design.ts), rewritten after every top-level
 * transition, so that a restarted runner finds each RUNNING execution's state, input and park.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/dynamodb/keys';
import { LOCAL_REGION } from '#infra/local/lambda-context';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** How a callback task was answered: recorded before SendTaskSuccess/Failure returns, as on AWS. */
export type TaskOutcome = { ok: true; output: string } | { ok: false; error: string; cause: string };

/** What a parked top-level state needs to be resumed exactly where it was. */
export interface Park {
  state: string;
  /** A Wait state: when it ends, so a resumed wait lasts only what remains (also for `Seconds`). */
  waitUntil?: string;
  /** A callback task: its token stays valid across restarts, and its answer once given. */
  token?: string;
  /**
   * The callback's function returned: the task now only waits for its answer. Until then a resume runs
   * the state again (a new token, the function again), since its function may not have stored this one.
   */
  invoked?: boolean;
  /** When the callback task times out (its TimeoutSeconds after it started), if it does. */
  timeoutAt?: string;
  outcome?: TaskOutcome;
}

export interface ExecutionRecord {
  executionArn: string;
  workflow: string;
  name: string;
  status: ExecutionStatus;
  /** ISO 8601. */
  startDate: string;
  stopDate?: string;
  /** JSON text, as Step Functions keeps it. */
  input: string;
  /** The top-level state the execution is in (or last entered) and that state's input (JSON text). */
  state: string;
  stateInput: string;
  park?: Park;
  output?: string;
  error?: string;
  cause?: string;
}

export interface ExecutionStore {
  /** Creates the record; if one exists under the name, answers it instead (StartExecution decides). */
  create(record: ExecutionRecord): Promise<{ created: true } | { created: false; existing: ExecutionRecord }>;
  put(record: ExecutionRecord): Promise<void>;
  get(workflow: string, name: string): Promise<ExecutionRecord | undefined>;
  running(workflow: string): Promise<ExecutionRecord[]>;
  close(): void;
}

const RECORD_TYPE = 'sfnExecution';

export function createExecutionStore(options: { endpoint: string; tableName: string }): ExecutionStore {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.endpoint,
      region: LOCAL_REGION,
      // DynamoDB Local with sharedDb accepts any key; fixed ones keep the SDK from looking for a profile.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const TableName = options.tableName;

  const itemOf = (record: ExecutionRecord) => ({
    ...keys.workflowExecution(record.workflow, record.name),
    // Only RUNNING executions are in the index (sparse): exactly what a restart resumes.
    ...(record.status === 'RUNNING'
      ? keys.runningExecutionIndex(record.workflow, record.startDate, record.name)
      : {}),
    recordType: RECORD_TYPE,
    ...record,
  });

  return {
    async create(record) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: itemOf(record),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return { created: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await this.get(record.workflow, record.name);
        if (!existing) throw error;
        return { created: false, existing };
      }
    },
    async put(record) {
      await client.send(new PutCommand({ TableName, Item: itemOf(record) }));
    },
    async get(workflow, name) {
      const { Item } = await client.send(
        new GetCommand({ TableName, Key: keys.workflowExecution(workflow, name), ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },
    async running(workflow) {
      const records: ExecutionRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.runningExecutionIndex(workflow, '', '').GSI1PK },
            ExclusiveStartKey,
          }),
        );
        records.push(...(page.Items ?? []).map(toRecord));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      // The index is eventually consistent: trust only items that still say RUNNING.
      return records.filter((record) => record.status === 'RUNNING');
    },
    close: () => client.destroy(),
  };
}

function toRecord(item: Record<string, unknown>): ExecutionRecord {
  const { PK: _pk, SK: _sk, GSI1PK: _gpk, GSI1SK: _gsk, recordType: _type, ...record } = item;
  return record as unknown as ExecutionRecord;
}
