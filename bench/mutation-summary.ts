/**
 * Summarizes a Stryker JSON report (mutation-testing-report-schema) into docs/mutation-summary.json, per folder
 * (shared/domain, shared/use-cases) and overall, so docs/bench.md and docs/mutation.md can quote the figures.
 *
 *   npx tsx bench/mutation-summary.ts [report.json] [--out docs/mutation-summary.json]
 *
 * Default input: reports/mutation/mutation.json (the json reporter of `npm run mutate`). The committed
 * reports/stryker-incremental.json has the same shape and can be summarized too.
 *
 * Score as Stryker counts it: (killed + timeout) ÷ (killed + timeout + survived + no coverage); compile and
 * runtime errors and ignored mutants are left out of both sides. `scoreOfCovered` leaves no-coverage out as well.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The part of mutation-testing-report-schema (a dependency of Stryker, not of this package) read here. */
type MutantStatus =
  'Killed' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Timeout' | 'Ignored' | 'Pending';
interface MutationTestResult {
  files: Record<
    string,
    {
      mutants: {
        status: MutantStatus;
        mutatorName: string;
        replacement?: string;
        static?: boolean;
        location: { start: { line: number } };
      }[];
    }
  >;
  thresholds: { high: number; low: number; break?: number | null };
  projectRoot?: string;
  performance?: { setup: number; initialRun: number; mutation: number };
}

const FOLDERS = ['shared/domain', 'shared/use-cases'] as const;

interface Counts {
  files: number;
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  runtimeError: number;
  compileError: number;
  ignored: number;
  /** Mutants Stryker marked static (evaluated when the module loads), whatever their status. */
  static: number;
  /** Static mutants reported Survived or NoCoverage: see `scoreWithoutStatic`. */
  staticSurvived: number;
  /** Percent, 2 decimals; null when nothing valid was measured. Stryker's own figure, the one `break` applies to. */
  score: number | null;
  scoreOfCovered: number | null;
  /**
   * The score over non-static mutants only. With `ignoreStatic` Stryker runs a static mutant that tests also
   * cover without reloading its module, so the mutated constant is never in effect and it "survives" untested
   * (docs/mutation.md); this figure leaves them out of both sides.
   */
  scoreWithoutStatic: number | null;
}

export interface Survivor {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  status: 'Survived' | 'NoCoverage';
  static: boolean;
}

export interface MutationSummary {
  generatedFrom: string;
  summarizedAt: string;
  thresholds: { high: number; low: number; break: number | null };
  /** Seconds per phase as Stryker measured them, when the report has them. */
  seconds: { setup: number; initialRun: number; mutation: number; total: number } | null;
  overall: Counts;
  folders: Record<(typeof FOLDERS)[number], Counts>;
  perFile: Record<string, Counts>;
  survivors: Survivor[];
}

const KEY: Partial<Record<MutantStatus, keyof Counts>> = {
  Killed: 'killed',
  Survived: 'survived',
  NoCoverage: 'noCoverage',
  Timeout: 'timeout',
  RuntimeError: 'runtimeError',
  CompileError: 'compileError',
  Ignored: 'ignored',
};

const empty = (): Counts => ({
  files: 0,
  mutants: 0,
  killed: 0,
  survived: 0,
  noCoverage: 0,
  timeout: 0,
  runtimeError: 0,
  compileError: 0,
  ignored: 0,
  static: 0,
  staticSurvived: 0,
  score: null,
  scoreOfCovered: null,
  scoreWithoutStatic: null,
});

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

function finish(c: Counts): Counts {
  const detected = c.killed + c.timeout;
  return {
    ...c,
    score: pct(detected, detected + c.survived + c.noCoverage),
    scoreOfCovered: pct(detected, detected + c.survived),
    // A static mutant that was detected stays detected: only the untested static survivors leave the count.
    scoreWithoutStatic: pct(detected, detected + c.survived + c.noCoverage - c.staticSurvived),
  };
}

function add(into: Counts, from: Counts) {
  for (const key of Object.keys(KEY).map((s) => KEY[s as MutantStatus]!)) {
    (into[key] as number) += from[key] as number;
  }
  into.files += from.files;
  into.mutants += from.mutants;
  into.static += from.static;
  into.staticSurvived += from.staticSurvived;
}

export function summarize(report: MutationTestResult, generatedFrom: string): MutationSummary {
  const root = report.projectRoot ?? process.cwd();
  const perFile: Record<string, Counts> = {};
  const survivors: Survivor[] = [];
  for (const [name, file] of Object.entries(report.files)) {
    const rel = path.isAbsolute(name) ? path.relative(root, name) : name;
    const counts = empty();
    counts.files = 1;
    for (const mutant of file.mutants) {
      counts.mutants++;
      const key = KEY[mutant.status];
      if (key) (counts[key] as number)++;
      if (mutant.static) counts.static++;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        if (mutant.static) counts.staticSurvived++;
        survivors.push({
          file: rel,
          line: mutant.location.start.line,
          mutator: mutant.mutatorName,
          replacement: (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 120),
          status: mutant.status,
          static: mutant.static === true,
        });
      }
    }
    perFile[rel] = finish(counts);
  }
  const folders = Object.fromEntries(
    FOLDERS.map((folder) => {
      const total = empty();
      for (const [file, counts] of Object.entries(perFile))
        if (file.startsWith(`${folder}/`)) add(total, counts);
      return [folder, finish(total)];
    }),
  ) as MutationSummary['folders'];
  const overall = empty();
  for (const counts of Object.values(perFile)) add(overall, counts);
  const perf = report.performance;
  const seconds = perf
    ? {
        setup: Math.round(perf.setup / 1000),
        initialRun: Math.round(perf.initialRun / 1000),
        mutation: Math.round(perf.mutation / 1000),
        total: Math.round((perf.setup + perf.initialRun + perf.mutation) / 1000),
      }
    : null;
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    generatedFrom,
    summarizedAt: new Date().toISOString(),
    thresholds: {
      high: report.thresholds.high,
      low: report.thresholds.low,
      break: report.thresholds.break ?? null,
    },
    seconds,
    overall: finish(overall),
    folders,
    perFile: Object.fromEntries(Object.entries(perFile).sort(([a], [b]) => a.localeCompare(b))),
    survivors,
  };
}

const show = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)} %`);

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: 'docs/mutation-summary.json' } },
  });
  const input = positionals[0] ?? 'reports/mutation/mutation.json';
  const report = JSON.parse(await readFile(input, 'utf8')) as MutationTestResult;
  const summary = summarize(report, input);
  await writeFile(values.out, `${JSON.stringify(summary, null, 2)}\n`);
  const rows: [string, Counts][] = [...Object.entries(summary.folders), ['overall', summary.overall]];
  for (const [name, c] of rows) {
    console.log(
      `${name.padEnd(17)} score ${show(c.score).padStart(8)} (without static ${show(c.scoreWithoutStatic)})  killed ${c.killed}  timeout ${c.timeout}  survived ${c.survived} (static ${c.staticSurvived})  no coverage ${c.noCoverage}  (${c.files} files, ${c.mutants} mutants)`,
    );
  }
  if (summary.seconds) console.log(`run time ${summary.seconds.total} s`);
  console.log(`written to ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
