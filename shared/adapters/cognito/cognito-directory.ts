/**
 * The user directory on AWS (issue 12 §1): a contractor's user is a Cognito user of the pool, created by an
 * administrator (AdminCreateUser, so Cognito mails the invitation with a temporary password), linked to its
 * contractor by `custom:contractorId` (the pre-token trigger copies it into access tokens,
 * functions/platform/pre-token-generation.ts) and put in the `contractor` group (its role). The function holds
 * cognito-idp:AdminCreateUser and cognito-idp:AdminAddUserToGroup on the pool and nothing else
 * (infra/constructs/bind.ts bindUserPool). docs/contractor-users.md.
 */
import { DomainError } from '#shared/domain/errors';
import type { NewContractorUser, UserDirectoryPort } from '#shared/use-cases/contractor-users';
import { CONTRACTOR_GROUP, CONTRACTOR_ID_ATTRIBUTE } from './attributes';
import { cognito } from './cognito-client';

/** What Cognito answers when the username or the e-mail (a sign-in alias, unique once verified) is taken. */
export function directoryConflict(errorName: string): DomainError | undefined {
  if (errorName === 'UsernameExistsException') {
    return new DomainError('duplicate', 'username: a user with this username exists already', {
      field: 'username',
    });
  }
  if (errorName === 'AliasExistsException') {
    return new DomainError('duplicate', 'email: another user signs in with this e-mail address', {
      field: 'email',
    });
  }
  return undefined;
}

export function cognitoUserDirectory(userPoolId: string): UserDirectoryPort {
  return {
    async createContractorUser(user: NewContractorUser): Promise<void> {
      const { sdk, client } = await cognito();
      try {
        await client.send(
          new sdk.AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: user.username,
            UserAttributes: [
              { Name: 'email', Value: user.email },
              // The bureau or the registering portal vouches for the address: the invitation goes there, and
              // the pool recovers accounts by e-mail only (AccountRecovery.EMAIL_ONLY).
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: user.name },
              { Name: CONTRACTOR_ID_ATTRIBUTE, Value: user.contractorId },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        const conflict = error instanceof Error ? directoryConflict(error.name) : undefined;
        throw conflict ?? error;
      }
      await client.send(
        new sdk.AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: user.username,
          GroupName: CONTRACTOR_GROUP,
        }),
      );
    },
  };
}
