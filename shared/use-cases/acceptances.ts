/**
 * The acceptance routes (issue 13 §3, R-ACC-1..4; docs/acceptance.md): open an acceptance of one stage, the
 * recipients' opinion form, the panel's measurements and signatures, and reading one. Each change is one
 * transaction with its audit entry (R-SUP-2); the rules are shared/domain/acceptance.ts's. The workflow's own moves
 * are acceptance-tasks.ts's.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Viewer } from '#shared/domain/access';
import type {
  Acceptance,
  AcceptanceView,
  InvitedRecipient,
  Opinion,
  PanelMember,
  PanelSignature,
} from '#shared/domain/acceptance';
import {
  acceptanceView,
  carriedRounds,
  checkMeasurements,
  checkPanel,
  contractEnded,
  checkSignature,
  drawSample,
  finalFailure,
  firstRound,
  isPanelMember,
  LEGACY_OPINION_ROUND,
  opinionId,
  roundOf,
  stageFor,
} from '#shared/domain/acceptance';
import type { Actor } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf, versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { logger } from '#shared/http/logger';
import { HttpProblem } from '#shared/http/problem';
import type { AcceptanceCallbackDeps, CallbackWait } from './acceptance-callbacks';
import { resumeAcceptance } from './acceptance-callbacks';
import { assertVersion } from './if-match';
import { canSee } from './contracts';
import type { Deps, EncryptionContext, OpenPort, SealedValue } from './ports';

/**
 * Who opens a recipient's sealed contact: the bureau, or the town that is the contract's purchaser (the delivery
 * routes' rule, shared/domain/delivery.ts opensRecipients), under the context the delivery routes sealed it with
 * (shared/use-cases/deliveries.ts recipientContext: the personal-data key's context plus contract and reference).
 */
const opensRecipients = (viewer: Viewer, contract: { purchaserId: string }): boolean =>
  viewer.role === 'bureau' || (viewer.role === 'town' && viewer.purchaserId === contract.purchaserId);

const recipientContext = (contractorId: string, contractId: string, ref: string): EncryptionContext => ({
  recordType: 'contractor',
  contractorId,
  field: 'personal',
  contractId,
  recipient: ref,
});

export interface AcceptanceDeps extends Deps {
  /** MINIMUM_PERIOD_SECONDS_OVERRIDE: one acceptance day lasts this many seconds (embedded stack, tests only). */
  daySeconds: number | undefined;
}

/** Milliseconds of `days` acceptance days (the override's seconds per day on the embedded stack). */
export const daysMs = (deps: Pick<AcceptanceDeps, 'daySeconds'>, days: number): number =>
  days * (deps.daySeconds ?? 86_400) * 1000;

/** The invitation's token is kept only as this hash (keys.invitation). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * What the invitation item holds (not a record: a credential's hash and its state; the opinion is the record). The
 * same invitation answers once per round of its acceptance (R-ACC-2: each inspection hears the recipients again):
 * `answeredRound` is the round it last answered, and the round's window is the acceptance's (its status, round and
 * `answerBy`), not the item's.
 */
export interface Invitation {
  invitationId: string;
  contractId: string;
  acceptanceId: string;
  /**
   * Epoch seconds, the table's TTL attribute: the item may be removed some time after it. Past the last answer
   * deadline the plan's rounds allow (invitationRetention), never before a round could still ask for an answer.
   */
  expiresAt: number;
  /** The round this invitation was last answered in; an answer in a later round moves it on. */
  answeredRound?: number;
  answeredAt?: string;
  /**
   * Set instead of `answeredRound` by the code from before rounds re-collected opinions (the embedded stack's data
   * survives a restart): the invitation answered in round 1 (LEGACY_OPINION_ROUND).
   */
  usedAt?: string;
}

/** The round an invitation last answered in, 0 if never: an item from before the rounds answered in round 1. */
export const answeredRoundOf = (invitation: Pick<Invitation, 'answeredRound' | 'usedAt'>): number =>
  invitation.answeredRound ?? (invitation.usedAt === undefined ? 0 : LEGACY_OPINION_ROUND);

/**
 * The update's condition that the invitation has not answered in `round` yet, as answeredRoundOf reads it: in round
 * 1 an item from before the rounds (`usedAt`, no `answeredRound`) answered already; in a later round it did not.
 */
const notAnsweredIn = (round: number): string =>
  round > LEGACY_OPINION_ROUND
    ? 'attribute_exists(PK) AND (attribute_not_exists(answeredRound) OR answeredRound < :round)'
    : 'attribute_exists(PK) AND ((attribute_not_exists(answeredRound) AND attribute_not_exists(usedAt)) OR answeredRound < :round)';

/**
 * How long an invitation item is kept beyond the plan's own schedule before the table's TTL may remove it: the
 * schedule (every round's answer window and every rectification wait) does not count the panel's own time, which
 * has no deadline (docs/acceptance.md, known limitations). A year covers any panel that meets at all; the item holds
 * no personal data (the token's hash and ids).
 */
const INVITATION_RETENTION_MS = 365 * 86_400_000;

/**
 * When the table may drop an acceptance's invitations: the longest the plan's rounds can ask for answers (the first
 * window, and per rectification round its wait and a new window), plus INVITATION_RETENTION_MS.
 */
export function invitationRetention(
  deps: Pick<AcceptanceDeps, 'daySeconds'>,
  plan: Pick<Contract['acceptancePlan'], 'recipients' | 'rectification'>,
  openedAt: Date,
): Date {
  const rounds = plan.rectification.maxRounds;
  const days = plan.recipients.answerDays * (rounds + 1) + plan.rectification.days * rounds;
  return new Date(openedAt.getTime() + daysMs(deps, days) + INVITATION_RETENTION_MS);
}

/** A recipient the delivery records served (DELIVERY#<contractId> RECIPIENT#<ref>, written by the delivery routes). */
interface ServedRecipient {
  reference: string;
  village: string;
  sealedContact?: SealedValue;
}

export const acceptanceChange = (
  next: Acceptance,
  action: string,
  actor: Actor,
  previous?: Stored<Acceptance>,
): RecordChange => ({
  recordType: 'acceptance',
  recordId: next.id,
  key: keys.acceptance(next.contractId, next.id),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

/** The one acceptance of a milestone: a marker item naming it (replaced only once that one was interrupted). */
const openMarkerKey = (contractId: string, milestoneSeq: number) => ({
  PK: keys.acceptancePartition(contractId),
  SK: `OPEN#m${String(milestoneSeq).padStart(2, '0')}`,
});

/** Opening and measuring are the opener's side's own: the bureau or a town (its scope checked next), nobody else. */
function assertOpenerRole(viewer: Viewer, what: string): void {
  if (viewer.role !== 'bureau' && viewer.role !== 'town') {
    throw new HttpProblem(403, 'Forbidden', `only the bureau or the purchasing town ${what}`);
  }
}

/** R-ACC-3: a terminated or completed contract has no stage left to accept (409). */
function assertContractRunning(contract: Pick<Contract, 'id' | 'status'>, what: string): void {
  if (contractEnded(contract.status)) {
    throw new DomainError('conflict', `contract ${contract.id} is ${contract.status}: ${what}`, {
      rule: 'R-ACC-3',
    });
  }
}

async function contractFor(deps: Deps, contractId: string): Promise<Stored<Contract>> {
  const stored = await deps.store.get<Contract>(keys.contract(contractId));
  if (!stored) throw notFound('contract');
  return stored;
}

export async function loadAcceptance(
  deps: Deps,
  contractId: string,
  acceptanceId: string,
): Promise<Stored<Acceptance>> {
  const stored = await deps.store.get<Acceptance>(keys.acceptance(contractId, acceptanceId));
  if (!stored) throw notFound('acceptance');
  return stored;
}

/** A deterministic draw from the recorded seed: an integer below `bound`, uniform (rejection sampling). */
export function seededRandom(seed: string): (bound: number) => number {
  let counter = 0;
  return (bound: number) => {
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    for (;;) {
      const word = createHmac('sha256', Buffer.from(seed, 'hex'))
        .update(String(counter++))
        .digest()
        .readUInt32BE(0);
      if (word < limit) return word % bound;
    }
  };
}

async function servedRecipients(deps: Deps, contractId: string): Promise<ServedRecipient[]> {
  const items = await deps.store.queryAll<Record<string, unknown>>(keys.deliveryPartition(contractId), {
    sortKeyPrefix: 'RECIPIENT#',
    consistent: true,
  });
  return items
    .map(({ value }): ServedRecipient | undefined => {
      const reference = typeof value.ref === 'string' ? value.ref : undefined;
      const village = typeof value.villageId === 'string' ? value.villageId : undefined;
      if (!reference || !village) return undefined;
      const sealed = value.sealedContact as SealedValue | undefined;
      return { reference, village, ...(sealed ? { sealedContact: sealed } : {}) };
    })
    .filter((r): r is ServedRecipient => r !== undefined)
    .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}

export interface OpenedToken extends InvitedRecipient {
  name?: string;
  token?: string;
  expiresAt: string;
}

const INVITATIONS_PER_TRANSACTION = 90;

/**
 * R-ACC-1, R-ACC-2: opens the acceptance of a stage of a signed contract: the panel, and a uniform sample of the
 * recipients the delivery records served (the seed recorded), each with a single-use invitation whose token is
 * stored only as its hash and answered here once. The caller starts the workflow (`start`) after the commit.
 */
export async function openAcceptance(
  deps: AcceptanceDeps & { open?: OpenPort },
  contractId: string,
  input: { milestoneSeq: number; panel: PanelMember[] },
  ctx: {
    viewer: Viewer;
    actor: Actor;
    remember: (response: { status: number; body: unknown; version?: number }) => ExtraWrite[];
    start: (acceptance: Acceptance) => Promise<void>;
  },
): Promise<{ acceptance: Acceptance; tokens: OpenedToken[] }> {
  assertOpenerRole(ctx.viewer, 'opens an acceptance');
  const { value: contract } = await contractFor(deps, contractId);
  if (!canSee(ctx.viewer, contract)) throw notFound('contract');
  assertContractRunning(contract, 'no acceptance opens');
  if (contract.status !== 'signed') {
    throw new DomainError(
      'conflict',
      `contract ${contractId} is ${contract.status}: only a signed contract is accepted`,
      {
        rule: 'R-ACC-3',
      },
    );
  }
  const plan = contract.acceptancePlan;
  const now = deps.clock.now();
  stageFor(plan, input.milestoneSeq, businessDate(now));
  checkPanel(input.panel, plan.panel.quorum);
  const marker = await deps.store.get<{ acceptanceId: string }>(
    openMarkerKey(contractId, input.milestoneSeq),
  );
  const current = marker
    ? await deps.store.get<Acceptance>(keys.acceptance(contractId, marker.value.acceptanceId))
    : undefined;
  if (marker) {
    // R-ACC-3: a milestone is accepted once. A decided failure (its rounds spent) is final: what follows is the
    // bureau's termination for breach (docs/payments.md), not a new round 1 without deduction. Only an acceptance
    // whose workflow was interrupted (RecordFailure) leaves its milestone to be opened again; one interrupted after
    // its failure for good was decided is as final.
    if (current && finalFailure(current.value)) {
      throw new DomainError(
        'conflict',
        `milestone ${input.milestoneSeq}'s acceptance ${current.value.id} failed after its rectification rounds: it is final (what follows is termination for breach)`,
        { field: 'milestoneSeq', rule: 'R-ACC-3' },
      );
    }
    if (current && current.value.status !== 'interrupted') {
      throw new DomainError(
        'conflict',
        `milestone ${input.milestoneSeq} has acceptance ${current.value.id} (${current.value.status}) already`,
        { field: 'milestoneSeq', rule: 'R-ACC-3' },
      );
    }
  }
  // R-ACC-3: the new acceptance carries on from the interrupted one's rectification rounds (their deduction stands).
  const continues = current?.value.status === 'interrupted' ? carriedRounds(current.value) : undefined;
  const population = await servedRecipients(deps, contractId);
  if (population.length === 0) {
    throw new DomainError('conflict', 'no delivery record has served a recipient yet: nobody to invite', {
      rule: 'R-ACC-2',
    });
  }
  const seed = randomBytes(32).toString('hex');
  const sample = drawSample(population, plan.recipients.sampleSize, seededRandom(seed));
  const at = isoWithOffset(now);
  const id = newId('acc', now);
  const lapse = new Date(now.getTime() + daysMs(deps, plan.recipients.answerDays));
  // Shown in Asia/Shanghai as every instant of the API (the opinion's condition compares it in this form).
  const expiresAt = isoWithOffset(lapse);
  const retainedUntil = invitationRetention(deps, plan, now);
  const issued = sample.map((recipient) => ({
    recipient,
    invitationId: newId('inv', now),
    token: randomBytes(32).toString('base64url'),
  }));
  const acceptance: Acceptance = {
    id,
    contractId,
    purchaserId: contract.purchaserId,
    contractorId: contract.contractorId,
    milestoneSeq: input.milestoneSeq,
    status: 'collecting_opinions',
    round: firstRound({ continues }),
    panel: input.panel,
    quorum: plan.panel.quorum,
    plan: {
      indicators: plan.indicators,
      recipients: plan.recipients,
      rectification: plan.rectification,
      paymentTermDays: plan.paymentTermDays,
    },
    sample: { population: population.length, size: sample.length, seed },
    invitations: issued.map(({ recipient, invitationId }) => ({
      invitationId,
      village: recipient.village,
      reference: recipient.reference,
    })),
    answerBy: expiresAt,
    rounds: [],
    workflow: { waitingFor: 'opinions' },
    ...(continues ? { continues } : {}),
    openedBy: ctx.actor,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  // The purchaser hands the invitations over: whoever may open the recipients' contacts (the bureau, the purchasing
  // town: shared/domain/delivery.ts opensRecipients) sees each one's name, in this answer only.
  const opener = opensRecipients(ctx.viewer, contract) ? deps.open : undefined;
  const tokens: OpenedToken[] = await Promise.all(
    issued.map(async ({ recipient, invitationId, token }) => {
      const name =
        opener && recipient.sealedContact
          ? (
              JSON.parse(
                await opener.open(
                  recipient.sealedContact,
                  recipientContext(contract.contractorId, contractId, recipient.reference),
                ),
              ) as { name?: string }
            ).name
          : undefined;
      return {
        invitationId,
        village: recipient.village,
        reference: recipient.reference,
        ...(name ? { name } : {}),
        token,
        expiresAt,
      };
    }),
  );
  const invitationItems: ExtraWrite[] = issued.map(({ invitationId, token }) => ({
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.invitation(tokenHash(token)),
          recordType: 'invitation',
          invitationId,
          contractId,
          acceptanceId: id,
          expiresAt: Math.ceil(retainedUntil.getTime() / 1000),
        } satisfies Record<string, unknown> & Invitation,
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () => new DomainError('conflict', 'an invitation token collided; open again'),
  }));
  const markerItem: ExtraWrite = {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...openMarkerKey(contractId, input.milestoneSeq),
          recordType: 'acceptance-open',
          acceptanceId: id,
        },
        ...(marker
          ? {
              ConditionExpression: 'acceptanceId = :previous',
              ExpressionAttributeValues: { ':previous': marker.value.acceptanceId },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    },
    onConditionFailed: () =>
      new DomainError('conflict', `milestone ${input.milestoneSeq} has an open acceptance already`, {
        field: 'milestoneSeq',
        rule: 'R-ACC-3',
      }),
  };
  // The idempotency record remembers the answer without the tokens: they are answered once, never again.
  const remembered = { status: 201, body: { ...acceptance, tokens: tokens.map(withoutToken) }, version: 1 };
  // Invitations beyond one transaction's room go first: an invitation of an acceptance that never landed leads
  // nowhere (its lookup finds no acceptance: 404).
  const early = invitationItems.slice(0, Math.max(0, invitationItems.length - INVITATIONS_PER_TRANSACTION));
  for (let i = 0; i < early.length; i += INVITATIONS_PER_TRANSACTION) {
    await deps.store.commit([], early.slice(i, i + INVITATIONS_PER_TRANSACTION));
  }
  await deps.store.commit(
    [acceptanceChange(acceptance, 'acceptance.opened', ctx.actor)],
    [...invitationItems.slice(early.length), markerItem, ...ctx.remember(remembered)],
  );
  await ctx.start(acceptance);
  return { acceptance, tokens };
}

const withoutToken = ({ token: _token, ...rest }: OpenedToken): OpenedToken => rest;

/**
 * An invitation that may answer now, with its acceptance, or the one 404 for every other case (no oracle): unknown,
 * answered in this round already, its acceptance not collecting opinions, or past the round's `answerBy` (R-ACC-2).
 */
async function liveInvitation(
  deps: Deps,
  token: string,
  now: Date,
): Promise<{ invitation: Invitation; acceptance: Stored<Acceptance>; hash: string }> {
  const hash = tokenHash(token);
  const gone = () => notFound('invitation');
  const found = await deps.store.get<Invitation>(keys.invitation(hash));
  if (!found) throw gone();
  const acceptance = await deps.store.get<Acceptance>(
    keys.acceptance(found.value.contractId, found.value.acceptanceId),
  );
  if (!acceptance || acceptance.value.status !== 'collecting_opinions') throw gone();
  const { round, answerBy } = acceptance.value;
  if (answeredRoundOf(found.value) >= round || Date.parse(answerBy) <= now.getTime()) throw gone();
  return { invitation: found.value, acceptance, hash };
}

/** The recipient's form (R-ACC-2): the contract's title, its service items and what to answer. */
export async function lookupInvitation(deps: Deps, token: string) {
  const now = deps.clock.now();
  const { acceptance } = await liveInvitation(deps, token, now);
  const { value: contract } = await contractFor(deps, acceptance.value.contractId);
  return {
    contractTitle: contract.title,
    items: contract.acceptancePlan.delivery.map(({ code, description, unit }) => ({
      code,
      description,
      unit,
    })),
    // The current round's deadline: the same invitation answers again in a later round (R-ACC-2).
    expiresAt: acceptance.value.answerBy,
    asks: '请对本项目为您提供的服务给出满意度（1 非常不满意 … 5 非常满意），勾选您接受过的服务项目，并可留言（500 字以内）。',
  };
}

/**
 * R-ACC-2: one opinion per invitation and round, in one transaction with the invitation marked answered in this
 * round (conditional: of any number of answers with one token in a round, one lands; the others get the same 404 as
 * an unknown token) and a check that the acceptance still collects this round's opinions before its deadline. The
 * opinion holds no identity. When the round's opinions reach the plan's minimum, the workflow's wait is resumed.
 */
export async function submitOpinion(
  deps: AcceptanceDeps & AcceptanceCallbackDeps,
  input: { token: string; satisfaction: number; items: string[]; comment?: string },
): Promise<{ received: true; answeredAt: string }> {
  const now = deps.clock.now();
  const { invitation, acceptance, hash } = await liveInvitation(deps, input.token, now);
  const { value: contract } = await contractFor(deps, invitation.contractId);
  // A contract that ended cancels its acceptance (acceptance-tasks.ts): the same 404 as any dead invitation.
  if (contractEnded(contract.status)) throw notFound('invitation');
  const lines = new Set(contract.acceptancePlan.delivery.map((l) => l.code));
  const seen = new Set<string>();
  input.items.forEach((code, i) => {
    if (!lines.has(code) || seen.has(code)) {
      throw new DomainError(
        'invalid',
        seen.has(code)
          ? `${code} appears twice`
          : `${code} is not a service item of this contract (${[...lines].join(', ')})`,
        { field: `items.${i}`, rule: 'R-ACC-2' },
      );
    }
    seen.add(code);
  });
  const at = isoWithOffset(now);
  const { round } = acceptance.value;
  const opinion: Opinion = {
    id: opinionId(invitation.invitationId, round),
    invitationId: invitation.invitationId,
    round,
    contractId: invitation.contractId,
    acceptanceId: invitation.acceptanceId,
    satisfaction: input.satisfaction as Opinion['satisfaction'],
    items: input.items,
    ...(input.comment ? { comment: input.comment } : {}),
    answeredAt: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const gone = () => notFound('invitation');
  // Answered in this round: the invitation answers again only in a later round (R-ACC-2).
  const answered: ExtraWrite = {
    item: {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.invitation(hash),
        UpdateExpression: 'SET answeredRound = :round, answeredAt = :at',
        ConditionExpression: notAnsweredIn(round),
        ExpressionAttributeValues: { ':round': round, ':at': at },
      },
    },
    onConditionFailed: gone,
  };
  // The window is still open when the opinion lands: the acceptance still collects opinions of this round (CloseOpinions,
  // Reinspect or a cancellation moves its status or round) before the round's deadline. Its status, round and
  // deadline, not its version: the workflow's other writes while the window is open (Open recording its execution)
  // must not refuse a valid answer. `answerBy` is compared as written, an ISO instant at +08:00 (isoWithOffset), so
  // the string order is the time order.
  const stillOpen: ExtraWrite = {
    item: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.acceptance(acceptance.value.contractId, acceptance.value.id),
        ConditionExpression: '#status = :collecting AND #round = :round AND answerBy > :now',
        ExpressionAttributeNames: { '#status': 'status', '#round': 'round' },
        ExpressionAttributeValues: {
          ':collecting': 'collecting_opinions',
          ':round': round,
          ':now': isoWithOffset(now),
        },
      },
    },
    onConditionFailed: gone,
  };
  try {
    await deps.store.commit(
      [
        {
          recordType: 'opinion',
          recordId: opinion.id,
          key: keys.opinion(opinion.contractId, opinion.acceptanceId, round, opinion.invitationId),
          value: opinion,
          actor: { sub: `invitation:${opinion.invitationId}`, role: 'recipient' },
          action: 'opinion.received',
          at,
        },
      ],
      [answered, stillOpen],
      { conflictRetries: 5 },
    );
  } catch (error) {
    // The opinion exists already: another answer with this token landed first in this round.
    if (error instanceof DomainError && error.code === 'duplicate') throw gone();
    throw error;
  }
  const received = await countOpinions(deps, opinion.contractId, opinion.acceptanceId, round);
  if (received >= acceptance.value.plan.recipients.minimumOpinions) {
    await wakeAfterCommit(deps, opinion, 'opinions');
  }
  return { received: true, answeredAt: at };
}

/**
 * Wakes the workflow after the caller's change has committed. The change stands whatever happens here: a failure to
 * answer the parked token (throttled, Step Functions unreachable) is logged, not answered as a 5xx (a retry would
 * then find its opinion or signature landed: 404 or 409). The callback's hourly time-out parks it again, and the
 * park task finds the wait over and resumes itself (acceptance-tasks.ts awaitAcceptanceCallback).
 */
async function wakeAfterCommit(
  deps: AcceptanceCallbackDeps,
  ids: { contractId: string; acceptanceId: string },
  waitingFor: CallbackWait,
): Promise<void> {
  try {
    await resumeAcceptance(deps, ids, waitingFor);
  } catch (error) {
    logger.warn('acceptance workflow not resumed; the hourly re-park will', {
      contractId: ids.contractId,
      acceptanceId: ids.acceptanceId,
      waitingFor,
      error,
    });
  }
}

/**
 * The opinions of one round of an acceptance (R-ACC-2: a round decides on its own opinions), or of every round when
 * `round` is absent (the acceptance's view counts each).
 */
export async function loadOpinions(
  deps: Deps,
  contractId: string,
  acceptanceId: string,
  round?: number,
): Promise<Opinion[]> {
  // Round 1 reads the acceptance's every opinion: those from before the rounds are keyed OPINION#<acc>#<inv>,
  // without the round (LEGACY_OPINION_ROUND). In round 1 nothing of a later round exists yet, so it costs nothing.
  const everyRound = round === undefined || round === LEGACY_OPINION_ROUND;
  const prefix = `OPINION#${acceptanceId}#${everyRound ? '' : `${String(round).padStart(2, '0')}#`}`;
  const items = await deps.store.queryAll<StoredOpinion>(keys.acceptancePartition(contractId), {
    sortKeyPrefix: prefix,
    consistent: true,
  });
  const opinions = items.map((i) => opinionOf(i.value));
  return round === undefined ? opinions : opinions.filter((o) => o.round === round);
}

/** An opinion as stored: one from before the rounds has no `round` and no `invitationId` (its id was the invitation's). */
type StoredOpinion = Omit<Opinion, 'round' | 'invitationId'> & { round?: number; invitationId?: string };

const opinionOf = (stored: StoredOpinion): Opinion => ({
  ...stored,
  round: roundOf(stored),
  invitationId: stored.invitationId ?? stored.id,
});

/** How many opinions came in in `round`. */
export const countOpinions = async (deps: Deps, contractId: string, acceptanceId: string, round: number) =>
  (await loadOpinions(deps, contractId, acceptanceId, round)).length;

export async function loadSignatures(
  deps: Deps,
  acceptance: Pick<Acceptance, 'contractId' | 'id'>,
  round: number,
): Promise<PanelSignature[]> {
  const items = await deps.store.queryAll<PanelSignature>(keys.acceptancePartition(acceptance.contractId), {
    sortKeyPrefix: `SIGNATURE#${acceptance.id}#${String(round).padStart(2, '0')}#`,
    consistent: true,
  });
  return items.map((i) => i.value);
}

/** The opener's side (the bureau, or the town that is the contract's purchaser) reaches the acceptance. */
async function openerAcceptance(
  deps: Deps,
  ids: { contractId: string; acceptanceId: string },
  viewer: Viewer,
) {
  assertOpenerRole(viewer, 'records the measurements');
  const { value: contract } = await contractFor(deps, ids.contractId);
  if (!canSee(viewer, contract)) throw notFound('contract');
  assertContractRunning(contract, 'nothing to measure');
  return loadAcceptance(deps, ids.contractId, ids.acceptanceId);
}

/**
 * R-ACC-1: the panel's measured value per plan indicator for the current round (If-Match), while opinions are
 * collected or the panel inspects, and before any member signed the round (what they sign stays what they read).
 */
export async function recordMeasurements(
  deps: Deps,
  ids: { contractId: string; acceptanceId: string },
  measured: readonly { code: string; value: number }[],
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Acceptance> {
  const stored = await openerAcceptance(deps, ids, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const acceptance = stored.value;
  const codes = new Set(acceptance.plan.indicators.map((i) => i.code));
  const values: Record<string, number> = {};
  measured.forEach(({ code, value }, i) => {
    if (!codes.has(code) || code in values) {
      throw new DomainError(
        'invalid',
        code in values
          ? `${code} appears twice`
          : `${code} is not an indicator of the acceptance plan (${[...codes].join(', ')})`,
        { field: `values.${i}.code`, rule: 'R-ACC-1' },
      );
    }
    values[code] = value;
  });
  if (acceptance.status !== 'collecting_opinions' && acceptance.status !== 'inspecting') {
    throw new DomainError(
      'conflict',
      `acceptance ${acceptance.id} is ${acceptance.status}: nothing to measure now`,
      {
        rule: 'R-ACC-1',
      },
    );
  }
  checkMeasurements(acceptance.plan, values);
  if ((await loadSignatures(deps, acceptance, acceptance.round)).length > 0) {
    throw new DomainError(
      'conflict',
      `round ${acceptance.round} is being signed: its measurements are fixed`,
      {
        rule: 'R-ACC-1',
      },
    );
  }
  const at = isoWithOffset(deps.clock.now());
  const next: Acceptance = {
    ...acceptance,
    measurements: { round: acceptance.round, values, by: ctx.actor, at },
    version: acceptance.version + 1,
    updatedAt: at,
  };
  await deps.store.commit([acceptanceChange(next, 'acceptance.measured', ctx.actor, stored)]);
  return next;
}

/**
 * R-ACC-1: a panel member signs the current round, confirming the rule's outcome or failing it with a reason; once
 * per member per round (a second is 409). When the quorum has signed, the workflow's one wait for the panel resumes.
 */
export async function signAcceptance(
  deps: Deps & AcceptanceCallbackDeps,
  ids: { contractId: string; acceptanceId: string },
  input: { verdict: 'confirm' | 'fail'; reason?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
) {
  const stored = await deps.store.get<Acceptance>(keys.acceptance(ids.contractId, ids.acceptanceId));
  if (!stored) throw notFound('acceptance');
  const acceptance = stored.value;
  if (!isPanelMember(acceptance, ctx.viewer.sub)) {
    // Staff who may see the contract learn why; anyone else learns nothing of it.
    if (ctx.viewer.role !== 'evaluator' && canSee(ctx.viewer, acceptance)) {
      throw new HttpProblem(403, 'Forbidden', 'only a member of this acceptance panel signs it');
    }
    throw notFound('acceptance');
  }
  assertContractRunning(await contractFor(deps, ids.contractId).then((c) => c.value), 'nothing to sign');
  const member = acceptance.panel.find((m) => m.sub === ctx.viewer.sub);
  // R-ACC-1: a member signs in the role the panel names them with (a bureau user named as an evaluator does not sign
  // as the bureau, nor the other way round).
  if (member && member.role !== ctx.viewer.role) {
    throw new HttpProblem(
      403,
      'Forbidden',
      `the panel names you as ${member.role}: sign with your ${member.role} account, not as ${ctx.viewer.role}`,
    );
  }
  checkSignature(acceptance, input);
  // The member signs the measurements of the version they read (If-Match): re-measured meanwhile is 412.
  assertVersion(acceptance, ctx.ifMatch);
  const at = isoWithOffset(deps.clock.now());
  const signature: PanelSignature = {
    contractId: acceptance.contractId,
    acceptanceId: acceptance.id,
    round: acceptance.round,
    sub: ctx.viewer.sub,
    role: member?.role ?? (ctx.viewer.role as PanelSignature['role']),
    verdict: input.verdict,
    ...(input.verdict === 'fail' && input.reason ? { reason: input.reason } : {}),
    signedAt: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await deps.store.commit(
      [
        {
          recordType: 'panel-signature',
          recordId: `${acceptance.id}.${acceptance.round}.${ctx.viewer.sub}`,
          key: keys.panelSignature(acceptance.contractId, acceptance.id, acceptance.round, ctx.viewer.sub),
          value: signature,
          actor: ctx.actor,
          action: `panel.${input.verdict === 'fail' ? 'failed' : 'confirmed'}`,
          at,
        },
      ],
      [
        versionUnchanged(
          keys.acceptance(acceptance.contractId, acceptance.id),
          acceptance.version,
          () => new DomainError('conflict', `acceptance ${acceptance.id} changed meanwhile; read it again`),
        ),
      ],
      { conflictRetries: 5 },
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === 'duplicate') {
      throw new DomainError('conflict', `you signed round ${acceptance.round} already`, { rule: 'R-ACC-1' });
    }
    throw error;
  }
  const signed = (await loadSignatures(deps, acceptance, acceptance.round)).length;
  if (signed >= acceptance.quorum) await wakeAfterCommit(deps, ids, 'panel');
  return {
    acceptanceId: acceptance.id,
    round: signature.round,
    sub: signature.sub,
    verdict: signature.verdict,
    ...(signature.reason ? { reason: signature.reason } : {}),
    signedAt: at,
    signed,
    quorum: acceptance.quorum,
  };
}

/**
 * The acceptance for the opener's side, the contractor, finance and audit in scope, and its panel's members; the
 * invitations (village, pseudonymous reference) for the opener's side only, the counts invited and answered (this
 * round, and each round with its satisfied share) for everyone (R-ACC-2: shared/domain/acceptance.ts acceptanceView).
 */
export async function getAcceptance(
  deps: Deps,
  ids: { contractId: string; acceptanceId: string },
  viewer: Viewer,
): Promise<{ value: AcceptanceView; version: number }> {
  const stored = await deps.store.get<Acceptance>(keys.acceptance(ids.contractId, ids.acceptanceId));
  if (!stored) throw notFound('acceptance');
  const onPanel = isPanelMember(stored.value, viewer.sub) && viewer.role !== 'contractor';
  if (!onPanel && (viewer.role === 'evaluator' || !canSee(viewer, stored.value)))
    throw notFound('acceptance');
  const opinions = await loadOpinions(deps, ids.contractId, ids.acceptanceId);
  return { value: acceptanceView(stored.value, viewer, opinions), version: stored.value.version };
}
