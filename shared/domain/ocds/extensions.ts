/**
 * The OCDS extensions a contract's implementation releases use (issue 13 §5), and which a package declares. Its own
 * module, importing types only, so the public routes' packages (functions/public/packages.ts) declare them without
 * bundling the release builders.
 */
import type { Release } from './types';

/** The extensions our implementation releases use, as the extension registry lists them (extension_versions.csv). */
export const OCDS_EXTENSIONS = {
  metrics:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/1.1/extension.json',
  transactionMilestones:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_transactions_relatedMilestone_extension/master/extension.json',
  contractCompletion:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_completion_extension/master/extension.json',
} as const;

/**
 * What a package holding these releases declares in `extensions`: metrics and transaction_milestones (which depends
 * on metrics) once any release has an implementation or agreed metrics, contract_completion once one ends a
 * contract. Nothing for procurement-only packages, which stay as they were.
 */
export function extensionsFor(releases: readonly Release[]): string[] {
  const contracts = releases.flatMap((r) => r.contracts ?? []);
  const implemented = contracts.some((c) => c.implementation !== undefined || c.agreedMetrics !== undefined);
  if (!implemented) return [];
  const completed = contracts.some(
    (c) => c.implementation?.finalValue !== undefined || c.implementation?.endDate !== undefined,
  );
  return [
    OCDS_EXTENSIONS.metrics,
    OCDS_EXTENSIONS.transactionMilestones,
    ...(completed ? [OCDS_EXTENSIONS.contractCompletion] : []),
  ];
}
