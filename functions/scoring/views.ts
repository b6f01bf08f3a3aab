/** API views of scoring: domain records → the shapes in scoring.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { PoolMember } from '#shared/domain/evaluator-pool';
import type { ScoreSheet } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import type {
  EvaluatorProject,
  PoolMember as PoolMemberSchema,
  ScoreSheet as ScoreSheetSchema,
  ScoreSheetList,
} from '#shared/schemas/scoring.schema';

export const scoreSheetView = (s: ScoreSheet): z.infer<ReturnType<typeof ScoreSheetSchema>> => ({
  projectId: s.projectId,
  round: s.round,
  evaluatorId: s.evaluatorId,
  scores: s.scores.map((x) => ({ bidId: x.bidId, criterionCode: x.criterionCode, score: x.score })),
  submittedAt: s.submittedAt,
  version: s.version,
});

export const scoreSheetListView = (
  projectId: string,
  sheets: readonly ScoreSheet[],
): z.infer<ReturnType<typeof ScoreSheetList>> => ({ projectId, sheets: sheets.map(scoreSheetView) });

export const evaluatorProjectView = (p: Project): z.infer<ReturnType<typeof EvaluatorProject>> => ({
  id: p.id,
  title: p.title,
  status: p.status,
  ...(p.tender ? { bidDeadline: p.tender.bidDeadline } : {}),
  scoringRound: p.scoringRound ?? 0,
  evaluationCriteria: p.evaluationCriteria,
});

export const poolMemberView = (m: PoolMember): z.infer<ReturnType<typeof PoolMemberSchema>> => ({
  sub: m.sub,
  name: m.name,
  expertise: m.expertise,
  status: m.status,
  registeredAt: m.registeredAt,
  registeredBy: m.registeredBy,
  ...(m.retired ? { retired: m.retired } : {}),
  version: m.version,
  updatedAt: m.updatedAt,
});
