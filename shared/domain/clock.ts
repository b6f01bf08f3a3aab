/** Business time is Asia/Shanghai (architecture.md): "today" for expiry checks is the Shanghai date. */
export const BUSINESS_TIMEZONE = 'Asia/Shanghai';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIMEZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in Asia/Shanghai. */
export const businessDate = (at: Date): string => shanghaiDate.format(at);

/** ISO 8601 with the +08:00 offset, the form every stored time takes. */
export function isoWithOffset(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, -1);
  return `${local}+08:00`;
}
