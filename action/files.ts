/**
 * Which documents to lint: the `files` globs, or every *.yaml/*.yml/*.json whose top level
 * has `openapi`, `swagger` or `asyncapi` (node_modules and .git skipped); then the shard.
 */
import fg from 'fast-glob';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Shard } from './inputs';

const IGNORE = ['**/node_modules/**', '**/.git/**'];
const API_KEYS = new Set(['openapi', 'swagger', 'asyncapi']);

/** Top-level `openapi:`/`swagger:`/`asyncapi:` key in YAML or JSON text. */
export function hasApiTopLevelKey(text: string): boolean {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstChar = /\S/.exec(content)?.[0];
  if (firstChar === '{') return jsonTopLevelKeys(content).some((k) => API_KEYS.has(k));
  return /^(["']?)(openapi|swagger|asyncapi)\1[ \t]*:/m.test(content);
}

/** Keys of the top-level JSON object, found by a small scanner (no full parse). */
function jsonTopLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < n && text[j] !== '"') {
        if (text[j] === '\\') {
          value += text[j + 1] ?? '';
          j += 2;
        } else {
          value += text[j];
          j += 1;
        }
      }
      i = j + 1;
      if (depth === 1) {
        let k = i;
        while (k < n && /\s/.test(text[k])) k++;
        if (text[k] === ':') {
          keys.push(value);
          if (API_KEYS.has(value)) return keys;
        }
      }
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) break;
    }
    i++;
  }
  return keys;
}

export async function isApiDocument(file: string): Promise<boolean> {
  try {
    return hasApiTopLevelKey(await fsp.readFile(file, 'utf8'));
  } catch {
    return false;
  }
}

export interface Discovery {
  /** Absolute paths, sorted. */
  files: string[];
  /** Patterns (or the default search) that matched nothing. */
  unmatched: string[];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/** Files to lint under `cwd` (the working directory). */
export async function discoverFiles(cwd: string, patterns: string[]): Promise<Discovery> {
  const options = { cwd, absolute: true, dot: true, onlyFiles: true, ignore: IGNORE, followSymbolicLinks: true, unique: true };
  if (patterns.length === 0) {
    const candidates = (await fg(['**/*.yaml', '**/*.yml', '**/*.json'], options)).map(path.normalize);
    const flags = await mapLimit(candidates, 16, isApiDocument);
    const files = candidates.filter((_, i) => flags[i]).sort();
    return { files, unmatched: files.length === 0 ? ['(OpenAPI/AsyncAPI documents)'] : [] };
  }
  const positives = patterns.filter((p) => !p.startsWith('!'));
  const negatives = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of positives) {
    const matches = await fg(pattern.replace(/\\/g, '/'), { ...options, ignore: [...IGNORE, ...negatives] });
    if (matches.length === 0) unmatched.push(pattern);
    for (const m of matches) found.add(path.normalize(m));
  }
  return { files: [...found].sort(), unmatched };
}

/** Shard (1-based k of n) a repository-relative POSIX path belongs to: stable, by path only. */
export function shardOf(relativePath: string, total: number): number {
  const h = createHash('sha256').update(relativePath).digest();
  return (h.readUInt32BE(0) % total) + 1;
}

export function inShard(relativePath: string, shard: Shard | null): boolean {
  return shard === null || shardOf(relativePath, shard.total) === shard.index;
}
