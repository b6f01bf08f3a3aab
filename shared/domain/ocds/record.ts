/** The record of one contracting process: its releases compiled by the OCDS merge rules. */
import type { OcdsRecord, Release } from './types';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (list: Json[]): list is JsonObject[] =>
  list.length > 0 && list.every((e) => isObject(e) && e.id !== undefined);

/**
 * OCDS merge for the fields we produce: objects merge field by field (latest value wins, null removes),
 * arrays of objects that all carry an `id` merge by identifier, every other array (tag, roles) is replaced.
 */
function merge(earlier: Json | undefined, later: Json): Json | undefined {
  if (later === null) return undefined;
  if (isObject(later)) {
    const out: JsonObject = isObject(earlier) ? { ...earlier } : {};
    for (const [k, v] of Object.entries(later)) {
      const merged = merge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(later) && hasIds(later) && Array.isArray(earlier) && hasIds(earlier)) {
    const out: Json[] = [...earlier];
    for (const item of later) {
      const at = out.findIndex((e) => isObject(e) && e.id === item.id);
      if (at >= 0) out[at] = merge(out[at], item) ?? item;
      else out.push(item);
    }
    return out;
  }
  return later;
}

/** The record of one contracting process: every release, oldest first, and their compiled state. */
export function compileRecord(releases: readonly Release[]): OcdsRecord {
  const ordered = [...releases].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const first = ordered[0];
  if (!first) throw new Error('compileRecord: a record needs at least one release');
  let compiled: Json | undefined = {};
  for (const release of ordered) compiled = merge(compiled, release as unknown as Json);
  const latest = ordered.at(-1) ?? first;
  return {
    ocid: first.ocid,
    releases: ordered,
    compiledRelease: {
      ...(compiled as unknown as Release),
      id: `${first.ocid}-compiled-${latest.id}`,
      date: latest.date,
      tag: ['compiled'],
    },
  };
}
