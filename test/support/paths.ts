import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** ../shared/corpus beside the repository; a clear failure when it is missing. */
export function corpusDir(kind?: 'openapi' | 'asyncapi'): string {
  const dir = resolve(REPO_ROOT, '..', 'shared', 'corpus');
  if (!existsSync(dir)) {
    throw new Error(
      `The real-world corpus is missing: expected ${dir} (the shared corpus beside this repository). ` +
        'Clone the project so that ../shared/corpus exists, or copy the corpus there.',
    );
  }
  return kind ? join(dir, kind) : dir;
}
