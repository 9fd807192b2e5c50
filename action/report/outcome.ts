/**
 * Pass/fail of a report against the fail severity — one definition shared by the check run's
 * conclusion, the job summary's headline and (for the caller) the step's exit code.
 */
import { SEVERITIES, type FailSeverity, type ReportInput, type Severity } from '../types';
import { countBySeverity, severityRank } from './escape';

export interface Outcome {
  /** True when the step should fail: a finding at or above failSeverity, or a load failure (unless failSeverity is 'never'). */
  failed: boolean;
  /** Findings at or above failSeverity (0 when 'never'). */
  failing: number;
  counts: Record<Severity, number>;
  total: number;
  /** 'failure' when failed; 'success' when there is nothing at all; 'neutral' when only findings below failSeverity. */
  conclusion: 'failure' | 'success' | 'neutral';
}

/** Does a finding of this severity fail the run under failSeverity? */
export function isFailing(severity: Severity, failSeverity: FailSeverity): boolean {
  if (failSeverity === 'never') return false;
  return severityRank(severity) <= severityRank(failSeverity);
}

export function evaluateOutcome(input: Pick<ReportInput, 'findings' | 'failures' | 'failSeverity'>): Outcome {
  const counts = countBySeverity(input.findings);
  let failing = 0;
  for (const severity of SEVERITIES) if (isFailing(severity, input.failSeverity)) failing += counts[severity];
  const failed = input.failSeverity !== 'never' && (failing > 0 || input.failures.length > 0);
  const total = input.findings.length;
  const conclusion = failed ? 'failure' : total === 0 && input.failures.length === 0 ? 'success' : 'neutral';
  return { failed, failing, counts, total, conclusion };
}

/** "3 errors, 1 warning, 0 infos, 2 hints" */
export function formatCounts(counts: Record<Severity, number>): string {
  return [
    `${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`,
    `${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}`,
    `${counts.info} ${counts.info === 1 ? 'info' : 'infos'}`,
    `${counts.hint} ${counts.hint === 1 ? 'hint' : 'hints'}`,
  ].join(', ');
}

/** Default name of the check run and title of the summary. */
export const REPORT_NAME = 'Spectral integration lint';

/** "Spectral integration lint", or "Spectral integration lint (shard-1-of-3)" for category "…/shard-1-of-3". */
export function reportTitle(category: string): string {
  const slash = category.indexOf('/');
  const suffix = slash >= 0 ? category.slice(slash + 1).replace(/^\/+|\/+$/g, '') : '';
  return suffix ? `${REPORT_NAME} (${suffix})` : REPORT_NAME;
}
