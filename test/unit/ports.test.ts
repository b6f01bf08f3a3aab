/**
 * Issue 12 §5: the embedded stack's ports come from PORT, DYNAMO_PORT, S3_PORT and SFN_PORT, and a port in use is a
 * one-line message naming the variable to set, exit code non-zero, not a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LocalSettingError,
  PORT_SETTINGS,
  PortInUseError,
  asPortInUse,
  assertPortFree,
  portFromEnv,
} from '#infra/local/ports';
import { repoRoot } from '#infra/local/paths';
import { startEmbeddedStack } from '#infra/local/stack';

/** A server holding a port on 127.0.0.1, as another program would. */
let held: net.Server;
let heldPort: number;

beforeAll(async () => {
  held = net.createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  heldPort = (held.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => held.close(() => resolve()));
});

describe('the port variables', () => {
  it('names one variable per part, with the customary defaults', () => {
    expect(
      Object.fromEntries(Object.values(PORT_SETTINGS).map(({ variable, fallback }) => [variable, fallback])),
    ).toEqual({ PORT: 3000, DYNAMO_PORT: 8000, S3_PORT: 4568, SFN_PORT: 8083 });
  });

  it('reads each one, the default when unset or empty, 0 for any free port', () => {
    expect(portFromEnv('api', { PORT: '3100' })).toBe(3100);
    expect(portFromEnv('s3', { S3_PORT: ' 4600 ' })).toBe(4600);
    expect(portFromEnv('sfn', {})).toBe(8083);
    expect(portFromEnv('dynamo', { DYNAMO_PORT: '' })).toBe(8000);
    expect(portFromEnv('api', { PORT: '0' })).toBe(0);
  });

  it('refuses what is not a port, naming the variable (it used to fall back to the default silently)', () => {
    for (const value of ['abc', '3000x', '-1', '70000', '3.5']) {
      expect(() => portFromEnv('dynamo', { DYNAMO_PORT: value }), value).toThrow(LocalSettingError);
      expect(() => portFromEnv('dynamo', { DYNAMO_PORT: value }), value).toThrow(
        `DYNAMO_PORT=${value} is not a port: set DYNAMO_PORT to a number from 1 to 65535`,
      );
    }
  });
});

describe('a port in use', () => {
  it('is one line naming the variable to set', () => {
    const error = new PortInUseError(3000, 'PORT');
    expect(error.message).toBe('port 3000 is in use: set PORT to another port');
    expect(error).toBeInstanceOf(LocalSettingError);
  });

  it('maps only EADDRINUSE from a listen', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use'), {
      code: 'EADDRINUSE',
    });
    expect(asPortInUse(inUse, 4568, 'S3_PORT')).toEqual(new PortInUseError(4568, 'S3_PORT'));
    const denied = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    expect(asPortInUse(denied, 80, 'PORT')).toBe(denied);
  });

  it('is found by the check before anything starts, and a free port passes it', async () => {
    await expect(assertPortFree(heldPort, 'SFN_PORT')).rejects.toThrow(
      `port ${heldPort} is in use: set SFN_PORT to another port`,
    );
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    await expect(assertPortFree(port, 'SFN_PORT')).resolves.toBeUndefined();
  });

  it('stops startEmbeddedStack before it starts anything (no Java, nothing written)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ports-'));
    try {
      for (const [option, variable] of [
        ['port', 'PORT'],
        ['dynamoPort', 'DYNAMO_PORT'],
        ['s3Port', 'S3_PORT'],
        ['sfnPort', 'SFN_PORT'],
      ] as const) {
        await expect(
          startEmbeddedStack({ dataDir, port: 0, [option]: heldPort, log: () => undefined }),
          option,
        ).rejects.toThrow(new PortInUseError(heldPort, variable));
      }
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('`npm start` (infra/local/start.ts) prints the one line and exits 1, without a stack trace', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ports-start-'));
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'infra/local/start.ts')],
        {
          cwd: repoRoot,
          env: { ...process.env, DATA_DIR: dataDir, PORT: String(heldPort) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `The embedded stack did not start: port ${heldPort} is in use: set PORT to another port`,
      ]);
      expect(stdout).toBe('');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
