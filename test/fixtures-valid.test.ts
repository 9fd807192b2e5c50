/**
 * Every fixture document is valid for the real tools (Spectral's oas schema rules,
 * @asyncapi/parser), except files whose name says they are malformed on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validationErrors } from './helpers/validate';

const FIXTURES = join(__dirname, '..', 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = walk(FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f) && !/malformed/i.test(relative(FIXTURES, f)));

describe('fixtures are valid OpenAPI / AsyncAPI documents', () => {
  it('found fixtures', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(relative(FIXTURES, file), async () => {
      const text = readFileSync(file, 'utf8');
      if (!/^\s*["']?(openapi|swagger|asyncapi)["']?\s*:/m.test(text) && !/"(openapi|swagger|asyncapi)"\s*:/.test(text)) return; // not an API document (e.g. a ruleset)
      expect(await validationErrors(text)).toEqual([]);
    });
  }
});
