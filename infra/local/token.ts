/**
 * `npm run token -- --role <role> [--contractor <id>] [--purchaser <id>] [--sub <sub>] [--ttl 8h]`
 * prints a dev token the embedded gateway accepts: a human line on stderr, the token alone on stdout.
 */
import { parseArgs } from 'node:util';
import { ROLES } from '#functions/routes';
import { DevTokenError, devTokenClaims, isRole, signDevToken } from '#infra/local/jwt';
import { defaultDataDir, keysDirOf } from '#infra/local/paths';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--contractor <id>] [--purchaser <id>] [--sub <sub>] [--ttl 8h]`;

/** `3600`, `90s`, `30m`, `8h`, `2d` → seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match?.[1]) throw new DevTokenError(`--ttl "${value}" is not a duration like 3600, 30m, 8h or 2d.`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
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
    const options = {
      role,
      ...(values.contractor ? { contractorId: values.contractor } : {}),
      ...(values.purchaser ? { purchaserId: values.purchaser } : {}),
      ...(values.sub ? { sub: values.sub } : {}),
    };
    const ttlSeconds = parseTtl(values.ttl);
    const claims = devTokenClaims(options);
    const token = await signDevToken({ ...options, keysDir: keysDirOf(defaultDataDir()), ttlSeconds });
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
    if (error instanceof DevTokenError) fail(error.message);
    throw error;
  }
}

await main();
