/**
 * The user directory of the embedded stack (issue 12 §1): a JSON file in the stack's data directory
 * (`<dataDir>/users.json`, beside `keys/`, the local IdP's signing key), playing the user pool's part. The route
 * creates a contractor's user in it as AdminCreateUser + AdminAddUserToGroup would on AWS (the same conflicts:
 * a username or a verified e-mail taken), and `npm run token -- --role contractor --sub <username>` reads it to
 * put the user's contractorId in the token, as the pre-token trigger does on AWS. Nothing is mailed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NewContractorUser, UserDirectoryPort } from '#shared/use-cases/contractor-users';
import { CONTRACTOR_GROUP, CONTRACTOR_ID_ATTRIBUTE } from './attributes';
import { directoryConflict } from './cognito-directory';

/** The file's name in the data directory. */
export const LOCAL_USER_DIRECTORY_FILE = 'users.json';

export const localUserDirectoryFileOf = (dataDir: string): string =>
  path.join(dataDir, LOCAL_USER_DIRECTORY_FILE);

/** A user as the local directory keeps it: Cognito's attributes and groups, by username. */
export interface LocalUser {
  username: string;
  attributes: Record<string, string>;
  groups: string[];
  createdAt: string;
}

interface DirectoryFile {
  users: Record<string, LocalUser>;
}

async function readDirectory(file: string): Promise<DirectoryFile> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DirectoryFile>;
    return { users: parsed.users ?? {} };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { users: {} };
    throw error;
  }
}

/** Written whole to a temporary file and renamed into place, so a reader never sees half of it. */
async function writeDirectory(file: string, directory: DirectoryFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(directory, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** One user by username, or undefined. */
export async function readLocalUser(file: string, username: string): Promise<LocalUser | undefined> {
  const { users } = await readDirectory(file);
  return Object.hasOwn(users, username) ? users[username] : undefined;
}

/** The contractor a local user belongs to (its `custom:contractorId`), as the pre-token trigger reads it. */
export const contractorIdOf = (user: LocalUser): string | undefined =>
  user.attributes[CONTRACTOR_ID_ATTRIBUTE];

/** Creations are one at a time per file in this process (the embedded stack runs every handler in one). */
const queues = new Map<string, Promise<unknown>>();

export function localUserDirectory(file: string, now: () => Date = () => new Date()): UserDirectoryPort {
  return {
    createContractorUser(user: NewContractorUser): Promise<void> {
      const previous = queues.get(file) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => create(file, user, now()));
      queues.set(file, next);
      return next;
    },
  };
}

async function create(file: string, user: NewContractorUser, at: Date): Promise<void> {
  const directory = await readDirectory(file);
  if (Object.hasOwn(directory.users, user.username)) throw directoryConflict('UsernameExistsException');
  const email = user.email.toLowerCase();
  const taken = Object.values(directory.users).some(
    (other) => other.attributes.email?.toLowerCase() === email && other.attributes.email_verified === 'true',
  );
  if (taken) throw directoryConflict('AliasExistsException');
  directory.users[user.username] = {
    username: user.username,
    attributes: {
      email: user.email,
      email_verified: 'true',
      name: user.name,
      [CONTRACTOR_ID_ATTRIBUTE]: user.contractorId,
    },
    groups: [CONTRACTOR_GROUP],
    createdAt: at.toISOString(),
  };
  await writeDirectory(file, directory);
}
