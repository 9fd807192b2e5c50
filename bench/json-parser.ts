/**
 * Parsers.Yaml against action/fast-json.ts's FastJson on the JSON documents of the corpus.
 *
 *   npx tsx bench/json-parser.ts [--runs N] [--lint] [document...]
 *
 * Per document (median of N runs, default 3, wall ms):
 *  - yaml: Parsers.Yaml.parse (what `spectral lint` and action/lint.ts use today);
 *  - fast: FastJson.parse;
 *  - +locate: FastJson.parse, then getLocationForJsonPath for every path of `paths` (a fresh
 *    parse each run, so the lazy index is built within the measurement);
 *  - yaml locate: Parsers.Yaml.getLocationForJsonPath for the same paths (on a parsed result).
 * `paths` is every node of the document (all keys, items and scalars), or with --lint the
 * paths of the results of a real lint with this repository's default ruleset (what Spectral
 * asks locations for). Documents: every .json of ../shared/corpus/{openapi,asyncapi} by
 * default, or the named ones.
 */
import { Document, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FastJson, isFastJsonResult } from '../action/fast-json';
import ruleset from '../rulesets/index';
import { corpusDir } from '../test/support/paths';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const useLint = args.includes('--lint');
const named = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));

const files = (['openapi', 'asyncapi'] as const)
  .flatMap((kind) => readdirSync(corpusDir(kind)).map((f) => join(corpusDir(kind), f)))
  .filter((f) => f.endsWith('.json'))
  .filter((f) => named.length === 0 || named.some((n) => basename(f).includes(n)));

function allPaths(data: unknown): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const stack: [unknown, (string | number)[]][] = [[data, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [any, (string | number)[]];
    if (value === null || typeof value !== 'object') continue;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      const child = [...path, key];
      out.push(child);
      stack.push([value[key], child]);
    }
  }
  return out;
}

async function lintPaths(file: string, content: string): Promise<(string | number)[][]> {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  const results = await spectral.run(new Document(content, Parsers.Yaml, file), { ignoreUnknownFormat: false });
  return results.map((r) => [...r.path]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  console.log(`${'document'.padEnd(44)} ${'KB'.padStart(6)} ${'paths'.padStart(7)} ${'yaml'.padStart(8)} ${'fast'.padStart(7)} ${'+locate'.padStart(8)} ${'yaml locate'.padStart(12)}`);
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    const paths = useLint ? await lintPaths(file, content) : allPaths(JSON.parse(content));
    const yaml: number[] = [];
    const fast: number[] = [];
    const located: number[] = [];
    const yamlLocate: number[] = [];
    let fastPath = false;
    for (let r = 0; r < runs; r++) {
      let y: any;
      yaml.push(time(() => (y = Parsers.Yaml.parse(content))));
      yamlLocate.push(time(() => paths.forEach((p) => Parsers.Yaml.getLocationForJsonPath(y, p))));
      fast.push(time(() => FastJson.parse(content)));
      located.push(
        time(() => {
          const result = FastJson.parse(content);
          fastPath = isFastJsonResult(result);
          for (const p of paths) FastJson.getLocationForJsonPath(result, p);
        }),
      );
    }
    console.log(
      `${basename(file).padEnd(44)} ${String(Math.round(content.length / 1024)).padStart(6)} ${String(paths.length).padStart(7)} ` +
        `${median(yaml).toFixed(1).padStart(8)} ${median(fast).toFixed(1).padStart(7)} ${median(located).toFixed(1).padStart(8)} ` +
        `${median(yamlLocate).toFixed(1).padStart(12)}${fastPath ? '' : '  (fell back to Parsers.Yaml)'}`,
    );
  }
}

void main();
