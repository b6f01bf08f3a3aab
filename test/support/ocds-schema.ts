/**
 * Validation against the official OCDS 1.1.5 schemas (draft-04) in test/fixtures/ocds: every package a test
 * receives goes through `expectValidReleasePackage` / `expectValidRecordPackage` (R-SUP-3). The release schema
 * is registered under its own id, which is what the package schemas `$ref`, so nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

const FIXTURES = new URL('../fixtures/ocds/', import.meta.url);
const schema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;

// OCDS uses its own annotation keywords (codelist, openCodelist, deprecated…): not errors, just not validated.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema('release-schema.json'));
// The record package also `$ref`s the versioned-release schema (for the optional `versionedRelease`), which is
// not among the copied files. We never publish versioned releases, so it is registered as "nothing is valid":
// a versionedRelease appearing in a record fails the test instead of passing unchecked.
ajv.addSchema({
  id: 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json',
  not: {},
});

let releasePackage: ValidateFunction | undefined;
let recordPackage: ValidateFunction | undefined;

function check(validate: ValidateFunction, data: unknown, what: string): void {
  const ok = validate(data);
  // The errors in the failure message name the offending paths, which a bare `false` would hide.
  expect(ok ? [] : validate.errors, `${what} is not valid OCDS 1.1.5`).toEqual([]);
}

export function expectValidReleasePackage(data: unknown): void {
  releasePackage ??= ajv.compile(schema('release-package-schema.json'));
  check(releasePackage, data, 'release package');
}

export function expectValidRecordPackage(data: unknown): void {
  recordPackage ??= ajv.compile(schema('record-package-schema.json'));
  check(recordPackage, data, 'record package');
}

/** The codes of one OCDS codelist (first CSV column). */
export function codelist(name: string): string[] {
  const text = readFileSync(new URL(`codelists/${name}.csv`, FIXTURES), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]?.trim() ?? '')
    .filter((code) => code !== '');
}
