/**
 * Comparing a fast parser's results (action/fast-json.ts, action/fast-yaml.ts) with
 * Parsers.Yaml's: data down to proxies, descriptors and key order; every path of a document to
 * locate, with variants; the locations that differ. Used by fast-json.test.ts and
 * fast-yaml.test.ts.
 */
import type { IParser } from '@stoplight/spectral-parsers';
import * as Parsers from '@stoplight/spectral-parsers';
import { types } from 'node:util';

export type Segment = string | number;
type AnyResult = any;

const keyName = (k: string | symbol) => (typeof k === 'symbol' ? `Symbol(${k.description})` : JSON.stringify(k));

/**
 * Differences between two parsed values (at most `max`): walks both in step, comparing
 * primitives with Object.is, and for objects: array-ness, proxy-ness, prototype, own keys in
 * order (Reflect.ownKeys: symbols included, i.e. the order-key position), Object.keys,
 * for-in order, every property's descriptor (the order arrays by content), then the children.
 */
export function dataDiffs(a: unknown, b: unknown, max = 10): string[] {
  const diffs: string[] = [];
  const stack: [unknown, unknown, string][] = [[a, b, '$']];
  while (stack.length > 0 && diffs.length < max) {
    const [x, y, at] = stack.pop() as [any, any, string];
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') {
      if (!Object.is(x, y)) diffs.push(`${at}: ${typeof x} ${String(x)} vs ${typeof y} ${String(y)}`);
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) diffs.push(`${at}: array vs object`);
    if (types.isProxy(x) !== types.isProxy(y)) diffs.push(`${at}: proxy ${types.isProxy(x)} vs ${types.isProxy(y)}`);
    const [px, py] = [Object.getPrototypeOf(x), Object.getPrototypeOf(y)];
    const standard = (p: unknown) => p === null || p === Object.prototype || p === Array.prototype;
    // Parsers.Yaml gives an object with a "__proto__" key that value as prototype: compare it too.
    if (standard(px) || standard(py)) {
      if (px !== py) diffs.push(`${at}: prototype`);
    } else {
      stack.push([px, py, `${at}.<prototype>`]);
    }
    if (Object.isExtensible(x) !== Object.isExtensible(y)) diffs.push(`${at}: extensibility`);
    // Parsers.Yaml's objects can be broken (a "__proto__" key whose value is null makes their
    // ownKeys trap return duplicates, and throw): then both must throw the same.
    const ownKeys = (o: object) => {
      try {
        return Reflect.ownKeys(o);
      } catch (error) {
        return String(error);
      }
    };
    const kx = ownKeys(x);
    const ky = ownKeys(y);
    if (typeof kx === 'string' || typeof ky === 'string') {
      if (kx !== ky) diffs.push(`${at}: own keys ${String(kx)} vs ${String(ky)}`);
      continue;
    }
    if (kx.map(keyName).join() !== ky.map(keyName).join()) {
      diffs.push(`${at}: own keys ${kx.map(keyName).join()} vs ${ky.map(keyName).join()}`);
      continue;
    }
    if (Object.keys(x).join('\u0000') !== Object.keys(y).join('\u0000')) diffs.push(`${at}: Object.keys`);
    if (!Array.isArray(x)) {
      const fx: string[] = [];
      const fy: string[] = [];
      for (const k in x) fx.push(k);
      for (const k in y) fy.push(k);
      if (fx.join('\u0000') !== fy.join('\u0000')) diffs.push(`${at}: for-in order`);
    }
    for (let i = kx.length - 1; i >= 0; i--) {
      const k = kx[i];
      // (Parsers.Yaml's order arrays can name keys the object does not have: "__proto__".)
      const dx = Reflect.getOwnPropertyDescriptor(x, k);
      const dy = Reflect.getOwnPropertyDescriptor(y, k);
      const flags = (d: PropertyDescriptor | undefined) => (d ? `${d.writable}${d.enumerable}${d.configurable}${'get' in d}` : 'none');
      if (flags(dx) !== flags(dy)) diffs.push(`${at}[${keyName(k)}]: descriptor ${flags(dx)} vs ${flags(dy)}`);
      if (dx === undefined || dy === undefined) continue;
      if (typeof k === 'symbol') {
        const ox = Array.isArray(dx.value) ? dx.value.map(keyName).join() : String(dx.value);
        const oy = Array.isArray(dy.value) ? dy.value.map(keyName).join() : String(dy.value);
        if (ox !== oy) diffs.push(`${at}[${keyName(k)}]: ${ox} vs ${oy}`);
      } else if (!(Array.isArray(x) && k === 'length')) {
        stack.push([dx.value, dy.value, `${at}[${keyName(k)}]`]);
      }
    }
  }
  return diffs;
}

/** Every path of a parsed document, in document order (the root first). */
export function allPaths(data: unknown): Segment[][] {
  const out: Segment[][] = [];
  const stack: [unknown, Segment[]][] = [[data, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [any, Segment[]];
    out.push(path);
    if (value === null || typeof value !== 'object') continue;
    let keys: Segment[];
    try {
      keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    } catch {
      keys = []; // a broken Parsers.Yaml object (see dataDiffs)
    }
    for (let i = keys.length - 1; i >= 0; i--) stack.push([value[keys[i]], [...path, keys[i]]]);
  }
  return out;
}

/** A deterministic pseudo-random sequence (mulberry32). */
export function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paths to ask locations for: all of them, or `max` sampled deterministically (the root, and
 * the last path, always), each with variants: an index as a string (and as " 1", "1.0", ""),
 * an integer-like key as a number, and paths that do not exist (a missing key, an index past
 * the end, -1, a step through a scalar).
 */
export function pathsToLocate(data: unknown, max: number, seed: number): Segment[][] {
  const paths = allPaths(data);
  let chosen = paths;
  if (paths.length > max) {
    const next = random(seed);
    chosen = [paths[0], paths[paths.length - 1]];
    for (let i = 2; i < max; i++) chosen.push(paths[Math.floor(next() * paths.length)]);
  }
  const valueAt = (path: Segment[]) => path.reduce((v: any, k) => v[k], data);
  const out: Segment[][] = [];
  for (const path of chosen) {
    out.push(path);
    const value = valueAt(path);
    const last = path[path.length - 1];
    const parent = path.slice(0, -1);
    if (typeof last === 'number') {
      out.push([...parent, String(last)]);
      if (last === 1) out.push([...parent, ' 1'], [...parent, '1.0'], [...parent, '0x1']);
      if (last === 0) out.push([...parent, ''], [...parent, -0], [...parent, '-0']);
    } else if (typeof last === 'string' && /^\d+$/.test(last)) {
      out.push([...parent, Number(last)]);
    }
    if (Array.isArray(value)) out.push([...path, value.length], [...path, -1], [...path, 1.5], [...path, 'length']);
    else if (value !== null && typeof value === 'object') out.push([...path, '\u0000missing'], [...path, 0]);
    else out.push([...path, 'x'], [...path, 0], [...path, 'x', 'y']);
  }
  return out;
}

/**
 * Locations that differ (at most `max`), as "path: yaml vs fast", the fast parser asked with
 * each of `closest` (Parsers.Yaml ignores that argument: so must the fast parser).
 */
export function locationDiffsFor(parser: IParser<any>, yaml: AnyResult, fast: AnyResult, paths: Segment[][], closest: boolean[], max = 10): string[] {
  const diffs: string[] = [];
  for (const path of paths) {
    const expected = JSON.stringify(Parsers.Yaml.getLocationForJsonPath(yaml, path));
    for (const c of closest) {
      const actual = JSON.stringify(parser.getLocationForJsonPath(fast, path, c));
      if (expected !== actual) {
        diffs.push(`${JSON.stringify(path)}${closest.length > 1 ? ` (closest ${c})` : ''}: ${expected} vs ${actual}`);
        if (diffs.length >= max) return diffs;
      }
    }
  }
  return diffs;
}
