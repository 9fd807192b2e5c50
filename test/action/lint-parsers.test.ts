/**
 * DocumentLinter (action/lint.ts) parses JSON documents with FastJson and YAML ones with
 * FastYaml, each falling back to Parsers.Yaml when it cannot guarantee the same result. Both
 * are proven identical to Parsers.Yaml on their own (fast-json.test.ts, fast-yaml.test.ts);
 * this checks the wiring: the action's linter gives exactly the results of Spectral with
 * Parsers.Yaml (and the same resolver), for documents that take each fast path and for
 * documents that fall back (anchors and aliases, JSON that FastJson hands on).
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fastJsonFallbackReason } from '../../action/fast-json';
import { createFastResolver } from '../../action/fast-resolver';
import { fastYamlFallbackReason } from '../../action/fast-yaml';
import { DEFAULT_LIMITS } from '../../action/limits';
import { DocumentLinter } from '../../action/lint';
import { createIntegrationRuleset } from '../../rulesets/create';
import { corpusDir } from '../support/paths';

const spec = { kind: 'preset', preset: 'default' } as const;
const ruleset = new Ruleset(createIntegrationRuleset() as never);

type Line = string;

function line(r: { code: string | number; path: readonly (string | number)[]; message: string; severity: number; range: any; source?: string | null }): Line {
  const { start, end } = r.range;
  return `${r.code}|${r.source ?? ''}|${JSON.stringify(r.path)}|${r.severity}|${start.line}:${start.character}-${end.line}:${end.character}|${r.message}`;
}

/** What Spectral gives with Parsers.Yaml and the action's resolver configuration. */
async function reference(file: string, root: string): Promise<Line[]> {
  const resolver = createFastResolver({ root, allowRemote: false, maxBytes: DEFAULT_LIMITS.maxBytes });
  const spectral = new Spectral({ resolver: resolver as never });
  spectral.setRuleset(ruleset);
  const document = new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file);
  const results = await resolver.withContext({ root, deps: new Set<string>() }, () => spectral.run(document, { ignoreUnknownFormat: false }));
  return results.map(line);
}

async function viaLinter(file: string, root: string): Promise<Line[]> {
  const linter = new DocumentLinter({ spec, allowRemote: false, root }, ruleset);
  const response = await linter.lint({ file, root });
  expect(response.error).toBeUndefined();
  return response.results.map(line);
}

const scratch = mkdtempSync(join(tmpdir(), 'sir-lint-parsers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('DocumentLinter: the fast parsers change nothing in the results', () => {
  const corpus = corpusDir();
  const cases: [string, string, 'yaml' | 'json' | 'fallback'][] = [
    ['a YAML document (FastYaml)', join(corpus, 'openapi', 'deepgram.yaml'), 'yaml'],
    ['a YAML document with explicit keys (FastYaml)', join(corpus, 'openapi', 'netlify-swagger2.yaml'), 'yaml'],
    ['a JSON document (FastJson)', join(corpus, 'openapi', 'adyen-binlookup-v54.json'), 'json'],
  ];

  // Anchors and aliases: FastYaml hands the text to Parsers.Yaml (and the alias-bomb check runs).
  const anchors = join(scratch, 'anchors.yaml');
  writeFileSync(
    anchors,
    [
      'openapi: 3.0.3',
      'info: {title: Anchors, version: "1.0"}',
      'paths:',
      '  /orders:',
      '    post:',
      '      responses:',
      '        "200": &ok',
      '          description: OK',
      '    put:',
      '      responses:',
      '        "200": *ok',
      '',
    ].join('\n'),
  );
  cases.push(['a YAML document with anchors (Parsers.Yaml)', anchors, 'fallback']);
  // JSON with a duplicate key: FastJson hands it on; FastYaml too (Parsers.Yaml reports it).
  const duplicate = join(scratch, 'duplicate.json');
  writeFileSync(duplicate, '{"openapi": "3.0.3", "info": {"title": "D", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "x"}}}}}, "paths": {}}\n');
  cases.push(['a JSON document with a duplicate key (Parsers.Yaml)', duplicate, 'fallback']);

  it.each(cases)('%s', async (_name, file, path) => {
    const content = readFileSync(file, 'utf8');
    const json = fastJsonFallbackReason(content);
    const yaml = fastYamlFallbackReason(content);
    if (path === 'json') expect(json).toBeUndefined();
    if (path === 'yaml') expect([json, yaml]).toEqual(['not JSON', undefined]);
    if (path === 'fallback') {
      expect(json).toBeDefined();
      expect(yaml).toBeDefined();
    }
    const root = join(file, '..');
    const expected = await reference(file, root);
    expect(expected.length).toBeGreaterThan(0);
    expect(await viaLinter(file, root)).toEqual(expected);
  }, 60_000);
});
