/**
 * The bench's latency section (issue 9 §4): the table switch that points the handlers at the small table, and the
 * item counter that shows a read touches one item at both table sizes.
 */
import { describe, expect, it } from 'vitest';
import { capacityOf, itemsOf } from '../../bench/dynamo-counter';
import { retarget } from '../../bench/table-switch';

describe('bench table switch (retarget)', () => {
  it('renames the table of a single request, each transaction part and each batch key, and nothing else', () => {
    // Arrange
    const key = { PK: 'CONTRACTOR#c1', SK: 'PROFILE' };
    const input = {
      TableName: 'assistance',
      Key: key,
      TransactItems: [
        { Put: { TableName: 'assistance', Item: { PK: 'x', TableName: 'assistance' } } },
        { ConditionCheck: { TableName: 'assistance', Key: key } },
      ],
      RequestItems: { assistance: [{ PutRequest: { Item: key } }] },
    };

    // Act
    const out = retarget(input, 'assistance', 'small');

    // Assert
    expect(out).toEqual({
      TableName: 'small',
      Key: key,
      TransactItems: [
        // An attribute that happens to be called TableName is data: left alone.
        { Put: { TableName: 'small', Item: { PK: 'x', TableName: 'assistance' } } },
        { ConditionCheck: { TableName: 'small', Key: key } },
      ],
      RequestItems: { small: [{ PutRequest: { Item: key } }] },
    });
    expect(input.TableName).toBe('assistance');
    expect(input.TransactItems[0]?.Put?.TableName).toBe('assistance');
  });

  it('leaves requests to another table untouched', () => {
    expect(retarget({ TableName: 'other' }, 'assistance', 'small')).toEqual({ TableName: 'other' });
  });
});

describe('bench item counter', () => {
  it('counts what each operation touched from the answer: a GetItem its item, a Query what it scanned', () => {
    expect(itemsOf('GetItem', {}, { Item: { PK: 'a' } })).toBe(1);
    expect(itemsOf('GetItem', {}, {})).toBe(0);
    expect(itemsOf('Query', {}, { Count: 2, ScannedCount: 5 })).toBe(5);
    expect(itemsOf('TransactWriteItems', { TransactItems: [{}, {}, {}] }, {})).toBe(3);
    expect(itemsOf('BatchGetItem', {}, { Responses: { t: [{}, {}], u: [{}] } })).toBe(3);
    expect(itemsOf('BatchWriteItem', { RequestItems: { t: [{}, {}] } }, {})).toBe(2);
    expect(itemsOf('DescribeTable', {}, {})).toBe(0);
  });

  it('adds the capacity units of one ConsumedCapacity or of one per table', () => {
    expect(capacityOf({ ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } })).toBe(0.5);
    expect(
      capacityOf({
        ConsumedCapacity: [
          { TableName: 't', CapacityUnits: 4 },
          { TableName: 'u', CapacityUnits: 2 },
        ],
      }),
    ).toBe(6);
    expect(capacityOf({})).toBe(0);
  });
});
