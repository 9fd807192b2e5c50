/** Markdown helpers: table-cell escaping, code spans, source references. */
import type { Declared, SourceLocation, Sourced } from './types';

export const NOT_DECLARED = '*not declared*';

/** Text for a table cell or a line: one line, `|` and HTML escaped. */
export function text(value: unknown): string {
  return String(value)
    .replace(/\r?\n+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([*_[\]])/g, '\\$1')
    .trim();
}

/** A code span that survives backticks and pipes inside a table. */
export function code(value: unknown): string {
  const s = String(value).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|');
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${s}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/** `file:line` (or `file#pointer`) as a code span. */
export function at(source: SourceLocation): string {
  return code(source.line !== undefined ? `${source.file}:${source.line}` : `${source.file}#${source.pointer}`);
}

/** `file#pointer` (line N). */
export function fullAt(source: SourceLocation): string {
  return `${code(`${source.file}#${source.pointer || '/'}`)}${source.line !== undefined ? ` (line ${source.line})` : ''}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Distinct values, in order. */
export function values<T>(items: Sourced<T>[], show: (v: T) => string = String): string[] {
  return [...new Set(items.map((i) => show(i.value)))];
}

/** A declared extension object as `key value, key value` (only what is declared). */
export function declared(value: Declared | false | null | undefined, skip: string[] = []): string {
  if (value === false) return 'false (exempt)';
  if (!value) return NOT_DECLARED;
  const parts = Object.entries(value)
    .filter(([k, v]) => !skip.includes(k) && v !== undefined)
    .map(([k, v]) => `${text(k)} ${typeof v === 'object' && v !== null ? code(JSON.stringify(v)) : code(v)}`);
  return parts.length ? parts.join(', ') : '(empty)';
}

export function anchor(prefix: string, name: string): string {
  return `${prefix}-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
