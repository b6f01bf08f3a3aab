/**
 * Issue 11 §4, R-QUAL-2 (evidence) and R-PROC-5 (bid documents): a file name with a control, line-break or bidi
 * character (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`) is refused where it is declared, for every upload kind.
 * The upload kinds are found by walking the route table for request bodies with a file-name field, so an upload route
 * added later is held to the same rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNSAFE_FILE_NAME_CHARACTER } from '#shared/domain/file-name';
import { routes } from '#functions/routes';
import type { RouteDef } from '#shared/http/route-def';
import { RequestBidDocumentBody } from '#shared/schemas/bid.schema';
import { fileName } from '#shared/schemas/common.schema';
import { RequestDocumentBody } from '#shared/schemas/contractor.schema';
import { StaffEvidenceBody } from '#shared/schemas/staff.schema';
import * as z from '#shared/schemas/zod';

/** Every character class the rule names, each inside a name and (for those trimming would cut) at its end. */
const UNSAFE: readonly (readonly [string, string])[] = [
  ['NUL', '\u0000'],
  ['TAB', '\t'],
  ['LF', '\n'],
  ['CR', '\r'],
  ['BEL', '\u0007'],
  ['ESC', '\u001B'],
  ['DEL', '\u007F'],
  ['NEL U+0085', '\u0085'],
  ['C1 U+009B (CSI)', '\u009B'],
  ['LINE SEPARATOR U+2028', '\u2028'],
  ['PARAGRAPH SEPARATOR U+2029', '\u2029'],
  ['LRM U+200E', '\u200E'],
  ['RLM U+200F', '\u200F'],
  ['ALM U+061C', '\u061C'],
  ['LRE U+202A', '\u202A'],
  ['RLE U+202B', '\u202B'],
  ['PDF U+202C', '\u202C'],
  ['LRO U+202D', '\u202D'],
  ['RLO U+202E', '\u202E'],
  ['LRI U+2066', '\u2066'],
  ['RLI U+2067', '\u2067'],
  ['FSI U+2068', '\u2068'],
  ['PDI U+2069', '\u2069'],
];

const declaration = { fileName: '登记证书.pdf', contentType: 'application/pdf', size: 20_480 };

/** The upload kinds, each with a valid body to vary. */
const KINDS = [
  {
    kind: 'evidence document (R-QUAL-2)',
    schema: RequestDocumentBody,
    body: { condition: 1, ...declaration },
  },
  { kind: 'bid document (R-PROC-5)', schema: RequestBidDocumentBody, body: declaration },
  {
    kind: 'staff employment evidence (R-CON-3)',
    schema: StaffEvidenceBody,
    body: { kind: 'labour_contract', ...declaration },
  },
] as const;

const fileNameIssues = (schema: z.ZodMiniType, body: object) => {
  const result = z.safeParse(schema, body);
  return result.success ? [] : result.error.issues.filter((i) => i.path.join('.') === 'fileName');
};

describe('file names at declaration (issue 11 §4)', () => {
  it('the route table has exactly these upload kinds, and each declares its file name with the shared block', () => {
    const withFileName = (Object.entries(routes) as [string, RouteDef][])
      .filter(([, route]) => {
        const body = route.request?.body as
          { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined;
        return Object.keys(body?._zod?.def?.shape ?? {}).some((k) => /file/i.test(k));
      })
      .map(([name, route]) => ({ name, body: route.request?.body }));
    expect(withFileName.map((r) => r.name).sort()).toEqual([
      'requestBidDocumentUpload',
      'requestDocumentUpload',
      'requestStaffEvidenceUpload',
    ]);
    expect(withFileName.map((r) => r.body)).toEqual(
      expect.arrayContaining([RequestDocumentBody, RequestBidDocumentBody, StaffEvidenceBody]),
    );
  });

  for (const { kind, schema, body } of KINDS) {
    describe(kind, () => {
      it('accepts an ordinary name, Chinese, spaces, quotes and brackets included', () => {
        for (const name of ['登记证书.pdf', 'O\'Brien "final" (1).pdf', '2025 年度 报告.ofd']) {
          expect(z.safeParse(schema, { ...body, fileName: name }).success, name).toBe(true);
        }
      });

      for (const [label, character] of UNSAFE) {
        it(`refuses ${label} inside and at the end of the name, naming fileName`, () => {
          for (const name of [
            `invoice${character}fdp.exe`,
            `report.pdf${character}`,
            `${character}report.pdf`,
          ]) {
            const issues = fileNameIssues(schema, { ...body, fileName: name });
            expect(issues, JSON.stringify(name)).toHaveLength(1);
            expect(issues[0]?.message).toBe('a file name without control, line-break or bidi characters');
          }
        });
      }

      it('still refuses a path and an empty name', () => {
        expect(fileNameIssues(schema, { ...body, fileName: 'a/b.pdf' })).toHaveLength(1);
        expect(fileNameIssues(schema, { ...body, fileName: 'a\\b.pdf' })).toHaveLength(1);
        expect(fileNameIssues(schema, { ...body, fileName: '   ' }).length).toBeGreaterThan(0);
      });
    });
  }

  it('the block is what the OpenAPI document shows: the refused characters are in its pattern', () => {
    const json = z.toJSONSchema(fileName()) as { allOf?: { pattern?: string }[]; pattern?: string };
    const patterns = [json.pattern, ...(json.allOf ?? []).map((p) => p.pattern)].filter(Boolean).join(' ');
    expect(patterns).toContain('\\u202A-\\u202E');
    expect(patterns).toContain('\\u2066-\\u2069');
  });

  it('the OpenAPI document also refuses a name of spaces only, which the trim refuses (a client built from it sends none)', () => {
    const json = z.toJSONSchema(fileName()) as { allOf?: { pattern?: string }[]; pattern?: string };
    const patterns = [json.pattern, ...(json.allOf ?? []).map((p) => p.pattern)]
      .filter((p): p is string => typeof p === 'string')
      .map((p) => new RegExp(p));
    const allow = (name: string) => patterns.every((pattern) => pattern.test(name));
    expect(allow('登记证书.pdf')).toBe(true);
    expect(allow(' 登记证书.pdf')).toBe(true);
    expect(allow('   ')).toBe(false);
    expect(allow(' ')).toBe(false);
  });
});

describe('one definition of the unsafe file-name characters and one way to presign downloads (review of issue 11)', () => {
  const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

  it('the schema builds its regex from shared/domain/file-name.ts, and the S3 adapter does not import a schema', () => {
    expect(source('shared/schemas/common.schema.ts')).not.toContain('\\u202A-\\u202E');
    expect(source('shared/schemas/common.schema.ts')).toContain("from '#shared/domain/file-name'");
    expect(source('shared/adapters/s3/document-storage.ts')).not.toMatch(/from '#shared\/schemas\//);
  });

  it('both download routes presign through the storage port, not the S3 adapter', () => {
    for (const path of ['functions/contractors/get-document.ts', 'functions/bids/get-bid-document.ts']) {
      expect(source(path), path).toContain('storage.presignDownload(');
      expect(source(path), path).not.toMatch(
        /import \{[^}]*\bpresignDownload\b[^}]*\} from '#shared\/adapters\/s3/,
      );
    }
  });

  it('the schema refuses exactly the characters of the shared class', () => {
    const schema = fileName();
    for (let code = 0; code <= 0x206f; code++) {
      const c = String.fromCharCode(code);
      // Spaces are trimmed and path separators refused by other checks.
      if ((/\s/.test(c) && !UNSAFE_FILE_NAME_CHARACTER.test(c)) || c === '/' || c === '\\') continue;
      expect(z.safeParse(schema, `a${c}b.pdf`).success, code.toString(16)).toBe(
        !UNSAFE_FILE_NAME_CHARACTER.test(c),
      );
    }
  });
});
