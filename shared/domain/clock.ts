/** Business time is Asia/Shanghai (architecture.md): "today" for expiry checks is the Shanghai date. */
export const BUSINESS_TIMEZONE = 'Asia/Shanghai';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** China Standard Time, UTC+8 all year: Shanghai has kept no daylight saving time since 1991. */
const OFFSET_MS = 8 * 3600_000;

/**
 * The end of Shanghai's last DST (1991-09-15 02:00 CDT); before it a fixed +8 h would be wrong, and no
 * business date of this product lies there, so such instants are refused rather than mis-dated.
 */
export const FIXED_OFFSET_SINCE = new Date('1991-09-14T17:00:00Z');

/**
 * YYYY-MM-DD in Asia/Shanghai. Arithmetic, not `Intl.DateTimeFormat` (issue 9 §3): building the ICU
 * formatter at import cost about 10 ms of every cold start.
 */
export function businessDate(at: Date): string {
  const time = at.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid time value');
  if (time < FIXED_OFFSET_SINCE.getTime())
    throw new RangeError(
      `${at.toISOString()} is before ${FIXED_OFFSET_SINCE.toISOString()}: Shanghai's offset was not +08:00 throughout`,
    );
  const local = new Date(time + OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** ISO 8601 with the +08:00 offset, the form every stored time takes. */
export function isoWithOffset(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, -1);
  return `${local}+08:00`;
}
