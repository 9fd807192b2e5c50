/**
 * One check run carrying every annotation, 50 per request (the Checks API's limit), instead of
 * one request per annotation. Without permission to create check runs (fork pull requests get a
 * read-only token: 403/404) it quietly reports `published: false` so the caller falls back to
 * workflow commands; other errors are retried once. Never throws.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import type { Finding, ReportInput } from '../types';
import { escapeMarkdownCell, formatJsonPath, isSafeUrl, plural, sortByImportance, toAnnotationRange, truncateUtf8 } from './escape';
import { evaluateOutcome, formatCounts, reportTitle } from './outcome';

/** The Checks API accepts at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Default cap on annotations in one check run (100 requests); the rest are counted in the summary. */
export const DEFAULT_MAX_CHECK_ANNOTATIONS = 5000;

/** GitHub's size limits: 64 KB per annotation message/raw_details, 65535 characters per summary/text. */
const MAX_ANNOTATION_BYTES = 64 * 1024 - 1;
const MAX_OUTPUT_BYTES = 65_000;
const MAX_TITLE_CHARS = 255;

export type Octokit = ReturnType<typeof getOctokit>;

export interface PublishCheckRunOptions {
  token: string;
  owner: string;
  repo: string;
  /** The commit the check run is attached to: for pull requests the PR head sha, not the merge commit. */
  headSha: string;
  /** Check run name; default "Spectral integration lint" plus " (<shard>)" when the category has a "/" part. */
  name?: string;
  /** REST API base URL (GITHUB_API_URL on GitHub Enterprise Server). */
  apiUrl?: string;
  /** A ready client (tests, or a caller that already has one); otherwise getOctokit(token, { baseUrl: apiUrl }). */
  octokit?: Octokit;
  /** Link of the check run's "details" (e.g. the workflow run URL). */
  detailsUrl?: string;
  /** Annotations carried by the check run at most (default 5000); the rest are counted in its summary. */
  maxAnnotations?: number;
  /** Delay before the one retry of a failed request (default 2000 ms). */
  retryDelayMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Where the single fallback line goes (default core.info). */
  log?: (message: string) => void;
}

export interface PublishCheckRunResult {
  published: boolean;
  /** Annotations delivered to the check run. */
  annotations: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Why it was not (fully) published. */
  reason?: string;
  checkRunId?: number;
  url?: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title?: string;
  raw_details?: string;
}

function annotationLevel(severity: Finding['severity']): CheckAnnotation['annotation_level'] {
  return severity === 'error' ? 'failure' : severity === 'warn' ? 'warning' : 'notice';
}

/** Annotations in importance order: load failures, then findings by severity, file, line. */
export function buildCheckAnnotations(input: ReportInput): CheckAnnotation[] {
  const annotations: CheckAnnotation[] = input.failures.map((failure) => ({
    path: failure.file,
    start_line: 1,
    end_line: 1,
    annotation_level: 'failure',
    title: 'Could not lint this file',
    message: truncateUtf8(failure.message || 'The file could not be linted.', MAX_ANNOTATION_BYTES),
  }));
  for (const finding of sortByImportance(input.findings)) {
    const range = toAnnotationRange(finding.range);
    const annotation: CheckAnnotation = {
      path: finding.file,
      start_line: range.startLine,
      end_line: range.endLine,
      annotation_level: annotationLevel(finding.severity),
      message: truncateUtf8(finding.message || finding.ruleId, MAX_ANNOTATION_BYTES),
      title: finding.ruleId.slice(0, MAX_TITLE_CHARS),
    };
    if (range.startColumn !== undefined && range.endColumn !== undefined) {
      annotation.start_column = range.startColumn;
      annotation.end_column = range.endColumn;
    }
    const details: string[] = [];
    if (finding.jsonPath.length > 0) details.push(`JSON path: ${formatJsonPath(finding.jsonPath)}`);
    const docs = finding.documentationUrl ?? input.rules.get(finding.ruleId)?.documentationUrl;
    if (docs) details.push(`Documentation: ${docs}`);
    if (details.length > 0) annotation.raw_details = truncateUtf8(details.join('\n'), MAX_ANNOTATION_BYTES);
    annotations.push(annotation);
  }
  return annotations;
}

/** "Spectral integration lint" or "Spectral integration lint (shard-1-of-3)". */
export function checkRunName(category: string, name?: string): string {
  return name || reportTitle(category);
}

function checkOutput(input: ReportInput, annotated: number, total: number): { title: string; summary: string; text?: string } {
  const outcome = evaluateOutcome(input);
  const title =
    input.failures.length > 0
      ? `${plural(input.failures.length, 'file')} not linted; ${formatCounts(outcome.counts)}`
      : outcome.total === 0
        ? 'No findings'
        : formatCounts(outcome.counts);
  const lines: string[] = [];
  lines.push(
    `**${outcome.failed ? 'Failed' : 'Passed'}** against fail severity \`${input.failSeverity}\`: ${formatCounts(outcome.counts)} ` +
      `in ${plural(input.filesLinted.length, 'file')} linted (mode \`${input.mode}\`).`,
  );
  if (input.failures.length > 0) {
    lines.push('', `**${plural(input.failures.length, 'file')} could not be linted:**`);
    for (const failure of input.failures.slice(0, 50)) {
      lines.push(`- ${escapeMarkdownCell(failure.file)}: ${escapeMarkdownCell(truncateUtf8(failure.message, 500))}`);
    }
    if (input.failures.length > 50) lines.push(`- … and ${input.failures.length - 50} more`);
  }
  if (annotated < total) {
    lines.push(
      '',
      `${plural(total - annotated, 'more finding')} not annotated here (at most ${annotated} annotations per check run); ` +
        'all of them are in the job summary and the SARIF upload.',
    );
  }
  const summary = truncateUtf8(lines.join('\n'), MAX_OUTPUT_BYTES);

  const byRule = new Map<string, number>();
  for (const finding of input.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  let text: string | undefined;
  if (byRule.size > 0) {
    const rows = [...byRule.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const table = ['| Rule | Findings |', '| --- | ---: |'];
    for (const [ruleId, count] of rows) {
      const url = input.rules.get(ruleId)?.documentationUrl;
      const label = escapeMarkdownCell(ruleId);
      table.push(`| ${isSafeUrl(url) ? `[${label}](${url})` : label} | ${count} |`);
    }
    text = truncateUtf8(table.join('\n'), MAX_OUTPUT_BYTES);
  }
  return text === undefined ? { title, summary } : { title, summary, text };
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function describeError(error: unknown): string {
  const e = error as RequestErrorLike;
  const status = typeof e?.status === 'number' ? `HTTP ${e.status}` : 'network error';
  const message = e?.message ? `: ${String(e.message).split('\n')[0].slice(0, 200)}` : '';
  return `${status}${message}`;
}

function isRateLimited(error: RequestErrorLike): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  const headers = error.response?.headers ?? {};
  return (
    headers['retry-after'] !== undefined ||
    String(headers['x-ratelimit-remaining']) === '0' ||
    /rate limit/i.test(error.message ?? '')
  );
}

/** No permission (fork PRs, missing `checks: write`): don't retry, fall back quietly. */
function isPermissionError(error: RequestErrorLike): boolean {
  return (error.status === 401 || error.status === 403 || error.status === 404) && !isRateLimited(error);
}

function isRetriable(error: RequestErrorLike): boolean {
  return error.status === undefined || error.status >= 500 || isRateLimited(error);
}

function retryAfterMs(error: RequestErrorLike, fallback: number): number {
  const header = error.response?.headers?.['retry-after'];
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : fallback;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates one check run on `headSha` carrying every annotation (50 per request: a create, then
 * updates; the last request completes it with the conclusion). Never throws: without permission
 * (401/403/404) or after one failed retry (5xx, network, rate limit) it returns
 * `{ published: false, reason }` after logging one line, and the caller falls back to workflow commands.
 */
export async function publishCheckRun(
  input: ReportInput,
  opts: PublishCheckRunOptions,
): Promise<PublishCheckRunResult> {
  const log = opts.log ?? ((message: string) => core.info(message));
  const retryDelayMs = opts.retryDelayMs ?? 2000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let requests = 0;
  let delivered = 0;
  let checkRunId: number | undefined;
  let url: string | undefined;

  const fallback = (reason: string): PublishCheckRunResult => {
    log(`Check run not published (${reason}).`);
    return { published: false, annotations: delivered, requests, reason, checkRunId, url };
  };

  try {
    const octokit =
      opts.octokit ?? getOctokit(opts.token, opts.apiUrl ? { baseUrl: opts.apiUrl.replace(/\/+$/, '') } : {});

    /** One API call, retried once on 5xx/network/rate limit. */
    const call = async <T>(send: (signal: AbortSignal) => Promise<T>): Promise<T> => {
      for (let attempt = 0; ; attempt += 1) {
        requests += 1;
        try {
          return await send(AbortSignal.timeout(timeoutMs));
        } catch (error) {
          const e = error as RequestErrorLike;
          if (attempt >= 1 || !isRetriable(e) || isPermissionError(e)) throw error;
          await sleep(isRateLimited(e) ? retryAfterMs(e, retryDelayMs) : retryDelayMs);
        }
      }
    };

    const all = buildCheckAnnotations(input);
    const max = Math.max(0, Math.floor(opts.maxAnnotations ?? DEFAULT_MAX_CHECK_ANNOTATIONS));
    const annotations = all.slice(0, max);
    const batches: CheckAnnotation[][] = [];
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
      batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    }
    if (batches.length === 0) batches.push([]);

    const outcome = evaluateOutcome(input);
    const output = checkOutput(input, annotations.length, all.length);
    const name = checkRunName(input.category, opts.name);
    const completion = () => ({
      status: 'completed' as const,
      conclusion: outcome.conclusion,
      completed_at: new Date().toISOString(),
    });

    try {
      const created = await call((signal) =>
        octokit.rest.checks.create({
          owner: opts.owner,
          repo: opts.repo,
          name,
          head_sha: opts.headSha,
          external_id: input.category,
          ...(opts.detailsUrl ? { details_url: opts.detailsUrl } : {}),
          started_at: new Date().toISOString(),
          ...(batches.length === 1 ? completion() : { status: 'in_progress' as const }),
          output: { ...output, annotations: batches[0] },
          request: { signal },
        }),
      );
      checkRunId = created.data.id;
      url = created.data.html_url ?? undefined;
      delivered += batches[0].length;
    } catch (error) {
      const e = error as RequestErrorLike;
      return fallback(isPermissionError(e) ? `no permission to create check runs: ${describeError(e)}` : describeError(e));
    }

    for (let i = 1; i < batches.length; i += 1) {
      const last = i === batches.length - 1;
      try {
        await call((signal) =>
          octokit.rest.checks.update({
            owner: opts.owner,
            repo: opts.repo,
            check_run_id: checkRunId as number,
            ...(last ? completion() : {}),
            output: { ...output, annotations: batches[i] },
            request: { signal },
          }),
        );
        delivered += batches[i].length;
      } catch (error) {
        // Don't leave the check run in progress: one best-effort completion, then fall back.
        try {
          requests += 1;
          await octokit.rest.checks.update({
            owner: opts.owner,
            repo: opts.repo,
            check_run_id: checkRunId as number,
            ...completion(),
            output: {
              title: output.title,
              summary: truncateUtf8(
                `${output.summary}\n\nOnly ${delivered} of ${all.length} annotations could be added (${describeError(error)}).`,
                MAX_OUTPUT_BYTES,
              ),
            },
            request: { signal: AbortSignal.timeout(timeoutMs) },
          });
        } catch {
          // already falling back
        }
        return fallback(`annotations incomplete after ${delivered} of ${all.length}: ${describeError(error)}`);
      }
    }
    return {
      published: true,
      annotations: delivered,
      requests,
      checkRunId,
      url,
      ...(annotations.length < all.length
        ? { reason: `${all.length - annotations.length} annotations over the limit of ${max} not published` }
        : {}),
    };
  } catch (error) {
    return fallback(`unexpected error: ${describeError(error)}`);
  }
}
