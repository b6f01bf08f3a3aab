import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { commitFunds, fundsCover } from '#shared/adapters/dynamodb/budget-writes';
import { commit } from '#shared/adapters/dynamodb/record-store';

const ddbMock = mockClient(DynamoDBDocumentClient);
const movement = {
  lineId: 'bl_1',
  purchaserId: 'pur-district',
  amount: 5_000,
  cause: { type: 'contract', id: 'con_1' },
  actor: { sub: 'u-bureau', role: 'bureau' },
  at: '2025-03-10T10:00:00.000+08:00',
  field: 'price',
};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

beforeEach(() => {
  ddbMock.reset();
});

describe('budget writes: R-FUND-2 as DynamoDB conditions', () => {
  it('commits with an Update conditional on available >= amount (committed + x <= amount) and a once-per-cause movement', () => {
    const [update, move] = commitFunds(movement);
    expect(update?.item.Update).toEqual({
      TableName: 'assistance',
      Key: { PK: 'BUDGET#bl_1', SK: 'LINE' },
      ConditionExpression: 'purchaserId = :purchaser AND available >= :x',
      UpdateExpression:
        'SET committed = committed + :x, available = available - :x, unpaid = unpaid + :x, version = version + :one, updatedAt = :at',
      ExpressionAttributeValues: { ':purchaser': 'pur-district', ':x': 5_000, ':one': 1, ':at': movement.at },
    });
    expect(move?.item.Put).toMatchObject({
      Item: { PK: 'BUDGET#bl_1', SK: 'MOVE#COMMIT#contract#con_1', kind: 'commitment', amount: 5_000 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(update?.onConditionFailed()).toMatchObject({
      code: 'conflict',
      details: { field: 'price', rule: 'R-FUND-2' },
    });
    expect(move?.onConditionFailed().message).toContain('already committed');
  });

  it.each([0, -5_000, 2.5, Number.NaN, 10_000_000_000_001])(
    'R-FUND-2: refuses to commit %s fen before building any item (the condition available >= :x alone would let 0 or less through)',
    (amount) => {
      expect(() => commitFunds({ ...movement, amount })).toThrow(
        expect.objectContaining({ code: 'invalid', details: { field: 'price', rule: 'R-FUND-2' } }),
      );
    },
  );

  it('checks an estimate against the line without moving it (422 naming the field)', () => {
    const check = fundsCover({
      lineId: 'bl_1',
      purchaserId: 'pur-district',
      fiscalYear: 2025,
      amount: 7,
      field: 'estimatedAmount',
    });
    expect(check.item.ConditionCheck).toMatchObject({
      ConditionExpression: 'purchaserId = :purchaser AND fiscalYear = :year AND available >= :x',
    });
    expect(check.onConditionFailed()).toMatchObject({
      code: 'refused',
      details: { field: 'estimatedAmount', rule: 'R-FUND-2' },
    });
  });

  it('resends a transaction cancelled only by a concurrent one, then lands (no read in between)', async () => {
    // Arrange
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    await commit([], commitFunds(movement), { conflictRetries: 3 });

    // Assert
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });

  it('answers the line’s refusal at once when a condition failed, without retrying', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    // Act / Assert
    await expect(commit([], commitFunds(movement), { conflictRetries: 3 })).rejects.toMatchObject({
      code: 'conflict',
      details: { rule: 'R-FUND-2' },
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('gives up after the retries with a 409 to try again, and does not retry by default', async () => {
    // Arrange
    ddbMock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));

    // Act / Assert
    await expect(commit([], commitFunds(movement), { conflictRetries: 2 })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('try again'),
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
    ddbMock.resetHistory();
    await expect(commit([], commitFunds(movement))).rejects.toMatchObject({ code: 'conflict' });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});
