/**
 * Issue 11 §2 (Tokens): on AWS a user in more than one role group gets no token at all; the pre-token trigger
 * throws, and Cognito refuses the sign-in (and every refresh) with its message. principalFromClaims refuses such a
 * token as well (test/unit/principal.test.ts), which is what the embedded stack, without Cognito, relies on.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AmbiguousRoleError, handler } from '#functions/platform/pre-token-generation';

function tokenEvent(groups: string[]): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_RefreshTokens',
    region: 'cn-north-1',
    userPoolId: 'cn-north-1_test',
    userName: 'u-1',
    callerContext: { awsSdkVersion: 'test', clientId: 'client' },
    request: {
      userAttributes: { sub: 'u-1', 'custom:purchaserId': 'pur-district' },
      groupConfiguration: { groupsToOverride: groups },
      scopes: ['openid'],
    },
    response: { claimsAndScopeOverrideDetails: {} },
  };
}

describe('pre-token trigger: one role group per user (issue 11 §2)', () => {
  it('refuses a user in two role groups, naming them, whatever their precedence', async () => {
    for (const groups of [
      ['bureau', 'auditor'],
      ['auditor', 'bureau'],
    ]) {
      const refused = handler(tokenEvent(groups));
      await expect(refused).rejects.toBeInstanceOf(AmbiguousRoleError);
      await expect(refused).rejects.toThrow('more than one role group (auditor, bureau)');
    }
  });

  it('issues the token for one role group beside groups that are not roles, and for a group listed twice', async () => {
    for (const groups of [['bureau'], ['staff-newsletter', 'bureau'], ['bureau', 'bureau']]) {
      const result = await handler(tokenEvent(groups));
      expect(
        result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
        groups.join(' '),
      ).toEqual({ purchaserId: 'pur-district' });
    }
  });
});
