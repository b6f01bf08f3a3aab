/**
 * The bench starts each function in the environment the CDK app gives it (bench/function-environments.ts, issue 12):
 * a binding added to the app reaches the bench without a list to keep in step, and no function gets a key it is not
 * bound to (createContractorUser failed at init in the bench without USER_POOL_ID).
 */
import { describe, expect, it } from 'vitest';
import { deployedEnvironments, environmentOf } from '../../bench/function-environments';

describe('the bench environment of each function is the deployed one', () => {
  const environments = deployedEnvironments();

  it('gives the contractor-user function its user pool and personal-data keys, and the public health none', () => {
    expect(Object.keys(environments.get('functions/contractors/create-contractor-user') ?? {})).toEqual(
      expect.arrayContaining([
        'USER_POOL_ID',
        'PERSONAL_DATA_KEY_ID',
        'PERSONAL_DATA_MAC_KEY_ID',
        'TABLE_NAME',
      ]),
    );
    const health = environments.get('functions/platform/health') ?? {};
    expect(Object.keys(health)).not.toContain('TABLE_NAME');
    expect(Object.keys(health)).not.toContain('USER_POOL_ID');
  });

  it('keeps literal values and stands a placeholder for what CloudFormation fills in at deploy', () => {
    const environment = environmentOf({ LOG_LEVEL: 'INFO', TABLE_NAME: { Ref: 'Table' } });
    expect(environment.LOG_LEVEL).toBe('INFO');
    expect(typeof environment.TABLE_NAME).toBe('string');
    expect(environment.TABLE_NAME).not.toBe('');
  });
});
