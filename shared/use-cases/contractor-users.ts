/**
 * Contractor users (issue 12 §1): how a contractor's staff get a login. The bureau, or the partner portal that
 * registered the contractor, asks for a user; the use case creates the login in the user directory (Cognito on
 * AWS: AdminCreateUser with `custom:contractorId`, which the pre-token trigger copies into access tokens, and the
 * `contractor` group; a local file on the embedded stack) and records the user on the contractor, with its audit
 * entry, in one transaction (R-SUP-2). The user's phone and e-mail are personal data: sealed and hashed as a
 * contractor's contacts are (issue 11 §6, docs/personal-information.md), shown masked.
 */
import type { Actor } from '#shared/domain/audit-chain';
import type { Viewer } from '#shared/domain/access';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { HASH_PURPOSE as CONTACT_HASH_PURPOSE, maskEmail, maskPhone } from '#shared/domain/personal-data';
import type { Contractor } from '#shared/domain/contractor';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { keys } from '#shared/adapters/dynamodb/keys';
import { loadContractor, withoutSealedData } from './contractors';
import type { Deps, KeyedHashPort, SealPort } from './ports';

export interface NewContractorUser {
  username: string;
  email: string;
  name: string;
  contractorId: string;
}

/** Where logins are made: Cognito on AWS, a local file on the embedded stack (shared/adapters/cognito). */
export interface UserDirectoryPort {
  /**
   * Creates the login linked to the contractor and in the contractor group; the directory sends the invitation.
   * A username or an e-mail address already taken is a DomainError `duplicate` naming that field.
   */
  createContractorUser(user: NewContractorUser): Promise<void>;
}

export interface ContractorUserInput {
  username: string;
  email: string;
  name: string;
  phone: string;
}

/** A contractor's user as stored: masks in place of phone and e-mail, the data sealed beside its keyed hashes. */
export interface ContractorUser {
  contractorId: string;
  username: string;
  name: string;
  email: string;
  phone: string;
  personal: { sealed: unknown; hashes: { email: string; phone: string } };
  createdBy: Actor;
  createdAt: string;
  version: number;
}

export interface ContractorUserDeps extends Deps {
  directory: UserDirectoryPort;
  seal: SealPort;
  keyedHash: KeyedHashPort;
}

/** The user's item, in its contractor's partition (CONTRACTOR#, declared by the route). */
export const contractorUserKey = keys.contractorUser;

/** The audit chain's record type; its id names the contractor and the username. */
export const CONTRACTOR_USER_RECORD = 'contractor-user';

/** The domain separation of the keyed hashes, as HASH_PURPOSE does for a contractor's contact. */
const HASH_PURPOSE = { email: 'contractorUser.email', phone: 'contractorUser.phone' } as const;

/**
 * The seal's encryption context: the personal-data key's policy asks for `recordType: contractor` and
 * `field: personal` (infra/constructs/customer-keys.ts); `user` binds it to this user, so it opens neither as the
 * contractor's contact seal nor as another user's.
 */
const userContext = (contractorId: string, username: string) => ({
  recordType: 'contractor',
  contractorId,
  field: 'personal',
  user: username,
});

async function sealed(
  deps: ContractorUserDeps,
  contractorId: string,
  input: ContractorUserInput,
): Promise<ContractorUser['personal']> {
  const [seal, email, phone] = await Promise.all([
    deps.seal.seal(
      JSON.stringify({ email: input.email, phone: input.phone }),
      userContext(contractorId, input.username),
    ),
    deps.keyedHash.hash(HASH_PURPOSE.email, input.email),
    deps.keyedHash.hash(HASH_PURPOSE.phone, input.phone),
  ]);
  return { sealed: seal, hashes: { email, phone } };
}

/**
 * Review of issue 12 §1: a login is the contractor's own user, which may delegate bids and contracts (a power of
 * attorney). A portal that chose the address the invitation goes to would hold that login itself and could grant
 * itself what only the contractor may. So a portal asks only for a login at the contractor's registered contact
 * e-mail (compared by keyed hash: this function seals and hashes, it never opens); any other login is the bureau's.
 */
async function assertPortalMayAsk(
  deps: ContractorUserDeps,
  contractor: Contractor,
  input: ContractorUserInput,
  viewer: Viewer,
): Promise<void> {
  if (viewer.role !== 'portal') return;
  const registered = contractor.personal?.hashes.email;
  if (registered && registered === (await deps.keyedHash.hash(CONTACT_HASH_PURPOSE.email, input.email)))
    return;
  throw new DomainError(
    'refused',
    "email: a partner portal may ask for a login only at the contractor's registered contact e-mail (contact.email), where the contractor receives the invitation; the bureau creates any other login",
    { field: 'email' },
  );
}

/**
 * Creates a contractor's user: the bureau for any contractor, a portal for one it registered (another's is "not
 * found", as every contractor route answers). The login is made first, then the record with its audit entry and
 * the idempotency outcome in one transaction: a record never names a login that does not exist, and a retry with
 * the same Idempotency-Key replays the answer without asking the directory again. If the function stops between
 * the two, the login exists without its record, and asking again answers 409 on the username (docs/contractor-users.md
 * says how the bureau resolves it).
 */
export async function createContractorUser(
  deps: ContractorUserDeps,
  contractorId: string,
  input: ContractorUserInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (user: ContractorUser) => ExtraWrite[] },
): Promise<ContractorUser> {
  const contractor = await loadContractor(deps, contractorId, ctx.viewer);
  await assertPortalMayAsk(deps, contractor.value, input, ctx.viewer);
  if (await deps.store.get(contractorUserKey(contractorId, input.username))) {
    throw new DomainError('duplicate', 'username: this contractor has a user with this username already', {
      field: 'username',
    });
  }
  const at = isoWithOffset(deps.clock.now());
  const user: ContractorUser = {
    contractorId,
    username: input.username,
    name: input.name,
    email: maskEmail(input.email),
    phone: maskPhone(input.phone),
    personal: await sealed(deps, contractorId, input),
    createdBy: ctx.actor,
    createdAt: at,
    version: 1,
  };
  await deps.directory.createContractorUser({
    username: input.username,
    email: input.email,
    name: input.name,
    contractorId,
  });
  const change: RecordChange = {
    recordType: CONTRACTOR_USER_RECORD,
    // `.` joins them as other audit ids do (a username has no `:`, and the audit route's id allows none).
    recordId: `${contractorId}.${input.username}`,
    key: contractorUserKey(contractorId, input.username),
    value: user,
    actor: ctx.actor,
    action: 'contractor_user.created',
    at,
    // The entry keeps the masks and the keyed hashes, never the seal (issue 11 §6, as a contractor's entries).
    auditData: withoutSealedData(user),
  };
  await deps.store.commit([change], ctx.remember(user));
  return user;
}
