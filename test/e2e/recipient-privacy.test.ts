/**
 * Issue 13 §5 (R-SUP-3, R-ACC-4; PIPL): no service recipient's name, resident ID number, phone or pseudonymous
 * reference (the keyed hash the contractor sees) reaches ANY public route. On the embedded stack: deliveries recorded
 * for recipients with unmistakable names, the signing advance paid (an implementation release), an acceptance opened
 * from those deliveries with the recipients answering their invitations (a comment naming themselves), measured and
 * signed, so its 验收结果公告 and implementation release are public; then every `auth: 'public'` route of the route
 * table is called and no answer holds any of it. A public route added later fails here until it is walked too.
 */
import { OCDS_EXTENSIONS } from '#shared/domain/ocds/extensions';
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/routes';
import {
  VILLAGE,
  deliveryBody,
  dispatched,
  newResidentId,
  placeOf,
  rosteredStaff,
  signedContract,
} from '../support/delivery';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';
import { unique } from '../support/procurement';
import type { ApiResponse } from '../support/stack-client';
import { api, token, waitFor } from '../support/stack-client';

interface Recipient {
  name: string;
  residentId: string;
  phone: string;
  ref?: string;
}
interface Announcement {
  kind: string;
  ocid: string;
  releaseId: string;
}
interface ReleasePackage {
  releases: { id: string; tag: string[]; ocid: string }[];
  links?: { next: string };
}

const PUBLIC_ROUTES = Object.entries(routes)
  .filter(([, route]) => route.auth === 'public')
  .map(([name]) => name)
  .sort();

describe('recipient privacy on the public routes (issue 13 §5, R-SUP-3)', () => {
  it('no recipient name, resident ID, phone or hashed reference reaches any public route', async () => {
    const started = new Date().toISOString();
    const signed = await signedContract({
      purchaser: 'pur-town-1',
      acceptancePlan: (plan) => ({
        ...plan,
        recipients: { ...plan.recipients, sampleSize: 3, minimumOpinions: 3 },
        panel: { quorum: 1 },
      }),
    });
    const { contractId, contract } = signed;
    const staff = await rosteredStaff(signed.contractor.id, signed.contractor.token);
    await dispatched(contractId, signed.contractor.token, staff.id, placeOf('pur-town-1'));

    // Three recipients served, each with a name no fixture or seed holds.
    const tag = unique();
    const recipients: Recipient[] = [0, 1, 2].map((i) => ({
      name: `隐私受助人${tag}${i}`,
      residentId: newResidentId(),
      phone: `139${String(randomInt(1e8)).padStart(8, '0')}`,
    }));
    for (const recipient of recipients) {
      const made = await api<{ recipient: { ref: string } }>(
        'POST',
        `/v1/contracts/${contractId}/deliveries`,
        {
          token: signed.contractor.token,
          body: deliveryBody(contract, staff.id, VILLAGE['pur-town-1'] as string, {
            recipientId: recipient.residentId,
            name: recipient.name,
            phone: recipient.phone,
          }),
        },
      );
      expect(made.status, made.text).toBe(201);
      recipient.ref = made.json.recipient.ref;
      expect(recipient.ref).toMatch(/\S{16,}/);
    }

    // The signing advance paid: an implementation release with its transaction.
    const finance = await token('finance', { sub: `finance-${unique()}` });
    const paid = await api('POST', `/v1/contracts/${contractId}/payments`, {
      token: finance,
      headers: { 'idempotency-key': `privacy-advance-${tag}` },
      body: { milestoneSeq: 1 },
    });
    expect(paid.status, paid.text).toBe(201);

    // The mid-term acceptance: the three recipients invited and answering, one bureau member measuring and signing.
    const member = `privacy-panel-${tag}`;
    const bureau = await token('bureau', { sub: member });
    const opened = await api<{
      id: string;
      version: number;
      tokens: { token?: string; name?: string; reference: string }[];
    }>('POST', `/v1/contracts/${contractId}/acceptances`, {
      token: bureau,
      headers: { 'idempotency-key': `privacy-acceptance-${tag}` },
      body: { milestoneSeq: 2, panel: [{ sub: member, role: 'bureau' }] },
    });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.json.tokens).toHaveLength(3);
    const references = opened.json.tokens.map((t) => t.reference);

    // The answers of the two public routes a recipient calls, walked below with the rest.
    const publicAnswers = new Map<string, ApiResponse<unknown>[]>();
    const keep = (name: string, answer: ApiResponse<unknown>) =>
      publicAnswers.set(name, [...(publicAnswers.get(name) ?? []), answer]);
    const lineCode = contract.acceptancePlan.delivery[0]?.code as string;
    const acceptancePath = `/v1/contracts/${contractId}/acceptances/${opened.json.id}`;
    for (const invited of opened.json.tokens) {
      const invitation = invited.token as string;
      const shown = await api('POST', '/v1/opinion-invitations/lookup', { body: { token: invitation } });
      expect(shown.status, shown.text).toBe(200);
      keep('lookupInvitation', shown);
      const named = recipients.find((r) => r.name === invited.name) ?? recipients[0];
      const answered = await api('POST', '/v1/opinions', {
        body: {
          token: invitation,
          satisfaction: 5,
          items: [lineCode],
          comment: `我是${named?.name}，电话 ${named?.phone}，服务很好`,
        },
      });
      expect(answered.status, answered.text).toBe(200);
      keep('submitOpinion', answered);
      // Used now: the same 404 as an unknown token, for both routes.
      keep(
        'lookupInvitation',
        await api('POST', '/v1/opinion-invitations/lookup', { body: { token: invitation } }),
      );
      keep(
        'submitOpinion',
        await api('POST', '/v1/opinions', { body: { token: invitation, satisfaction: 1, items: [] } }),
      );
    }

    const version = await waitFor(async () => {
      const read = await api<{ version: number; status: string }>('GET', acceptancePath, { token: bureau });
      // Measured once the opinions are closed (CloseOpinions moves the version too).
      return read.json.status === 'inspecting' ? read.json.version : undefined;
    });
    const values = contract.acceptancePlan.indicators.map((i) => ({ code: i.code, value: i.target }));
    const measured = await api<{ version: number }>('PUT', `${acceptancePath}/measurements`, {
      token: bureau,
      headers: { 'if-match': `"${version}"` },
      body: { values },
    });
    expect(measured.status, measured.text).toBe(200);
    const signedOff = await api('POST', `${acceptancePath}/signatures`, {
      token: bureau,
      headers: { 'if-match': `"${measured.json.version}"` },
      body: { verdict: 'confirm' },
    });
    expect(signedOff.status, signedOff.text).toBe(201);

    // The decision is announced (R-ACC-4): the 验收结果公告 on the feed, its release under the process's ocid.
    const announced = await waitFor(
      async () => {
        const feed = await api<{ items: Announcement[] }>('GET', '/v1/public/announcements?limit=50');
        return feed.json.items.find(
          (a) => a.kind === 'acceptance_result' && a.releaseId.startsWith(`${contractId}-acceptance-`),
        );
      },
      { timeoutMs: 30_000 },
    );
    const { ocid } = announced;

    // ---- every public route, as anyone may call it ----
    const walk: Record<string, () => Promise<ApiResponse<unknown>[]>> = {
      health: async () => [await api('GET', '/health')],
      openapi: async () => [await api('GET', '/openapi.json')],
      docs: async () => [await api('GET', '/docs')],
      docsScript: async () => [await api('GET', '/docs/redoc.standalone.js')],
      getPublicCatalog: async () => [await api('GET', '/v1/public/catalog')],
      listAnnouncements: async () => {
        const pages: ApiResponse<unknown>[] = [];
        let path: string | undefined = '/v1/public/announcements?limit=100';
        while (path && pages.length < 5) {
          const page: ApiResponse<{ cursor?: string }> = await api('GET', path);
          expect(page.status, page.text).toBe(200);
          pages.push(page);
          path = page.json.cursor
            ? `/v1/public/announcements?limit=100&cursor=${encodeURIComponent(page.json.cursor)}`
            : undefined;
        }
        return pages;
      },
      listOcdsReleases: async () => {
        const pages: ApiResponse<unknown>[] = [];
        let path: string | undefined =
          `/v1/public/ocds/releases?since=${encodeURIComponent(started)}&limit=100`;
        while (path) {
          const page: ApiResponse<ReleasePackage> = await api('GET', path);
          expect(page.status, page.text).toBe(200);
          expectValidReleasePackage(page.json);
          pages.push(page);
          path = page.json.links?.next
            ? new URL(page.json.links.next).pathname + new URL(page.json.links.next).search
            : undefined;
        }
        const ours = pages.flatMap((p) => (p.json as ReleasePackage).releases).filter((r) => r.ocid === ocid);
        expect(ours.map((r) => r.tag).slice(-3)).toStrictEqual([
          ['contract'],
          ['implementation'],
          ['implementationUpdate'],
        ]);
        return pages;
      },
      getOcdsRecord: async () => {
        const record = await api<{
          extensions?: string[];
          records: { compiledRelease: { contracts: { implementation: unknown }[] } }[];
        }>('GET', `/v1/public/ocds/records/${encodeURIComponent(ocid)}`);
        expect(record.status, record.text).toBe(200);
        expectValidRecordPackage(record.json);
        // Issue 13 §5: the package declares the extensions its implementation releases use.
        expect(record.json.extensions).toStrictEqual([
          OCDS_EXTENSIONS.metrics,
          OCDS_EXTENSIONS.transactionMilestones,
        ]);
        expect(record.json.records[0]?.compiledRelease.contracts[0]?.implementation).toMatchObject({
          milestones: [
            { id: 'payment-1', type: 'payment', status: 'met' },
            { id: 'acceptance-2', type: 'assessment', status: 'met' },
          ],
          transactions: [{ relatedImplementationMilestone: { id: 'payment-1' } }],
        });
        return [record];
      },
      lookupInvitation: async () => publicAnswers.get('lookupInvitation') ?? [],
      submitOpinion: async () => publicAnswers.get('submitOpinion') ?? [],
    };
    expect(Object.keys(walk).sort()).toStrictEqual(PUBLIC_ROUTES);

    const secrets = recipients.flatMap((r) => [r.name, r.residentId, r.phone, r.ref as string]);
    const refs = [...references, ...recipients.map((r) => r.ref as string)];
    // The control: the purchaser's own view holds every one of them as written, so their absence below means
    // something (a changed format would otherwise make every check pass).
    const purchaserView = await api('GET', `/v1/contracts/${contractId}/deliveries?limit=50`, {
      token: signed.purchaserToken,
    });
    expect(purchaserView.status, purchaserView.text).toBe(200);
    for (const secret of [...secrets, ...refs]) expect(purchaserView.text).toContain(secret);
    for (const name of PUBLIC_ROUTES) {
      const answers = await (walk[name] as () => Promise<ApiResponse<unknown>[]>)();
      expect(answers.length, name).toBeGreaterThan(0);
      for (const answer of answers) {
        for (const secret of [...secrets, ...refs]) {
          expect(answer.text.includes(secret), `${name} answered with a recipient's "${secret}"`).toBe(false);
        }
      }
    }
  }, 120_000);
});
