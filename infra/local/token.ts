/**
 * `npm run token -- --role <role> [--contractor <id>] [--purchaser <id>] [--sub <sub>] [--ttl 8h]`
 * prints a dev token the embedded gateway accepts: a human line on stderr, the token alone on stdout.
 * `--role portal --sub <client id>` is that portal's client-credentials token (each sub a portal of its own);
 * `--role contractor --sub <username>` is the token of a contractor user created through the API, its contractor
 * read from the local directory (`<dataDir>/users.json`) as the pre-token trigger reads `custom:contractorId`.
 */
import { parseArgs } from 'node:util';
import { ROLES } from '#functions/routes';
import { DevTokenError, devTokenClaims, isRole, signDevToken, withLocalUser } from '#infra/local/jwt';
import { localUserDirectoryFileOf } from '#shared/adapters/cognito/local-directory';
import { defaultDataDir, keysDirOf } from '#infra/local/paths';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--contractor <id>] [--purchaser <id>] [--sub <sub>] [--ttl 8h]
  --role portal --sub <client id>       a partner portal's token (each client id is a portal of its own)
  --role contractor --sub <username>    a contractor user's token (created by POST /v1/contractors/{id}/users)`;

/** `3600`, `90s`, `30m`, `8h`, `2d` → seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match?.[1]) throw new DevTokenError(`--ttl "${value}" is not a duration like 3600, 30m, 8h or 2d.`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

/** Exit 2 with the message, and the usage when the command line itself was wrong. */
function fail(message: string, usage = true): never {
  console.error(usage ? `${message}\n${USAGE}` : message);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        contractor: { type: 'string' },
        purchaser: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const role = values.role;
  if (!role) fail('--role is required.');
  if (!isRole(role)) fail(`Unknown role "${role}".`);
  try {
    const dataDir = defaultDataDir();
    const options = await withLocalUser(
      {
        role,
        ...(values.contractor ? { contractorId: values.contractor } : {}),
        ...(values.purchaser ? { purchaserId: values.purchaser } : {}),
        ...(values.sub ? { sub: values.sub } : {}),
      },
      localUserDirectoryFileOf(dataDir),
    );
    const ttlSeconds = parseTtl(values.ttl);
    const claims = devTokenClaims(options);
    const token = await signDevToken({ ...options, keysDir: keysDirOf(dataDir), ttlSeconds });
    const scope = [
      claims.purchaserId && `purchaser ${String(claims.purchaserId)}`,
      claims.contractorId && `contractor ${String(claims.contractorId)}`,
    ]
      .filter(Boolean)
      .join(', ');
    console.error(
      `dev token: role ${role}, sub ${String(claims.sub)}${scope ? `, ${scope}` : ''}, valid ${values.ttl}`,
    );
    console.log(token);
  } catch (error) {
    // One line: what is wrong with these options and what to do (issue 12 §1).
    if (error instanceof DevTokenError) fail(error.message, false);
    throw error;
  }
}

await main();
