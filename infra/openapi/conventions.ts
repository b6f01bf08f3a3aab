/**
 * The conventions of docs/api.md as the OpenAPI document's `info.description` (Markdown, issue 12 §4), so the
 * reference at /docs and any tool reading /openapi.json carry them. Written from docs/api.md, docs/architecture.md
 * (limits) and shared/http/rate-limit.ts; the figures of the per-caller limits are read from the code.
 */
import { CONTRACTOR_WRITES, PORTAL_WRITES } from '#shared/http/rate-limit';

const limit = (l: { burst: number; ratePerSecond: number }) =>
  `${l.burst} at once, then ${l.ratePerSecond} per second`;

export const API_CONVENTIONS = `District civil-affairs bureau: catalog, contractors and qualification, budgets, projects, procurement and contracts (政府购买社会救助服务). This reference and \`/openapi.json\` are generated from the route table with the code: what is written here is what the API does.

## Authentication

Every route outside \`/v1/public/…\`, \`/health\`, \`/openapi.json\` and \`/docs\` needs \`Authorization: Bearer <JWT>\`, a Cognito **access** token (an ID token, or a token without \`token_use\`, gets 401 "send the access token"). The role is the user's \`cognito:groups\` role group, or \`portal\` for a partner portal's machine client (client-credentials grant, scope \`procurement/portal\`); \`purchaserId\` / \`contractorId\` claims scope what the caller sees. On the embedded stack \`npm run token -- --role <role>\` mints the same shape.

- No token, or one API Gateway refuses: **401** \`{"message":"Unauthorized"}\` (\`application/json\`, the gateway's own body).
- A role that may not use the route: **403**. A user in more than one role group: **403**.
- A record of another tenant (another contractor, a contractor not registered through this portal, another purchaser's budget line or project) answers **404**, exactly as a record that does not exist; so does a list of another purchaser.

## Acting for a contractor (partner portals)

A partner portal acts for a contractor only with that contractor's consent: a delegation (contractor, portal client, scopes \`documents\`, \`bids\`, \`contracts\`, \`deliveries\`), expiring (at most a year ahead) and revocable (\`PUT /v1/contractors/{id}/delegations/{portalId}\`, \`POST …/revoke\`). The contractor's own user grants any scope; the bureau, on the contractor's written consent (\`consentReference\`), only \`documents\` and \`deliveries\`: a bid's price and a signature commit the contractor, so \`bids\` and \`contracts\` are its own user's to delegate. On a contractor route whose scope is delegated to it (each such operation names its scope), the portal sends \`On-Behalf-Of: <contractorId>\` and is treated as that contractor; every audit entry names both. Without a live delegation of the route's scope (none, revoked, expired, or another scope) it gets **403** with the reason; \`On-Behalf-Of\` from another role, or on a route that is not delegable, is **403** too. Two portals never see each other's contractors.

## Requests and responses

- JSON bodies (\`content-type: application/json\`); anything else is **415**. A body larger than the gateway takes is **413** \`{"message":"Request Entity Too Large"}\`, from the gateway.
- **Money is integer fen** (分, 1/100 yuan): \`"estimatedAmount": 48000000\` is ¥480,000.00. Every number has a range and a precision, shown as \`minimum\`/\`maximum\` and \`integer\` or \`multipleOf\`; outside them is **400** naming the field.
- **Times** are ISO 8601 with an offset, written \`+08:00\`. **Dates** (\`YYYY-MM-DD\`) are business dates in **Asia/Shanghai**: "today" (an evidence's \`validUntil\`, a fiscal year, a working day) is the date in Shanghai, whatever the caller's zone.
- **Errors** are RFC 9457 \`application/problem+json\`: \`type\`, \`title\`, \`status\`, \`detail\`, and \`errors[]\` with \`in\` (\`body\`, \`query\`, \`path\`, \`header\`), \`field\` (a dot path such as \`contact.phone\`), \`pointer\` and \`detail\`. A refusal by a policy rule is **422** (or **409** when the record's state decides) and carries \`rule\` (for example \`R-CAT-3\`). No answer from user input is a 5xx, and none holds a stack trace.

## Idempotency (creating POSTs)

Operations with an \`Idempotency-Key\` header honour it (8–128 of \`A-Z a-z 0-9 _ . : -\`): a retry with the same key and body returns the first answer with \`Idempotency-Replayed: true\` and creates nothing; the same key with another body is **422**. The body is compared parsed (other spacing or another key order is the same body). Keys are remembered for 24 hours, per caller and path. A 201 carries \`Location\`, the URL of what was created.

## Versions: ETag, If-Match and If-None-Match

A record's answer carries its version as a strong \`ETag\` (\`"3"\`). Updates (\`PUT\`, and the POSTs that change a record: submit, approve, publish, sign…) require \`If-Match\` with the ETag you read: missing **428**, stale (or weak) **412**; read it again and retry.
A **create-or-replace PUT** (a bid, a score sheet, a pool entry) takes \`If-None-Match: *\` to create the record the first time (**412** if it exists already) or \`If-Match\` to replace it, never neither (**428**) and never both (**400**).

## Lists and cursors

Lists take \`?limit=\` (1–100, default 25) and return \`cursor\` when the page ended where more may follow; pass it back as \`?cursor=\` with the same filters. Stop when an answer has no \`cursor\` (a page that ends exactly at the last item still carries one, and the page after it is empty). A cursor is opaque and bound to its query: an altered one, or one from another list or other filters, is **400** naming \`cursor\`. The OCDS feed pages with \`links.next\` instead, and answers **404** when nothing is published at or after \`since\`.

## Rate limits and 429

The writes of contractors (${limit(CONTRACTOR_WRITES)}) and partner portals (${limit(PORTAL_WRITES)}) are limited per caller: past it **429** \`application/problem+json\` with \`Retry-After\` (seconds); wait that long and retry. Evidence and bid documents also count against a daily allowance of declared documents (429 once used up, until the next day in Shanghai). Reads, public routes and the district's staff are not limited per caller. API Gateway's own route throttle may answer any route with **429** \`{"message":"Too Many Requests"}\` (no \`Retry-After\`): back off and retry.

## Caching

Answers with a token are \`Cache-Control: no-store\`. The public disclosure and the catalog are \`public, max-age=60\`; their refusals \`no-store\`.
`;
