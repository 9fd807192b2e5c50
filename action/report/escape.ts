/**
 * Shared helpers of the report side: escaping for workflow commands, Markdown and HTML,
 * importance ordering, and conversion of Spectral's 0-based ranges to 1-based ones.
 */
import { SEVERITIES, type Finding, type Severity } from '../types';

// ---------------------------------------------------------------------------------------------
// Workflow commands (same escaping as @actions/core's issueCommand)
// ---------------------------------------------------------------------------------------------

/** Escapes the data (message) part of a workflow command: `%`, `\r`, `\n`. */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command: the data escapes plus `:` and `,`. */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Inverse of escapeCommandData / escapeCommandProperty (what the runner does). */
export function unescapeCommandValue(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/gi, (_m, code: string) => {
    switch (code.toUpperCase()) {
      case '25':
        return '%';
      case '0D':
        return '\r';
      case '0A':
        return '\n';
      case '3A':
        return ':';
      default:
        return ',';
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Markdown / HTML
// ---------------------------------------------------------------------------------------------

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escapes untrusted text for one Markdown table cell (GitHub Flavored Markdown): HTML is
 * neutralised, Markdown punctuation that could open emphasis, code, links or end the cell is
 * backslash-escaped, and line breaks become `<br>` so the row stays on one line.
 */
export function escapeMarkdownCell(value: string): string {
  return value.replace(/\r\n|[\r\n\u2028\u2029]|[&<>"'`\\*_[\]|~#!]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&#39;';
      case '`':
        return '&#96;';
      case '\\':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '#':
      case '!':
        return `\\${c}`;
      default:
        return '<br>';
    }
  });
}

/** Escapes untrusted text for inline Markdown outside tables (lists, paragraphs). */
export function escapeMarkdownInline(value: string): string {
  return escapeMarkdownCell(value);
}

/**
 * Percent-encodes a repository-relative POSIX path as a URI reference (each segment encoded,
 * `/` kept): spaces, `%`, `#`, `?`, `:` and non-ASCII characters are encoded.
 */
export function encodePathForUri(path: string): string {
  return toWellFormed(path)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Replaces lone UTF-16 surrogates (which encodeURIComponent rejects) with U+FFFD. */
export function toWellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Link target is an http(s) URL (no javascript: and other schemes in rendered links). */
export function isSafeUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A URL made safe as a Markdown link target `[x](target)`: characters that would end or break
 * the link (spaces, parentheses, `<`, `>`, quotes, backticks, control characters, non-ASCII) are
 * percent-encoded; existing escapes are kept.
 */
export function markdownLinkTarget(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%]/gu, (c) =>
    Array.from(Buffer.from(c, 'utf8'))
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}

/** Truncates a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(value: string, maxBytes: number, ellipsis = '…'): string {
  if (value.length <= maxBytes / 3 || Buffer.byteLength(value, 'utf8') <= maxBytes) return value;
  const budget = Math.max(0, maxBytes - Buffer.byteLength(ellipsis, 'utf8'));
  const encoded = Buffer.from(value, 'utf8');
  let end = Math.min(budget, encoded.length);
  // Don't cut a multi-byte character: back off over continuation bytes (10xxxxxx).
  while (end > 0 && end < encoded.length && (encoded[end] & 0xc0) === 0x80) end -= 1;
  return encoded.subarray(0, end).toString('utf8') + ellipsis;
}

// ---------------------------------------------------------------------------------------------
// Ordering and ranges
// ---------------------------------------------------------------------------------------------

/** 0 for error … 3 for hint. */
export function severityRank(severity: Severity): number {
  const index = SEVERITIES.indexOf(severity);
  return index < 0 ? SEVERITIES.length : index;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Importance order: severity, then file, line, column, rule id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Location order: file, line, column, then severity, rule id, message. */
export function compareFindingsByLocation(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    severityRank(a.severity) - severityRank(b.severity) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** A copy of the findings, most important first. */
export function sortByImportance(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function nonNegativeInt(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * A 1-based range for GitHub annotations (workflow commands and check runs). Columns are only
 * present when the range starts and ends on the same line (GitHub ignores or rejects columns
 * on multi-line annotations); `endColumn` is inclusive and never before `startColumn`.
 */
export interface AnnotationRange {
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

export function toAnnotationRange(range: Finding['range']): AnnotationRange {
  const startLine = nonNegativeInt(range.start.line) + 1;
  const endLine = Math.max(startLine, nonNegativeInt(range.end.line) + 1);
  if (endLine !== startLine) return { startLine, endLine };
  const startColumn = nonNegativeInt(range.start.character) + 1;
  // Spectral's end character is exclusive (0-based), i.e. the 1-based inclusive last column.
  const endColumn = Math.max(startColumn, nonNegativeInt(range.end.character));
  return { startLine, endLine, startColumn, endColumn };
}

/**
 * A 1-based SARIF region: `endColumn` is exclusive (the column after the last character), so on
 * a single line it is always greater than `startColumn`.
 */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function toSarifRegion(range: Finding['range']): SarifRegion {
  const startLine = nonNegativeInt(range.start.line) + 1;
  const startColumn = nonNegativeInt(range.start.character) + 1;
  let endLine = nonNegativeInt(range.end.line) + 1;
  let endColumn = nonNegativeInt(range.end.character) + 1;
  if (endLine < startLine) {
    endLine = startLine;
    endColumn = startColumn + 1;
  } else if (endLine === startLine && endColumn <= startColumn) {
    endColumn = startColumn + 1;
  }
  return { startLine, startColumn, endLine, endColumn };
}

/** A finding's JSON path as `$["paths"]["/users"]["get"]` (unambiguous whatever the keys hold). */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return `$${path.map((segment) => `[${JSON.stringify(segment)}]`).join('')}`;
}

/** Counts of findings per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const f of findings) if (f.severity in counts) counts[f.severity] += 1;
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
