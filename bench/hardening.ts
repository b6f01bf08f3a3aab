/**
 * Section 6 of docs/bench.md: the figures of the fuzz of every route and of mutation testing (issue 10 §4), read
 * from the summaries `npm run fuzz` (docs/fuzz-summary.json) and `npm run mutate` (docs/mutation-summary.json)
 * write. `npm run bench` renders it with the rest; run alone (`tsx bench/hardening.ts`), it replaces just this
 * section of the existing docs/bench.md, so a fuzz or mutation run need not rerun the 15-minute bench.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FuzzSummary } from '../test/support/fuzz/report';
import type { MutationSummary } from './mutation-summary';

type Counts = MutationSummary['overall'];

export const HARDENING_TITLE = '## 6. Hardening: the fuzz of every route and mutation testing (issue 10)';

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const percent = (score: number | null) => (score === null ? 'n/a' : `${score.toFixed(2)} %`);

function mutationRow(name: string, c: Counts, target: number | null): string {
  // Only the files a run measured: a folder's verdict holds for the folder once every file of it is measured.
  const verdict =
    c.score === null || target === null
      ? ''
      : `${c.score >= target ? 'PASS' : 'FAIL'} on the ${c.files} files measured`;
  return `| ${name} | ${c.files} | ${c.mutants} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | **${percent(c.score)}** | ${verdict} |`;
}

/** The section's body, or a line saying which run has not written its summary yet. */
export async function hardeningSection(docs = 'docs'): Promise<string> {
  const fuzz = await readJson<FuzzSummary>(`${docs}/fuzz-summary.json`);
  const mutation = await readJson<MutationSummary>(`${docs}/mutation-summary.json`);
  const lines: string[] = [];
  lines.push('### Fuzz of every route', '');
  if (fuzz) {
    lines.push(
      `\`npm run fuzz\` on ${fuzz.date} (details in [fuzz.md](fuzz.md)): **${fuzz.cases.toLocaleString('en')} cases** ` +
        `over ${fuzz.operations} operations, ${fuzz.requests.toLocaleString('en')} requests, ` +
        `**${fuzz.serverErrors} × 5xx**, ${fuzz.failingCases} cases failing a check, ${fuzz.durationSeconds} s ` +
        `(seed ${fuzz.seed}). Target: 0 × 5xx, every 4xx a problem+json naming the field. ` +
        '`npm test` runs the same test with 2 000 cases and a random seed.',
    );
  } else lines.push('No `npm run fuzz` summary yet (docs/fuzz-summary.json).');
  lines.push('', '### Mutation testing', '');
  if (mutation) {
    const target = mutation.thresholds.break;
    lines.push(
      `\`npm run mutate\` (Stryker over the unit and handler tests), summarized ${mutation.summarizedAt}` +
        (mutation.seconds ? `, ${Math.round(mutation.seconds.total)} s` : '') +
        `; target ≥ ${target ?? 85} % per folder. The surviving mutants worth keeping, each with why, are in ` +
        '[mutation.md](mutation.md).',
      '',
      '| Folder | Files measured | Mutants | Killed | Timeout | Survived | No coverage | Ignored | Score | Target |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...Object.entries(mutation.folders).map(([folder, c]) => mutationRow(`\`${folder}\``, c, target)),
      mutationRow('overall', mutation.overall, target),
    );
  } else lines.push('No `npm run mutate` summary yet (docs/mutation-summary.json).');
  return lines.join('\n');
}

/** Replaces section 6 of an existing report (or appends it), leaving every other section as it was. */
export function spliceSection(report: string, body: string): string {
  const section = `${HARDENING_TITLE}\n\n${body}\n`;
  const start = report.indexOf(HARDENING_TITLE);
  if (start < 0) return `${report.trimEnd()}\n\n${section}`;
  const next = report.indexOf('\n## ', start + HARDENING_TITLE.length);
  return report.slice(0, start) + section + (next < 0 ? '' : report.slice(next));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = 'docs/bench.md';
  const report = await readFile(file, 'utf8');
  await writeFile(file, spliceSection(report, await hardeningSection()));
  console.info(`${file}: section 6 written`);
}
