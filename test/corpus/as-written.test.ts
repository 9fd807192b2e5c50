/**
 * What the shipped rules do for speed must change no result. rulesets/compose.ts splits each
 * wildcard `given` into a fixed prefix for Spectral and a walk of its own, calls each rule
 * function directly once its options are validated, and drops the results Spectral would
 * merge anyway (the same message at the same place, reached through a shared `$ref`). Here
 * the shipped default preset and the same rules as written (Spectral walks every given, each
 * result goes through Spectral) lint corpus documents through the real Spectral and its
 * default resolver (offline): the results must be identical, to the character and the range.
 * The documents: the ones with the most merged results (GitHub's: 580 of 2,896), OpenAPI 3.1
 * webhooks and callbacks, Swagger 2.0, a multi-file one whose sibling files are missing,
 * AsyncAPI 2 and 3, and a fixture with $refs across files and cycles.
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeRuleset } from '../../rulesets/compose';
import { ALL_RULES } from '../../rulesets/create';
import defaultPreset from '../../rulesets/index';
import { corpusDir, REPO_ROOT } from '../support/paths';

type Result = { code: string | number; path: (string | number)[]; message: string; severity: number; range: any; source?: string | null };

function normalize(results: Result[]): string[] {
  return results
    .map(
      (r) =>
        `${r.code}|${r.source ?? ''}|${JSON.stringify(r.path)}|${r.severity}|` +
        `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}|${r.message}`,
    )
    .sort();
}

/** Spectral's default resolver, its http(s) reader refusing offline (a few documents have remote $refs). */
function offlineResolver() {
  const resolver = createHttpAndFileResolver();
  const reject = { resolve: (ref: { href(): string }) => Promise.reject(new Error(`offline: ${ref.href()}`)) };
  Object.assign((resolver as unknown as { resolvers: Record<string, unknown> }).resolvers, { http: reject, https: reject });
  return resolver;
}

async function lint(definition: unknown, file: string): Promise<string[]> {
  const spectral = new Spectral({ resolver: offlineResolver() });
  spectral.setRuleset(new Ruleset(definition as never, { severity: 'recommended' }));
  const document = new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file);
  return normalize((await spectral.run(document)) as Result[]);
}

const asWritten = composeRuleset(ALL_RULES, undefined, {}, true);

describe('the shipped rules give exactly the results of the same rules as written', () => {
  it('the reference really is the rules as written (wildcard givens, no walk of ours)', () => {
    const shipped = defaultPreset.rules['rate-limit-headers'].given;
    const written = asWritten.rules['rate-limit-headers'].given;
    expect(shipped).toEqual(['$.paths']);
    expect(String(written)).toContain('[*]');
    expect(Object.keys(asWritten.rules).sort()).toEqual(Object.keys(defaultPreset.rules).sort());
  });

  const docs = [
    'openapi/github-rest-2020.json',
    'openapi/oai-3.1-webhook-example.yaml',
    'openapi/oai-callback-example.yaml',
    'openapi/redocly-museum.yaml',
    'openapi/adyen-transfer-webhooks-v4.json',
    'openapi/slack-web-api-swagger2.json',
    'asyncapi/ruter-adt-MULTIFILE.yaml',
    'asyncapi/spec-2.6-streetlights-kafka.yaml',
    'asyncapi/spec-3.0-adeo-kafka-request-reply.yaml',
  ];
  it.each(docs)('%s', async (doc) => {
    const file = join(corpusDir(), doc);
    const expected = await lint(asWritten, file);
    const shipped = await lint(defaultPreset, file);
    expect(shipped).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  }, 120_000);

  it('a fixture with $refs across files, cycles and a missing file', async () => {
    const file = join(REPO_ROOT, 'fixtures', 'action', 'multifile-malformed-refs', 'openapi.yaml');
    const expected = await lint(asWritten, file);
    expect(await lint(defaultPreset, file)).toEqual(expected);
    expect(expected.some((r) => r.includes('does-not-exist.yaml'))).toBe(true);
  });
});
