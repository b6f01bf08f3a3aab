/**
 * Target 2: how long `npm start` takes until GET /health answers 200, on an empty data dir (first run:
 * keys, table, seed) and on the same dir again (warm restart). Each run is its own process group, stopped
 * with SIGINT like Ctrl-C; afterwards no process of the group, DynamoDB Local's Java included, may remain.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '#infra/local/ports';
import { repoRoot } from '#infra/local/paths';
import { median } from './stats';

const run = promisify(execFile);

export const RESTART_LIMIT_MS = 5_000;
export const WARM_RESTARTS = 3;
const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 25;
const STOP_TIMEOUT_MS = 15_000;

export interface StartRun {
  label: string;
  /** Spawn of `npm start` until GET /health answered 200. */
  readyMs: number;
  /** What the stack itself reported (`stack start … ms`), if it printed it. */
  stackReportedMs?: number;
  /** Processes of the group (Java included) still alive after the stop; must be none. */
  leftovers: string[];
}

export interface ReadyFigures {
  firstRun: StartRun;
  restarts: StartRun[];
  restartMedianMs: number;
  limitMs: number;
  pass: boolean;
}

export async function measureReadyTimes(
  dataDir: string,
  progress: (line: string) => void,
): Promise<ReadyFigures> {
  const firstRun = await timeStart('first run (empty data dir)', dataDir);
  progress(describeRun(firstRun));
  const restarts: StartRun[] = [];
  for (let i = 1; i <= WARM_RESTARTS; i++) {
    const restart = await timeStart(`warm restart ${i}`, dataDir);
    progress(describeRun(restart));
    restarts.push(restart);
  }
  const restartMedianMs = median(restarts.map((r) => r.readyMs));
  const clean = [firstRun, ...restarts].every((r) => r.leftovers.length === 0);
  return {
    firstRun,
    restarts,
    restartMedianMs,
    limitMs: RESTART_LIMIT_MS,
    pass: clean && restartMedianMs <= RESTART_LIMIT_MS,
  };
}

function describeRun(run: StartRun): string {
  const stack = run.stackReportedMs === undefined ? '' : ` (stack says ${run.stackReportedMs} ms)`;
  const left = run.leftovers.length ? `, LEFT BEHIND: ${run.leftovers.join('; ')}` : '';
  return `${run.label.padEnd(28)} health 200 after ${(run.readyMs / 1000).toFixed(2)} s${stack}${left}`;
}

async function timeStart(label: string, dataDir: string): Promise<StartRun> {
  const [port, dynamoPort, s3Port, sfnPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMO_PORT: String(dynamoPort),
      S3_PORT: String(s3Port),
      SFN_PORT: String(sfnPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'WARN',
    },
  });
  const output = collect(child);
  // The group is detached, so a Ctrl-C on the bench does not reach it: take it down ourselves.
  const releaseGuard = killGroupOnExit(child);
  try {
    await untilHealthy(`http://127.0.0.1:${port}/health`, child, output);
    const readyMs = performance.now() - started;
    const stackReportedMs = await reportedStackMs(output);
    const leftovers = await stopGroup(child, dataDir);
    return { label, readyMs, ...(stackReportedMs === undefined ? {} : { stackReportedMs }), leftovers };
  } catch (error) {
    await stopGroup(child, dataDir);
    throw error;
  } finally {
    releaseGuard();
  }
}

/** Whatever ends this process (Ctrl-C included: tsx and run.ts exit through process.exit) ends the group. */
function killGroupOnExit(child: ChildProcess): () => void {
  const kill = (): void => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  };
  process.once('exit', kill);
  return () => process.removeListener('exit', kill);
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

async function untilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output()}`);
    if (performance.now() > deadline) throw new Error(`no healthy answer from ${url}:\n${output()}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    await sleep(POLL_MS);
  }
}

/** The banner comes right after the stack is up; give stdout a moment to arrive. */
async function reportedStackMs(output: () => string): Promise<number | undefined> {
  for (let i = 0; i < 40; i++) {
    const match = /stack start (\d+) ms/.exec(output());
    if (match) return Number(match[1]);
    await sleep(25);
  }
  return undefined;
}

/**
 * Ctrl-C to the whole group, wait for it to be gone (SIGKILL after a timeout), and report what survived:
 * members of the group, and any DynamoDB Local Java serving this data dir wherever it ended up.
 */
async function stopGroup(child: ChildProcess, dataDir: string): Promise<string[]> {
  const pgid = child.pid;
  if (pgid === undefined) return [];
  const survivors = async () => [...(await groupMembers(pgid)), ...(await javaServing(dataDir))];
  signalGroup(pgid, 'SIGINT');
  const deadline = performance.now() + STOP_TIMEOUT_MS;
  while (performance.now() < deadline && (await survivors()).length > 0) await sleep(100);
  const leftovers = [...new Set(await survivors())];
  if (leftovers.length > 0) signalGroup(pgid, 'SIGKILL');
  return leftovers;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Live processes of the group (`pid command`), zombies excluded. */
async function groupMembers(pgid: number): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,pgid=,stat=,comm=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, state]) => Number(group) === pgid && !state?.startsWith('Z'))
    .map(([pid, , , command]) => `${pid} ${command}`);
}

/** DynamoDB Local processes whose command line names this data dir. */
async function javaServing(dataDir: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,stat=,args=']);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(dataDir) && !/^\d+\s+Z/.test(line))
    .map((line) => `${line.split(/\s+/)[0]} java (DynamoDB Local)`);
}
