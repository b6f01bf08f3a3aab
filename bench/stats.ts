/** Small numeric and formatting helpers shared by the bench modules. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const kb = (bytes: number): number => bytes / 1024;

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export const ms = (value: number, digits = 1): string => `${fixed(value, digits)} ms`;

export const seconds = (milliseconds: number, digits = 2): string =>
  `${fixed(milliseconds / 1000, digits)} s`;

export const count = (value: number): string => value.toLocaleString('en-US');

export const verdict = (pass: boolean): 'PASS' | 'FAIL' => (pass ? 'PASS' : 'FAIL');
