/**
 * Git plumbing for the report modes: the base commit (from the event or `base-ref`, fetched
 * with `git fetch --no-tags --depth=1 origin <sha>` when the checkout lacks it), what the
 * pull request changed (`git diff --unified=0` from the merge base to the working tree, so
 * what is linted and what is diffed are the same files), and a worktree of the base.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export function git(args: string[], cwd: string, options: { maxBuffer?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(`git ${args.join(' ')} failed: ${(stderr || error.message).trim()}`, stderr));
        else resolve(stdout);
      },
    );
  });
}

async function tryGit(args: string[], cwd: string): Promise<string | null> {
  try {
    return await git(args, cwd);
  } catch {
    return null;
  }
}

export async function gitRoot(cwd: string): Promise<string | null> {
  const out = await tryGit(['rev-parse', '--show-toplevel'], cwd);
  return out === null ? null : path.resolve(out.trim());
}

export interface EventInfo {
  name: string;
  payload: Record<string, any>;
  isPullRequest: boolean;
  /** Base commit from the event (pull request base, merge group base, push before). */
  baseSha?: string;
  /** Commit the findings belong to (pull request head, else GITHUB_SHA). */
  headSha?: string;
  /** The pull request comes from a fork (its token is read-only). */
  fromFork: boolean;
}

const ZERO_SHA = /^0+$/;

export function readEvent(env: NodeJS.ProcessEnv = process.env): EventInfo {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: Record<string, any> = {};
  if (env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      payload = {};
    }
  }
  const pr = payload.pull_request;
  const isPullRequest = Boolean(pr) && /^pull_request/.test(name);
  let baseSha: string | undefined;
  let headSha: string | undefined = env.GITHUB_SHA;
  if (isPullRequest) {
    baseSha = pr.base?.sha;
    headSha = pr.head?.sha ?? headSha;
  } else if (name === 'merge_group') {
    baseSha = payload.merge_group?.base_sha;
    headSha = payload.merge_group?.head_sha ?? headSha;
  } else if (name === 'push' && typeof payload.before === 'string' && !ZERO_SHA.test(payload.before)) {
    baseSha = payload.before;
  }
  const fromFork = isPullRequest && Boolean(pr.head?.repo?.full_name) && pr.head.repo.full_name !== pr.base?.repo?.full_name;
  return { name, payload, isPullRequest, baseSha, headSha, fromFork };
}

async function hasCommit(root: string, rev: string): Promise<string | null> {
  const out = await tryGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root);
  return out === null ? null : out.trim();
}

/**
 * The base commit's sha, fetching it (shallow) when the checkout does not have it.
 * `ref` is a sha, a branch or tag name, or any revision git understands.
 */
export async function ensureBaseCommit(root: string, ref: string, log: (m: string) => void): Promise<string> {
  const local = (await hasCommit(root, ref)) ?? (/^[\w./-]+$/.test(ref) && !/^[0-9a-f]{40}$/i.test(ref) ? await hasCommit(root, `origin/${ref}`) : null);
  if (local) return local;
  log(`The base commit ${ref} is not in the checkout; fetching it: git fetch --no-tags --depth=1 origin ${ref}`);
  try {
    await git(['fetch', '--no-tags', '--depth=1', 'origin', ref], root);
  } catch (error) {
    throw new GitError(
      `cannot get the base revision ${ref}: ${(error as Error).message}. Use actions/checkout with fetch-depth: 0, or set base-ref to a revision the checkout has, or use report: all.`,
    );
  }
  const fetched = (await hasCommit(root, ref)) ?? (await hasCommit(root, 'FETCH_HEAD'));
  if (!fetched) throw new GitError(`cannot get the base revision ${ref}: it is not in the repository after fetching it.`);
  return fetched;
}

export interface ChangeSet {
  /** The commit the diff starts from (merge base of base and HEAD, else base). */
  from: string;
  /** Changed or added files, git-root-relative POSIX paths (new names of renamed files). */
  changed: Set<string>;
  /** Lines (1-based) added or changed in each file; 'all' for new untracked files. */
  lines: Map<string, Set<number> | 'all'>;
  /** New path -> old path of renamed files. */
  renames: Map<string, string>;
}

/** Unquotes a path as git prints it with core.quotePath (C-style, octal UTF-8 bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else {
      const map: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '\\': 92, '"': 34 };
      bytes.push(map[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git diff --unified=0` output into added/changed line numbers per new path. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/\t$/, '');
      if (target === '/dev/null') {
        current = null;
        continue;
      }
      const unquoted = unquoteGitPath(target);
      const file = unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
      current = lines.get(file) ?? new Set<number>();
      lines.set(file, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let l = start; l < start + count; l++) current.add(l);
    }
  }
  return lines;
}

/** Parses `git diff --name-status -z -M` output. */
export function parseNameStatus(out: string): { changed: Set<string>; renames: Map<string, string> } {
  const parts = out.split('\0');
  const changed = new Set<string>();
  const renames = new Map<string, string>();
  for (let i = 0; i < parts.length; ) {
    const status = parts[i];
    if (!status) {
      i++;
      continue;
    }
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i + 1];
      const to = parts[i + 2];
      changed.add(to);
      if (status.startsWith('R')) renames.set(to, from);
      i += 3;
    } else {
      if (!status.startsWith('D')) changed.add(parts[i + 1]);
      i += 2;
    }
  }
  return { changed, renames };
}

/** What changed from the base (via the merge base) to the working tree. */
export async function changesSince(root: string, base: string): Promise<ChangeSet> {
  const mergeBase = (await tryGit(['merge-base', base, 'HEAD'], root))?.trim();
  const from = mergeBase || base;
  // Patience diff: YAML/JSON documents repeat the same lines (responses, description: ok), and
  // Myers' diff often matches a new block's body to an old one, leaving only its first line "added".
  const common = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--diff-algorithm=patience', '-M', from];
  const [nameStatus, diff, untracked] = await Promise.all([
    git([...common.slice(0, 4), '--name-status', '-z', ...common.slice(4)], root),
    git([...common.slice(0, 4), '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', ...common.slice(4)], root),
    git(['ls-files', '--others', '--exclude-standard', '-z'], root),
  ]);
  const { changed, renames } = parseNameStatus(nameStatus);
  const lines: Map<string, Set<number> | 'all'> = parseUnifiedDiff(diff);
  for (const file of untracked.split('\0').filter(Boolean)) {
    changed.add(file);
    lines.set(file, 'all');
  }
  return { from, changed, lines, renames };
}

export interface Worktree {
  dir: string;
  remove(): Promise<void>;
}

/** A detached worktree of `sha` in a temporary directory (removed by remove()). */
export async function addWorktree(root: string, sha: string, tempRoot?: string): Promise<Worktree> {
  const parent = mkdtempSync(path.join(tempRoot && existsSync(tempRoot) ? tempRoot : tmpdir(), 'sir-base-'));
  const dir = path.join(parent, 'base');
  await git(['-c', 'advice.detachedHead=false', 'worktree', 'add', '--detach', '--force', '--quiet', dir, sha], root);
  return {
    dir,
    async remove() {
      await tryGit(['worktree', 'remove', '--force', dir], root);
      rmSync(parent, { recursive: true, force: true });
      await tryGit(['worktree', 'prune'], root);
    },
  };
}
