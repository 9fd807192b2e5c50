/**
 * FastYaml (action/fast-yaml.ts) must be Parsers.Yaml, only faster. For every YAML document of
 * the corpus and of the repository's fixtures, for hand-written edge cases, for generated
 * documents and for thousands of mutated texts, FastYaml and Parsers.Yaml are compared on:
 *  - the data: same values and types, same own keys in the same order (Reflect.ownKeys with
 *    the order symbol, Object.keys, for-in) at every level, same descriptors, same
 *    prototypes, proxies where Parsers.Yaml has proxies, the same order arrays;
 *  - diagnostics (a text Parsers.Yaml reports anything for never takes the fast path),
 *    metadata, comments, lineMap and the result's fields;
 *  - getLocationForJsonPath on every path (closest false and true) and on paths that do not
 *    exist (an extra segment, an unknown key, numbers for keys and strings for indexes, indexes
 *    out of range);
 *  - a real lint (corpus and fixtures): Spectral with this repository's ruleset (and, below
 *    1 MB, spectral:oas or spectral:asyncapi too), once with Parsers.Yaml and once with
 *    FastYaml: identical results.
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import fg from 'fast-glob';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FastJson, parseFastJson } from '../../action/fast-json';
import { createFastResolver } from '../../action/fast-resolver';
import { FastYaml, fastYamlFallbackReason, isFastYamlResult, MAX_DEPTH, parseFastYaml, parserWithResult } from '../../action/fast-yaml';
import { DEFAULT_LIMITS } from '../../action/limits';
import { createIntegrationRuleset } from '../../rulesets/create';
import { corpusDir, REPO_ROOT } from '../support/paths';
import { allPaths, dataDiffs, locationDiffsFor, pathsToLocate, random, type Segment } from './helpers/parser-compare';

type AnyResult = any;

// -----------------------------------------------------------------------------------------
// Comparing parser results (as test/action/fast-json.test.ts does)
// -----------------------------------------------------------------------------------------

/** Locations that differ (at most `max`), as "path: yaml vs fast" (FastYaml asked with closest false and true). */
const locationDiffs = (yaml: AnyResult, fast: AnyResult, paths: Segment[][], max = 10): string[] =>
  locationDiffsFor(FastYaml, yaml, fast, paths, [false, true], max);

interface CheckOptions {
  /** Whether FastYaml must take its fast path (true) or hand the text to Parsers.Yaml (false). */
  fast?: boolean;
  /** Most paths to locate (default: all of them). */
  maxPaths?: number;
}

/**
 * FastYaml vs Parsers.Yaml on one text: data, the other fields, locations; a text with
 * diagnostics never takes the fast path; a fallback always has a reason.
 */
function check(text: string, options: CheckOptions = {}): { yaml: AnyResult; fast: AnyResult } {
  let yaml: AnyResult;
  try {
    yaml = Parsers.Yaml.parse(text);
  } catch (error) {
    expect(() => FastYaml.parse(text)).toThrow(error as Error);
    expect(fastYamlFallbackReason(text)).toBeDefined();
    return { yaml: undefined, fast: undefined };
  }
  const fast = FastYaml.parse(text) as AnyResult;
  const isFast = isFastYamlResult(fast);
  const reason = fastYamlFallbackReason(text);
  expect(reason === undefined, `fallback reason ${reason}`).toBe(isFast);
  if (options.fast !== undefined) expect(isFast, `fast path (fallback reason: ${reason})`).toBe(options.fast);
  if (yaml.diagnostics.length > 0) expect(isFast, `diagnostics ${JSON.stringify(yaml.diagnostics)} on the fast path`).toBe(false);
  expect(dataDiffs(yaml.data, fast.data), 'data').toEqual([]);
  expect(fast.diagnostics, 'diagnostics').toEqual(yaml.diagnostics);
  expect(fast.metadata, 'metadata').toEqual(yaml.metadata);
  expect(fast.comments, 'comments').toEqual(yaml.comments);
  expect(fast.lineMap, 'lineMap').toEqual(yaml.lineMap);
  expect(Object.keys(fast), 'result fields').toEqual(Object.keys(yaml));
  if (isFast) {
    const paths = pathsToLocate(yaml.data, options.maxPaths ?? Infinity, text.length);
    paths.push([], ['x'], [0], ['x', 0, 'y'], ['0'], ['']);
    expect(locationDiffs(yaml, fast, paths), 'locations').toEqual([]);
  }
  return { yaml, fast };
}

// -----------------------------------------------------------------------------------------
// The corpus and the fixtures
// -----------------------------------------------------------------------------------------

const CORPUS = corpusDir();
const DOCUMENTS = ['openapi', 'asyncapi'].flatMap((kind) =>
  readdirSync(join(CORPUS, kind))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(kind, f)),
);
/** Corpus documents that must take the fast path (all of them today). */
const MUST_BE_FAST = ['openapi/stripe-spec3-2023-09.yaml', 'openapi/openai.yaml', 'openapi/twilio-api-v2010.yaml', 'openapi/deepgram.yaml', 'openapi/netlify-swagger2.yaml'];
const FIXTURES = fg.sync(['fixtures/**/*.{yaml,yml}', 'test/**/*.{yaml,yml}'], { cwd: REPO_ROOT, ignore: ['**/node_modules/**'] }).sort();

const OURS = createIntegrationRuleset();
const WITH_SPECTRAL = {
  oas: new Ruleset({ extends: [OURS as never, oas as never] } as never),
  asyncapi: new Ruleset({ extends: [OURS as never, asyncapi as never] } as never),
};

type RawResult = { code: string; message: string; path: Segment[]; severity: number; range: unknown; source?: string };

/** Lints like DocumentLinter.lint (the action's resolver configuration), with the given parser. */
async function lint(root: string, file: string, content: string, parser: typeof FastYaml, rules: unknown = OURS): Promise<RawResult[]> {
  const resolver = createFastResolver({ root, allowRemote: false, maxBytes: DEFAULT_LIMITS.maxBytes });
  const spectral = new Spectral({ resolver: resolver as never });
  spectral.setRuleset(rules as never);
  const document = new Document(content, parser, file);
  const results = await resolver.withContext({ root, deps: new Set<string>() }, () => spectral.run(document, { ignoreUnknownFormat: false }));
  return results.map((r) => ({
    code: String(r.code),
    message: r.message,
    path: [...r.path],
    severity: r.severity,
    range: { start: { ...r.range.start }, end: { ...r.range.end } },
    ...(r.source != null ? { source: r.source } : {}),
  }));
}

describe('FastYaml on the YAML documents of the corpus', () => {
  it('covers them', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(40);
    for (const doc of MUST_BE_FAST) expect(DOCUMENTS).toContain(doc);
  });

  it.each(DOCUMENTS)('%s: same data, diagnostics and locations, same lint results', async (doc) => {
    const file = join(CORPUS, doc);
    const content = readFileSync(file, 'utf8');
    const big = content.length > 1_000_000;
    const { fast } = check(content, { maxPaths: big ? 1500 : 4000 });
    // Every corpus document takes the fast path today (the big ones must).
    expect(isFastYamlResult(fast), `fallback: ${fastYamlFallbackReason(content)}`).toBe(true);
    expect(parseFastYaml(content)).toBeDefined();
    if (big) return; // linted in their own test below
    expect(await lint(CORPUS, file, content, FastYaml)).toEqual(await lint(CORPUS, file, content, Parsers.Yaml));
    const more = doc.startsWith('asyncapi') ? WITH_SPECTRAL.asyncapi : WITH_SPECTRAL.oas;
    expect(await lint(CORPUS, file, content, FastYaml, more)).toEqual(await lint(CORPUS, file, content, Parsers.Yaml, more));
  }, 60_000);

  it.each(MUST_BE_FAST.filter((doc) => readFileSync(join(CORPUS, doc), 'utf8').length > 1_000_000))(
    '%s: the same lint results (our ruleset)',
    async (doc) => {
      const file = join(CORPUS, doc);
      const content = readFileSync(file, 'utf8');
      const viaYaml = await lint(CORPUS, file, content, Parsers.Yaml);
      const viaFast = await lint(CORPUS, file, content, parserWithResult(parseFastYaml(content)!));
      expect(viaFast.length).toBe(viaYaml.length);
      expect(viaFast).toEqual(viaYaml);
    },
    60_000,
  );
});

describe('FastYaml on the YAML fixtures of the repository', () => {
  it('finds them', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(100);
  });

  it('same data, diagnostics and locations, same lint results', async () => {
    let fastCount = 0;
    for (const fixture of FIXTURES) {
      const file = join(REPO_ROOT, fixture);
      const content = readFileSync(file, 'utf8');
      const { fast } = check(content);
      if (isFastYamlResult(fast)) fastCount++;
      else expect(fastYamlFallbackReason(content), fixture).toMatch(/./);
      const root = dirname(file);
      expect(await lint(root, file, content, FastYaml), fixture).toEqual(await lint(root, file, content, Parsers.Yaml));
    }
    // All of them take the fast path today.
    expect(fastCount, relative(REPO_ROOT, 'fixtures')).toBe(FIXTURES.length);
  }, 60_000);
});

// -----------------------------------------------------------------------------------------
// Hand-written cases
// -----------------------------------------------------------------------------------------

/** Checks each text and expects the fast path. */
const fastOnes = (texts: string[]) => texts.map((text) => check(text, { fast: true }));

describe('FastYaml on hand-written documents', () => {
  it('scalars typed as @stoplight/yaml types them', () => {
    const values = [
      'null', 'Null', 'NULL', '~', 'nul', 'NuLL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n',
      '0', '-0', '+0', '12', '-12', '+12', '012', '0x1F', '0xff', '-0x1F', '0o17', '0o8', '0b101', '1_000', '9007199254740993', '-9007199254740993',
      '123456789012345678901234567890', '1.5', '-1.5', '+.5', '.5', '5.', '1e3', '1E-3', '-1.5e+10', '1e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN',
      'nan', 'inf', '1.2.3', '1:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '0.', '-a', '.', '..', '~x', 'tru', 'truex', 'f', 'T',
    ];
    const text = `${values.map((v, i) => `k${i}: ${v}`).join('\n')}\nlist:\n${values.map((v) => `  - ${v}`).join('\n')}\n`;
    const { fast } = check(text, { fast: true });
    const at = (v: string) => fast.data[`k${values.indexOf(v)}`];
    expect([at('~'), at('True'), at('0x1F'), at('0o17'), at('-0'), at('+.5'), at('-.Inf'), at('1_000'), at('yes'), at('9007199254740993')]).toEqual([
      null, true, 31, 15, -0, 0.5, -Infinity, '1_000', 'yes', 9007199254740992,
    ]);
    expect(Number.isNaN(at('.NaN'))).toBe(true);
    // Quoted: always strings.
    const quoted = check(`a: '12'\nb: "true"\nc: 'null'\nd: "~"\ne: ''\nf: ""\n`, { fast: true }).fast.data;
    expect(quoted).toEqual({ a: '12', b: 'true', c: 'null', d: '~', e: '', f: '' });
  });

  it('null values: empty, ~, null; null sequence items (not located, as Parsers.Yaml)', () => {
    const [{ fast }] = fastOnes([
      'a:\nb: ~\nc: null\nd:\n  e:\n  f:\n    - \n    -\n    - x\n    -\ng:\n',
      '- \n-\n- a\n-\n',
      'a:\n  -\n  - b:\n    c:\n',
      'a: \nb:    # comment\nc: 1\n',
    ]);
    expect(fast.data).toEqual({ a: null, b: null, c: null, d: { e: null, f: [null, null, 'x', null] }, g: null });
    expect(FastYaml.getLocationForJsonPath(fast, ['d', 'f', 0])).toBeUndefined();
  });

  it('keys: plain, quoted, with spaces and punctuation, integer-like (quoted) keys keep document order', () => {
    const { fast } = check(
      `b: 1\n'200': ok\n"100": x\n'0': zero\n"a b": 1\na/b~c: 2\n$ref: '#/x'\n'x: y': 3\n"q\\"k": 4\n'it''s': 5\nk-1.5: 6\n"4294967295": 7\nconstructor: 8\nhasOwnProperty: 9\ntoString: 10\n`,
      { fast: true },
    );
    expect(Object.keys(fast.data)).toEqual(['b', '200', '100', '0', 'a b', 'a/b~c', '$ref', 'x: y', 'q"k', "it's", 'k-1.5', '4294967295', 'constructor', 'hasOwnProperty', 'toString']);
    check(`responses:\n  '404':\n    description: x\n  '200':\n    description: y\n  default:\n    description: z\n`, { fast: true });
  });

  it('block mappings and sequences: nested, compact (at the key indentation) and indented, sequences of sequences', () => {
    fastOnes([
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
      'a:\n- 1\n- 2\nb:\n  - x\n  - y\nc: 3\n',
      'a:\n  - b: 1\n    c: 2\n  - d: 3\n- x\n'.replace('- x\n', ''),
      '- - a\n  - b\n- - - c\n    - d\n- e\n',
      '- a: 1\n  b:\n  - x\n  - y\n- c\n',
      'x:\n    deep:\n            deeper: 1\n    back: 2\n',
      '  a: 1\n  b: 2\n',
      '\n\n# leading comment\n\na: 1\n\n\nb: 2\n\n',
      'a: 1',
      'a:\n  b: 1',
      '- x',
      '-\n  a: 1\n-\n  - 2\n',
      'a: 1 # comment\nb: "x" # c\nc: [1] # c\nd: # c\n  e: 1\n# end\n',
    ]);
  });

  it('explicit keys (? key / : value), as the Twilio description uses them', () => {
    fastOnes([
      '? a\n: 1\n? b\n: c: 2\n  d: 3\n',
      'x:\n  ? /very/long/key.json\n  : servers:\n    - url: https://x\n    description: y\n  z: 1\n',
      '? a\n? b\n: 2\n',
      '? a\nb: 1\n',
      '? "q"\n: - 1\n  - 2\n',
    ]);
  });

  it('plain scalars over several lines, with URLs, colons and hashes inside', () => {
    fastOnes([
      'a: one\n  two\n  three\nb: x\n',
      'a: one\n\n  two\n\n\n  three\nb: x\n',
      'a:\n  one\n  two\n',
      '- one\n  two\n- three\n',
      'a: http://x.y/z#frag and a:b c#d\nb: value # comment\n',
      'a: trailing spaces   \nb: x  \n  continued   \n',
      'a: one\n  # not a comment? it ends the scalar\nb: 1\n',
      'description: The OpenAI REST API. Please see\n  https://platform.openai.com/docs for more details.\nversion: 1\n',
      'a: 12\n  34\n',
      'a: -x\nb: ?x\nc: :x\nd: x:y\ne: x-\n',
    ]);
  });

  it('quoted scalars: escapes, doubled quotes, over several lines', () => {
    fastOnes([
      `a: 'it''s'\nb: "tab\\there \\"q\\" \\\\ \\/ \\u00e9 \\x41 \\U0001F600 \\0 \\a \\b \\e \\f \\n \\r \\v \\N \\_ \\L \\P \\ "\n`,
      `a: 'one\n  two\n\n  three'\nb: "one\n  two\n\n\n  three"\n`,
      `a: "line \\\n  continued"\nb: 'trailing   \n  spaces'\n`,
      `- 'x'\n- "y"\n- ''\n- ""\n`,
      `a: "# not a comment"\nb: '#'\nc: "a: b"\n`,
    ]);
  });

  it('block scalars: literal and folded, every chomping, explicit indentation, as sequence items', () => {
    const bodies = ['', '-', '+', '2', '-2', '+1', '1-'];
    const texts: string[] = [];
    for (const style of ['|', '>']) {
      for (const b of bodies) {
        texts.push(`a: ${style}${b}\n  line one\n  line two\n\n   more indented\n  back\n\n\nb: x\n`);
        texts.push(`- ${style}${b}\n  text\n-  ${style}${b} # comment\n   x\n\n- y\n`);
        texts.push(`a: ${style}${b}\n    two\n    lines\n`);
        texts.push(`a: ${style}${b}\n  text\n\n`);
        texts.push(`a: ${style}${b}\n  text`);
        texts.push(`a: ${style}${b}\nb: 1\n`);
      }
    }
    texts.push('a: >-\n  folded\n  text\n\n  para\n    indented\n  end\nb: |\n  keep\n    this\n');
    texts.push('key:\n  - |\n    literal in a sequence\n  - >+\n    folded keep\n\n  - x\n');
    for (const text of texts) check(text);
    expect(texts.filter((t) => fastYamlFallbackReason(t) === undefined).length).toBeGreaterThan(texts.length * 0.8);
  });

  it('flow collections: empty, nested, JSON-like, over several lines', () => {
    fastOnes([
      'a: []\nb: {}\nc: [1, 2, [3, {}]]\nd: {x: 1, "y": [a, b], z: {w: null}}\n',
      'a: [ ]\nb: { }\n- x\n'.replace('- x\n', ''),
      '{"a": 1, "b": [true, null, "x"]}\n',
      '[1, 2, 3]\n',
      'a: [one two, "q", \'s\', -1, .5, 0x1F]\n',
      'a: [\n  1,\n  2\n  ]\nb: {\n  x: 1,\n  y: 2\n  }\nc: [1,\n    "two\n    lines", x\n    y]\n',
      'a: [1, 2,]\nb: {x: 1,}\n',
      'security:\n  - ApiKeyAuth: []\n  - OAuth: [read, write]\n',
      'a: [x:y, http://z]\n',
    ]);
  });

  it('getLocationForJsonPath: containers under keys, null values, empty collections, the root, paths that do not exist', () => {
    const text = '\nroot:\n  map:\n    a: 1\n  empty: {}\n  list:\n    - x\n    -\n  nothing:\n  last: [1, [2, []]]\n';
    const { fast } = check(text, { fast: true });
    for (const path of [[], ['root'], ['root', 'map'], ['root', 'nothing'], ['root', 'list', 1], ['root', 'list', 2], ['root', 'last', 1, 1], ['root', 'map', 'a', 'b'], ['root', 'list', '0'], ['root', 'list', 'x']]) {
      expect(FastYaml.getLocationForJsonPath(fast, path)).toEqual(Parsers.Yaml.getLocationForJsonPath(Parsers.Yaml.parse(text), path));
    }
    // The root starts at 0 when it begins the second line, at its first character otherwise.
    fastOnes(['\na: 1\n', '\n\na: 1\n', '  a: 1\n', '# c\na: 1\n', '[1]\n', '\n[1]', '- 1\n-\n']);
  });

  it('never throws from getLocationForJsonPath, and answers for results it did not make', () => {
    const text = 'a:\n  - 1\n  - b: c\n';
    const fast = FastYaml.parse(text) as AnyResult;
    const yaml = Parsers.Yaml.parse(text) as AnyResult;
    for (const path of [[Symbol('s')], [{}], [null], [undefined], [true], [['a']]] as unknown as Segment[][]) {
      expect(() => FastYaml.getLocationForJsonPath(fast, path)).not.toThrow();
      expect(() => FastYaml.getLocationForJsonPath(fast, ['a', ...path])).not.toThrow();
    }
    for (const path of [['a', true], ['a', null], ['a', [1]], ['a', {}], ['a', undefined]] as unknown as Segment[][]) {
      expect(FastYaml.getLocationForJsonPath(fast, path)).toEqual(Parsers.Yaml.getLocationForJsonPath(yaml, path));
    }
    const fallback = FastYaml.parse('a: &x 1\nb: *x\n') as AnyResult;
    expect(isFastYamlResult(fallback)).toBe(false);
    expect(FastYaml.getLocationForJsonPath(fallback, ['b'])).toEqual(Parsers.Yaml.getLocationForJsonPath(Parsers.Yaml.parse('a: &x 1\nb: *x\n') as AnyResult, ['b']));
  });

  it('the result: lazy ast and lineMap (Parsers.Yaml locates in it too), trapAccess, the same objects under mutation', () => {
    const text = 'b: 1\n"200":\n  x:\n    - 1\n    - "2": 2\n      "1": 1\na: {}\n';
    const fast = FastYaml.parse(text) as AnyResult;
    const yaml = Parsers.Yaml.parse(text) as AnyResult;
    for (const path of allPaths(yaml.data)) expect(Parsers.Yaml.getLocationForJsonPath(fast, path)).toEqual(Parsers.Yaml.getLocationForJsonPath(yaml, path));
    expect(fast.ast.kind).toBe(yaml.ast.kind);
    expect(FastYaml.trapAccess).toBe(Parsers.Yaml.trapAccess);
    const f = fast.data;
    const y = yaml.data;
    expect(Object.keys(FastYaml.trapAccess(f['200'].x[1]))).toEqual(Object.keys(Parsers.Yaml.trapAccess(y['200'].x[1])));
    for (const o of [f, y]) {
      o.c = 3;
      o['5'] = 5;
      Object.defineProperty(o.a, 'y', { value: 1, enumerable: true, configurable: true, writable: true });
      delete o.b;
      delete o['200'].x[1]['2'];
      o['200'].x[1]['0'] = 0;
    }
    expect(dataDiffs(y, f)).toEqual([]);
    expect(JSON.stringify(f)).toBe(JSON.stringify(y));
  });
});

describe('FastYaml hands to Parsers.Yaml what it does not cover (same results, with a reason)', () => {
  const cases: [string, string | RegExp][] = [
    ['a: &x 1\nb: *x\n', 'an anchor'],
    ['a: 1\nb: *x\n', 'an alias'],
    ['a: !!str 1\n', 'a tag'],
    ['a: !custom x\n', 'a tag'],
    ['%YAML 1.2\n---\na: 1\n', 'a document marker'],
    ['%TAG ! tag:x,2000:\na: 1\n', 'a directive'],
    ['---\na: 1\n', 'a document marker'],
    ['a: 1\n...\n', 'a document marker'],
    ['a: 1\n---\nb: 2\n', 'a document marker'],
    ['<<: {a: 1}\nb: 2\n', 'a << (merge) key'],
    ['__proto__: {polluted: true}\n', 'a __proto__ key'],
    ['a: 1\na: 2\n', 'duplicate keys'],
    ['a:\n  b: 1\n  "b": 2\n', 'duplicate keys'],
    ['200: ok\n', 'a key that is not a string'],
    ['true: x\n', 'a key that is not a string'],
    ['null: x\n', 'a key that is not a string'],
    ['~: x\n', 'a key that is not a string'],
    ['1.5: x\n', 'a key that is not a string'],
    ['[a]: x\n', 'a key that is not a scalar'],
    ['a:\n\tb: 1\n', 'a tab'],
    ['a: 1\r\nb: 2\r\n', 'a carriage return'],
    ['\uFEFFa: 1\n', 'a byte-order mark'],
    ['a: "\u0001"\n', 'non-printable characters'],
    ['a: "\uD800"\n', 'non-printable characters'],
    ['', 'an empty text'],
    ['just a scalar\n', 'the top-level value is not a mapping or a sequence'],
    ['"quoted"\n', 'the top-level value is not a mapping or a sequence'],
    ['# only a comment\n', 'the top-level value is not a mapping or a sequence'],
    ['a: [1, 2\n', /flow collection|deficient indentation/],
    ['a: ["1" 2]\n', 'missed comma between flow collection entries'],
    ['a: [\n  1\n]\n', 'deficient indentation'],
    ['a: [a: 1]\n', 'a pair in a flow sequence'],
    ['a: {b}\n', 'a flow mapping entry without a value'],
    ['a: [1, , 2]\n', 'an empty flow collection entry'],
    ['a: {? b: 1}\n', 'an explicit key in a flow collection'],
    ['a: "unterminated\n', /double quoted|deficient indentation/],
    ["a: 'unterminated\n", /single quoted|deficient indentation/],
    ['a: "unterminated', /double quoted|deficient indentation/],
    ['a: "\\q"\n', 'unknown escape sequence'],
    ['a: "\\xZZ"\n', 'expected hexadecimal character'],
    ['a: |0\n  x\n', /indentation width/],
    ['a: |--\n  x\n', /chomping/],
    ['a: | x\n', 'a line break is expected'],
    ['a: 1\n b: 2\n', /bad indentation|end of the stream/],
    ['a:\n  - 1\n - 2\n', /bad indentation|end of the stream/],
    ['- a\nb: 1\n', /end of the stream/],
    ['a: b: c\n', /./],
    ['a\nb: 1\n', /./],
    ['a: "x\ny"\n', 'deficient indentation'],
    [`${'a:\n'.repeat(1)}${Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`, /./],
    [`${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}\n`, `nesting deeper than ${MAX_DEPTH}`],
  ];

  it.each(cases.map(([text, reason], i) => [i, JSON.stringify(text).slice(0, 60), text, reason] as const))('#%i %s', (_i, _label, text, reason) => {
    check(text, { fast: false });
    const why = fastYamlFallbackReason(text);
    if (typeof reason === 'string') expect(why).toBe(reason);
    else expect(why).toMatch(reason);
  });

  it('nesting up to MAX_DEPTH takes the fast path', () => {
    check(`${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\n`, { fast: true });
    check(`${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`, { fast: true });
  });

  it('parseFastYaml is undefined for those, and parserWithResult works for both fast parsers', () => {
    for (const [text] of cases) expect(parseFastYaml(text)).toBeUndefined();
    const text = 'openapi: 3.1.0\npaths:\n  /b: {}\n  /a: {}\nx:\n  "404": 1\n  "200": 2\n';
    const result = parseFastYaml(text)!;
    expect(isFastYamlResult(result)).toBe(true);
    const document = new Document(text, parserWithResult(result), '/tmp/x.yaml');
    expect(document.data).toBe(result.data);
    expect(Object.keys((document.data as { x: object }).x)).toEqual(['404', '200']);
    expect(document.getRangeForJsonPath(['paths', '/a'])).toEqual(new Document(text, Parsers.Yaml, '/tmp/x.yaml').getRangeForJsonPath(['paths', '/a']));
    const json = '{"a": {"b": [1, 2]}}';
    const jsonResult = parseFastJson(json)!;
    expect(new Document(json, parserWithResult(jsonResult), '/tmp/x.json').getRangeForJsonPath(['a', 'b', 1])).toEqual(
      new Document(json, FastJson, '/tmp/x.json').getRangeForJsonPath(['a', 'b', 1]),
    );
  });
});

// -----------------------------------------------------------------------------------------
// Generated documents
// -----------------------------------------------------------------------------------------

const KEY = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-zA-Z_$][\w.$/-]{0,10}$/) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.nat({ max: 600 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('200', '0', '01', '4294967295', '-1', 'null', 'true', 'x: y', 'a #b', '- x', '? q', "it's", '"q"', '$ref', 'a/b~c', '') },
);

const SCALAR = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9 .,:#/'"-]{0,40}$/),
  fc.constantFrom('null', '~', 'True', 'FALSE', '0x1F', '0o17', '-0', '+12', '.5', '1e3', '.inf', '-.Inf', '.NaN', '12:30', 'yes', 'http://x/y#z', 'a: b', 'a #b', ' lead', 'trail ', 'multi\nline\n', '\n\nx', 'x\n\n', '', "'", '"', '\\'),
);

/** Objects are written from [key, value] lists (keys can repeat, any order). */
class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

const GENERATED = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALAR, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(KEY, tie('value')), { maxLength: 5 }).map((entries) => new Entries(entries as [string, unknown][])),
}));

/** Writes a generated value as YAML, in styles chosen by a seeded sequence. */
function writeYaml(value: unknown, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const comment = () => (next() < 0.15 ? ' # note: x' : '');
  const blank = () => (next() < 0.1 ? pick(['\n', '\n\n', '\n  # comment\n']) : '');
  const plainSafe = (s: string) => /^[a-zA-Z][^\n#:]*[^\s]$/.test(s) || /^[a-zA-Z]$/.test(s);
  const doubleQuoted = (s: string) => JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (_, h) => `\\x${h}`);
  const singleQuoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const scalar = (v: unknown, indent: string, inFlow: boolean): string => {
    if (v === null) return pick(inFlow ? ['null', '~', 'Null'] : ['null', '~', 'NULL', '']);
    if (typeof v === 'boolean') return pick(v ? ['true', 'True', 'TRUE'] : ['false', 'False', 'FALSE']);
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? '.nan' : String(v);
    const s = String(v);
    const styles = ['double', 'single'];
    if (plainSafe(s)) styles.push('plain', 'plain');
    if (!inFlow && !/^\s|\s$/.test(s)) styles.push('literal', 'folded');
    if (!inFlow && plainSafe(s) && s.includes(' ')) styles.push('multiplain');
    if (!inFlow && !s.includes('\n')) styles.push('multiquoted');
    switch (pick(styles)) {
      case 'plain':
        return s;
      case 'single':
        return singleQuoted(s);
      case 'multiplain':
        return s.replace(/ /g, () => (next() < 0.3 ? `\n${indent}  ` : ' '));
      case 'multiquoted':
        return next() < 0.5 ? singleQuoted(s).replace(/ /g, () => (next() < 0.3 ? `\n${indent}  ` : ' ')) : doubleQuoted(s).replace(/ /g, () => (next() < 0.3 ? `\n${indent}  ` : ' '));
      case 'literal':
      case 'folded': {
        const header = `${next() < 0.5 ? '|' : '>'}${pick(['', '-', '+', '2', '-2', '+2'])}`;
        const body = s.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`));
        return `${header}${comment()}\n${body.join('\n')}`;
      }
      default:
        return doubleQuoted(s);
    }
  };
  const key = (k: string) => (plainSafe(k) && !/^\d+$/.test(k) && next() < 0.7 ? k : next() < 0.5 ? singleQuoted(k) : doubleQuoted(k));
  /** Separators in flow collections: mostly on one line, sometimes over lines (indented deeper than `indent`), with comments. */
  const separator = (indent: string) => (next() < 0.8 ? pick([', ', ',', ' , ']) : pick([`,\n${indent}    `, `, # c\n${indent}   `, `\n${indent}  ,`]));
  const flow = (v: unknown, indent = ''): string => {
    if (v instanceof Entries) return `{${v.entries.map(([k, x]) => `${key(k).replace(/\n/g, ' ')}: ${flow(x, indent)}`).join(separator(indent))}}`;
    if (Array.isArray(v)) return `[${v.map((x) => flow(x, indent)).join(separator(indent))}]`;
    const s = scalar(v, '', true);
    return s.includes('\n') ? doubleQuoted(String(v)) : s;
  };
  const block = (v: unknown, indent: string): string => {
    if (v instanceof Entries) {
      if (v.entries.length === 0 || next() < 0.1) return ` ${flow(v, indent)}${comment()}`;
      return v.entries
        .map(([k, x]) => {
          // Sometimes an explicit key ("? key" then ": value" on the next line).
          const head = next() < 0.08 ? `\n${blank()}${indent}? ${key(k)}\n${indent}:` : `\n${blank()}${indent}${key(k)}:`;
          if (x instanceof Entries || Array.isArray(x)) {
            if (Array.isArray(x) && x.length > 0 && next() < 0.5) return `${head}${comment()}${block(x, indent).replace(/^/, '')}`; // compact sequence
            return `${head}${comment()}${block(x, `${indent}  `)}`;
          }
          const s = scalar(x, indent, false);
          return `${head}${s === '' ? '' : ' '}${s}${s.includes('\n') && /^[|>]/.test(s) ? '' : comment()}`;
        })
        .join('');
    }
    if (Array.isArray(v)) {
      if (v.length === 0 || next() < 0.1) return ` ${flow(v, indent)}`;
      return v
        .map((x) => {
          if (x instanceof Entries && x.entries.length > 0 && next() < 0.6) {
            // "- key: value" with the other keys under it
            const inner = block(x, `${indent}  `);
            return `\n${blank()}${indent}- ${inner.replace(/^\n+(\s*#[^\n]*\n)?\s*/, '')}`;
          }
          if (x instanceof Entries || Array.isArray(x)) return `\n${indent}-${block(x, `${indent}  `)}`;
          const s = scalar(x, indent, false);
          return `\n${blank()}${indent}-${s === '' ? '' : ' '}${s}`;
        })
        .join('');
    }
    return ` ${scalar(v, indent, false)}`;
  };
  if (next() < 0.15) return `${flow(value)}\n`;
  return `${pick(['', '# head\n', '\n'])}${block(value, pick(['', '', ' ', '  '])).replace(/^\n/, '')}${pick(['\n', '', '\n\n'])}`;
}

/** Generated documents per property (FAST_YAML_RUNS=5000 for a longer search). */
const RUNS = Number(process.env.FAST_YAML_RUNS ?? 1500);

describe('FastYaml on generated documents', () => {
  it('same data, diagnostics and locations as Parsers.Yaml; most take the fast path', () => {
    let fastCount = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: GENERATED.object }, { weight: 1, arbitrary: GENERATED.array }), fc.nat(), (value, seed) => {
        const text = writeYaml(value, seed);
        const { fast } = check(text);
        total++;
        if (isFastYamlResult(fast)) fastCount++;
      }),
      { numRuns: RUNS, seed: 4242 },
    );
    expect(fastCount).toBeGreaterThan(total / 3);
  });
});

// -----------------------------------------------------------------------------------------
// Mutations of real texts
// -----------------------------------------------------------------------------------------

const MUTATION_CHARS = [':', ' ', '-', '#', "'", '"', '[', ']', '{', '}', ',', '|', '>', '?', '&', '*', '!', '%', '@', '`', '\\', '\n', '\t', 'x', '0', '~', '.', '+'];

/** A mutation of `text` (by line: characters deleted, inserted, replaced; lines indented, dedented, joined, repeated, swapped). */
function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pickLine = () => Math.floor(next() * lines.length);
  const count = 1 + Math.floor(next() * 3);
  for (let n = 0; n < count; n++) {
    if (lines.length === 0) lines.push('');
    const i = pickLine();
    const line = lines[i];
    const at = Math.floor(next() * (line.length + 1));
    const ch = MUTATION_CHARS[Math.floor(next() * MUTATION_CHARS.length)];
    switch (Math.floor(next() * 9)) {
      case 0:
        lines[i] = line.slice(0, at) + line.slice(at + 1);
        break;
      case 1:
        lines[i] = line.slice(0, at) + ch + line.slice(at);
        break;
      case 2:
        lines[i] = line.slice(0, at) + ch + line.slice(at + 1);
        break;
      case 3:
        lines[i] = ` ${line}`;
        break;
      case 4:
        lines[i] = line.replace(/^ {1,2}/, '');
        break;
      case 5:
        if (i + 1 < lines.length) lines.splice(i, 2, `${line} ${lines[i + 1].trimStart()}`);
        break;
      case 6:
        lines.splice(i, 0, line);
        break;
      case 7:
        if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], line];
        break;
      default:
        lines.splice(i, 1);
    }
  }
  return lines.join('\n');
}

/** Mutated texts per run (FAST_YAML_MUTATIONS=20000 for a longer search). */
const MUTATIONS = Number(process.env.FAST_YAML_MUTATIONS ?? 8000);
/** At most this long for the mutations (longer when FAST_YAML_MUTATIONS is set). */
const MUTATION_BUDGET_MS = process.env.FAST_YAML_MUTATIONS ? 1_200_000 : 40_000;

describe('FastYaml on mutated texts', () => {
  it(`${MUTATIONS} mutations of corpus and fixture texts: the fast path only when identical`, () => {
    // Small texts, and windows of 20 to 80 lines of the large ones.
    const sources: string[] = [];
    for (const file of [...DOCUMENTS.map((d) => join(CORPUS, d)), ...FIXTURES.map((f) => join(REPO_ROOT, f))]) {
      const text = readFileSync(file, 'utf8');
      if (text.length < 12_000) sources.push(text);
      else {
        const lines = text.split('\n');
        const next = random(text.length);
        // Windows: from a line on, the lines indented at least as much (dedented).
        for (let w = 0; w < 4; w++) {
          const start = Math.floor(next() * lines.length);
          const indent = lines[start].length - lines[start].trimStart().length;
          const window: string[] = [];
          for (let i = start; i < lines.length && window.length < 20 + next() * 60; i++) {
            const line = lines[i];
            if (line.trim() !== '' && line.length - line.trimStart().length < indent) break;
            window.push(line.slice(indent));
          }
          sources.push(window.join('\n'));
        }
      }
    }
    const next = random(12345);
    let fastCount = 0;
    let withDiagnostics = 0;
    const deadline = Date.now() + MUTATION_BUDGET_MS;
    let done = 0;
    for (; done < MUTATIONS && Date.now() < deadline; done++) {
      const text = mutate(sources[Math.floor(next() * sources.length)], next);
      const { yaml, fast } = check(text, { maxPaths: 400 });
      if (isFastYamlResult(fast)) fastCount++;
      if (yaml === undefined || yaml.diagnostics.length > 0) withDiagnostics++;
    }
    expect(done).toBeGreaterThan(MUTATIONS / 4);
    // Both kinds are exercised: mutations FastYaml parses itself, and mutations it hands over.
    expect(fastCount).toBeGreaterThan(done / 5);
    expect(withDiagnostics).toBeGreaterThan(done / 10);
  }, MUTATION_BUDGET_MS + 50_000);
});
