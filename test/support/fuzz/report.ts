/** Counts of a fuzz run and the markdown `npm run fuzz` writes to docs/fuzz.md. */
import { CASE_CLASSES, type CaseClass } from './cases';

export interface Failure {
  index: number;
  klass: CaseClass;
  op: string;
  withToken: boolean;
  reason: string;
  request: string;
}

/** What `npm run fuzz` writes to docs/fuzz-summary.json, for docs/bench.md (bench/hardening.ts). */
export interface FuzzSummary {
  date: string;
  seed: number;
  cases: number;
  operations: number;
  requests: number;
  serverErrors: number;
  failingCases: number;
  durationSeconds: number;
}

export class FuzzStats {
  readonly byClass = new Map<CaseClass, number>();
  readonly byOperation = new Map<string, number>();
  /** Status → answers (with and without a token). */
  readonly statuses = new Map<number, number>();
  readonly classStatuses = new Map<CaseClass, Map<number, number>>();
  readonly failures: Failure[] = [];
  /** Milliseconds spent waiting for answers, per class. */
  readonly classMs = new Map<CaseClass, number>();
  requests = 0;
  serverErrors = 0;

  countCase(klass: CaseClass, op: string): void {
    this.byClass.set(klass, (this.byClass.get(klass) ?? 0) + 1);
    this.byOperation.set(op, (this.byOperation.get(op) ?? 0) + 1);
  }

  countAnswer(klass: CaseClass, status: number, ms: number): void {
    this.requests++;
    this.classMs.set(klass, (this.classMs.get(klass) ?? 0) + ms);
    if (status >= 500) this.serverErrors++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const perClass = this.classStatuses.get(klass) ?? new Map<number, number>();
    perClass.set(status, (perClass.get(status) ?? 0) + 1);
    this.classStatuses.set(klass, perClass);
  }
}

const histogram = (counts: Map<number, number>) =>
  [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ');

export function fuzzMarkdown(run: {
  seed: number;
  cases: number;
  operations: number;
  durationMs: number;
  date: Date;
  stats: FuzzStats;
  command: string;
}): string {
  const { stats } = run;
  const failingClasses = new Map<string, number>();
  for (const f of stats.failures) {
    const key = `${f.klass} on ${f.op}`;
    failingClasses.set(key, (failingClasses.get(key) ?? 0) + 1);
  }
  const lines = [
    '# Fuzz of every route',
    '',
    `Written by \`npm run fuzz\` (\`test/e2e/fuzz-every-route.test.ts\`, issue 10 §1); \`npm test\` runs the same`,
    'test with 2 000 cases and a random seed, and does not write this file.',
    '',
    `- date: ${run.date.toISOString()}`,
    `- seed: ${run.seed} (replay: \`${run.command}\`)`,
    `- cases: ${run.cases} over ${run.operations} operations of /openapi.json; requests sent: ${stats.requests}`,
    '  (each case on a protected route is sent with a token of a role that may call it and again with none)',
    `- 5xx answers: **${stats.serverErrors}**`,
    `- cases that failed a check: **${stats.failures.length}**`,
    `- duration: ${(run.durationMs / 1000).toFixed(1)} s`,
    `- status codes: ${histogram(stats.statuses)}`,
    '',
    '| class | cases | statuses | mean answer time |',
    '| ----- | ----: | -------- | ---------------: |',
    ...CASE_CLASSES.map((klass) => {
      const answers = [...(stats.classStatuses.get(klass)?.values() ?? [])].reduce((a, b) => a + b, 0);
      const mean = answers === 0 ? '' : `${((stats.classMs.get(klass) ?? 0) / answers).toFixed(0)} ms`;
      return `| ${klass} | ${stats.byClass.get(klass) ?? 0} | ${histogram(stats.classStatuses.get(klass) ?? new Map())} | ${mean} |`;
    }),
    '',
  ];
  if (failingClasses.size > 0) {
    lines.push(
      '## Failing cases by class and operation',
      '',
      '| class and operation | cases |',
      '| --- | ---: |',
    );
    for (const [key, n] of [...failingClasses.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`| ${key} | ${n} |`);
    }
    lines.push('', 'First reasons:', '');
    for (const f of stats.failures.slice(0, 15)) {
      lines.push(
        `- case ${f.index} (${f.klass}, ${f.op}${f.withToken ? '' : ', no token'}): ${oneLine(f.reason)}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 240);
