/**
 * Annotations as workflow commands (`::error file=…,line=…::message`).
 *
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, so the most
 * important findings are emitted first and one final `::notice` says how many more there are
 * and where to see them — nothing is silently lost. Every value is escaped the way
 * @actions/core's issueCommand does, so no finding text (message, file name, rule id) can end
 * the command early or start another one.
 */
import type { Finding, ReportInput } from '../types';
import {
  escapeCommandData,
  escapeCommandProperty,
  plural,
  sortByImportance,
  toAnnotationRange,
  truncateUtf8,
} from './escape';

export type CommandLevel = 'error' | 'warning' | 'notice';

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL_PER_STEP = 10;
/** Upper bound of one annotation message (GitHub truncates longer ones anyway). */
const MAX_MESSAGE_BYTES = 4096;

export interface AnnotationCommandOptions {
  /** Annotations shown per level per step (default 10, GitHub's limit). */
  perLevelLimit?: number;
  /** Where all findings can be seen, for the final notice (default: job summary, check run, SARIF). */
  seeAlso?: string;
}

export interface AnnotationProperties {
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export function commandLevel(severity: Finding['severity']): CommandLevel {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'notice';
}

/** One workflow command line (without the trailing newline), fully escaped. */
export function formatCommand(level: CommandLevel, properties: AnnotationProperties, message: string): string {
  const props: string[] = [];
  for (const key of ['file', 'line', 'endLine', 'col', 'endColumn', 'title'] as const) {
    const value = properties[key];
    if (value === undefined || value === '') continue;
    props.push(`${key}=${escapeCommandProperty(String(value))}`);
  }
  const data = escapeCommandData(truncateUtf8(message, MAX_MESSAGE_BYTES));
  return props.length > 0 ? `::${level} ${props.join(',')}::${data}` : `::${level}::${data}`;
}

interface Item {
  level: CommandLevel;
  properties: AnnotationProperties;
  message: string;
}

function findingItem(finding: Finding): Item {
  const range = toAnnotationRange(finding.range);
  return {
    level: commandLevel(finding.severity),
    properties: {
      file: finding.file,
      line: range.startLine,
      endLine: range.endLine,
      col: range.startColumn,
      endColumn: range.endColumn,
      title: finding.ruleId,
    },
    message: finding.message || finding.ruleId,
  };
}

/**
 * Writes one workflow command per annotation through `write` (one line, no trailing newline),
 * most important first (load failures, then findings by severity, file, line), at most
 * `perLevelLimit` per level; when anything is left out, one final `::notice` says how many and
 * where to see them. Returns the number of finding/failure annotations written (the final
 * notice not counted) and the number left out.
 */
export function emitAnnotationCommands(
  input: ReportInput,
  write: (line: string) => void,
  options: AnnotationCommandOptions = {},
): { emitted: number; omitted: number } {
  const limit = Math.max(1, Math.floor(options.perLevelLimit ?? ANNOTATIONS_PER_LEVEL_PER_STEP));
  const items: Item[] = [
    ...input.failures.map(
      (failure): Item => ({
        level: 'error',
        properties: { file: failure.file, title: 'Could not lint this file' },
        message: failure.message,
      }),
    ),
    ...sortByImportance(input.findings).map(findingItem),
  ];

  const taken: Record<CommandLevel, number> = { error: 0, warning: 0, notice: 0 };
  const selected: Item[] = [];
  const omittedByLevel: Record<CommandLevel, number> = { error: 0, warning: 0, notice: 0 };
  for (const item of items) {
    if (taken[item.level] < limit) {
      taken[item.level] += 1;
      selected.push(item);
    } else {
      omittedByLevel[item.level] += 1;
    }
  }
  let omitted = items.length - selected.length;
  // The final notice must itself be shown: keep a notice slot free for it.
  if (omitted > 0 && taken.notice >= limit) {
    for (let i = selected.length - 1; i >= 0; i -= 1) {
      if (selected[i].level === 'notice') {
        selected.splice(i, 1);
        omittedByLevel.notice += 1;
        omitted += 1;
        break;
      }
    }
  }

  for (const item of selected) write(formatCommand(item.level, item.properties, item.message));

  if (omitted > 0) {
    const parts: string[] = [];
    if (omittedByLevel.error) parts.push(plural(omittedByLevel.error, 'error'));
    if (omittedByLevel.warning) parts.push(plural(omittedByLevel.warning, 'warning'));
    if (omittedByLevel.notice) parts.push(plural(omittedByLevel.notice, 'notice'));
    const total = items.length;
    const seeAlso =
      options.seeAlso ?? 'the job summary, the check run and the SARIF upload (code scanning alerts)';
    write(
      formatCommand(
        'notice',
        { title: `${omitted} more ${omitted === 1 ? 'finding' : 'findings'} not annotated` },
        `${plural(omitted, 'more finding')} not shown as annotations (${parts.join(', ')}): ` +
          `GitHub shows at most ${limit} error, ${limit} warning and ${limit} notice annotations per step. ` +
          `All ${total} are listed in ${seeAlso}.`,
      ),
    );
  }
  return { emitted: selected.length, omitted };
}

/** A `write` for emitAnnotationCommands that prints to the runner's stdout. */
export function stdoutWrite(line: string): void {
  process.stdout.write(`${line}\n`);
}
