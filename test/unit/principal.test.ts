/**
 * principalFromClaims (shared/http/principal.ts), the one place every protected route reads who calls: issue 11
 * §2 (Tokens). Claims arrive as API Gateway hands them over (arrays flattened to "[a b]") or as real arrays.
 */
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '#shared/http/problem';
import { principalFromClaims } from '#shared/http/principal';

const access = { token_use: 'access' } as const;

function refusal(claims: Parameters<typeof principalFromClaims>[0]): HttpProblem {
  try {
    principalFromClaims(claims);
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('principalFromClaims accepted the claims');
}

describe('principalFromClaims: token_use (issue 11 §2)', () => {
  it('reads an access token: role, tenant claims', () => {
    expect(
      principalFromClaims({
        ...access,
        sub: 'u-1',
        'cognito:groups': '[town]',
        purchaserId: 'pur-town-1',
      }),
    ).toEqual({ sub: 'u-1', role: 'town', purchaserId: 'pur-town-1' });
    expect(principalFromClaims({ ...access, sub: 'portal', scope: 'procurement/portal' })).toEqual({
      sub: 'portal',
      role: 'portal',
    });
  });

  it('refuses a Cognito ID token (token_use "id", aud the client id) with a 401 that says to send the access token', () => {
    // An ID token as Cognito issues it: it has the groups too, and the authorizer lets it through (aud = client id).
    const problem = refusal({
      sub: 'u-1',
      aud: 'client-1',
      token_use: 'id',
      'cognito:groups': '[bureau]',
      email: 'staff@example.test',
    });
    expect(problem.status).toBe(401);
    expect(problem.title).toBe('Unauthorized');
    expect(problem.message).toMatch(/access token/);
    expect(problem.message).toMatch(/token_use is "id"/);
  });

  it('refuses a token without token_use: Cognito puts it on every token it issues', () => {
    expect(refusal({ sub: 'u-1', 'cognito:groups': '[bureau]' }).status).toBe(401);
    expect(refusal({ sub: 'p', scope: 'procurement/portal' }).status).toBe(401);
  });

  it('refuses any other token_use, whatever the role', () => {
    for (const use of ['ID', 'refresh', '', 'access ']) {
      expect(refusal({ sub: 'u-1', token_use: use, 'cognito:groups': '[auditor]' }).status, use).toBe(401);
    }
    expect(refusal({ sub: 'p', token_use: 'id', scope: 'procurement/portal' }).status).toBe(401);
  });
});

describe('principalFromClaims: exactly one role group (issue 11 §2, R-BUY-1)', () => {
  it('refuses a user in two role groups with a 403 naming both, in either order and either claim shape', () => {
    for (const groups of ['[auditor bureau]', '[bureau auditor]', ['bureau', 'auditor']]) {
      const problem = refusal({
        ...access,
        sub: 'u-2',
        'cognito:groups': groups,
        purchaserId: 'pur-district',
      });
      expect(problem.status).toBe(403);
      expect(problem.title).toBe('Forbidden');
      expect(problem.message).toContain('more than one role group (auditor, bureau)');
    }
  });

  it('refuses the most privileged first: bureau with contractor is not bureau', () => {
    expect(
      refusal({ ...access, sub: 'u-3', 'cognito:groups': '[bureau contractor]', contractorId: 'ctr-1' })
        .status,
    ).toBe(403);
  });

  it('counts only role groups: another group beside one role is that role; a group listed twice is one', () => {
    expect(
      principalFromClaims({ ...access, sub: 'u-4', 'cognito:groups': '[newsletter evaluator]' }),
    ).toEqual({ sub: 'u-4', role: 'evaluator' });
    expect(principalFromClaims({ ...access, sub: 'u-5', 'cognito:groups': ['finance', 'finance'] })).toEqual({
      sub: 'u-5',
      role: 'finance',
    });
  });

  it('still has no principal without sub or without any role (the handler answers its own 401)', () => {
    expect(principalFromClaims({ ...access, 'cognito:groups': '[bureau]' })).toBeUndefined();
    expect(principalFromClaims({ ...access, sub: 'u-6', 'cognito:groups': '[newsletter]' })).toBeUndefined();
    expect(principalFromClaims({ ...access, sub: 'u-7', scope: 'openid' })).toBeUndefined();
  });
});
