/**
 * FastJson: a drop-in for Spectral's `Parsers.Yaml` on JSON documents, with the very same
 * observable results at a fraction of the cost.
 *
 * Why: `spectral lint` (and DocumentLinter.lint) parses every document, JSON included, with
 * `Parsers.Yaml` (@stoplight/yaml over @stoplight/yaml-ast-parser): on the large JSON
 * documents of the corpus that is 150–350 ms per document (a full YAML AST, one object per
 * token), where `JSON.parse` takes 5–20 ms. FastJson parses with `JSON.parse`, checks the
 * text in one pass, computes locations lazily from the text, and hands the input to
 * `Parsers.Yaml` whenever it cannot guarantee the same result.
 *
 * What is identical to `Parsers.Yaml` (test/action/fast-json.test.ts proves it on the corpus,
 * down to the results of a real lint, on hand-written edge cases and on generated documents):
 *  - `parse(text).data`: same values (numbers, strings, escapes), same key order as seen by
 *    Object.keys / for-in / Reflect.ownKeys, and the same objects: every JSON object becomes,
 *    as in @stoplight/yaml with `preserveKeyOrder`, an @stoplight/ordered-object-literal
 *    proxy whose order array is `[ORDER_KEY, ...keys in document order]` (so integer-like
 *    keys such as response codes keep their document order, and `trapAccess`, the library's
 *    getOrder/setOrder and copies made by the resolver behave the same); arrays are plain.
 *  - `parse(text).diagnostics`: `[]`, or for a text with tabs the warnings the YAML parser
 *    gives them (see tabDiagnostics); `metadata` (the options Parsers.Yaml passes) and
 *    `comments` (`{}`). `ast` and `lineMap` are accessors computed on first read (the YAML
 *    AST by a full `Parsers.Yaml.parse`, the line map as @stoplight/yaml computes it):
 *    Spectral never reads them, but Parsers.Yaml.getLocationForJsonPath works on a FastJson
 *    result thanks to them.
 *  - `getLocationForJsonPath(result, path)`: exactly what @stoplight/yaml's returns for the
 *    same text and path, for every path, quirks included: a container value of a property
 *    starts one character after the key's closing quote (a scalar value at its first
 *    character), a container ends where its last descendant scalar ends (or after the closing
 *    bracket of its last descendant that is empty; an empty root ends at the end of the text),
 *    the root starts at 0 when it begins the second line, lines are counted on "\n" only
 *    (CRLF leaves "\r" at the end of a line; a lone "\r" does not end one), offsets after a
 *    byte-order mark are one less than in the text (the YAML parser drops it, the line map
 *    counts it); a path that does not exist gives `undefined` (the `closest` argument is
 *    ignored, as Parsers.Yaml ignores it), a number never matches an object key, an array
 *    index matches through `Number(segment)` (so "1", " 1", "1.0" and 1 are index 1, "" is 0).
 *    Nothing is built up front: the first lookup under a container scans the text of that
 *    container once (nested values are skipped in O(1) with the bracket table built while
 *    parsing), and offsets become line/character through @stoplight/yaml's own
 *    `lineForPosition` over a line map computed on the first lookup.
 *  - `trapAccess`: Parsers.Yaml's.
 *
 * When FastJson hands the input to Parsers.Yaml (the result is then Parsers.Yaml's own, and
 * getLocationForJsonPath delegates to Parsers.Yaml for it):
 *  - the text is not JSON (JSON.parse throws: YAML, JSON with comments or trailing commas,
 *    ...), or its top-level value is not an object or an array;
 *  - a line break between a key and its colon (the YAML parser then reads the key alone);
 *  - duplicate keys (Parsers.Yaml reports them; detected by counting the colons outside
 *    strings against the keys JSON.parse kept);
 *  - a `__proto__` key (the YAML parser assigns it through the prototype setter: the value
 *    becomes the object's prototype, and later keys land on it) or a `<<` key (Parsers.Yaml
 *    runs with `mergeKeys: true`: `<<` merges its value into the object);
 *  - nesting deeper than MAX_DEPTH (Parsers.Yaml recurses once per level and overflows a
 *    default stack somewhere between 1,000 and 2,000 levels: deep documents behave exactly as
 *    they do with Parsers.Yaml, RangeError included);
 *  - a negative integer of 16+ digits that parseInt (what the YAML parser uses) rounds
 *    differently from JSON.parse (never seen with V8, checked anyway);
 *  - the self-test fails (FastJson's objects would not behave as Parsers.Yaml's: another
 *    version of ordered-object-literal), or any unexpected internal error.
 * FastJson.parse throws only when Parsers.Yaml.parse throws for the same input (deep nesting,
 * `"<<": [null]`); getLocationForJsonPath never throws (it returns what Parsers.Yaml returns,
 * or `undefined` where Parsers.Yaml would throw: a Symbol segment for an array).
 *
 * What FastJson shares with FastYaml (action/fast-yaml.ts: the same idea for YAML documents)
 * lives in action/parser-common.ts: the ordered objects and the self-test, the result's shape,
 * line maps and getLoc, the location registry behind getLocationForJsonPath, and
 * `parserWithResult` (re-exported here).
 *
 * The action (action/lint.ts) calls `parseFastJson` on content that looks like JSON
 * (`looksLikeJson`), then FastYaml, then Parsers.Yaml.
 */
import * as Parsers from '@stoplight/spectral-parsers';
import type { IParser } from '@stoplight/spectral-parsers';
import { looksLikeJson } from './limits';
import {
  computeLineMap,
  Fallback,
  getLoc,
  locate,
  type Location,
  makeResult,
  MAX_DEPTH,
  ordered,
  orderKey,
  registerLocator,
  type Result,
  type Segment,
  selfTest,
} from './parser-common';

export { MAX_DEPTH, parserWithResult } from './parser-common';

const hasOwn = Object.prototype.hasOwnProperty;

/** The probe of the self-test (see parser-common's selfTest). */
const PROBE = '{"b": 1, "10": {"x": [1, {"2": 2, "1": 1}]}, "a": {}}';

/** Checks, once, that FastJson's objects are Parsers.Yaml's (parser-common's selfTest). */
function ready(): boolean {
  return selfTest('FastJson', PROBE, (probe) => attempt(probe, true).result?.data);
}

// -----------------------------------------------------------------------------------------
// The text: a bracket table (built once, while checking the text) and lazily scanned containers
// -----------------------------------------------------------------------------------------

/** The direct members of one object or array, in document order. */
interface Container {
  isObject: boolean;
  /** Object keys, decoded (objects only). */
  keys: string[];
  /** Offset just after each key's closing quote (objects only). */
  keyEnd: number[];
  /** Offset of each value's first character. */
  valueStart: number[];
  /** Offset just after each value (after the closing bracket for containers). */
  valueEnd: number[];
  /** Container index of each value, or -1 for a scalar. */
  child: number[];
  /** Key -> member, built on the first lookup. */
  byKey?: Map<string, number>;
}

/**
 * Offset of the quote that closes the string opening at `open` (a quote preceded by an odd
 * number of backslashes is escaped), or -1.
 */
function closingQuote(src: string, open: number): number {
  let j = src.indexOf('"', open + 1);
  while (j > 0 && src.charCodeAt(j - 1) === 92) {
    let b = j - 2;
    while (src.charCodeAt(b) === 92) b--;
    if ((j - 1 - b) % 2 === 0) break;
    j = src.indexOf('"', j + 1);
  }
  return j;
}

/**
 * Index of a JSON text that JSON.parse accepted. Containers are numbered in document order
 * (pre-order, the root is 0): `open[k]`/`close[k]` are the offsets of container k's brackets,
 * `next[k]` the number of the first container after it (its next sibling, if any).
 * `src` is the input without its byte-order mark, if it has one: like the YAML parser, which
 * drops it, FastJson counts offsets in `src`, but lines in the whole `input`.
 */
class JsonText {
  private lines: number[] | undefined;
  private readonly containers: (Container | undefined)[] = [];
  private yamlResult: Result | undefined;

  constructor(
    readonly input: string,
    readonly src: string,
    readonly open: number[],
    readonly close: number[],
    readonly next: number[],
  ) {}

  /** @stoplight/yaml's lineMap: the offset after each "\n", then length + 1. */
  lineMap(): number[] {
    this.lines ??= computeLineMap(this.input);
    return this.lines;
  }

  /** Parsers.Yaml's result for the same text (for `ast`, and as a safety net), computed once. */
  yaml(): Result {
    this.yamlResult ??= Parsers.Yaml.parse(this.input);
    return this.yamlResult;
  }

  /** Offset of the closing quote of the string opening at `i`. */
  private stringEnd(i: number): number {
    const j = closingQuote(this.src, i);
    if (j < 0) throw new Error('unterminated string');
    return j;
  }

  private skipWs(i: number): number {
    const src = this.src;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return i;
    }
  }

  /** Members of container k (scanned once: siblings' values are skipped with the bracket table). */
  container(k: number): Container {
    const known = this.containers[k];
    if (known) return known;
    const { src, open, close, next } = this;
    const isObject = src.charCodeAt(open[k]) === 123;
    const c: Container = { isObject, keys: [], keyEnd: [], valueStart: [], valueEnd: [], child: [] };
    const end = close[k];
    let childK = k + 1;
    let i = this.skipWs(open[k] + 1);
    while (i < end) {
      let ch: number;
      if (isObject) {
        const q = this.stringEnd(i);
        const raw = src.slice(i + 1, q);
        c.keys.push(raw.indexOf('\\') === -1 ? raw : (JSON.parse(src.slice(i, q + 1)) as string));
        c.keyEnd.push(q + 1);
        i = this.skipWs(q + 1);
        if (src.charCodeAt(i) !== 58) throw new Error(`expected ':' at ${i}`);
        i = this.skipWs(i + 1);
      }
      ch = src.charCodeAt(i);
      c.valueStart.push(i);
      if (ch === 123 || ch === 91) {
        if (open[childK] !== i) throw new Error(`bracket table out of step at ${i}`);
        c.child.push(childK);
        i = close[childK] + 1;
        childK = next[childK];
      } else {
        c.child.push(-1);
        if (ch === 34) i = this.stringEnd(i) + 1;
        else {
          i++;
          for (;;) {
            ch = src.charCodeAt(i);
            if (ch === 44 || ch === 125 || ch === 93 || ch === 32 || ch === 10 || ch === 13 || ch === 9 || i >= end) break;
            i++;
          }
        }
      }
      c.valueEnd.push(i);
      i = this.skipWs(i);
      if (src.charCodeAt(i) === 44) i = this.skipWs(i + 1);
      else if (i !== end) throw new Error(`expected ',' at ${i}`);
    }
    this.containers[k] = c;
    return c;
  }

  /**
   * Where @stoplight/yaml's getEndPosition puts the end of a container closing at `close`:
   * the end of its last descendant scalar, or after the closing bracket of the last
   * descendant that is empty (the root's own end, when empty, is the end of the input).
   */
  private deepEnd(close: number, isRoot: boolean): number {
    const src = this.src;
    let c = close;
    let atRoot = isRoot;
    for (;;) {
      let p = c - 1;
      for (;;) {
        const ch = src.charCodeAt(p);
        if (ch === 32 || ch === 10 || ch === 13 || ch === 9) p--;
        else break;
      }
      const ch = src.charCodeAt(p);
      if (ch === 123 || ch === 91) return atRoot ? this.input.length : c + 1;
      if (ch === 125 || ch === 93) {
        c = p;
        atRoot = false;
        continue;
      }
      return p + 1;
    }
  }

  /** @stoplight/yaml's getLocationForJsonPath(ast, path), from the text. */
  locate(path: Iterable<unknown>): Location | undefined {
    let k = 0;
    let isRoot = true;
    let isContainer = true;
    let inMapping = false;
    let keyEnd = -1;
    let scalarStart = -1;
    let scalarEnd = -1;
    for (const segment of path) {
      if (!isContainer) return undefined;
      const c = this.container(k);
      let m: number;
      if (c.isObject) {
        // findNodeAtPath: `item.key.value === segment`, key values being strings.
        if (typeof segment !== 'string') return undefined;
        if (c.byKey === undefined) {
          c.byKey = new Map();
          for (let i = 0; i < c.keys.length; i++) c.byKey.set(c.keys[i], i);
        }
        const found = c.byKey.get(segment);
        if (found === undefined) return undefined;
        m = found;
        inMapping = true;
        keyEnd = c.keyEnd[m];
      } else {
        // findNodeAtPath: `i === Number(segment)` for i in 0..items.length-1.
        const length = c.valueStart.length;
        if (length === 0) return undefined;
        const n = Number(segment);
        if (!(Number.isInteger(n) && n >= 0 && n < length)) return undefined;
        m = n === 0 ? 0 : n;
        inMapping = false;
      }
      isRoot = false;
      const child = c.child[m];
      if (child >= 0) {
        k = child;
      } else {
        isContainer = false;
        scalarStart = c.valueStart[m];
        scalarEnd = c.valueEnd[m];
      }
    }
    const lineMap = this.lineMap();
    let start: number;
    let end: number;
    if (!isContainer) {
      start = scalarStart;
      end = scalarEnd;
    } else if (isRoot) {
      const rootStart = this.open[0];
      start = (lineMap.length > 0 ? lineMap[0] : 0) - rootStart === 0 ? 0 : rootStart;
      end = this.deepEnd(this.close[0], true);
    } else {
      start = inMapping ? keyEnd + 1 : this.open[k];
      end = this.deepEnd(this.close[k], false);
    }
    return getLoc(lineMap, start, end);
  }
}

// -----------------------------------------------------------------------------------------
// Parsing
// -----------------------------------------------------------------------------------------

/**
 * One pass over a text JSON.parse accepted: the bracket table, the number of colons outside
 * strings (= the number of keys written), and the conditions under which the YAML parser
 * would not read the text as JSON does.
 */
function scanText(input: string, src: string): { text: JsonText; colons: number } {
  const open: number[] = [];
  const close: number[] = [];
  const next: number[] = [];
  const stack: number[] = [];
  let depth = 0;
  let colons = 0;
  let afterString = -1;
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c <= 32) continue;
    switch (c) {
      case 34: {
        // '"': to the closing quote.
        const j = closingQuote(src, i);
        if (j < 0) throw new Fallback('unterminated string');
        i = j;
        afterString = j + 1;
        break;
      }
      case 58: // ':'
        colons++;
        for (let p = afterString; p < i; p++) {
          const w = src.charCodeAt(p);
          if (w === 10 || w === 13) throw new Fallback('a line break between a key and its colon');
        }
        break;
      case 123: // '{'
      case 91: // '['
        if (++depth > MAX_DEPTH) throw new Fallback(`nesting deeper than ${MAX_DEPTH}`);
        stack.push(open.length);
        open.push(i);
        close.push(-1);
        next.push(-1);
        break;
      case 125: // '}'
      case 93: {
        // ']'
        depth--;
        const k = stack.pop() as number;
        close[k] = i;
        next[k] = open.length;
        break;
      }
      case 45: {
        // '-': a negative number; the YAML parser reads integers with parseInt.
        let j = i + 1;
        while (j < n) {
          const d = src.charCodeAt(j);
          if (d < 48 || d > 57) break;
          j++;
        }
        const d = src.charCodeAt(j);
        if (j - i > 16 && d !== 46 && d !== 101 && d !== 69) {
          const token = src.slice(i, j);
          if (!Object.is(parseInt(token, 10), Number(token))) throw new Fallback(`parseInt rounds ${token} differently`);
        }
        i = j - 1;
        break;
      }
    }
  }
  return { text: new JsonText(input, src, open, close, next), colons };
}

type Diagnostic = Result['diagnostics'][number];

const TAB_WARNING = 'Using tabs can lead to unpredictable results';

/**
 * The diagnostics Parsers.Yaml gives a JSON text with tabs (and nothing else to report): one
 * warning "Using tabs can lead to unpredictable results" per tab the YAML parser skips as
 * separation space, at the tab (YAML lines: "\n", "\r\n" and a lone "\r" each end one;
 * columns from the line start, after a byte-order mark on the first line), in the order it
 * meets them, then sorted by line (a stable sort), as @stoplight/yaml does. Where it skips
 * tabs without a warning, or twice:
 *  - after a plain scalar (number, true, false, null), the whitespace up to the end of its
 *    line is read as part of the scalar (no warning); if the scalar's line ends there, the
 *    scalar reader skips the following lines' whitespace itself (a warning for each tab),
 *    then, if the line it stops on is indented by fewer spaces than the root's line (the
 *    flow collections' indentation), steps back to the end of the scalar, and the collection
 *    skips all that whitespace again (the tabs on the scalar's line get a warning then, the
 *    following ones a second one);
 *  - after the root, when it ends on the line it starts on, the rest of that line is skipped
 *    without a warning.
 */
function tabDiagnostics(src: string, rootClose: number): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const warn = (line: number, character: number) =>
    warnings.push({
      code: 'YAMLException',
      message: TAB_WARNING,
      severity: 1,
      range: { start: { line, character }, end: { line, character } },
    } as Diagnostic);
  let line = 0;
  let lineStart = 0;
  let lineIndent = 0;
  while (src.charCodeAt(lineIndent) === 32) lineIndent++;
  /**
   * Skips the whitespace from `i`, the YAML parser's way: returns where it ends; calls
   * `onTab(line, column)` for each tab, updates line, lineStart and lineIndent (the spaces
   * that begin the last line entered). With `sameLineOnly`, stops at a line break.
   */
  const skip = (i: number, onTab: ((l: number, c: number) => void) | null, sameLineOnly = false): number => {
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 32) i++;
      else if (c === 9) {
        if (onTab) onTab(line, i - lineStart);
        i++;
      } else if ((c === 10 || c === 13) && !sameLineOnly) {
        i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        lineStart = i;
        lineIndent = 0;
        while (src.charCodeAt(i + lineIndent) === 32) lineIndent++;
      } else return i;
    }
  };
  // Before the root.
  let i = skip(0, warn);
  const rootIndent = lineIndent;
  const rootLine = line;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      // A string (no line breaks in JSON strings).
      let j = src.indexOf('"', i + 1);
      while (src.charCodeAt(j - 1) === 92) {
        let b = j - 2;
        while (src.charCodeAt(b) === 92) b--;
        if ((j - 1 - b) % 2 === 0) break;
        j = src.indexOf('"', j + 1);
      }
      i = skip(j + 1, warn);
    } else if (c === 123 || c === 91 || c === 44 || c === 58 || ((c === 125 || c === 93) && i !== rootClose)) {
      i = skip(i + 1, warn);
    } else if (c === 125 || c === 93) {
      // The root's closing bracket.
      i++;
      if (line === rootLine) i = skip(i, null, true);
      i = skip(i, warn);
    } else {
      // A plain scalar: to its end, then the rest of its line, silently.
      let j = i + 1;
      for (;;) {
        const d = src.charCodeAt(j);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13 || j >= n) break;
        j++;
      }
      const scalarLine = line;
      const scalarLineStart = lineStart;
      const scalarEnd = j;
      const eol = skip(j, null, true);
      const e = src.charCodeAt(eol);
      if (e !== 10 && e !== 13) {
        i = eol;
        continue;
      }
      const later: [number, number][] = [];
      const end = skip(eol, (l, col) => later.push([l, col]));
      for (const [l, col] of later) warn(l, col);
      if (lineIndent < rootIndent) {
        // Back to the end of the scalar, and the whole whitespace again.
        const [endLine, endLineStart, endIndent] = [line, lineStart, lineIndent];
        line = scalarLine;
        lineStart = scalarLineStart;
        skip(scalarEnd, warn, true);
        for (const [l, col] of later) warn(l, col);
        [line, lineStart, lineIndent] = [endLine, endLineStart, endIndent];
      }
      i = end;
    }
  }
  // Stable, by line (as parseWithPointers sorts its diagnostics).
  return warnings.sort((a, b) => a.range.start.line - b.range.start.line);
}

/**
 * Turns JSON.parse's objects into what @stoplight/yaml builds: ordered-object-literal proxies
 * over the same objects, order `[ORDER_KEY, ...keys in document order]`. Walks in document
 * order, so the k-th container met is container k of the text (checked), whose members give
 * the document order of objects with integer-like keys (Object.keys puts those first).
 * Returns the number of keys kept (fewer than the colons written when keys are duplicated).
 */
function orderedData(root: object, text: JsonText): { data: unknown; keys: number } {
  const src = text.src;
  const open = text.open;
  const ORDER_KEY = orderKey() as symbol;
  let k = 0;
  let keyCount = 0;
  const visit = (value: any): any => {
    const index = k++;
    if (Array.isArray(value)) {
      if (src.charCodeAt(open[index]) !== 91) throw new Fallback('containers out of step');
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'object' && item !== null) value[i] = visit(item);
      }
      return value;
    }
    if (src.charCodeAt(open[index]) !== 123) throw new Fallback('containers out of step');
    let keys = Object.keys(value);
    keyCount += keys.length;
    if (hasOwn.call(value, '__proto__')) throw new Fallback('a __proto__ key');
    if (hasOwn.call(value, '<<')) throw new Fallback('a << (merge) key');
    if (keys.length > 1) {
      const first = keys[0].charCodeAt(0);
      // Integer-like keys (array indexes) come first in Object.keys: take the document's order.
      if (first >= 48 && first <= 57) {
        keys = text.container(index).keys.slice();
        if (keys.length !== Object.keys(value).length) throw new Fallback('duplicate keys');
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const item = value[key];
      if (typeof item === 'object' && item !== null) value[key] = visit(item);
    }
    const order: (string | symbol)[] = keys;
    order.unshift(ORDER_KEY);
    return ordered(value, order);
  };
  const data = visit(root);
  return { data, keys: keyCount };
}

/** Texts indexed by the results FastJson made itself. */
const texts = new WeakMap<object, JsonText>();

type Attempt = { result: Result; reason?: undefined } | { result?: undefined; reason: string };

function attempt(input: string, testing = false): Attempt {
  try {
    if (!testing && !ready()) return { reason: 'the self-test failed: FastJson\'s objects would differ from Parsers.Yaml\'s' };
    // The YAML parser drops a byte-order mark (JSON.parse does not accept one).
    const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    let parsed: unknown;
    try {
      parsed = JSON.parse(src);
    } catch {
      return { reason: 'not JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null) return { reason: 'the top-level value is not an object or an array' };
    const { text, colons } = scanText(input, src);
    if (text.open.length === 0 || text.open[0] !== src.search(/[^ \t\r\n]/)) return { reason: 'unexpected top level' };
    const { data, keys } = orderedData(parsed, text);
    if (keys !== colons) return { reason: 'duplicate keys' };
    const diagnostics = src.indexOf('\t') === -1 ? [] : tabDiagnostics(src, text.close[0]);
    const result = makeResult(data, diagnostics, () => text.yaml().ast, () => text.lineMap());
    texts.set(result, text);
    registerLocator(result, text);
    return { result };
  } catch (error) {
    return { reason: error instanceof Fallback ? error.reason : `internal error: ${String(error)}` };
  }
}

/**
 * Why FastJson would hand this input to Parsers.Yaml, or undefined when it parses it itself
 * (for tests and diagnostics; parses the input).
 */
export function fastJsonFallbackReason(input: string): string | undefined {
  return typeof input === 'string' ? attempt(input).reason : 'not a string';
}

/** Whether a parser result was made by FastJson's fast path (rather than by Parsers.Yaml). */
export function isFastJsonResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && texts.has(result);
}

/**
 * FastJson's own parse of a text, or undefined when it would hand the text to Parsers.Yaml.
 * A result means the text is valid JSON (so it has no YAML anchors or aliases); pass it on
 * with `parserWithResult` instead of parsing twice.
 */
export function parseFastJson(input: string): Result | undefined {
  return typeof input === 'string' && looksLikeJson(input) ? attempt(input).result : undefined;
}


function parse(input: string): Result {
  if (typeof input === 'string') {
    const { result } = attempt(input);
    if (result) return result;
  }
  return Parsers.Yaml.parse(input);
}

function getLocationForJsonPath(result: Result, path: readonly Segment[]): Location | undefined {
  return locate(result, path);
}

/**
 * Spectral parser for JSON documents, observably identical to `Parsers.Yaml` (see above);
 * use it wherever `Parsers.Yaml` is used: `new Document(content, FastJson, file)`.
 */
export const FastJson: IParser<Result> = {
  parse,
  getLocationForJsonPath: getLocationForJsonPath as IParser<Result>['getLocationForJsonPath'],
  trapAccess: Parsers.Yaml.trapAccess,
};
