/**
 * `npm run bench`: the issue 2 figures (bundles and import time, `npm start` ready time, latency at two table
 * sizes, DynamoDB requests per call) and the issue 3 ones (bid submission, the OCDS feed at two sizes),
 * written to docs/bench.md and summarized on the console.
 *
 * `npm run bench -- --only procurement` (or bundles, ready, stack; repeatable) runs those sections only and
 * prints their part of the report; docs/bench.md is written by whole runs only. `--only rush` (the deadline rush
 * of issue 11 §3, bench/rush.ts, in a process of its own) writes its own section of docs/bench.md, which a whole
 * run keeps; so does `--only deliveries` (issue 13 §6, bench/deliveries.ts).
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { repoRoot } from '#infra/local/paths';
import { measureBundles } from './bundles';
import { measureReadyTimes } from './ready';
import { measureProcurementIsolated } from './procurement-bench';
import { hardeningSection, spliceSection } from './hardening';
import { rushSectionOf, spliceRush } from './rush';
import { deliveriesSectionOf, spliceDeliveries } from './deliveries';
import { renderPartial, renderReport, renderSummary, type Figures } from './report';
import { SIZES, measureStack, type Output } from './stack-bench';

const REPORT = path.join(repoRoot, 'docs', 'bench.md');
const SECTIONS = ['bundles', 'ready', 'stack', 'procurement', 'rush', 'deliveries'] as const;
type Section = (typeof SECTIONS)[number];

function terminal(): Output & { section(title: string): void } {
  const tty = process.stdout.isTTY;
  let pending = false;
  const clear = () => {
    if (pending) process.stdout.write('\n');
    pending = false;
  };
  return {
    section: (title) => {
      clear();
      console.log(`\n${title}`);
    },
    line: (text) => {
      if (tty && pending) process.stdout.write('\r\x1b[2K');
      pending = false;
      console.log(`  ${text}`);
    },
    progress: (text) => {
      if (!tty) return console.log(`  ${text}`);
      process.stdout.write(`\r\x1b[2K  ${text}`);
      pending = true;
    },
  };
}

async function javaVersion(): Promise<string> {
  const { stderr } = await promisify(execFile)('java', ['-version']).catch(() => ({ stderr: 'not found' }));
  return stderr.split('\n')[0]?.trim() ?? 'unknown';
}

/** The sections `--only` names, or all of them. */
function selectedSections(): Set<Section> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  const only = values.only ?? [...SECTIONS];
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`--only ${unknown.join(', ')}: expected one or more of ${SECTIONS.join(', ')}`);
  return new Set(only as Section[]);
}

async function main(): Promise<void> {
  const started = performance.now();
  const selected = selectedSections();
  const out = terminal();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'assistance-bench-'));
  removeOnInterrupt(workDir);
  const loadAverages: { section: string; value: number }[] = [];
  const section = (number: string, title: string) => {
    loadAverages.push({ section: number, value: os.loadavg()[0] ?? Number.NaN });
    out.section(`${number}. ${title}`);
  };
  const measured: Partial<Figures> = {};
  try {
    if (selected.has('bundles')) {
      section('1', 'Bundles, and init time paired with the AWS sample (fresh node per import)');
      measured.bundles = await measureBundles(await dir(workDir, 'bundles'), out.line);
    }
    if (selected.has('ready')) {
      section('2', 'npm start: spawn until GET /health answers 200');
      measured.ready = await measureReadyTimes(await dir(workDir, 'npm-start'), out.line);
    }
    if (selected.has('stack')) {
      section('3-4', 'Embedded stack in-process: DynamoDB requests per call, latency under load');
      measured.stack = await measureStack(await dir(workDir, 'stack'), SIZES, out);
    }
    if (selected.has('procurement')) {
      section('5', 'Bid submission and the OCDS feed (embedded stack in a child process)');
      measured.procurement = await measureProcurementIsolated(await dir(workDir, 'procurement'), out);
    }
    if (selected.has('rush')) {
      section(
        '7',
        'Deadline rush: 50 bidders and a hostile one in the last 10 s (embedded stack in a child process)',
      );
      // It writes its own section of docs/bench.md.
      await promisify(execFile)(
        process.execPath,
        [...process.execArgv, path.join(repoRoot, 'bench', 'rush.ts')],
        {
          cwd: repoRoot,
          maxBuffer: 64 * 1024 * 1024,
        },
      ).then(({ stdout }) => out.line(stdout.trim()));
    }
    if (selected.has('deliveries')) {
      section('8', 'Delivery records: a batch of 500, progress at 1 000 and 100 000 records (child process)');
      // It writes its own section of docs/bench.md (bench/deliveries.ts), as the rush does.
      await promisify(execFile)(
        process.execPath,
        [...process.execArgv, path.join(repoRoot, 'bench', 'deliveries.ts')],
        { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
      ).then(({ stdout }) => out.line(stdout.trim()));
    }
    const { bundles, ready, stack, procurement } = measured;
    if (!bundles || !ready || !stack || !procurement) {
      out.section(renderPartial(measured));
      console.log(
        `\nPartial run (${[...selected].join(', ')}): ${path.relative(process.cwd(), REPORT)} not written.`,
      );
      return;
    }
    const figures: Figures = {
      date: new Date(),
      durationMs: performance.now() - started,
      java: await javaVersion(),
      loadAverages,
      bundles,
      ready,
      stack,
      procurement,
    };
    // Section 6 quotes the last fuzz and mutation runs' summaries (bench/hardening.ts); the deadline rush keeps its
    // own section (bench/rush.ts).
    const previous = await readFile(REPORT, 'utf8').catch(() => '');
    const rush = rushSectionOf(previous);
    const deliveries = deliveriesSectionOf(previous);
    const report = spliceSection(renderReport(figures), await hardeningSection());
    const withRush = rush ? spliceRush(report, rush) : report;
    await writeFile(REPORT, deliveries ? spliceDeliveries(withRush, deliveries) : withRush);
    out.section(renderSummary(figures));
    console.log(`\nReport: ${path.relative(process.cwd(), REPORT)}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Ctrl-C: delete the temp dir and exit; exit hooks stop DynamoDB Local and any `npm start` group. */
function removeOnInterrupt(workDir: string): void {
  const interrupted = (signal: NodeJS.Signals): void => {
    console.log(`\n${signal}: stopping the bench`);
    rmSync(workDir, { recursive: true, force: true });
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
}

async function dir(parent: string, name: string): Promise<string> {
  const full = path.join(parent, name);
  await mkdir(full, { recursive: true });
  return full;
}

await main();
