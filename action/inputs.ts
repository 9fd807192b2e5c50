/**
 * The action's inputs, read the way the runner passes them (INPUT_<NAME> with the name
 * upper-cased, dashes kept), validated with messages that name the input and its values.
 * DEFAULTS mirrors action.yml (a test checks they agree), so the action also behaves the
 * same when run outside the runner, where no defaults are filled in.
 */
import * as core from '@actions/core';
import type { AnnotationsMode, FailSeverity, ReportMode } from './types';
import type { PresetName } from './ruleset';
import type { Limits } from './limits';
import { DEFAULT_MAX_MEMORY_MB } from './worker-protocol';

export const DEFAULTS = {
  files: '',
  ruleset: '',
  preset: 'default',
  'fail-severity': 'error',
  report: '',
  'base-ref': '',
  annotations: 'auto',
  summary: 'true',
  'sarif-file': '',
  'github-token': '${{ github.token }}',
  'allow-remote-refs': 'false',
  'working-directory': '.',
  shard: '',
  catalog: 'false',
  'document-timeout': '60',
  'max-document-size': '30MB',
  'max-memory': String(DEFAULT_MAX_MEMORY_MB),
} as const;

export type InputName = keyof typeof DEFAULTS;

export interface Shard {
  /** 1-based index. */
  index: number;
  total: number;
}

export interface Inputs {
  /** Glob patterns (one per line; `!pattern` excludes); empty = discover API documents. */
  files: string[];
  /** Ruleset path as given (relative to working-directory), or empty. */
  ruleset: string;
  preset: PresetName;
  failSeverity: FailSeverity;
  /** Empty = the event's default (new on pull requests, all otherwise). */
  report: ReportMode | '';
  baseRef: string;
  annotations: AnnotationsMode;
  summary: boolean;
  /** Empty = RUNNER_TEMP/<category>.sarif; `none` = no SARIF file. */
  sarifFile: string;
  githubToken: string;
  allowRemoteRefs: boolean;
  workingDirectory: string;
  shard: Shard | null;
  /** Append the event catalog of the linted documents to the job summary. */
  catalog: boolean;
  /** document-timeout, max-document-size, max-memory. */
  limits: Limits;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function raw(name: InputName): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  if (value === undefined) {
    const d = DEFAULTS[name];
    return d.startsWith('${{') ? '' : d;
  }
  return value.trim();
}

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  const v = value.toLowerCase();
  if (v in aliases) return aliases[v];
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
}

function bool(name: InputName, value: string): boolean {
  const v = value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0', ''].includes(v)) return false;
  throw new InputError(`input "${name}" must be true or false; got "${value}".`);
}

export function parseShard(value: string): Shard | null {
  if (value === '') return null;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  if (!m) throw new InputError(`input "shard" must look like k/n (e.g. 2/4: the second of four shards); got "${value}".`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) {
    throw new InputError(`input "shard": k/n needs 1 <= k <= n; got "${value}". With a job matrix, use shard: \${{ matrix.shard }}/<n> and shard: [1, 2, ..., n].`);
  }
  return { index, total };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A size: a number of bytes, or with a unit (512KB, 30MB, 1GB; units of 1024). 0 = no limit. */
export function parseSize(name: InputName, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new InputError(`input "${name}" must be a size such as 30MB, 512KB, 1GB or a number of bytes (0 for no limit); got "${value}".`);
  }
  return Math.round(Number(m[1]) * unit);
}

/** document-timeout: seconds (or 90s, 2m); 0 = no limit. Returns milliseconds. */
export function parseTimeout(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|seconds?|m|min|minutes?)?$/i.exec(value.trim());
  if (!m) throw new InputError(`input "document-timeout" must be a number of seconds (e.g. 60, 90s or 2m; 0 for no limit); got "${value}".`);
  const seconds = Number(m[1]) * (m[2] && /^m/i.test(m[2]) ? 60 : 1);
  return Math.round(seconds * 1000);
}

/** max-memory: MB of JavaScript heap per lint worker (1024, 2GB); 0 = Node's default. */
export function parseMemory(value: string): number {
  const bytes = parseSize('max-memory', /^\d+(?:\.\d+)?$/.test(value.trim()) ? `${value.trim()}MB` : value);
  const mb = Math.round(bytes / 1024 / 1024);
  if (mb !== 0 && mb < 128) throw new InputError(`input "max-memory" must be at least 128 (MB of heap per lint worker), or 0 for Node's default; got "${value}".`);
  return mb;
}

export function readInputs(): Inputs {
  const files = raw('files')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const report = raw('report');
  const token = raw('github-token');
  return {
    files,
    ruleset: raw('ruleset'),
    preset: oneOf('preset', raw('preset') || 'default', ['default', 'standards'] as const),
    failSeverity: oneOf('fail-severity', raw('fail-severity') || 'error', ['error', 'warn', 'info', 'hint', 'never'] as const, {
      warning: 'warn',
      information: 'info',
      none: 'never',
      off: 'never',
    }),
    report: report === '' ? '' : oneOf('report', report, ['all', 'changed-files', 'changed-lines', 'new'] as const),
    baseRef: raw('base-ref'),
    annotations: oneOf('annotations', raw('annotations') || 'auto', ['auto', 'checks', 'commands', 'none'] as const),
    summary: bool('summary', raw('summary') || 'true'),
    catalog: bool('catalog', raw('catalog') || 'false'),
    sarifFile: raw('sarif-file'),
    githubToken: token || process.env.GITHUB_TOKEN || '',
    allowRemoteRefs: bool('allow-remote-refs', raw('allow-remote-refs')),
    workingDirectory: raw('working-directory') || '.',
    shard: parseShard(raw('shard')),
    limits: {
      timeoutMs: parseTimeout(raw('document-timeout') || DEFAULTS['document-timeout']),
      maxBytes: parseSize('max-document-size', raw('max-document-size') || DEFAULTS['max-document-size']),
      maxMemoryMb: parseMemory(raw('max-memory') || DEFAULTS['max-memory']),
    },
  };
}

/** Masks the token in logs (the runner does it too, but not outside it). */
export function maskSecrets(inputs: Inputs): void {
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
}
