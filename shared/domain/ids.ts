import { randomBytes } from 'node:crypto';

/** What every record id in a path looks like (newId's output among them): the schemas and the pipeline check it. */
export const RECORD_ID_PATTERN = /^[0-9A-Za-z_-]{6,40}$/;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered, URL-safe id: 10 chars of milliseconds then 10 random chars (Crockford base32). */
export function newId(prefix: string, at = new Date()): string {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const tail = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
  return `${prefix}_${head}${tail}`;
}
