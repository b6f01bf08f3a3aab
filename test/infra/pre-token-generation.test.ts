import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '#functions/platform/pre-token-generation';
import { principalFromClaims } from '#shared/http/principal';

function tokenEvent(userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'cn-north-1',
    userPoolId: 'cn-north-1_test',
    userName: 'u-1',
    callerContext: { awsSdkVersion: 'test', clientId: 'client' },
    request: { userAttributes, groupConfiguration: { groupsToOverride: ['contractor'] }, scopes: ['openid'] },
    response: { claimsAndScopeOverrideDetails: {} },
  };
}

describe('pre-token-generation trigger (Cognito V2_0 event)', () => {
  it('copies custom:purchaserId and custom:contractorId into access-token claims', async () => {
    // Arrange
    const event = tokenEvent({
      sub: 'u-1',
      'custom:purchaserId': 'pur-town-1',
      'custom:contractorId': 'ctr-7',
    });
    // Act
    const result = await handler(event);
    // Assert
    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      purchaserId: 'pur-town-1',
      contractorId: 'ctr-7',
    });
  });

  it('adds no claim for an attribute the user does not have', async () => {
    const result = await handler(tokenEvent({ sub: 'u-2', 'custom:contractorId': 'ctr-9' }));
    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      contractorId: 'ctr-9',
    });
  });

  it('produces claims that principalFromClaims reads back', async () => {
    const result = await handler(tokenEvent({ sub: 'u-3', 'custom:contractorId': 'ctr-3' }));
    const added = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    expect(
      principalFromClaims({ sub: 'u-3', 'cognito:groups': '[contractor]', token_use: 'access', ...added }),
    ).toEqual({
      sub: 'u-3',
      role: 'contractor',
      contractorId: 'ctr-3',
    });
  });
});
