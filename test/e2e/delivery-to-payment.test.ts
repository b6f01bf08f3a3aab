/**
 * Issue 13 §6 end to end over HTTP on the embedded stack: a signed contract → staff rostered with verified employment
 * evidence and dispatched → 200 delivery records in one batch from a partner portal acting for the contractor → a
 * quarterly financial report accepted → the mid-term acceptance with 5 recipients answering their invitations, the
 * panel measuring and signing as a committee → passed → paid; the final acceptance failed → rectification → passed →
 * the last payment completes the contract → the OCDS implementation release validates. And a subcontracting attempt
 * refused (R-CON-3). Days of the acceptance (answer and rectification periods) last MINIMUM_PERIOD_SECONDS_OVERRIDE
 * seconds here; everything else is as in production. The tests run in order and share the contract.
 *
 * Issue 13's routes are called through `api()` with the shapes written here: their types join the typed client
 * (test/support/openapi-types.ts) when the lead regenerates it; the public OCDS routes go through the typed client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, stackInfo, token, waitFor } from '../support/stack-client';
import { apiClient, ok } from '../support/api-client';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';
import { eligibleContractor, etag, unique } from '../support/procurement';
import {
  VILLAGE,
  addDays,
  currentTerm,
  deliveryBody,
  dispatched,
  newResidentId,
  placeOf,
  rosteredStaff,
  signedContract,
  todayInShanghai,
  type SignedContract,
} from '../support/delivery';

const PURCHASER = 'pur-town-1';
const PRICE = 900_000;
/** The district's default schedule: 30 % at signing, 40 % on the mid-term review, 30 % on the final acceptance. */
const AMOUNTS = [270_000, 360_000, 270_000];
/** The liability clause: 5 % of the milestone per rectification round. */
const DEDUCTION_BP = 500;
const RECIPIENTS = 5;

interface Acceptance {
  id: string;
  status: 'collecting_opinions' | 'inspecting' | 'rectification' | 'passed' | 'failed';
  round: number;
  version: number;
  sample: { population: number; size: number };
  opinions?: { received: number; short: boolean };
  rounds: {
    round: number;
    outcome?: string;
    decision?: string;
    next: string;
    reasons?: string[];
    rule?: { opinions: { received: number; satisfiedShareBp: number | null } };
  }[];
  recipients?: {
    invited: number;
    answered?: number;
    rounds?: { round: number; answered: number; satisfiedShareBp: number | null }[];
  };
}
interface Milestone {
  seq: number;
  status: string;
  amount: number;
  deduction: number;
  payable: number;
  dueBy?: string;
  acceptance?: { id: string; rectificationRounds: number };
}
interface BatchResult {
  results: { index: number; recordId?: string; status: 'created' | 'duplicate' | 'invalid'; id?: string }[];
  created: number;
  duplicate: number;
  invalid: number;
}

let signed: SignedContract;
let startedAt: string;
/** The town's clerk opens the acceptances; the panel is the clerk, a bureau user and a pool evaluator (quorum 3). */
const panelSubs = {
  town: `e2e-acc-town-${unique()}`,
  bureau: `e2e-acc-bureau-${unique()}`,
  evaluator: `e2e-acc-eval-${unique()}`,
};
const panel = [
  { sub: panelSubs.town, role: 'town' },
  { sub: panelSubs.bureau, role: 'bureau' },
  { sub: panelSubs.evaluator, role: 'evaluator' },
] as const;
let town: string;
let finance: string;
let portal: string;
let members: string[];
const PORTAL_SUB = `e2e-delivery-portal-${unique()}`;
/** The dispatched staff: a caregiver and a qualified social worker. */
const staff: { caregiver: string; socialWorker: string; undispatched: string } = {
  caregiver: '',
  socialWorker: '',
  undispatched: '',
};

const path = (rest = '') => `/v1/contracts/${signed.contractId}${rest}`;

beforeAll(async () => {
  startedAt = new Date(Date.now() - 1000).toISOString();
  const term = currentTerm();
  signed = await signedContract({
    purchaser: PURCHASER,
    price: PRICE,
    term,
    acceptancePlan: (plan) => ({
      ...plan,
      // Both stages may be opened today; five recipients invited, all five must answer, 80 % satisfied.
      stages: plan.stages.map((s) => ({ ...s, from: term.start })),
      recipients: {
        sampleSize: RECIPIENTS,
        minimumOpinions: RECIPIENTS,
        satisfiedShareBp: 8_000,
        answerDays: 10,
      },
      panel: { quorum: 3 },
      rectification: { maxRounds: 2, days: 1, deductionBpPerRound: DEDUCTION_BP },
      minimumQualifiedShareBp: 5_000,
    }),
  });
  [town, finance, portal, ...members] = await Promise.all([
    token('town', { purchaserId: PURCHASER, sub: panelSubs.town }),
    token('finance', { sub: `e2e-finance-${unique()}` }),
    token('portal', { sub: PORTAL_SUB }),
    token('town', { purchaserId: PURCHASER, sub: panelSubs.town }),
    token('bureau', { sub: panelSubs.bureau }),
    token('evaluator', { sub: panelSubs.evaluator }),
  ]);
}, 120_000);

/** Polls the acceptance until `until` holds (the workflow moves it asynchronously). */
const acceptanceWhen = (id: string, until: (a: Acceptance) => boolean) =>
  waitFor(
    async () => {
      const read = await api<Acceptance>('GET', path(`/acceptances/${id}`), { token: town });
      return until(read.json) ? read.json : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );

const milestones = async () =>
  (await api<{ items: Milestone[] }>('GET', path('/milestones'), { token: finance })).json.items;

/** Each plan indicator measured at its target, or `missing` at half of it: a list of { code, value }. */
const measured = (missing?: string) =>
  signed.contract.acceptancePlan.indicators.map((i) => ({
    code: i.code,
    value: i.code === missing ? i.target / 2 : i.target,
  }));

/** Measurements for the current round (the town), then the three members' signatures confirming the rule's outcome. */
async function measureAndSign(id: string, missing?: string): Promise<void> {
  const inspecting = await acceptanceWhen(id, (a) => a.status === 'inspecting');
  const put = await api<{ version: number }>('PUT', path(`/acceptances/${id}/measurements`), {
    token: town,
    headers: { 'if-match': etag(inspecting.version) },
    body: { values: measured(missing) },
  });
  expect(put.status, put.text).toBe(200);
  for (const member of members) {
    const signature = await api<{ signed: number; quorum: number }>(
      'POST',
      path(`/acceptances/${id}/signatures`),
      {
        token: member,
        // The version the measurements made: what the members sign (R-ACC-1).
        headers: { 'if-match': etag(put.json.version) },
        body: { verdict: 'confirm' },
      },
    );
    expect(signature.status, signature.text).toBe(201);
  }
}

/** Each recipient looks up and answers its invitation once this round; a second answer is the unknown token's 404. */
async function answerAll(tokens: string[], satisfaction: number[]): Promise<void> {
  for (const [i, invitation] of tokens.entries()) {
    // Recipients have no account: the token in the body, never in a URL (R-ACC-2).
    const lookup = await api('POST', '/v1/opinion-invitations/lookup', { body: { token: invitation } });
    expect(lookup.status, lookup.text).toBe(200);
    const answered = await api('POST', '/v1/opinions', {
      body: { token: invitation, satisfaction: satisfaction[i], items: ['service'], comment: '服务很好' },
    });
    expect(answered.status, answered.text).toBe(200);
    // Once per round: the same token again is the 404 of an unknown one.
    const again = await api('POST', '/v1/opinions', {
      body: { token: invitation, satisfaction: 1, items: [] },
    });
    expect(again.status).toBe(404);
  }
}

/**
 * Opens the stage of `milestoneSeq` and has each of the five invited recipients look up and answer its invitation;
 * the tokens are kept for the next round, which asks the same recipients again.
 */
async function openAndAnswer(
  milestoneSeq: number,
  satisfaction: number[],
): Promise<{ id: string; tokens: string[] }> {
  const opened = await api<Acceptance & { tokens: { token?: string }[] }>('POST', path('/acceptances'), {
    token: town,
    body: { milestoneSeq, panel },
  });
  expect(opened.status, opened.text).toBe(201);
  expect(opened.json.sample.size).toBe(RECIPIENTS);
  expect(opened.json.tokens).toHaveLength(RECIPIENTS);
  const tokens = opened.json.tokens.map((t) => t.token!);
  await answerAll(tokens, satisfaction);
  return { id: opened.json.id, tokens };
}

async function pay(milestoneSeq: number): Promise<{ amount: number; contractStatus: string }> {
  const paid = await api<{ amount: number; contractStatus: string }>('POST', path('/payments'), {
    token: finance,
    headers: { 'idempotency-key': `pay-${unique()}` },
    body: { milestoneSeq, reference: `ZF-${unique()}` },
  });
  expect(paid.status, paid.text).toBe(201);
  return paid.json;
}

describe('delivery to payment end to end (issue 13 §6)', () => {
  it('rosters staff with verified employment evidence and dispatches them; the contract shows the qualified share (R-CON-3, R-STAFF-1, R-STAFF-2)', async () => {
    const { contractor } = signed;
    const [caregiver, socialWorker, undispatched] = await Promise.all([
      rosteredStaff(contractor.id, contractor.token),
      rosteredStaff(contractor.id, contractor.token, { role: 'social_worker', qualified: true }),
      rosteredStaff(contractor.id, contractor.token),
    ]);
    Object.assign(staff, {
      caregiver: caregiver.id,
      socialWorker: socialWorker.id,
      undispatched: undispatched.id,
    });
    const period = { start: addDays(todayInShanghai(), -30), end: addDays(todayInShanghai(), 30) };
    const dispatches = await Promise.all(
      [caregiver.id, socialWorker.id].map((id) =>
        dispatched(signed.contractId, contractor.token, id, placeOf(PURCHASER), period),
      ),
    );
    const listed = await api<{ items: { id: string }[]; staffing: Record<string, unknown> }>(
      'GET',
      path('/dispatches'),
      { token: signed.bureauToken },
    );
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((d) => d.id).sort()).toEqual(dispatches.map((d) => d.id).sort());
    expect(listed.json.staffing).toMatchObject({
      dispatched: 2,
      qualified: 1,
      shareBp: 5_000,
      minimumBp: 5_000,
      met: true,
    });
    // 区买乡用: the town sees who is dispatched to it.
    const atTown = await api<{ items: { id: string }[] }>(
      'GET',
      `/v1/purchasers/${PURCHASER}/dispatched-staff?limit=100`,
      {
        token: town,
      },
    );
    expect(atTown.status).toBe(200);
    expect(atTown.json.items.map((d) => d.id)).toEqual(expect.arrayContaining(dispatches.map((d) => d.id)));
  });

  it('refuses a subcontracting attempt: a record by a person not dispatched, or not on the roster, is 409 R-CON-3', async () => {
    const village = VILLAGE[PURCHASER]!;
    // On the roster, verified, but not dispatched under this contract.
    const notDispatched = await api<{ rule?: string }>('POST', path('/deliveries'), {
      token: signed.contractor.token,
      body: deliveryBody(signed.contract, staff.undispatched, village),
    });
    expect(notDispatched.status, notDispatched.text).toBe(409);
    expect(notDispatched.json.rule).toBe('R-CON-3');
    // Another contractor's person (not on this contractor's roster at all).
    const other = await rosteredStaff((await eligibleContractor()).id, signed.bureauToken, {
      verified: false,
    });
    const notOurs = await api<{ rule?: string }>('POST', path('/deliveries'), {
      token: signed.contractor.token,
      body: deliveryBody(signed.contract, other.id, village),
    });
    expect(notOurs.status, notOurs.text).toBe(409);
    expect(notOurs.json.rule).toBe('R-CON-3');
  });

  it('takes 200 delivery records in one batch from a portal acting for the contractor; a retry creates nothing; progress counts them (R-CON-4, R-SUP-1)', async () => {
    const granted = await api('PUT', `/v1/contractors/${signed.contractor.id}/delegations/${PORTAL_SUB}`, {
      token: signed.contractor.token,
      headers: { 'if-none-match': '*' },
      body: {
        scopes: ['deliveries'],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        consentReference: '服务记录报送授权书',
      },
    });
    expect(granted.status, granted.text).toBe(201);
    // Twenty recipients in the town's villages, ten visits each, by the two dispatched people, an hour apart.
    const recipients = Array.from({ length: 20 }, (_, i) => ({
      residentId: newResidentId(),
      village: ['vil-1-1', 'vil-1-2', 'vil-1-3'][i % 3]!,
      phone: `1390000${String(1000 + i)}`,
    }));
    const records = Array.from({ length: 200 }, (_, i) => {
      const recipient = recipients[i % 20]!;
      return {
        recordId: `portal-${unique()}-${i}`,
        ...deliveryBody(
          signed.contract,
          i % 2 === 0 ? staff.caregiver : staff.socialWorker,
          recipient.village,
          {
            recipientId: recipient.residentId,
            phone: recipient.phone,
            hoursAgo: 2 + Math.floor(i / 2) * 2,
          },
        ),
      };
    });
    const batch = (body: unknown) =>
      api<BatchResult>('POST', path('/deliveries/batch'), {
        token: portal,
        headers: { 'on-behalf-of': signed.contractor.id },
        body,
      });
    const first = await batch({ records });
    expect(first.status, first.text.slice(0, 2000)).toBe(200);
    expect(first.json).toMatchObject({ created: 200, duplicate: 0, invalid: 0 });
    const retry = await batch({ records });
    expect(retry.json).toMatchObject({ created: 0, duplicate: 200, invalid: 0 });
    expect(retry.json.results.map((r) => r.id)).toEqual(first.json.results.map((r) => r.id));
    const progress = await api<{
      lines: { code: string; planned: number; delivered: number; records: number; status: string }[];
    }>('GET', path('/progress'), { token: town });
    expect(progress.status, progress.text).toBe(200);
    // One hour each against the 1 000 hours planned: 200 delivered by 200 records; the term is mostly elapsed, so the
    // line is behind (R-SUP-1).
    expect(progress.json.lines).toEqual([
      expect.objectContaining({
        code: 'service',
        planned: 1000,
        delivered: 200,
        records: 200,
        status: 'behind',
      }),
    ]);
  });

  it('takes a quarterly financial report, accepted by the bureau (R-CON-4)', async () => {
    const today = todayInShanghai();
    const period = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const submitted = await api<{ status: string; version: number; totalExpenditure: number }>(
      'PUT',
      path(`/financial-reports/${period}`),
      {
        token: signed.contractor.token,
        headers: { 'if-none-match': '*' },
        body: {
          income: 270_000,
          expenditure: { staff: 180_000, materials: 30_000, administration: 15_000 },
          documents: [{ title: `${period} 工资发放表`, reference: 'PZ-001' }],
        },
      },
    );
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.json).toMatchObject({ status: 'under_review', totalExpenditure: 225_000 });
    const reviewed = await api<{ status: string }>('POST', path(`/financial-reports/${period}/review`), {
      token: signed.bureauToken,
      headers: { 'if-match': etag(submitted.json.version) },
      body: { decision: 'accepted' },
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.json.status).toBe('accepted');
  });

  it('accepts the mid-term review with 5 recipients answering and the panel signing as a committee; finance pays the advance and the milestone (R-ACC-1..3, R-FUND-2)', async () => {
    // The signing advance is payable at once; the review's milestone only once its acceptance passed.
    expect(await pay(1)).toMatchObject({ amount: AMOUNTS[0] });
    const early = await api<{ rule?: string }>('POST', path('/payments'), {
      token: finance,
      body: { milestoneSeq: 2 },
    });
    expect(early.status, early.text).toBe(409);
    const { id } = await openAndAnswer(2, [5, 5, 4, 4, 5]);
    await measureAndSign(id);
    const passed = await acceptanceWhen(id, (a) => a.status === 'passed');
    expect(passed.rounds).toHaveLength(1);
    const m2 = (await milestones()).find((m) => m.seq === 2)!;
    expect(m2).toMatchObject({ status: 'payable', deduction: 0, payable: AMOUNTS[1], acceptance: { id } });
    expect(await pay(2)).toMatchObject({ amount: AMOUNTS[1], contractStatus: 'signed' });
  });

  it('fails the final acceptance on a mandatory indicator, sets a rectification, passes the next round; the last payment, less the deduction, completes the contract (R-ACC-1, R-ACC-3)', async () => {
    const { id, tokens } = await openAndAnswer(3, [5, 4, 5, 4, 5]);
    const mandatory = signed.contract.acceptancePlan.indicators.find((i) => i.mandatory)!;
    await measureAndSign(id, mandatory.code);
    const rectifying = await acceptanceWhen(id, (a) => a.status === 'rectification' || a.round === 2);
    expect(rectifying.rounds[0]).toMatchObject({ next: 'rectification' });
    const early = await api('POST', path('/payments'), { token: finance, body: { milestoneSeq: 3 } });
    expect(early.status, early.text).toBe(409);
    // The rectification lasts a day (seconds here); the next round is inspected again: the same recipients are asked
    // again with the tokens they hold (R-ACC-2), then new measurements and signatures.
    await acceptanceWhen(id, (a) => a.round === 2 && a.status === 'collecting_opinions');
    // 8 simultaneous answers with one token in round 2: exactly one lands (the invitation's conditional write).
    const race = await Promise.all(
      Array.from({ length: 8 }, () =>
        api('POST', '/v1/opinions', { body: { token: tokens[0], satisfaction: 5, items: ['service'] } }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    await answerAll(tokens.slice(1), [4, 5, 5, 4]);
    await measureAndSign(id);
    const passed = await acceptanceWhen(id, (a) => a.status === 'passed');
    expect(passed.rounds.map((r) => r.next)).toEqual(['rectification', 'passed']);
    // Each round's rule counted that round's five opinions; the view shows both rounds.
    expect(passed.rounds.map((r) => r.rule?.opinions.received)).toEqual([RECIPIENTS, RECIPIENTS]);
    expect(passed.recipients?.rounds?.map((r) => [r.round, r.answered])).toEqual([
      [1, RECIPIENTS],
      [2, RECIPIENTS],
    ]);
    const deduction = (AMOUNTS[2]! * DEDUCTION_BP) / 10_000;
    const m3 = (await milestones()).find((m) => m.seq === 3)!;
    expect(m3).toMatchObject({ status: 'payable', deduction, payable: AMOUNTS[2]! - deduction });
    expect(await pay(3)).toMatchObject({ amount: AMOUNTS[2]! - deduction, contractStatus: 'completed' });
    const contract = await api<{ status: string }>('GET', path(), { token: signed.bureauToken });
    expect(contract.json.status).toBe('completed');
    const line = await api<{ paid: number; committed: number }>(
      'GET',
      `/v1/budget-lines/${signed.budgetLineId}`,
      {
        token: signed.bureauToken,
      },
    );
    expect(line.json.paid).toBe(AMOUNTS[0]! + AMOUNTS[1]! + AMOUNTS[2]! - deduction);
    expect(line.json.paid).toBeLessThanOrEqual(line.json.committed);
  });

  it('publishes the implementation in the OCDS feed: valid, the met milestones and each payment as a transaction linked to its milestone (R-ACC-4, R-SUP-3)', async () => {
    const ocid = `${stackInfo().env.OCDS_OCID_PREFIX ?? 'ocds-xxxxxx'}-${signed.projectId}`;
    // The feed is shared with every other test of the run: follow its pages from this file's start.
    const ours: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = ok(
        await apiClient().GET('/v1/public/ocds/releases', {
          params: { query: { limit: 100, since: startedAt, ...(cursor ? { cursor } : {}) } },
        }),
      );
      expectValidReleasePackage(page);
      ours.push(...(page.releases as unknown as Record<string, unknown>[]).filter((r) => r.ocid === ocid));
      cursor = page.cursor;
      if (!page.links?.next) break;
    }
    const tags = ours.flatMap((r) => r.tag as string[]);
    expect(tags).toEqual(expect.arrayContaining(['implementation']));
    const record = await apiClient().GET('/v1/public/ocds/records/{ocid}', { params: { path: { ocid } } });
    expect(record.response.status).toBe(200);
    expectValidRecordPackage(record.data);
    const compiled = (ok(record).records as unknown as { compiledRelease: Record<string, unknown> }[])[0]!
      .compiledRelease as {
      contracts?: {
        implementation?: {
          milestones?: { id: string; type?: string; status?: string; dateMet?: string }[];
          transactions?: {
            id: string;
            value?: { amount: number };
            relatedImplementationMilestone?: { id: string };
          }[];
        };
      }[];
    };
    const implementation = compiled.contracts?.[0]?.implementation;
    const milestonesOf = (type: string) => (implementation?.milestones ?? []).filter((m) => m.type === type);
    // The two acceptances passed (the final one after its rectification): assessment milestones met, with the date.
    const assessments = milestonesOf('assessment').filter((m) => m.status === 'met');
    expect(assessments.length).toBeGreaterThanOrEqual(2);
    for (const m of assessments) expect(m.dateMet).toBeDefined();
    // Each payment a transaction linked to its payment milestone, met (transaction_milestones), in yuan.
    const payments = milestonesOf('payment').filter((m) => m.status === 'met');
    expect(payments).toHaveLength(3);
    const transactions = implementation?.transactions ?? [];
    expect(transactions).toHaveLength(3);
    expect(transactions.map((t) => t.relatedImplementationMilestone?.id).sort()).toEqual(
      payments.map((m) => m.id).sort(),
    );
    const paidFen = AMOUNTS[0]! + AMOUNTS[1]! + AMOUNTS[2]! - (AMOUNTS[2]! * DEDUCTION_BP) / 10_000;
    expect(transactions.reduce((sum, t) => sum + (t.value?.amount ?? 0), 0)).toBeCloseTo(paidFen / 100, 2);
    // No recipient's name, resident ID or hashed reference reaches the public record.
    expect(JSON.stringify(ok(record))).not.toMatch(/赵大爷|\d{17}[\dX]/);
  });

  it('declares the metrics and transaction_milestones extensions in the record package and the feed (issue 13 §5)', async () => {
    const ocid = `${stackInfo().env.OCDS_OCID_PREFIX ?? 'ocds-xxxxxx'}-${signed.projectId}`;
    const used = expect.arrayContaining([
      expect.stringContaining('ocds_metrics_extension'),
      expect.stringContaining('ocds_transactions_relatedMilestone_extension'),
    ]);
    const record = ok(
      await apiClient().GET('/v1/public/ocds/records/{ocid}', { params: { path: { ocid } } }),
    );
    expect((record as { extensions?: string[] }).extensions).toEqual(used);
    // The feed's page holding the contract's implementation releases declares them too.
    let cursor: string | undefined;
    let declared: string[] | undefined;
    for (let pages = 0; pages < 100 && !declared; pages++) {
      const page = ok(
        await apiClient().GET('/v1/public/ocds/releases', {
          params: { query: { limit: 100, since: startedAt, ...(cursor ? { cursor } : {}) } },
        }),
      );
      const releases = page.releases as unknown as { ocid: string; tag: string[] }[];
      if (releases.some((r) => r.ocid === ocid && r.tag.includes('implementation'))) {
        declared = (page as { extensions?: string[] }).extensions ?? [];
      }
      cursor = page.cursor;
      if (!page.links?.next) break;
    }
    expect(declared).toEqual(used);
  });
});
