/**
 * The job summary (GITHUB_STEP_SUMMARY) in Markdown: a pass/fail headline, the files that could
 * not be linted, a per-rule count table and every finding grouped by file — kept under GitHub's
 * 1 MiB limit by measuring UTF-8 bytes and saying explicitly how many findings were left out
 * (the most important ones are kept).
 */
import type { Finding, ReportInput, Severity } from '../types';
import {
  compareFindingsByLocation,
  encodePathForUri,
  escapeHtml,
  escapeMarkdownCell,
  isSafeUrl,
  markdownLinkTarget,
  plural,
  severityRank,
  sortByImportance,
  toAnnotationRange,
  truncateUtf8,
} from './escape';
import { evaluateOutcome, formatCounts, reportTitle } from './outcome';

/** GitHub rejects a step summary over 1 MiB; stay well below it by default. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_SUMMARY_BUDGET_BYTES = 900 * 1024;
const MAX_MESSAGE_BYTES = 1000;
const MAX_FAILURES_LISTED = 100;

export interface SummaryOptions {
  /** Upper bound of the rendered Markdown in UTF-8 bytes (default 900 KiB, below GitHub's 1 MiB). */
  maxBytes?: number;
  /** Headline title; default "Spectral integration lint" (+ shard from the category). */
  title?: string;
  /** Where all findings can be seen when some are left out. */
  seeAlso?: string;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  error: '❌ error',
  warn: '⚠️ warning',
  info: 'ℹ️ info',
  hint: '💡 hint',
};

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function ruleDocsUrl(input: ReportInput, ruleId: string, finding?: Finding): string | undefined {
  const url = finding?.documentationUrl ?? input.rules.get(ruleId)?.documentationUrl;
  return isSafeUrl(url) ? url : undefined;
}

/** Rule documentation links as reference-style links (`[id][d1]`), defined once below the rule table. */
type DocRefs = Map<string, string>;

function collectDocRefs(input: ReportInput): DocRefs {
  const refs: DocRefs = new Map();
  for (const f of input.findings) {
    const url = ruleDocsUrl(input, f.ruleId, f);
    if (url && !refs.has(url)) refs.set(url, `d${refs.size + 1}`);
  }
  return refs;
}

function ruleLink(input: ReportInput, refs: DocRefs, ruleId: string, finding?: Finding): string {
  const label = escapeMarkdownCell(ruleId);
  const url = ruleDocsUrl(input, ruleId, finding);
  const ref = url ? refs.get(url) : undefined;
  return ref ? `[${label}][${ref}]` : url ? `[${label}](${markdownLinkTarget(url)})` : label;
}

function blobUrl(input: ReportInput, file: string, startLine: number, endLine: number): string | undefined {
  if (!input.sha || !isSafeUrl(input.repositoryUrl)) return undefined;
  const base = input.repositoryUrl.replace(/\/+$/, '');
  const anchor = endLine > startLine ? `#L${startLine}-L${endLine}` : `#L${startLine}`;
  return `${base}/blob/${encodeURIComponent(input.sha)}/${encodePathForUri(file)}${anchor}`;
}

function findingRow(input: ReportInput, refs: DocRefs, finding: Finding): string {
  const range = toAnnotationRange(finding.range);
  const url = blobUrl(input, finding.file, range.startLine, range.endLine);
  const line = url ? `[${range.startLine}](${url})` : String(range.startLine);
  const message = escapeMarkdownCell(truncateUtf8(finding.message, MAX_MESSAGE_BYTES));
  return `| ${SEVERITY_LABEL[finding.severity] ?? finding.severity} | ${ruleLink(input, refs, finding.ruleId, finding)} | ${line} | ${message} |\n`;
}

function countsPhrase(findings: readonly Finding[]): string {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warn) parts.push(plural(counts.warn, 'warning'));
  if (counts.info) parts.push(plural(counts.info, 'info'));
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  return parts.join(', ');
}

function fileHeader(file: string, findings: readonly Finding[], open: boolean): string {
  return (
    `<details${open ? ' open' : ''}><summary><code>${escapeHtml(file)}</code> — ${countsPhrase(findings)}</summary>\n\n` +
    '| Severity | Rule | Line | Message |\n| --- | --- | ---: | --- |\n'
  );
}
const FILE_FOOTER = '\n</details>\n\n';
/** Reserved per shown file for the "N more findings in this file not shown" line. */
const PARTIAL_FILE_RESERVE = 100;

function renderHead(input: ReportInput, title: string): string {
  const outcome = evaluateOutcome(input);
  const out: string[] = [];
  const verdict = outcome.failed ? '❌' : '✅';
  const status = outcome.failed ? 'failed' : 'passed';
  out.push(`## ${verdict} ${escapeHtml(title)}: ${status}`, '');
  const why =
    input.failSeverity === 'never'
      ? 'fail severity `never`: findings never fail the step'
      : outcome.failed
        ? [
            outcome.failing > 0 ? `${plural(outcome.failing, 'finding')} at or above \`${input.failSeverity}\`` : '',
            input.failures.length > 0 ? `${plural(input.failures.length, 'file')} could not be linted` : '',
          ]
            .filter(Boolean)
            .join('; ')
        : `no finding at or above \`${input.failSeverity}\``;
  out.push(
    `**${formatCounts(outcome.counts)}** in ${plural(input.filesLinted.length, 'file')} linted ` +
      `(mode \`${input.mode}\`, fail severity \`${input.failSeverity}\`): ${why}.`,
    '',
  );
  if (input.failures.length > 0) {
    out.push(`### ⚠️ ${plural(input.failures.length, 'file')} could not be linted`, '');
    out.push('| File | Problem |', '| --- | --- |');
    for (const failure of input.failures.slice(0, MAX_FAILURES_LISTED)) {
      out.push(
        `| ${escapeMarkdownCell(failure.file)} | ${escapeMarkdownCell(truncateUtf8(failure.message, MAX_MESSAGE_BYTES))} |`,
      );
    }
    if (input.failures.length > MAX_FAILURES_LISTED) {
      out.push(`| … | ${input.failures.length - MAX_FAILURES_LISTED} more not listed |`);
    }
    out.push('');
  }
  if (input.findings.length === 0) {
    out.push(input.filesLinted.length === 0 ? 'No files were linted.' : 'No findings.', '');
  }
  return `${out.join('\n')}\n`;
}

function renderRuleTable(input: ReportInput, refs: DocRefs): string {
  if (input.findings.length === 0) return '';
  const byRule = new Map<string, { count: number; severity: Severity; first: Finding }>();
  for (const f of input.findings) {
    const entry = byRule.get(f.ruleId);
    if (!entry) byRule.set(f.ruleId, { count: 1, severity: f.severity, first: f });
    else {
      entry.count += 1;
      if (severityRank(f.severity) < severityRank(entry.severity)) entry.severity = f.severity;
    }
  }
  const rows = [...byRule.entries()].sort(
    (a, b) =>
      severityRank(a[1].severity) - severityRank(b[1].severity) ||
      b[1].count - a[1].count ||
      (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const out = ['### Findings by rule', '', '| Rule | Severity | Findings | Description |', '| --- | --- | ---: | --- |'];
  for (const [ruleId, entry] of rows) {
    const description = input.rules.get(ruleId)?.description ?? '';
    out.push(
      `| ${ruleLink(input, refs, ruleId, entry.first)} | ${SEVERITY_LABEL[entry.severity]} | ${entry.count} | ${escapeMarkdownCell(truncateUtf8(description, 300))} |`,
    );
  }
  out.push('');
  // Link reference definitions (invisible), used by this table and every finding row.
  for (const [url, ref] of refs) out.push(`[${ref}]: ${markdownLinkTarget(url)}`);
  out.push('', '');
  return out.join('\n');
}

/**
 * Renders the job summary. Never longer than `maxBytes` UTF-8 bytes (default 900 KiB): when the
 * findings don't fit, the most important are kept and a line says how many were left out.
 */
export function renderSummary(input: ReportInput, options: SummaryOptions = {}): string {
  const maxBytes = Math.max(4096, Math.floor(options.maxBytes ?? DEFAULT_SUMMARY_BUDGET_BYTES));
  const title = options.title ?? reportTitle(input.category);
  const seeAlso = options.seeAlso ?? 'the SARIF upload (code scanning alerts) or the check run';

  let head = renderHead(input, title);
  const refs = collectDocRefs(input);
  let rules = renderRuleTable(input, refs);
  // Pathological inputs (huge failure lists or rule tables): keep the headline at least.
  if (bytes(head) > maxBytes / 4) head = truncateUtf8(head, Math.floor(maxBytes / 4), '…\n\n');
  if (bytes(rules) > maxBytes / 4) rules = truncateUtf8(rules, Math.floor(maxBytes / 4), '…\n\n');

  const findingsHeading = input.findings.length > 0 ? '### Findings by file\n\n' : '';
  const trailerReserve = 1024;
  let used = bytes(head) + bytes(rules) + bytes(findingsHeading) + trailerReserve;

  const fileCount = new Set(input.findings.map((f) => f.file)).size;
  const open = fileCount <= 5 && input.findings.length <= 200;
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }

  // Choose the rows to show by importance, counting their exact bytes and each file's frame.
  const rowOf = new Map<Finding, string>();
  const framedFiles = new Set<string>();
  let shown = 0;
  for (const finding of sortByImportance(input.findings)) {
    const row = findingRow(input, refs, finding);
    let cost = bytes(row);
    if (!framedFiles.has(finding.file)) {
      cost += bytes(fileHeader(finding.file, byFile.get(finding.file) ?? [], open)) + bytes(FILE_FOOTER) + PARTIAL_FILE_RESERVE;
    }
    if (used + cost > maxBytes) break;
    used += cost;
    framedFiles.add(finding.file);
    rowOf.set(finding, row);
    shown += 1;
  }
  const omitted = input.findings.length - shown;

  const parts: string[] = [head, rules, findingsHeading];
  const fileRank = new Map<string, number>();
  for (const [file, list] of byFile) {
    let rank = Number.POSITIVE_INFINITY;
    for (const f of list) rank = Math.min(rank, severityRank(f.severity));
    fileRank.set(file, rank);
  }
  const files = [...framedFiles].sort(
    (a, b) => (fileRank.get(a) ?? 0) - (fileRank.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const file of files) {
    const all = byFile.get(file) ?? [];
    parts.push(fileHeader(file, all, open));
    const visible = all.filter((f) => rowOf.has(f)).sort(compareFindingsByLocation);
    for (const f of visible) parts.push(rowOf.get(f) as string);
    if (visible.length < all.length) {
      parts.push(`\n_${plural(all.length - visible.length, 'more finding')} in this file not shown._\n`);
    }
    parts.push(FILE_FOOTER);
  }
  if (omitted > 0) {
    parts.push(
      `> ⚠️ **${plural(omitted, 'more finding')} not shown** (the job summary is limited to 1 MiB); ` +
        `see ${seeAlso} for all ${input.findings.length}.\n`,
    );
  }
  let markdown = parts.join('');
  if (bytes(markdown) > maxBytes) markdown = truncateUtf8(markdown, maxBytes); // safety net, not expected
  return markdown;
}
