/**
 * FastJson (action/fast-json.ts) must be Parsers.Yaml, only faster. For every JSON document of
 * the corpus, for hand-written edge cases and for generated documents, FastJson and
 * Parsers.Yaml are compared on:
 *  - the data: same values, same own keys in the same order (Reflect.ownKeys, Object.keys,
 *    for-in) at every level, same property descriptors, same prototypes, proxies where
 *    Parsers.Yaml has proxies, the same ordered-object-literal order arrays;
 *  - diagnostics, metadata, comments and lineMap;
 *  - getLocationForJsonPath on thousands of paths (existing ones of every kind, indexes given
 *    as strings, and paths that do not exist: missing keys, indexes past the end, paths
 *    through scalars, numbers where keys are expected);
 *  - a real lint: Spectral with this repository's default ruleset (and, below 1 MB, with
 *    spectral:oas or spectral:asyncapi too) and the action's resolver configuration, once with
 *    Parsers.Yaml and once with FastJson: identical results (code, message, path, severity,
 *    range, source), in the same order.
 * The corpus is ../shared/corpus (beside the repository).
 */
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import * as Parsers from '@stoplight/spectral-parsers';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FastJson, fastJsonFallbackReason, isFastJsonResult, MAX_DEPTH, parseFastJson, parserWithResult } from '../../action/fast-json';
import { looksLikeJson } from '../../action/limits';
import { createFastResolver } from '../../action/fast-resolver';
import { DEFAULT_LIMITS } from '../../action/limits';
import ruleset from '../../rulesets/index';
import { corpusDir } from '../support/paths';
import { allPaths, dataDiffs, locationDiffsFor, pathsToLocate, random, type Segment } from './helpers/parser-compare';

type AnyResult = any;

// -----------------------------------------------------------------------------------------
// Comparing parser results
// -----------------------------------------------------------------------------------------

/** Locations that differ (at most `max`), as "path: yaml vs fast" (FastJson asked with closest true). */
const locationDiffs = (yaml: AnyResult, fast: AnyResult, paths: Segment[][], max = 10): string[] =>
  locationDiffsFor(FastJson, yaml, fast, paths, [true], max);

interface CheckOptions {
  /** Whether FastJson must take its fast path (true) or hand the text to Parsers.Yaml (false). */
  fast?: boolean;
  /** Most paths to locate (default: all of them). */
  maxPaths?: number;
}

/** FastJson vs Parsers.Yaml on one text: data, the other fields, locations. */
function check(text: string, options: CheckOptions = {}): { yaml: AnyResult; fast: AnyResult } {
  let yaml: AnyResult;
  try {
    yaml = Parsers.Yaml.parse(text);
  } catch (error) {
    // Parsers.Yaml throws on some JSON ("<<": [null], very deep nesting): so must FastJson.
    expect(() => FastJson.parse(text)).toThrow(error as Error);
    expect(fastJsonFallbackReason(text)).toBeDefined();
    return { yaml: undefined, fast: undefined };
  }
  const fast = FastJson.parse(text) as AnyResult;
  if (options.fast !== undefined) {
    expect(isFastJsonResult(fast), `fast path (fallback reason: ${fastJsonFallbackReason(text)})`).toBe(options.fast);
  }
  expect(dataDiffs(yaml.data, fast.data), 'data').toEqual([]);
  expect(fast.diagnostics, 'diagnostics').toEqual(yaml.diagnostics);
  expect(fast.metadata, 'metadata').toEqual(yaml.metadata);
  expect(fast.comments, 'comments').toEqual(yaml.comments);
  expect(fast.lineMap, 'lineMap').toEqual(yaml.lineMap);
  expect(Object.keys(fast), 'result fields').toEqual(Object.keys(yaml));
  const paths = pathsToLocate(yaml.data, options.maxPaths ?? Infinity, text.length);
  paths.push([], ['x'], [0], ['x', 0, 'y']);
  expect(locationDiffs(yaml, fast, paths), 'locations').toEqual([]);
  return { yaml, fast };
}

// -----------------------------------------------------------------------------------------
// The corpus
// -----------------------------------------------------------------------------------------

const CORPUS = corpusDir();
const DOCUMENTS = ['openapi', 'asyncapi'].flatMap((kind) =>
  readdirSync(join(CORPUS, kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(kind, f)),
);
/** Corpus documents FastJson hands to Parsers.Yaml, and why (none today). */
const EXPECTED_FALLBACKS: Record<string, string> = {};

/** This repository's default ruleset with spectral:oas or spectral:asyncapi. */
const WITH_SPECTRAL = {
  oas: new Ruleset({ extends: [ruleset as never, oas as never] } as never),
  asyncapi: new Ruleset({ extends: [ruleset as never, asyncapi as never] } as never),
};

type RawResult = { code: string; message: string; path: Segment[]; severity: number; range: unknown; source?: string };

/** Lints like DocumentLinter.lint (the action's resolver configuration), with the given parser. */
async function lint(file: string, content: string, parser: typeof FastJson, rules: Ruleset | typeof ruleset = ruleset): Promise<RawResult[]> {
  const resolver = createFastResolver({ root: CORPUS, allowRemote: false, maxBytes: DEFAULT_LIMITS.maxBytes });
  const spectral = new Spectral({ resolver: resolver as never });
  spectral.setRuleset(rules as never);
  const document = new Document(content, parser, file);
  const results = await resolver.withContext({ root: CORPUS, deps: new Set<string>() }, () => spectral.run(document, { ignoreUnknownFormat: false }));
  return results.map((r) => ({
    code: String(r.code),
    message: r.message,
    path: [...r.path],
    severity: r.severity,
    range: { start: { ...r.range.start }, end: { ...r.range.end } },
    ...(r.source != null ? { source: r.source } : {}),
  }));
}

describe('FastJson on the JSON documents of the corpus', () => {
  it('covers them', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(15);
    for (const doc of ['kubernetes-swagger2.json', 'github-rest-2023-oxide.json', 'github-rest-2020.json', 'box-platform.json']) {
      expect(DOCUMENTS).toContain(`openapi/${doc}`);
    }
  });

  it.each(DOCUMENTS)('%s: same data, diagnostics and locations, same lint results', async (doc) => {
    const file = join(CORPUS, doc);
    const content = readFileSync(file, 'utf8');
    const expectedFallback = EXPECTED_FALLBACKS[doc];
    expect(fastJsonFallbackReason(content)).toBe(expectedFallback);
    expect(looksLikeJson(content)).toBe(true);
    check(content, { fast: expectedFallback === undefined, maxPaths: 3000 });

    const viaYaml = await lint(file, content, Parsers.Yaml);
    const viaFast = await lint(file, content, FastJson);
    expect(viaFast.length, 'number of results').toBe(viaYaml.length);
    expect(viaFast).toEqual(viaYaml);

    // Below 1 MB, Spectral's own OpenAPI/AsyncAPI rules too: many more results, all over the document.
    if (content.length < 1_000_000) {
      const more = doc.startsWith('asyncapi') ? WITH_SPECTRAL.asyncapi : WITH_SPECTRAL.oas;
      expect(await lint(file, content, FastJson, more)).toEqual(await lint(file, content, Parsers.Yaml, more));
    }
  }, 60_000);
});

// -----------------------------------------------------------------------------------------
// Hand-written cases
// -----------------------------------------------------------------------------------------

/** The text with other line endings (CRLF, CR). */
const withLineEndings = (text: string, eol: string) => text.replace(/\n/g, eol);

describe('FastJson on hand-written documents', () => {
  it('keeps the document order of integer-like keys (response codes), at every level', () => {
    const text = `{
  "b": 1,
  "0": "zero",
  "200": { "description": "OK", "2": 2, "1": 1 },
  "100": [{ "9": 9, "10": 10, "x": { "01": 1, "1": 0, "4294967295": 1, "4294967294": 2, "-1": 3, "1.5": 4 } }],
  "a": { "3": [], "1": {} }
}`;
    const { fast } = check(text, { fast: true });
    expect(Object.keys(fast.data)).toEqual(['b', '0', '200', '100', 'a']);
    expect(Object.keys(fast.data['100'][0].x)).toEqual(['01', '1', '4294967295', '4294967294', '-1', '1.5']);
  });

  it('object keys of every kind: special characters, escapes, unicode, prototype names', () => {
    check(
      JSON.stringify({
        '': 1,
        'a/b': { '~0': { 'c.d': [1] } },
        'with space': true,
        '#': null,
        'é日本😀': 'x',
        'k"q\\uote': 2,
        constructor: { prototype: 1 },
        toString: 'x',
        hasOwnProperty: 1,
        __defineGetter__: 1,
        valueOf: {},
        length: 3,
      }),
      { fast: true },
    );
    check('{"k\\u0065y": {"\\/": 1, "\\"": 2, "\\\\": {"\\u00e9": [3]}}, "a\\nb": 1}', { fast: true });
  });

  it('strings: every escape, surrogate pairs, lone surrogates, raw non-ASCII and control-like characters', () => {
    check('{"a":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u00e9\\u2028\\ud83d\\ude00\\ud800\\udc00\\ud800x\\udc00","b":"\\/\\/"}', { fast: true });
    check(`{"raw":"é 日本 😀 \u2028 \u2029 \u0085 \u007f \u00a0 \ufeff \ufffe \uffff \ud800 \udfff # : { } [ ] , \\" '"}`, { fast: true });
    check('["a\\": b", "x\\\\", "y\\\\\\"z", "{[", ":", "\\u005c"]', { fast: true });
  });

  it('numbers: big integers, exponents, -0, overflow to Infinity, underflow to 0', () => {
    check(
      '[1e400,-1e400,1e-400,-1e-400,12345678901234567890,-12345678901234567890,9007199254740993,-9007199254740993,' +
        '9007199254740992,9007199254740991,-0,0,-0.0,0.0,0.1,1E2,1e+2,1e-2,1.5e-3,-1.5E+3,123456789012345678901234567890e-10,' +
        `1${'0'.repeat(400)},-1${'0'.repeat(400)},0.${'0'.repeat(400)}1,4294967295,4294967296,-4294967296]`,
      { fast: true },
    );
    const { fast } = check('{"a": -0, "b": 12345678901234567890, "c": 1e400, "d": -12345678901234567890}', { fast: true });
    expect(Object.is(fast.data.a, -0)).toBe(true);
    expect(fast.data.c).toBe(Infinity);
  });

  it('top-level arrays, empty containers, containers ending in empty containers', () => {
    for (const text of ['[]', '{}', ' {} ', '[[]]', '[{}]', '{"a":{}}', '{"a":{"b":[]}}', '{"a":[{}]}', '[1,[2,[3,[]]],{}]', '{"a":[],"b":{}}\n']) {
      check(text, { fast: true });
    }
  });

  it('layout: leading and trailing whitespace and lines, an indented root, spaces around colons and commas', () => {
    for (const text of [
      '\n{"a":1}',
      '\n\n  {"a":{}}',
      '   [1]',
      '{"a":1}\n\n\n',
      '  {\n"a": 1,\n"b": [\n1\n,\n2\n]\n}\n',
      '{ "a" :  [ 1 , 2 ] , "b" : { "c" : "d" } }',
      '{"a":\n\n 1 ,\n "b":\n  [\n\n]\n}',
      '[\n1,\ntrue,\nnull,\nfalse\n]',
      '\r\n{"a":\r\n1}\r\n',
    ]) {
      check(text, { fast: true });
    }
  });

  it('CRLF and CR line endings', () => {
    const pretty = JSON.stringify({ a: [1, { b: 'x', c: [] }], d: { e: null } }, null, 2);
    check(withLineEndings(pretty, '\r\n'), { fast: true });
    check(withLineEndings(pretty, '\r'), { fast: true });
  });

  it('hands duplicate keys to Parsers.Yaml (same diagnostics)', () => {
    for (const text of ['{"a":1,"a":2}', '{"a":{"b":1,"c":2,"b":3}}', '[{"x":1},{"x":1,"y":2,"x":3}]', '{"1":1,"2":2,"1":3}', '{"a":1,"\\u0061":2}']) {
      const { yaml } = check(text, { fast: false });
      expect(yaml.diagnostics.length).toBeGreaterThan(0);
      expect(fastJsonFallbackReason(text)).toBe('duplicate keys');
    }
  });

  it('hands invalid JSON and non-JSON to Parsers.Yaml (same diagnostics)', () => {
    for (const text of ['{"a":1,}', '{"a":1} // c', "{'a':1}", '{a:1}', '[1 2]', '{"a":1}}', '{"a"', 'a: 1\nb: [1, 2]\n', '{"a": 01}']) {
      check(text, { fast: false });
      expect(fastJsonFallbackReason(text)).toBe('not JSON');
    }
  });

  it('a byte-order mark: offsets after it, lines counted with it (as the YAML parser does)', () => {
    const pretty = JSON.stringify({ a: [1, { b: 'x', c: [] }], d: { e: null }, f: {} }, null, 2);
    for (const text of ['\uFEFF{"a":1}', '\uFEFF[]', '\uFEFF{}', '\uFEFF\n{"a":{}}', '\uFEFF  [1, [2]]\n', `\uFEFF${pretty}`, `\uFEFF${withLineEndings(pretty, '\r\n')}`]) {
      check(text, { fast: true });
    }
    check('\uFEFF\uFEFF{}', { fast: false });
  });

  it('hands to Parsers.Yaml: scalars at the top, empty input, whitespace only', () => {
    for (const text of ['1', '"x"', 'null', 'true', '', '  \n \r\n', '\t', '\uFEFF', '\uFEFF"x"']) {
      check(text, { fast: false });
    }
  });

  it('tabs: the same warnings as Parsers.Yaml (one per tab it skips, some none, some twice)', () => {
    const pretty = JSON.stringify({ a: [1, { b: 'x', c: [] }], d: { e: null, f: true }, g: -1.5 }, null, '\t');
    for (const text of [
      '{\n\t"a": 1\n}',
      '{"a":\t1}',
      '\t{"a":1}',
      ' \t {"a":1}',
      '{"a":1}\t',
      '{"a":1}\t\n\t',
      '{\n"a":1}\t\n\t',
      '[1\t]',
      '[1\t,\t2 \t]',
      '[1\t\n\t]',
      '[1\n\t\n \t\t]',
      '  {\n\t"a": 1\n\t}',
      '  {\n"a": 1\t\n\t\t,"b":true \t \n \t}',
      '   [\n  null\t\n\t  \t,\n false\t\r\n\t]',
      '\n  {"a": [1\t\n \t,2,\n\t3]}',
      '  {"a": "x"\t\n\t}',
      pretty,
      withLineEndings(pretty, '\r\n'),
      withLineEndings(pretty, '\r'),
      `\uFEFF${pretty}`,
      `\uFEFF\t${pretty}`,
      `  ${pretty.replace(/\n/g, '\n ')}`,
    ]) {
      const { yaml } = check(text, { fast: true });
      expect(yaml.diagnostics.length).toBeGreaterThanOrEqual(0);
    }
    // Counted twice: after a scalar ending its line, when the next line is indented less than the root.
    const twice = check('  [1\n\t]', { fast: true });
    expect(twice.fast.diagnostics.map((d: any) => d.range.start.line)).toEqual([1, 1]);
    // None: after a scalar, on its line.
    expect(check('[1\t]', { fast: true }).fast.diagnostics).toEqual([]);
  });

  it('hands a line break between a key and its colon to Parsers.Yaml', () => {
    for (const text of ['{"a"\n:1}', '{"a"\r\n: 1}', '{"a"  \r:1}', '[{"b"\n\n:2}]']) {
      check(text, { fast: false });
      expect(fastJsonFallbackReason(text)).toBe('a line break between a key and its colon');
    }
    check('{"a":\n1}', { fast: true });
  });

  it('hands merge keys (<<) and __proto__ keys to Parsers.Yaml', () => {
    const merged = check('{"<<": {"x": 1, "y": 2}, "y": 3}', { fast: false });
    expect(merged.fast.data).toEqual({ x: 1, y: 3 });
    check('{"a": {"<<": [{"x": 1}, {"z": 2}]}}', { fast: false });
    // Parsers.Yaml assigns "__proto__" through the prototype setter: the value becomes the
    // prototype, and "a" is then set through the prototype's proxy, i.e. on the prototype.
    const proto = check('{"__proto__": {"polluted": true}, "a": 1}', { fast: false });
    expect(Object.keys(proto.fast.data)).toEqual([]);
    expect(proto.fast.data.polluted).toBe(true);
    expect(Object.keys(Object.getPrototypeOf(proto.fast.data))).toEqual(['polluted', 'a']);
    // With a null value the object's ownKeys trap returns "__proto__" twice, and throws.
    const broken = check('{"__proto__": null}', { fast: false });
    expect(() => Object.keys(broken.fast.data)).toThrow(/trap returned duplicate entries/);
    // A merge key with a null item makes Parsers.Yaml throw.
    expect(() => Parsers.Yaml.parse('{"<<": [null]}')).toThrow(TypeError);
    check('{"<<": [null]}');
    check('{"a": [{"__proto__": 1}]}', { fast: false });
    check('{"\\u005f_proto__": []}', { fast: false });
    expect(({} as any).polluted).toBeUndefined();
  });

  it('deep nesting: identical up to MAX_DEPTH, Parsers.Yaml beyond it (whose stack may overflow)', () => {
    check(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`, { fast: true });
    check(`${'{"a":'.repeat(MAX_DEPTH)}1${'}'.repeat(MAX_DEPTH)}`, { fast: true });
    check(`${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`, { fast: false });
    for (const text of [`${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`]) {
      let yamlError: unknown;
      let fastError: unknown;
      try {
        Parsers.Yaml.parse(text);
      } catch (error) {
        yamlError = error;
      }
      try {
        FastJson.parse(text);
      } catch (error) {
        fastError = error;
      }
      expect(fastJsonFallbackReason(text)).toBe(`nesting deeper than ${MAX_DEPTH}`);
      expect(fastError?.constructor).toBe(yamlError?.constructor);
      expect(String(fastError)).toBe(String(yamlError));
      if (yamlError !== undefined) expect(yamlError).toBeInstanceOf(RangeError);
    }
  });

  it('never throws from getLocationForJsonPath, and answers for results it did not make', () => {
    const text = '{"a":[1,{"b":"c"}]}';
    const fast = FastJson.parse(text) as AnyResult;
    for (const path of [[Symbol('s')], [{}], [null], [undefined], [true], [['a']]] as unknown as Segment[][]) {
      expect(() => FastJson.getLocationForJsonPath(fast, path)).not.toThrow();
      expect(() => FastJson.getLocationForJsonPath(fast, ['a', ...path])).not.toThrow();
    }
    // Non-string, non-number segments: as Parsers.Yaml where it does not throw.
    const yaml = Parsers.Yaml.parse(text) as AnyResult;
    for (const path of [['a', true], ['a', null], ['a', [1]], ['a', {}], ['a', undefined]] as unknown as Segment[][]) {
      expect(FastJson.getLocationForJsonPath(fast, path)).toEqual(Parsers.Yaml.getLocationForJsonPath(yaml, path));
    }
    // A Parsers.Yaml result (what FastJson returns when it falls back) is located by Parsers.Yaml.
    const fallback = FastJson.parse('a:\n  - b: c\n') as AnyResult;
    expect(isFastJsonResult(fallback)).toBe(false);
    expect(FastJson.getLocationForJsonPath(fallback, ['a', 0, 'b'])).toEqual(Parsers.Yaml.getLocationForJsonPath(Parsers.Yaml.parse('a:\n  - b: c\n') as AnyResult, ['a', 0, 'b']));
  });

  it('a FastJson result has the YAML ast on demand: Parsers.Yaml locates in it too', () => {
    const text = JSON.stringify({ openapi: '3.0.0', paths: { '/a': { get: { responses: { '200': { description: 'x' } } } } } }, null, 2);
    const fast = FastJson.parse(text) as AnyResult;
    const yaml = Parsers.Yaml.parse(text) as AnyResult;
    for (const path of allPaths(yaml.data)) {
      expect(Parsers.Yaml.getLocationForJsonPath(fast, path)).toEqual(Parsers.Yaml.getLocationForJsonPath(yaml, path));
    }
    expect(fast.ast.kind).toBe(yaml.ast.kind);
    expect(fast.ast.endPosition).toBe(yaml.ast.endPosition);
  });

  it('the same objects: trapAccess, and the same behaviour under mutation', () => {
    expect(FastJson.trapAccess).toBe(Parsers.Yaml.trapAccess);
    const text = '{"b": 1, "200": {"x": [1, {"2": 2, "1": 1}]}, "a": {}}';
    const fast = FastJson.parse(text).data as any;
    const yaml = Parsers.Yaml.parse(text).data as any;
    expect(Object.keys(FastJson.trapAccess(fast['200'].x[1]))).toEqual(Object.keys(Parsers.Yaml.trapAccess(yaml['200'].x[1])));
    for (const o of [fast, yaml]) {
      o.c = 3;
      o['5'] = 5;
      Object.defineProperty(o.a, 'y', { value: 1, enumerable: true, configurable: true, writable: true });
      delete o.b;
      delete o['200'].x[1]['2'];
      o['200'].x[1]['0'] = 0;
      Object.freeze(o.a);
    }
    expect(dataDiffs(yaml, fast)).toEqual([]);
    expect({ ...fast }).toEqual({ ...yaml });
    expect(Object.keys({ ...fast })).toEqual(Object.keys({ ...yaml }));
    expect(JSON.stringify(fast)).toBe(JSON.stringify(yaml));
  });

  it('the action tries FastJson on JSON-looking content only (looksLikeJson)', () => {
    for (const text of ['{}', '[1]', '  \n{"a":1}', '\uFEFF{"a":1}', '\t[', '{a: 1}']) expect(looksLikeJson(text)).toBe(true);
    for (const text of ['', 'a: 1', '- 1', '"x"', '# {', '---\n{}', '1']) expect(looksLikeJson(text)).toBe(false);
  });
});

// -----------------------------------------------------------------------------------------
// Generated documents
// -----------------------------------------------------------------------------------------

/** A number written as is (to generate number spellings JSON.stringify never writes). */
class RawNumber {
  constructor(readonly raw: string) {}
}

const rawNumber = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.bigInt({ min: 1n, max: 10n ** 30n }).map(String)),
    fc.option(fc.stringMatching(/^\.[0-9]{1,20}$/), { nil: '' }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })).map((p) => p.join('')), { nil: '' }),
  )
  .map((parts) => new RawNumber(parts.join('')));

const key = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.nat({ max: 1000 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', '<<', 'constructor', '0', '4294967295', '01', '-1', '$ref', 'a/b~c') },
);

const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  rawNumber,
  fc.string(),
  fc.string({ unit: 'binary' }),
);

/** Objects are written from [key, value] lists, so that keys can repeat and keep any order. */
class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

const generated = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => new Entries(entries as [string, unknown][])),
}));

/** Whitespace between tokens, from a seeded sequence (mostly none or spaces; line breaks of every kind; tabs). */
const SPACES = ['', '', '', '', ' ', '  ', '\n', '\n  ', '\r\n', '\n\n    ', ' \n', '\r', '\t', '\n\t', ' \t', '\r\n\t  ', '\t\n'];

const ROOT_PREFIXES = ['', '  ', '\n  ', '\n', ' \t ', '\r\n   ', '\n\t'];

/** Writes a generated value as JSON text: compact, pretty-printed, or with random whitespace. */
function render(value: unknown, seed: number, layout: 'compact' | 'pretty' | 'random'): string {
  const next = random(seed);
  const ws = (depth: number) => {
    if (layout === 'compact') return '';
    if (layout === 'pretty') return `\n${'  '.repeat(depth)}`;
    const r = next();
    return SPACES[Math.floor(r * r * SPACES.length)];
  };
  // Between a key and its colon: no line break (that case is covered by hand).
  const sameLine = () => (layout === 'random' ? ws(0).replace(/[\r\n]/g, '') : '');
  const write = (v: unknown, depth: number): string => {
    if (v instanceof RawNumber) return v.raw;
    if (v instanceof Entries) {
      if (v.entries.length === 0) return `{${ws(depth)}}`;
      const members = v.entries.map(([k, x]) => `${ws(depth + 1)}${JSON.stringify(k)}${sameLine()}:${ws(depth + 1)}${write(x, depth + 1)}${ws(depth + 1)}`);
      return `{${members.join(',')}${ws(depth)}}`;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return `[${ws(depth)}]`;
      return `[${v.map((x) => `${ws(depth + 1)}${write(x, depth + 1)}${ws(depth + 1)}`).join(',')}${ws(depth)}]`;
    }
    return JSON.stringify(v);
  };
  if (layout !== 'random') return write(value, 0);
  // Sometimes a byte-order mark, often an indented root (whose indentation matters to tabs).
  return `${seed % 5 === 0 ? '\uFEFF' : ''}${ROOT_PREFIXES[seed % ROOT_PREFIXES.length]}${write(value, 0)}${ws(0)}`;
}

/** Generated documents per property (FAST_JSON_RUNS=10000 for a longer search). */
const RUNS = Number(process.env.FAST_JSON_RUNS ?? 300);

describe('FastJson on generated documents', () => {
  const documents = fc.oneof({ weight: 5, arbitrary: generated.object }, { weight: 4, arbitrary: generated.array }, { weight: 1, arbitrary: generated.value });

  it.each(['compact', 'pretty', 'random'] as const)('%s layout: same data, diagnostics and locations as Parsers.Yaml', (layout) => {
    let fastCount = 0;
    fc.assert(
      fc.property(documents, fc.nat(), (value, seed) => {
        const text = render(value, seed, layout);
        const { fast } = check(text);
        if (isFastJsonResult(fast)) fastCount++;
      }),
      { numRuns: RUNS, seed: 42 },
    );
    // Most generated documents take the fast path (the rest: duplicate or special keys, tabs, scalars).
    expect(fastCount).toBeGreaterThan(RUNS / 3);
  });

  it('fc.json() texts, parsed as they are and pretty-printed', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4, stringUnit: 'binary' }), (text) => {
        check(text);
        check(JSON.stringify(JSON.parse(text), null, 2));
        check(withLineEndings(JSON.stringify(JSON.parse(text), null, 1), '\r\n'));
      }),
      { numRuns: Math.ceil((RUNS * 2) / 3), seed: 7 },
    );
  });
});

describe('parseFastJson (what the lint worker calls)', () => {
  it('parses JSON once: the result goes to Document through parserWithResult', () => {
    const text = '{"openapi": "3.1.0", "paths": {"/b": {}, "/a": {}}, "x": {"404": 1, "200": 2}}';
    const result = parseFastJson(text);
    expect(result).toBeDefined();
    expect(isFastJsonResult(result)).toBe(true);
    const document = new Document(text, parserWithResult(result!), '/tmp/x.json');
    expect(document.data).toBe(result!.data);
    expect(Object.keys((document.data as { x: object }).x)).toEqual(['404', '200']);
    expect(document.getRangeForJsonPath(['paths', '/a'])).toEqual(new Document(text, Parsers.Yaml, '/tmp/x.json').getRangeForJsonPath(['paths', '/a']));
  });

  it('is undefined for anything FastJson hands to Parsers.Yaml (so the worker runs its YAML checks)', () => {
    expect(parseFastJson('openapi: 3.1.0\n')).toBeUndefined();
    expect(parseFastJson('{"a": 1, "a": 2}')).toBeUndefined();
    expect(parseFastJson('{"a": &x [1], "b": *x}')).toBeUndefined();
    expect(parseFastJson('"just a string"')).toBeUndefined();
    expect(parseFastJson('')).toBeUndefined();
  });
});
