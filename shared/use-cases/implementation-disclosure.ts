/**
 * Public disclosure of a contract's implementation (issue 13 §5, R-ACC-4, R-SUP-3): each acceptance decision,
 * each payment and a termination publish an OCDS release under the process's ocid (shared/domain/ocds/implementation.ts)
 * and, for a decision, its announcement (验收结果公告 / 合同终止公告), as items of the caller's transaction: the
 * decision, the payment or the termination lands with its publication, or neither does.
 *
 * Reads (the caller's route or task needs these rights): the project (PROJECT#), its purchaser (PURCHASER#), budget
 * line (BUDGET#) and catalog item (CATALOG), the process's releases (OCID#, to tag the first implementation release
 * `implementation` and the later ones `implementationUpdate`), and for a payment that completes the contract its
 * other milestones (MILESTONE#). Writes: PUBLIC# and OCID# (append-only).
 *
 * Ids are per decision (implementationReleaseIds) and the release is dated `at`: pass the instant the decision
 * records (decidedAt, paidAt, termination.at), so a task that runs twice builds the same keys and the append-only
 * condition refuses the second (besides the caller's own version condition on its record).
 */
import type { Contract } from '#shared/domain/contract';
import type { Purchaser } from '#shared/domain/district-seed';
import type { BudgetLine } from '#shared/domain/budget';
import type { CatalogItem } from '#shared/domain/catalog';
import { DomainError } from '#shared/domain/errors';
import type { ContractMilestone } from '#shared/domain/milestone';
import type {
  AcceptanceOutcome,
  AnnouncementKind,
  AnnouncementTexts,
  PaidMilestone,
  PaymentParties,
  Release,
} from '#shared/domain/ocds';
import {
  acceptanceAnnouncement,
  acceptanceRelease,
  announcementOf,
  awardIn,
  contractRelease,
  ocidFor,
  paymentRelease,
  publicName,
  supplierOf,
  terminationAnnouncement,
  terminationRelease,
} from '#shared/domain/ocds';
import type { Project } from '#shared/domain/project';
import type { StoredRelease } from '#shared/adapters/dynamodb/disclosure-writes';
import { disclosureWrites } from '#shared/adapters/dynamodb/disclosure-writes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import { config } from '#shared/config';
import type { Deps } from './ports';

export type { AcceptanceOutcome } from '#shared/domain/ocds';

/** A payment as it is disclosed: its id, integer fen, and when it was paid (ISO with offset). */
export interface PaymentMade {
  id: string;
  amount: number;
  paidAt: string;
}

const IMPLEMENTATION_TAGS = new Set(['implementation', 'implementationUpdate', 'contractTermination']);

interface Process {
  project: Project;
  purchaser: Purchaser;
  /** The contract release of the process, the base of each implementation release. */
  base: Release;
  /** `implementation` for the process's first implementation release, `implementationUpdate` after. */
  tag: 'implementation' | 'implementationUpdate';
  parties: PaymentParties;
  names: { purchaser: { zh: string; en: string }; supplier: { zh: string; en: string } };
}

/** The signed contract's process as its contract release shows it; a missing record is a broken invariant. */
async function processOf(deps: Deps, contract: Contract): Promise<Process> {
  const project = await deps.store.get<Project>(keys.project(contract.projectId));
  if (!project) throw new Error(`project ${contract.projectId} of contract ${contract.id} is missing`);
  const p = project.value;
  const ocid = ocidFor(config.OCDS_OCID_PREFIX, p.id);
  const [purchaser, line, item, published] = await Promise.all([
    deps.store.get<Purchaser>(keys.purchaser(p.purchaserId)),
    deps.store.get<BudgetLine>(keys.budgetLine(p.budgetLineId)),
    deps.store.get<CatalogItem>(keys.catalogItem(p.catalogCode)),
    deps.store.queryAll<StoredRelease>(keys.ocidPartition(ocid)),
  ]);
  if (!purchaser) throw new Error(`purchaser ${p.purchaserId} of project ${p.id} is missing`);
  if (!line) throw new Error(`budget line ${p.budgetLineId} of project ${p.id} is missing`);
  const award = awardIn(p);
  if (award.bidId !== contract.bidId || p.contract?.id !== contract.id) {
    throw new DomainError(
      'conflict',
      `contract ${contract.id} is not the contract in force of project ${p.id}`,
    );
  }
  const base = contractRelease(p, {
    ocidPrefix: config.OCDS_OCID_PREFIX,
    purchaser: purchaser.value,
    budgetLine: line.value,
    ...(item ? { catalogItem: item.value } : {}),
  });
  const implemented = published.some((s) => s.value.release.tag.some((t) => IMPLEMENTATION_TAGS.has(t)));
  const who = publicName(award);
  return {
    project: p,
    purchaser: purchaser.value,
    base,
    tag: implemented ? 'implementationUpdate' : 'implementation',
    parties: { payer: base.buyer, payee: supplierOf(award) },
    names: {
      purchaser: { zh: purchaser.value.nameZh, en: purchaser.value.nameEn },
      supplier: who,
    },
  };
}

function writes(
  process: Process,
  release: Release,
  announce?: { kind: AnnouncementKind; texts: AnnouncementTexts },
): ExtraWrite[] {
  return disclosureWrites({
    releases: [release],
    announcements: announce
      ? [announcementOf(release, announce.kind, process.project.id, process.purchaser, announce.texts)]
      : [],
  });
}

/** Items of the caller's transaction: the implementation(Update) release + its 验收结果公告 announcement (R-ACC-4). */
export async function acceptanceDisclosure(
  deps: Deps,
  input: { contract: Contract; acceptance: AcceptanceOutcome; at: string },
): Promise<ExtraWrite[]> {
  const process = await processOf(deps, input.contract);
  const release = acceptanceRelease(process.base, input.contract, input.acceptance, {
    tag: process.tag,
    date: input.at,
  });
  return writes(process, release, {
    kind: 'acceptance_result',
    texts: acceptanceAnnouncement(input.contract, input.acceptance, process.names),
  });
}

/**
 * A payment: the payment milestone met with its transaction linked to it (transaction_milestones), no announcement.
 * When the contract completes with it (pass the contract as this payment leaves it: status `completed`), the release
 * also ends the contract with finalValue = Σ of every paid milestone (read from MILESTONE#, this one as paid now).
 */
export async function paymentDisclosure(
  deps: Deps,
  input: { contract: Contract; milestone: ContractMilestone; payment: PaymentMade; at: string },
): Promise<ExtraWrite[]> {
  const process = await processOf(deps, input.contract);
  const paid: PaidMilestone = { ...input.milestone, status: 'paid', payment: input.payment };
  let completedWith: PaidMilestone[] | undefined;
  if (input.contract.status === 'completed') {
    const stored = await deps.store.queryAll<ContractMilestone>(keys.milestonePartition(input.contract.id), {
      sortKeyPrefix: 'SEQ#',
      consistent: true,
    });
    completedWith = [...stored.map((s) => s.value).filter((m) => m.seq !== paid.seq), paid].sort(
      (a, b) => a.seq - b.seq,
    );
  }
  const release = paymentRelease(process.base, input.contract, paid, input.payment, {
    tag: process.tag,
    date: input.at,
    parties: process.parties,
    ...(completedWith ? { completedWith } : {}),
  });
  return writes(process, release);
}

/** A termination for breach: contractTermination (contract status terminated, finalValue = Σ paid) + 合同终止公告. */
export async function terminationDisclosure(
  deps: Deps,
  input: { contract: Contract; milestones: ContractMilestone[]; at: string },
): Promise<ExtraWrite[]> {
  const { termination } = input.contract;
  if (input.contract.status !== 'terminated' || !termination) {
    throw new Error(`contract ${input.contract.id} is ${input.contract.status}, not terminated`);
  }
  const process = await processOf(deps, input.contract);
  const release = terminationRelease(process.base, input.contract, input.milestones, {
    date: input.at,
    terminatedAt: termination.at,
    parties: process.parties,
  });
  return writes(process, release, {
    kind: 'contract_termination',
    texts: terminationAnnouncement(input.contract, input.milestones, {
      terminatedAt: termination.at,
      names: process.names,
    }),
  });
}
