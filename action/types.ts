/**
 * Shared types of the GitHub Action. The lint side (action/lint*, git, fingerprint) produces
 * Findings; the report side (action/report/*) turns them into workflow commands, a check run,
 * a job summary and SARIF. Both sides depend only on this file.
 */

export type Severity = 'error' | 'warn' | 'info' | 'hint';
/** Ordered from most to least severe. */
export const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info', 'hint'];

export interface Position {
  /** 0-based line, as Spectral reports it. */
  line: number;
  /** 0-based column. */
  character: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Repository-relative POSIX path of the file the finding is in (a $ref'd file when it lands there). */
  file: string;
  /** JSON path of the node in that file. */
  jsonPath: (string | number)[];
  range: { start: Position; end: Position };
  /** Stable identity: hash of rule id, file, JSON path and message (never the line). */
  fingerprint: string;
  documentationUrl?: string;
}

/** A document the action could not lint (unreadable, unparsable, ruleset failure, limits). */
export interface LoadFailure {
  file: string;
  message: string;
}

export type ReportMode = 'all' | 'changed-files' | 'changed-lines' | 'new';
export type FailSeverity = Severity | 'never';
export type AnnotationsMode = 'auto' | 'checks' | 'commands' | 'none';

export interface RuleHelp {
  id: string;
  description?: string;
  documentationUrl?: string;
  /** Markdown help text for SARIF `rules[].help`. */
  helpMarkdown?: string;
  severity?: Severity;
}

export interface ReportInput {
  /** Findings that are reported (already filtered by the report mode). */
  findings: Finding[];
  failures: LoadFailure[];
  filesLinted: string[];
  mode: ReportMode;
  failSeverity: FailSeverity;
  /** Rule metadata for SARIF and summary links, by rule id. */
  rules: Map<string, RuleHelp>;
  /** e.g. "spectral-integration-ruleset" (+ "/shard-1-of-3" when sharded), for SARIF runAutomationDetails. */
  category: string;
  /** Commit the findings are on (head sha), for check runs and links. */
  sha?: string;
  /** https://github.com/<owner>/<repo> for blob links, when known. */
  repositoryUrl?: string;
}
