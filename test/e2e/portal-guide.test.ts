/**
 * docs/portal-guide.md as a test (issue 12 §5, §6): every ```bash block of the guide, in order and word for word,
 * in one bash process against the stack the tests started, with the environment the guide says to set (BASE_URL,
 * DATA_DIR for `npm run token`, MINIMUM_PERIOD_SECONDS_OVERRIDE as the stack has it). Each block must finish without
 * a failing command (`set -euo pipefail`; the guide's `call` fails on any 4xx or 5xx), and the journey must end in a
 * signed contract, read back here through the client typed by /openapi.json, which the portal signed for the
 * contractor under its delegation (issue 12 §1), and the delegation revoked.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/local/paths';
import { apiClient, ok } from '../support/api-client';
import { stackInfo, token } from '../support/stack-client';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';

const GUIDE = path.join(repoRoot, 'docs', 'portal-guide.md');

/** The guide's ```bash blocks, in order. */
function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

interface Run {
  status: number | null;
  /** How many blocks ran to their end. */
  done: number;
  /** What the script reported on fd 3 after the last block. */
  contractId?: string;
  contractorId?: string;
  output: string;
}

/** Runs the blocks in one bash; after each, a line on fd 3 says it finished. */
function runBlocks(blocks: readonly string[], env: Record<string, string>): Promise<Run> {
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((block, index) => [block, `echo "done ${index + 1} $SECONDS" >&3`]),
    'echo "contract ${CONTRACT_ID:-}" >&3',
    'echo "contractor ${CONTRACTOR_ID:-}" >&3',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let progress = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const done = [...progress.matchAll(/^done \d+ /gm)].length;
      const contractId = /^contract (\S+)$/m.exec(progress)?.[1];
      const contractorId = /^contractor (\S+)$/m.exec(progress)?.[1];
      if (process.env.GUIDE_TIMES === '1') console.error(progress);
      resolve({
        status,
        done,
        output,
        ...(contractId ? { contractId } : {}),
        ...(contractorId ? { contractorId } : {}),
      });
    });
  });
}

describe('docs/portal-guide.md, run word for word (issue 12 §5)', () => {
  it('extracts the guide’s bash blocks, the set-up first and the revocation last', async () => {
    const blocks = bashBlocks(await readFile(GUIDE, 'utf8'));

    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks[0]).toContain('export BASE_URL=');
    expect(blocks.at(-2)).toContain('/sign');
    expect(blocks.at(-1)).toContain('/revoke');
  });

  it('takes a portal’s contractor from registration to a signed contract, acting for it by delegation', async () => {
    // Arrange
    const blocks = bashBlocks(await readFile(GUIDE, 'utf8'));
    const stack = stackInfo();

    // Act
    const run = await runBlocks(blocks, {
      BASE_URL: stack.baseUrl,
      DATA_DIR: stack.dataDir,
      MINIMUM_PERIOD_SECONDS_OVERRIDE: String(PERIOD_OVERRIDE_SECONDS),
    });

    // Assert: every block ran to its end, in order
    const failed = blocks[run.done];
    expect(
      { status: run.status, done: run.done },
      `block ${run.done + 1} of ${blocks.length} failed:\n${failed ?? ''}\n--- output ---\n${run.output}`,
    ).toEqual({ status: 0, done: blocks.length });
    // The contract the guide signed is signed, as the bureau reads it (R-CON-1)
    expect(run.contractId).toEqual(expect.any(String));
    const bureau = apiClient(await token('bureau'));
    const contract = ok(
      await bureau.GET('/v1/contracts/{id}', { params: { path: { id: run.contractId ?? '' } } }),
    );
    expect(contract.status).toBe('signed');
    expect(contract.signatures.contractor?.at).toEqual(expect.any(String));
    expect(contract.signatures.purchaser?.at).toEqual(expect.any(String));
    // The portal signed for the contractor, and the signature names both (issue 12 §1)
    expect(contract.signatures.contractor?.by).toMatchObject({
      sub: 'portal-guide',
      role: 'portal',
      onBehalfOf: { contractorId: run.contractorId, scope: 'contracts' },
    });
    // The guide's last step revoked the delegation
    const delegations = ok(
      await bureau.GET('/v1/contractors/{id}/delegations', {
        params: { path: { id: run.contractorId ?? '' } },
      }),
    );
    expect(delegations.items.map((d) => [d.portalId, d.status])).toEqual([['portal-guide', 'revoked']]);
  }, 180_000);
});
