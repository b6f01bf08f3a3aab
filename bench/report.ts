/** docs/bench.md and the console summary, rendered from the figures. */
import os from 'node:os';
import type { BundleFigures, FunctionBundle } from './bundles';
import type { ReadyFigures, StartRun } from './ready';
import { LOAD, type Measured } from './latency';
import { CONTRACTORS_PER_BATCH, IN_FLIGHT } from './population';
import { READS, WRITES } from './request-counts';
import type { StackFigures } from './stack-bench';
import { count, fixed, kb, ms, seconds, verdict } from './stats';

export interface Figures {
  date: Date;
  durationMs: number;
  java: string;
  /** 1-minute load average when each section started. */
  loadAverages: { section: string; value: number }[];
  bundles: BundleFigures;
  ready: ReadyFigures;
  stack: StackFigures;
}

interface TargetRow {
  target: string;
  measured: string;
  result: string;
}

const CAVEAT =
  'Timings come from the embedded stack (DynamoDB Local on Java, handlers in-process behind the local gateway) ' +
  `on a ${os.cpus().length}-core machine. They do not predict AWS latency; what carries over is the ratio ` +
  'between table sizes and the DynamoDB request counts.';

export function targetRows(f: Figures): TargetRow[] {
  const largest = [...f.bundles.functions].sort((a, b) => b.bytes - a.bytes)[0];
  const over = f.bundles.functions.filter((fn) => kb(fn.bytes) > f.bundles.limitKb).length;
  const reads = f.stack.requests.counted.filter((c) => c.label.startsWith('GET'));
  const writes = f.stack.requests.counted.filter((c) => c.label.startsWith('POST'));
  const { latency } = f.stack;
  return [
    {
      target: `1. every bundle ≤ ${f.bundles.limitKb} KB`,
      measured: `${over} of ${f.bundles.functions.length} over; largest ${fixed(kb(largest?.bytes ?? 0))} KB (${largest?.name})`,
      result: verdict(f.bundles.pass),
    },
    {
      target: `2. warm restart of \`npm start\` ready ≤ ${seconds(f.ready.limitMs, 0)}`,
      measured: `median ${seconds(f.ready.restartMedianMs)} (first run ${seconds(f.ready.firstRun.readyMs)})`,
      result: verdict(f.ready.pass),
    },
    {
      target: `3. GET p99 at ${count(latency.sizes[1]?.get.contractors ?? 0)} ÷ p99 at ${count(latency.sizes[0]?.get.contractors ?? 0)} contractors ≤ ${LOAD.ratioLimit}`,
      measured: `${fixed(latency.getRatio, 2)} (POST: ${fixed(latency.postRatio, 2)}, reported only)`,
      result: verdict(latency.pass),
    },
    {
      target: '4. exactly 1 DynamoDB request per read',
      measured: reads.map((c) => `${fixed(c.perCall, 2)} (${c.label})`).join('; '),
      result: verdict(reads.every((c) => c.pass)),
    },
    {
      target: '4. POST: 1 TransactWriteItems, + 1 GetItem with Idempotency-Key',
      measured: writes.map((c) => `${fixed(c.perCall, 2)}`).join(' / '),
      result: verdict(writes.every((c) => c.pass)),
    },
  ];
}

/** Problems the figures show in the code under test. */
export function findings(f: Figures): string[] {
  const found: string[] = [];
  const over = f.bundles.functions.filter((fn) => kb(fn.bytes) > f.bundles.limitKb);
  if (over.length > 0) {
    const sizes = over.map((fn) => kb(fn.bytes));
    found.push(
      `${over.length} of ${f.bundles.functions.length} bundles exceed ${f.bundles.limitKb} KB ` +
        `(${fixed(Math.min(...sizes))}–${fixed(Math.max(...sizes))} KB). Largest contributors in them: ${heaviestPackages(over)}.`,
    );
  }
  for (const c of f.stack.requests.counted.filter((c) => !c.pass)) {
    found.push(
      `${c.label} makes ${fixed(c.perCall, 2)} DynamoDB requests per call (${operations(c.operations)}), expected ${c.expected}` +
        (c.failures ? `; ${c.failures} of ${c.calls} calls failed` : '') +
        '.',
    );
  }
  for (const run of [f.ready.firstRun, ...f.ready.restarts].filter((r) => r.leftovers.length > 0))
    found.push(`${run.label}: processes left after SIGINT: ${run.leftovers.join(', ')}.`);
  for (const size of f.stack.latency.sizes) {
    for (const [name, r] of [
      ['GET', size.get],
      ['POST', size.post],
    ] as const) {
      if (r.failures > 0 || r.timedOut)
        found.push(
          `${name} at ${count(r.contractors)} contractors: ${r.failures} failed, ${r.completed} completed${r.timedOut ? ' (time limit hit)' : ''}.`,
        );
    }
  }
  return found;
}

/** For each package among the top contributors, its largest share of any one of these bundles. */
function heaviestPackages(functions: readonly FunctionBundle[]): string {
  const most = new Map<string, number>();
  for (const fn of functions)
    for (const p of fn.largest) most.set(p.name, Math.max(most.get(p.name) ?? 0, p.bytes));
  return [...most.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => `${name} up to ${fixed(kb(bytes))} KB`)
    .join(', ');
}

const operations = (ops: Record<string, number>): string =>
  Object.entries(ops)
    .map(([op, n]) => `${fixed(n, 2)} ${op}`)
    .join(' + ') || 'none';

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function machineSection(f: Figures): string {
  const cpus = os.cpus();
  return table(
    ['', ''],
    [
      ['CPU', `${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores`],
      ['Memory', `${fixed(os.totalmem() / 1024 ** 3)} GiB`],
      ['Node', process.version],
      ['OS', `${os.type()} ${os.release()} (${os.arch()})`],
      ['Java (DynamoDB Local)', f.java],
      [
        'Load average (1 min) at section start',
        f.loadAverages.map((l) => `${l.section}: ${fixed(l.value, 2)}`).join(', '),
      ],
    ],
  );
}

function bundleSection(b: BundleFigures): string {
  const rows = b.functions.map((fn) => [
    fn.name,
    `\`${fn.handler}\``,
    fixed(kb(fn.bytes)),
    verdict(kb(fn.bytes) <= b.limitKb),
    fixed(fn.importMedianMs),
    fn.importMs.map((t) => fixed(t, 0)).join(', '),
    fn.largest.map((p) => `${p.name} ${fixed(kb(p.bytes), 0)}`).join(', '),
  ]);
  return [
    'Each function is bundled with the esbuild JS API and `esbuildOptions` from `infra/constructs/bundling.ts` ' +
      '(the options the CDK uses), entry point = the handler module, `outfile` = `<name>.mjs` in a temp dir, ' +
      '`metafile: true`. Size is the `.mjs` file (the source map excluded). Import time is the wall time of ' +
      '`await import(bundle)` (`performance.now()` before and after) in a fresh `node` child process ' +
      `(\`process.execPath\`, ${process.version}) with TABLE_NAME, BUCKET_NAME and AWS_REGION set; ` +
      `median of ${b.runs} runs. This is the module-init work of a cold start, not Lambda's real cold start ` +
      '(no sandbox creation, no code download, no runtime bootstrap).',
    '',
    table(
      [
        'Function',
        'Handler',
        'Bundle (KB)',
        `≤ ${b.limitKb} KB`,
        'Import median (ms)',
        'Import runs (ms)',
        'Largest contributors (KB)',
      ],
      rows,
    ),
  ].join('\n');
}

function readySection(r: ReadyFigures): string {
  const row = (run: StartRun) => [
    run.label,
    seconds(run.readyMs),
    run.stackReportedMs === undefined ? 'n/a' : ms(run.stackReportedMs, 0),
    run.leftovers.length ? run.leftovers.join(', ') : 'none',
  ];
  return [
    '`npm start` is spawned as its own process group (`detached: true`) with PORT, DYNAMO_PORT and S3_PORT set to ' +
      'free ports, DATA_DIR set to a temp dir and LOG_LEVEL=WARN. The time runs from the spawn until `GET /health` ' +
      'answers 200 (polled every 25 ms); it includes npm, tsx, DynamoDB Local (Java) and s3rver start-up. The first ' +
      'run starts on an empty data dir (keys, table and seed are created); the warm restarts reuse it. After each run ' +
      'the group gets SIGINT (like Ctrl-C) and the bench checks that no process of the group, and no DynamoDB Local ' +
      `serving that data dir, remains. Target: the median of ${r.restarts.length} warm restarts ≤ ${seconds(r.limitMs, 0)}.`,
    '',
    table(
      ['Run', 'Spawn → /health 200', 'Stack start (its own banner)', 'Left behind after SIGINT'],
      [row(r.firstRun), ...r.restarts.map(row)],
    ),
  ].join('\n');
}

function latencySection(s: StackFigures): string {
  const row = (name: string, r: Measured) => [
    count(r.contractors),
    name,
    `${count(r.completed)}${r.timedOut ? ' (time limit)' : ''}`,
    String(r.failures),
    fixed(r.p50Ms),
    fixed(r.p99Ms),
    r.rounds.map((round) => fixed(round.p99Ms)).join(', '),
    fixed(r.maxMs),
    fixed(r.perSecond, 0),
    fixed(r.loadAverage, 2),
  ];
  const { latency } = s;
  return [
    `The embedded stack runs in the bench process (temp data dir, free ports, request log off; stack ready in ${seconds(s.stackReadyMs)}). ` +
      `Contractors are written straight into the table with BatchWriteItem (${CONTRACTORS_PER_BATCH} contractors = ` +
      `${2 * CONTRACTORS_PER_BATCH} items per batch, ${IN_FLIGHT} batches in flight, UnprocessedItems retried), ` +
      'each exactly as the record store writes a registration: ' +
      '`keys.contractor(id)` + `keys.contractorIndex(createdAt, id)` + `recordType: contractor` + the record from ' +
      '`registerContractor` + `auditSeq`/`auditHash`, plus its credit-code marker item, so POST uniqueness checks run ' +
      'against a realistic table. Their audit entries are not written (no measured request reads them). The table ' +
      `is filled to ${count(s.loading[0]?.target ?? 0)} contractors, measured, then topped up to ${count(s.loading[1]?.target ?? 0)}, ` +
      'counting the contractors the POSTs registered meanwhile.',
    '',
    table(
      ['Contractors in the table after', 'Bulk-loaded', 'Took', 'Items/s'],
      s.loading.map((l) => [
        count(l.target),
        count(l.loaded),
        seconds(l.ms, 1),
        count(Math.round(l.itemsPerSecond)),
      ]),
    ),
    '',
    `At each size, first ${count(LOAD.warmupGets)} GETs of warm-up, then ${LOAD.rounds} rounds of ` +
      `${count(LOAD.gets)} measured GET /v1/contractors/{id} of random loaded ids; then ${LOAD.warmupPosts} POSTs of ` +
      `warm-up and ${LOAD.rounds} rounds of ${LOAD.posts} measured POST /v1/contractors with fresh valid bodies ` +
      `(no Idempotency-Key). ${LOAD.concurrency} concurrent clients, a bureau token, only to 127.0.0.1, at most ` +
      `${seconds(LOAD.timeLimitMs, 0)} per round. p50, p99 and the rate are the medians of the rounds (one p99 of ` +
      `${count(LOAD.gets)} requests on 2 busy cores swings by ±30 % from round to round), max is the largest of all. ` +
      'The warm-up is long because DynamoDB Local runs on a JIT: right after it starts, the first ~1,000 GETs are ' +
      '3-4× slower. Latency is client-side (request sent → body read). The contractor count is taken when the ' +
      'measured requests start, so it includes the contractors registered by earlier POSTs. The last column is the ' +
      "machine's highest 1-minute load average at the end of a round, for context: the bench itself (Node and Java) " +
      `accounts for about 2 of it; more means other processes competed for the ${os.cpus().length} cores.`,
    '',
    table(
      [
        'Contractors',
        'Request',
        'Completed',
        'Failures',
        'p50 (ms)',
        'p99 (ms)',
        'p99 per round (ms)',
        'max (ms)',
        'Requests/s',
        'Load avg (1 min, max)',
      ],
      latency.sizes.flatMap((size) => [row('GET', size.get), row('POST', size.post)]),
    ),
    '',
    `p99 ratio, large ÷ small table: GET **${fixed(latency.getRatio, 2)}** (target ≤ ${LOAD.ratioLimit}), ` +
      `POST ${fixed(latency.postRatio, 2)} (reported only).` +
      (latency.getRatio < 1
        ? ' A ratio below 1 means no measurable growth with the table size. The later measurement is faster for ' +
          'reasons outside the table: DynamoDB Local (JIT) keeps warming up while the larger table is loaded, and ' +
          'other processes may have competed less for the cores (see the load column).'
        : ''),
  ].join('\n');
}

function requestSection(s: StackFigures): string {
  return [
    'A middleware added to `documentClient.middlewareStack` (the client every handler imports from ' +
      '`shared/adapters/dynamodb/client.ts`) counts requests per operation; it sits after the retry middleware, so a ' +
      `retried call would count twice. Check that it sees the handlers: one GET /v1/contractors/{id} → ${operations(s.counterCheck)}. ` +
      `Calls run one at a time: ${READS} reads of each kind on loaded contractors, ${WRITES} POSTs without and ` +
      `${WRITES} with an Idempotency-Key.`,
    '',
    table(
      ['Call', 'Calls', 'Failures', 'DynamoDB requests per call', 'By operation', 'Expected', 'Result'],
      s.requests.counted.map((c) => [
        c.label,
        String(c.calls),
        String(c.failures),
        fixed(c.perCall, 2),
        operations(c.operations),
        String(c.expected),
        verdict(c.pass),
      ]),
    ),
  ].join('\n');
}

export function renderReport(f: Figures): string {
  const found = findings(f);
  return [
    '# Benchmark (issue 2)',
    '',
    `Generated by \`npm run bench\` on ${f.date.toISOString()}; the whole bench took ${seconds(f.durationMs, 0)}.`,
    '',
    `> ${CAVEAT}`,
    '',
    '## Machine',
    '',
    machineSection(f),
    '',
    '## Targets',
    '',
    table(
      ['Target', 'Measured', 'Result'],
      targetRows(f).map((t) => [t.target, t.measured, `**${t.result}**`]),
    ),
    '',
    '## Problems found',
    '',
    found.length ? found.map((line) => `- ${line}`).join('\n') : 'None.',
    '',
    '## 1. Bundle size and import time per function',
    '',
    bundleSection(f.bundles),
    '',
    '## 2. Embedded-stack ready time',
    '',
    readySection(f.ready),
    '',
    '## 3. Latency under concurrent load',
    '',
    latencySection(f.stack),
    '',
    '## 4. DynamoDB requests per call',
    '',
    requestSection(f.stack),
    '',
  ].join('\n');
}

export function renderSummary(f: Figures): string {
  const rows = targetRows(f);
  const width = Math.max(...rows.map((r) => r.target.length));
  const lines = rows.map((r) => `  ${r.result}  ${r.target.padEnd(width)}  ${r.measured}`);
  const found = findings(f);
  return [
    'Targets',
    ...lines,
    ...(found.length ? ['Problems found', ...found.map((line) => `  - ${line}`)] : []),
    `Total ${seconds(f.durationMs, 0)}`,
  ].join('\n');
}
