/**
 * FastYaml: a drop-in for Spectral's `Parsers.Yaml` on YAML documents, with the very same
 * observable results at a fraction of the cost.
 *
 * Why: Parsers.Yaml (@stoplight/yaml's parseWithPointers over @stoplight/yaml-ast-parser)
 * builds a full AST (one object per node, per mapping pair, per line), then walks it to build
 * the data: on the 4 MB Stripe description that is 600–900 ms in a fresh process. FastYaml
 * parses the text once, building the data directly and recording each node's positions in
 * typed arrays (no AST), and hands the input to `Parsers.Yaml` whenever it cannot guarantee the
 * same result.
 *
 * How it stays identical: the parser below is a port of yaml-ast-parser's loader (its
 * composeNode, readBlockMapping, readBlockSequence, readFlowCollection, readPlainScalar,
 * readSingleQuotedScalar, readDoubleQuotedScalar, readBlockScalar and skipSeparationSpace,
 * same control flow, same state: position, line, lineStart, lineIndent), restricted to the
 * YAML subset real API descriptions use; wherever the loader would record an error or a
 * warning, or meets something outside the subset, FastYaml stops and falls back. So the
 * values, and the start/end positions it records, are the ones the AST would have:
 *  - `data`: scalars typed as @stoplight/yaml's walkAST does (yaml-ast-parser's own
 *    determineScalarType, parseYamlBoolean, parseYamlBigInteger, parseYamlFloat; big integers
 *    become numbers; quoted and block scalars are strings); objects are ordered-object-literal
 *    proxies with the order array `[ORDER_KEY, ...keys in document order]` (parser-common),
 *    arrays plain;
 *  - `diagnostics` `[]` (every text for which Parsers.Yaml reports anything falls back),
 *    `metadata`, `comments` `{}`, and lazy `ast` (a full Parsers.Yaml parse) and `lineMap`;
 *  - `getLocationForJsonPath(result, path)`: @stoplight/yaml's getLocationForJsonPath over
 *    the recorded positions (findNodeAtPath, getStartPosition, getEndPosition: a container
 *    value of a mapping starts at its key's end + 1, a null value is located at the pair's
 *    end, a null sequence item is not found, containers end where their last descendant ends,
 *    the root ends at the end of the text and starts at 0 when it starts the second line; the
 *    `closest` argument is ignored, as Parsers.Yaml ignores it).
 *
 * What makes it fast: no AST (positions go to typed arrays: start, end, children as linked
 * lists, a mapping pair recorded on its key), no walk over an AST (the data is built while
 * parsing), no per-line bookkeeping, scalars typed only when they can be something else than a
 * string, and native searches (indexOf, sticky regular expressions) instead of character loops
 * for line ends, colons, hashes, quotes, indentation and block scalar lines, most of a document
 * being read before V8 has optimized the parser. A lookup builds, on first use, a key map (or
 * an item list) for each container it goes through.
 *
 * The subset (anything else falls back to Parsers.Yaml, with a reason: see
 * fastYamlFallbackReason): block mappings and sequences (compact sequences too), explicit keys
 * (`? key` / `: value`) with scalar keys, flow collections (nested, on one line or more) whose
 * entries are scalars or collections and whose mapping entries all have a value, plain,
 * single- and double-quoted scalars (multi-line too), block scalars (`|`, `>`, chomping and
 * indentation indicators), comments, blank lines. It falls back on: anchors, aliases, tags,
 * directives, document markers (a line starting with `---` or `...`), keys that are not
 * strings once typed (`200:`, `true:`, `null:`: Parsers.Yaml warns about them), `__proto__`
 * and `<<` keys, duplicate keys, tabs, `\r`, a byte-order mark, non-printable characters,
 * deficient indentation, nesting deeper than MAX_DEPTH, a top-level value that is not a
 * mapping or a sequence, anything the loader reports as an error, and any internal error.
 */
import * as Parsers from '@stoplight/spectral-parsers';
import type { IParser } from '@stoplight/spectral-parsers';
import { determineScalarType, parseYamlBigInteger, parseYamlBoolean, parseYamlFloat, ScalarType } from '@stoplight/yaml-ast-parser';
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

// Node kinds in the position table.
const SCALAR = 0;
const MAP = 1;
const SEQ = 2;
/** A mapping pair, recorded on its key scalar (start/end: the key's; `val`: the value node or -1). */
const PAIR = 3;
/** A null sequence item (`-` with nothing after it). */
const NULL_ITEM = 4;

// Node contexts (the loader's).
const CONTEXT_FLOW_IN = 1;
const CONTEXT_FLOW_OUT = 2;
const CONTEXT_BLOCK_IN = 3;
const CONTEXT_BLOCK_OUT = 4;

const CHOMPING_CLIP = 1;
const CHOMPING_STRIP = 2;
const CHOMPING_KEEP = 3;

/** yaml-ast-parser's PATTERN_NON_PRINTABLE, plus what FastYaml never accepts: tabs, "\r", byte-order marks. */
const PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/**
 * What PATTERN_NON_PRINTABLE can match (any surrogate, valid pairs too), tabs, "\r" and
 * byte-order marks: one fast pass (PATTERN_NON_PRINTABLE itself is slow on large texts).
 */
const PATTERN_UNUSUAL = /[\x00-\x09\x0B\x0C\x0D\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF\uFEFF]/;
/** Characters of a double-quoted scalar up to a quote, a backslash or a line break (or the final "\0"). */
const DOUBLE_QUOTED_RUN = /[^"\\\n\0]*/y;
/** Strings of 0 to 64 spaces. */
const SPACES = Array.from({ length: 65 }, (_, i) => ' '.repeat(i));
/** A line starting with a document marker (the loader ends or starts documents there). */
const PATTERN_DOCUMENT_MARKER = /(?:^|\n)(?:---|\.\.\.)/;

function isWsOrEol(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function fromHexCode(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lc = c | 0x20;
  if (lc >= 0x61 && lc <= 0x66) return lc - 0x61 + 10;
  return -1;
}

function escapedHexLen(c: number): number {
  return c === 0x78 ? 2 : c === 0x75 ? 4 : c === 0x55 ? 8 : 0;
}

/** The loader's simpleEscapeSequence. */
function simpleEscape(c: number): string {
  switch (c) {
    case 0x30:
      return '\x00';
    case 0x61:
      return '\x07';
    case 0x62:
      return '\x08';
    case 0x74:
    case 0x09:
      return '\x09';
    case 0x6e:
      return '\x0A';
    case 0x76:
      return '\x0B';
    case 0x66:
      return '\x0C';
    case 0x72:
      return '\x0D';
    case 0x65:
      return '\x1B';
    case 0x20:
      return ' ';
    case 0x22:
      return '\x22';
    case 0x2f:
      return '/';
    case 0x5c:
      return '\x5C';
    case 0x4e:
      return '\x85';
    case 0x5f:
      return '\xA0';
    case 0x4c:
      return '\u2028';
    case 0x50:
      return '\u2029';
    default:
      return '';
  }
}

function charFromCodepoint(c: number): string {
  if (c <= 0xffff) return String.fromCharCode(c);
  return String.fromCharCode(((c - 0x010000) >> 10) + 0xd800, ((c - 0x010000) & 0x03ff) + 0xdc00);
}

/** The loader's writeFoldedLines. */
function folded(count: number): string {
  return count === 1 ? ' ' : count > 1 ? '\n'.repeat(count - 1) : '';
}

/**
 * A plain scalar's value as @stoplight/yaml's getScalarValue types it (through
 * yaml-ast-parser's own functions), big integers as numbers (walkAST without bigInt).
 */
function plainValue(value: string): unknown {
  const c = value.charCodeAt(0);
  // Only these can be a null, a boolean, an integer or a float (see determineScalarType): the
  // empty string, "~", words of up to 5 letters starting with n, N, t, T, f or F (null, true,
  // false in their three spellings), and what starts with a digit, "-", "+" or ".".
  if (
    value.length !== 0 &&
    !(c >= 0x30 && c <= 0x39) &&
    c !== 0x2d && // -
    c !== 0x2b && // +
    c !== 0x2e && // .
    !(value.length === 1 && c === 0x7e) && // ~
    !(value.length <= 5 && (c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46))
  ) {
    return value;
  }
  // The most common ones, as determineScalarType would type them (without its list and regexes).
  if (value === 'true' || value === 'false') return parseYamlBoolean(value);
  if (value === 'null') return null;
  // Digits only (maxLength: 5000): determineScalarType says int (base10).
  let digits = value.length !== 0;
  for (let i = 0; digits && i < value.length; i++) {
    const d = value.charCodeAt(i);
    digits = d >= 0x30 && d <= 0x39;
  }
  if (digits) {
    const n = parseYamlBigInteger(value) as number | bigint;
    return typeof n === 'bigint' ? Number(n) : n;
  }
  switch (determineScalarType({ plainScalar: true, value } as never)) {
    case ScalarType.null:
      return null;
    case ScalarType.bool:
      return parseYamlBoolean(value);
    case ScalarType.int: {
      const n = parseYamlBigInteger(value) as number | bigint;
      return typeof n === 'bigint' ? Number(n) : n;
    }
    case ScalarType.float:
      return parseYamlFloat(value);
    default:
      return String(value);
  }
}

// -----------------------------------------------------------------------------------------
// The parser: yaml-ast-parser's loader, ported
// -----------------------------------------------------------------------------------------

/**
 * One parse. `s` is the text as the loader reads it: a "\n" appended when the text does not
 * end with a line break, then "\0". Nodes are recorded in typed arrays (see the kinds above):
 * start and end positions as the AST has them, children as linked lists (first, last, next).
 */
class YamlParser {
  readonly s: string;
  pos = 0;
  line = 0;
  lineStart = 0;
  lineIndent = 0;
  depth = 0;

  /** The last composed node (the loader's state.result; -1 for none) and its data. */
  res = -1;
  val: unknown = undefined;

  n = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** PAIR: the value node, or -1 for a null value. */
  pairValue: Int32Array;
  first: Int32Array;
  last: Int32Array;
  next: Int32Array;
  /** PAIR: the key (set for pairs only). */
  keys: string[] = [];

  private readonly ORDER_KEY: symbol;

  constructor(text: string) {
    const last = text.charCodeAt(text.length - 1);
    this.s = `${text}${last === 0x0a || last === 0x0d ? '' : '\n'}\0`;
    this.kind = new Uint8Array(0);
    this.start = this.end = this.pairValue = this.first = this.last = this.next = new Int32Array(0);
    // Sized once (the fields are then assigned twice already, so that V8 does not treat them as
    // constants and deoptimize the parser when they grow): a node per line and a half, roughly.
    this.allocate(Math.max(1024, text.length >> 4));
    // Every kind of value, up front (one field representation for the whole parse).
    this.val = 0.5;
    this.val = '';
    this.val = null;
    this.ORDER_KEY = orderKey() as symbol;
    // Every field the parse changes, changed once now: V8 treats a field never changed since
    // construction as a constant, and deoptimizes the code that relied on it when it changes.
    this.pos = this.line = this.lineStart = this.lineIndent = this.depth = this.res = this.n = this.indentGuess = 1;
    this.nlFrom = this.nlAt = this.colonFrom = this.colonAt = this.hashFrom = this.hashAt = 1;
    this.pos = this.line = this.lineStart = this.lineIndent = this.depth = this.n = this.indentGuess = 0;
    this.res = -1;
    this.nlFrom = this.colonFrom = this.hashFrom = 1;
    this.nlAt = this.colonAt = this.hashAt = 0;
    this.keys = [];
    this.keys = [];
  }

  private allocate(size: number): void {
    const copy = <T extends Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.kind = copy(this.kind);
    this.start = copy(this.start);
    this.end = copy(this.end);
    this.pairValue = copy(this.pairValue);
    this.first = copy(this.first);
    this.last = copy(this.last);
    this.next = copy(this.next);
  }

  private alloc(kind: number, start: number, end: number): number {
    if (this.n === this.kind.length) this.allocate(this.n * 2);
    const id = this.n++;
    this.kind[id] = kind;
    this.start[id] = start;
    this.end[id] = end;
    this.pairValue[id] = -1;
    this.first[id] = -1;
    this.last[id] = -1;
    this.next[id] = -1;
    return id;
  }

  private append(parent: number, child: number): void {
    const last = this.last[parent];
    if (last < 0) this.first[parent] = child;
    else this.next[last] = child;
    this.last[parent] = child;
  }

  // Next occurrences of a character at or after a position, cached (the scans below use native
  // indexOf rather than character loops: most of a document is read before V8 optimizes them).
  private nlFrom = 1;
  private nlAt = 0;
  private colonFrom = 1;
  private colonAt = 0;
  private hashFrom = 1;
  private hashAt = 0;
  private indentGuess = 0;

  /** The first "\n" at or after p (or the final "\0"). */
  private nextNewline(p: number): number {
    if (p < this.nlFrom || p > this.nlAt) {
      this.nlFrom = p;
      const i = this.s.indexOf('\n', p);
      this.nlAt = i < 0 ? this.s.length - 1 : i;
    }
    return this.nlAt;
  }

  /** The first ":" at or after p (or the length). */
  private nextColon(p: number): number {
    if (p < this.colonFrom || p > this.colonAt) {
      this.colonFrom = p;
      const i = this.s.indexOf(':', p);
      this.colonAt = i < 0 ? this.s.length : i;
    }
    return this.colonAt;
  }

  /** The first "#" at or after p (or the length). */
  private nextHash(p: number): number {
    if (p < this.hashFrom || p > this.hashAt) {
      this.hashFrom = p;
      const i = this.s.indexOf('#', p);
      this.hashAt = i < 0 ? this.s.length : i;
    }
    return this.hashAt;
  }

  /** The number of spaces at p (guessing the last line's indentation first). */
  private indentAt(p: number): number {
    const s = this.s;
    const k = this.indentGuess;
    if (k > 0 && k < SPACES.length && s.charCodeAt(p + k) !== 0x20 && s.startsWith(SPACES[k], p)) return k;
    let n = 0;
    while (s.charCodeAt(p + n) === 0x20) n++;
    this.indentGuess = n;
    return n;
  }

  /** The loader's skipSeparationSpace (no tabs: texts with tabs fall back). */
  private skipSeparationSpace(allowComments: boolean, checkIndent: number): number {
    const s = this.s;
    let lineBreaks = 0;
    let ch = s.charCodeAt(this.pos);
    while (ch !== 0) {
      while (ch === 0x20) ch = s.charCodeAt(++this.pos);
      if (allowComments && ch === 0x23) {
        do {
          ch = s.charCodeAt(++this.pos);
        } while (ch !== 0 && ch !== 0x0a);
      }
      if (ch === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
        lineBreaks++;
        const indent = this.indentAt(this.pos);
        this.pos += indent;
        ch = s.charCodeAt(this.pos);
        this.lineIndent = indent;
      } else {
        break;
      }
    }
    if (checkIndent !== -1 && lineBreaks !== 0 && this.lineIndent < checkIndent) throw new Fallback('deficient indentation');
    return lineBreaks;
  }

  /** The loader's readLineBreak. */
  private readLineBreak(): void {
    if (this.s.charCodeAt(this.pos) !== 0x0a) throw new Fallback('a line break is expected');
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  /** The loader's composeNode (without tags, anchors and aliases). */
  composeNode(parentIndent: number, nodeContext: number, allowToSeek: boolean, allowCompact: boolean): boolean {
    if (++this.depth > MAX_DEPTH) throw new Fallback(`nesting deeper than ${MAX_DEPTH}`);
    this.res = -1;
    this.val = undefined;
    const allowBlockStyles = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
    let allowBlockCollections = allowBlockStyles;
    let indentStatus = 1;
    let atNewLine = false;
    let hasContent = false;
    if (allowToSeek && this.skipSeparationSpace(true, -1)) {
      atNewLine = true;
      indentStatus = this.lineIndent > parentIndent ? 1 : this.lineIndent === parentIndent ? 0 : -1;
    }
    if (indentStatus === 1) {
      const ch = this.s.charCodeAt(this.pos);
      if (ch === 0x21) throw new Fallback('a tag');
      if (ch === 0x26) throw new Fallback('an anchor');
    }
    if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
    if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
      const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
      const blockIndent = this.pos - this.lineStart;
      if (indentStatus === 1) {
        // The loader tries the readers in this order; each of them but readBlockMapping reads
        // nothing unless the text starts with its indicator, so only those are called.
        const ch = this.s.charCodeAt(this.pos);
        if (allowBlockCollections && ((ch === 0x2d && this.readBlockSequence(blockIndent)) || this.readBlockMapping(blockIndent, flowIndent))) {
          hasContent = true;
        } else if ((ch === 0x5b || ch === 0x7b) && this.readFlowCollection(flowIndent)) {
          hasContent = true;
        } else if (allowBlockStyles && (ch === 0x7c || ch === 0x3e) && this.readBlockScalar(flowIndent)) {
          hasContent = true;
        } else if ((ch === 0x27 && this.readSingleQuotedScalar(flowIndent)) || (ch === 0x22 && this.readDoubleQuotedScalar(flowIndent))) {
          hasContent = true;
        } else if (ch === 0x2a) {
          throw new Fallback('an alias');
        } else if (this.readPlainScalar(flowIndent, nodeContext === CONTEXT_FLOW_IN)) {
          hasContent = true;
        }
      } else if (indentStatus === 0) {
        hasContent = allowBlockCollections && this.readBlockSequence(blockIndent);
      }
    }
    this.depth--;
    return hasContent;
  }

  /**
   * composeNode(flowIndent, CONTEXT_FLOW_OUT, false, true) for an implicit key; when the key
   * starts with a letter, a digit or one of "_$/.", that is readPlainScalar(flowIndent, false).
   */
  private composeKey(flowIndent: number): boolean {
    const ch = this.s.charCodeAt(this.pos);
    if (
      this.depth < MAX_DEPTH &&
      ((ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x30 && ch <= 0x39) || ch === 0x5f || ch === 0x24 || ch === 0x2f || ch === 0x2e)
    ) {
      this.res = -1;
      this.val = undefined;
      return this.readBlockPlainScalar(flowIndent);
    }
    return this.composeNode(flowIndent, CONTEXT_FLOW_OUT, false, true);
  }

  /** The loader's readPlainScalar; sets res and val (typed). */
  private readPlainScalar(nodeIndent: number, withinFlowCollection: boolean): boolean {
    const s = this.s;
    let ch = s.charCodeAt(this.pos);
    if (
      isWsOrEol(ch) ||
      isFlowIndicator(ch) ||
      ch === 0x23 ||
      ch === 0x26 ||
      ch === 0x2a ||
      ch === 0x21 ||
      ch === 0x7c ||
      ch === 0x3e ||
      ch === 0x27 ||
      ch === 0x22 ||
      ch === 0x25 ||
      ch === 0x40 ||
      ch === 0x60
    ) {
      return false;
    }
    if (ch === 0x3f || ch === 0x2d) {
      const following = s.charCodeAt(this.pos + 1);
      if (isWsOrEol(following) || (withinFlowCollection && isFlowIndicator(following))) return false;
    }
    if (!withinFlowCollection) return this.readBlockPlainScalar(nodeIndent);
    const start = this.pos;
    let captureStart = this.pos;
    let captureEnd = this.pos;
    let hasPendingContent = false;
    let value = '';
    let multiLine = false;
    let _line = 0;
    while (ch !== 0) {
      if (ch === 0x3a) {
        const following = s.charCodeAt(this.pos + 1);
        if (isWsOrEol(following) || (withinFlowCollection && isFlowIndicator(following))) break;
      } else if (ch === 0x23) {
        if (isWsOrEol(s.charCodeAt(this.pos - 1))) break;
      } else if (withinFlowCollection && isFlowIndicator(ch)) {
        break;
      } else if (ch === 0x0a) {
        _line = this.line;
        const _lineStart = this.lineStart;
        const _lineIndent = this.lineIndent;
        this.skipSeparationSpace(false, -1);
        if (this.lineIndent >= nodeIndent) {
          hasPendingContent = true;
          ch = s.charCodeAt(this.pos);
          continue;
        } else {
          this.pos = captureEnd;
          this.line = _line;
          this.lineStart = _lineStart;
          this.lineIndent = _lineIndent;
          break;
        }
      }
      if (hasPendingContent) {
        value += s.slice(captureStart, captureEnd) + folded(this.line - _line);
        multiLine = true;
        captureStart = captureEnd = this.pos;
        hasPendingContent = false;
      }
      if (ch !== 0x20) captureEnd = this.pos + 1;
      ch = s.charCodeAt(++this.pos);
    }
    value = multiLine ? value + s.slice(captureStart, captureEnd) : s.slice(captureStart, captureEnd);
    this.res = this.alloc(SCALAR, start, captureEnd);
    this.val = plainValue(value);
    return true;
  }

  /**
   * readPlainScalar's loop outside flow collections, a line at a time: a line's part of the
   * scalar ends at the first ":" followed by a space or a line break, at the first "#" after a
   * space, or at the line break (the scalar goes on on the next non-empty line if it is
   * indented at least nodeIndent); trailing spaces are not captured.
   */
  private readBlockPlainScalar(nodeIndent: number): boolean {
    const s = this.s;
    const start = this.pos;
    let captureStart = start;
    let captureEnd = start;
    let value = '';
    let multiLine = false;
    let pending = false;
    let _line = 0;
    let p = start;
    for (;;) {
      const eol = this.nextNewline(p);
      let stop = eol;
      let c = this.nextColon(p);
      while (c < stop) {
        if (isWsOrEol(s.charCodeAt(c + 1))) {
          stop = c;
          break;
        }
        c = this.nextColon(c + 1);
      }
      let h = this.nextHash(p);
      while (h < stop) {
        if (isWsOrEol(s.charCodeAt(h - 1))) {
          stop = h;
          break;
        }
        h = this.nextHash(h + 1);
      }
      if (stop === p) {
        this.pos = p;
        break;
      }
      if (pending) {
        value += s.slice(captureStart, captureEnd) + folded(this.line - _line);
        multiLine = true;
        pending = false;
      }
      let e = stop;
      while (s.charCodeAt(e - 1) === 0x20) e--;
      captureStart = p;
      captureEnd = e;
      this.pos = stop;
      if (stop !== eol || s.charCodeAt(stop) === 0) break;
      // Most often the next line is not blank and indented less: the scalar ends here.
      const nextIndent = this.indentAt(eol + 1);
      const next = s.charCodeAt(eol + 1 + nextIndent);
      if (nextIndent < nodeIndent && next !== 0x0a) {
        this.pos = captureEnd;
        break;
      }
      _line = this.line;
      const _lineStart = this.lineStart;
      const _lineIndent = this.lineIndent;
      this.skipSeparationSpace(false, -1);
      if (this.lineIndent >= nodeIndent) {
        pending = true;
        p = this.pos;
        if (s.charCodeAt(p) === 0) break;
      } else {
        this.pos = captureEnd;
        this.line = _line;
        this.lineStart = _lineStart;
        this.lineIndent = _lineIndent;
        break;
      }
    }
    value = multiLine ? value + s.slice(captureStart, captureEnd) : s.slice(captureStart, captureEnd);
    this.res = this.alloc(SCALAR, start, captureEnd);
    this.val = plainValue(value);
    return true;
  }

  /** The loader's readSingleQuotedScalar. */
  private readSingleQuotedScalar(nodeIndent: number): boolean {
    const s = this.s;
    let ch = s.charCodeAt(this.pos);
    if (ch !== 0x27) return false;
    const start = this.pos;
    this.pos++;
    let captureStart = this.pos;
    let captureEnd = this.pos;
    let value = '';
    while ((ch = s.charCodeAt(this.pos)) !== 0) {
      if (ch === 0x27) {
        value += s.slice(captureStart, this.pos);
        ch = s.charCodeAt(++this.pos);
        if (ch === 0x27) {
          captureStart = captureEnd = this.pos;
          this.pos++;
        } else {
          this.res = this.alloc(SCALAR, start, this.pos);
          this.val = value;
          return true;
        }
      } else if (ch === 0x0a) {
        value += s.slice(captureStart, captureEnd);
        value += folded(this.skipSeparationSpace(false, nodeIndent));
        captureStart = captureEnd = this.pos;
      } else {
        // To the next quote or line break (or the end).
        const q = s.indexOf("'", this.pos);
        const nl = this.nextNewline(this.pos);
        this.pos = q >= 0 && q < nl ? q : nl;
        captureEnd = this.pos;
      }
    }
    throw new Fallback('unexpected end of the stream within a single quoted scalar');
  }

  /** The loader's readDoubleQuotedScalar. */
  private readDoubleQuotedScalar(nodeIndent: number): boolean {
    const s = this.s;
    let ch = s.charCodeAt(this.pos);
    if (ch !== 0x22) return false;
    const start = this.pos;
    this.pos++;
    let captureStart = this.pos;
    let captureEnd = this.pos;
    let value = '';
    while ((ch = s.charCodeAt(this.pos)) !== 0) {
      if (ch === 0x22) {
        value += s.slice(captureStart, this.pos);
        this.pos++;
        this.res = this.alloc(SCALAR, start, this.pos);
        this.val = value;
        return true;
      } else if (ch === 0x5c) {
        value += s.slice(captureStart, this.pos);
        ch = s.charCodeAt(++this.pos);
        let tmp: number;
        if (ch === 0x0a) {
          this.skipSeparationSpace(false, nodeIndent);
        } else if (ch < 256 && simpleEscape(ch) !== '') {
          value += simpleEscape(ch);
          this.pos++;
        } else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp;
          let hexResult = 0;
          for (; hexLength > 0; hexLength--) {
            ch = s.charCodeAt(++this.pos);
            if ((tmp = fromHexCode(ch)) >= 0) hexResult = (hexResult << 4) + tmp;
            else throw new Fallback('expected hexadecimal character');
          }
          value += charFromCodepoint(hexResult);
          this.pos++;
        } else {
          throw new Fallback('unknown escape sequence');
        }
        captureStart = captureEnd = this.pos;
      } else if (ch === 0x0a) {
        value += s.slice(captureStart, captureEnd);
        value += folded(this.skipSeparationSpace(false, nodeIndent));
        captureStart = captureEnd = this.pos;
      } else {
        // To the next quote, backslash or line break (or the end).
        DOUBLE_QUOTED_RUN.lastIndex = this.pos;
        DOUBLE_QUOTED_RUN.test(s);
        this.pos = DOUBLE_QUOTED_RUN.lastIndex;
        captureEnd = this.pos;
      }
    }
    throw new Fallback('unexpected end of the stream within a double quoted scalar');
  }

  /** The loader's readBlockScalar. */
  private readBlockScalar(nodeIndent: number): boolean {
    const s = this.s;
    let ch = s.charCodeAt(this.pos);
    let folding: boolean;
    if (ch === 0x7c) folding = false;
    else if (ch === 0x3e) folding = true;
    else return false;
    let chomping = CHOMPING_CLIP;
    let detectedIndent = false;
    let textIndent = nodeIndent;
    let emptyLines = 0;
    let atMoreIndented = false;
    let value = '';
    const start = this.pos;
    while (ch !== 0) {
      ch = s.charCodeAt(++this.pos);
      if (ch === 0x2b || ch === 0x2d) {
        if (chomping === CHOMPING_CLIP) chomping = ch === 0x2b ? CHOMPING_KEEP : CHOMPING_STRIP;
        else throw new Fallback('repeat of a chomping mode identifier');
      } else if (ch >= 0x30 && ch <= 0x39) {
        const tmp = ch - 0x30;
        if (tmp === 0) throw new Fallback('bad explicit indentation width of a block scalar');
        else if (!detectedIndent) {
          textIndent = nodeIndent + tmp - 1;
          detectedIndent = true;
        } else throw new Fallback('repeat of an indentation width identifier');
      } else {
        break;
      }
    }
    if (ch === 0x20) {
      do {
        ch = s.charCodeAt(++this.pos);
      } while (ch === 0x20);
      if (ch === 0x23) {
        do {
          ch = s.charCodeAt(++this.pos);
        } while (ch !== 0 && ch !== 0x0a);
      }
    }
    while (ch !== 0) {
      this.readLineBreak();
      let lineIndent = this.indentAt(this.pos);
      if (detectedIndent && lineIndent > textIndent) lineIndent = textIndent;
      this.pos += lineIndent;
      ch = s.charCodeAt(this.pos);
      this.lineIndent = lineIndent;
      if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
      if (ch === 0x0a) {
        emptyLines++;
        continue;
      }
      if (lineIndent < textIndent) {
        if (chomping === CHOMPING_KEEP) value += '\n'.repeat(emptyLines);
        else if (chomping === CHOMPING_CLIP && detectedIndent) value += '\n';
        break;
      }
      if (folding) {
        if (ch === 0x20) {
          atMoreIndented = true;
          value += '\n'.repeat(emptyLines + 1);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          value += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (detectedIndent) value += ' ';
        } else {
          value += '\n'.repeat(emptyLines);
        }
      } else if (detectedIndent) {
        value += '\n'.repeat(emptyLines + 1);
      }
      detectedIndent = true;
      emptyLines = 0;
      const captureStart = this.pos;
      this.pos = this.nextNewline(this.pos);
      ch = s.charCodeAt(this.pos);
      value += s.slice(captureStart, this.pos);
    }
    // The loader's end position: back over trailing spaces to a line break or other character.
    let i = this.pos - 1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || c !== 0x20) break;
      i--;
    }
    this.res = this.alloc(SCALAR, start, i);
    this.val = value;
    return true;
  }

  /** The loader's readFlowCollection (no explicit keys, no pairs in sequences, no empty entries). */
  private readFlowCollection(nodeIndent: number): boolean {
    const s = this.s;
    let ch = s.charCodeAt(this.pos);
    let terminator: number;
    let isMapping: boolean;
    if (ch === 0x5b) {
      terminator = 0x5d;
      isMapping = false;
    } else if (ch === 0x7b) {
      terminator = 0x7d;
      isMapping = true;
    } else {
      return false;
    }
    const node = this.alloc(isMapping ? MAP : SEQ, this.pos, -1);
    const items: unknown[] | undefined = isMapping ? undefined : [];
    const object: Record<string, unknown> | undefined = isMapping ? {} : undefined;
    const order: (string | symbol)[] | undefined = isMapping ? [this.ORDER_KEY] : undefined;
    let readNext = true;
    ch = s.charCodeAt(++this.pos);
    while (ch !== 0) {
      this.skipSeparationSpace(true, nodeIndent);
      ch = s.charCodeAt(this.pos);
      if (ch === terminator) {
        this.pos++;
        this.end[node] = this.pos;
        this.res = node;
        this.val = isMapping ? ordered(object as object, order as (string | symbol)[]) : items;
        return true;
      } else if (!readNext) {
        throw new Fallback('missed comma between flow collection entries');
      }
      if (ch === 0x3f && isWsOrEol(s.charCodeAt(this.pos + 1))) throw new Fallback('an explicit key in a flow collection');
      const _line = this.line;
      if (!this.composeNode(nodeIndent, CONTEXT_FLOW_IN, false, true)) throw new Fallback('an empty flow collection entry');
      const keyNode = this.res;
      const keyData = this.val;
      this.skipSeparationSpace(true, nodeIndent);
      ch = s.charCodeAt(this.pos);
      if (this.line === _line && ch === 0x3a) {
        if (!isMapping) throw new Fallback('a pair in a flow sequence');
        ch = s.charCodeAt(++this.pos);
        this.skipSeparationSpace(true, nodeIndent);
        if (!this.composeNode(nodeIndent, CONTEXT_FLOW_IN, false, true)) throw new Fallback('a flow mapping entry without a value');
        this.storeMappingPair(node, object as Record<string, unknown>, order as (string | symbol)[], keyNode, keyData, this.res, this.val);
      } else if (isMapping) {
        throw new Fallback('a flow mapping entry without a value');
      } else {
        this.append(node, keyNode);
        (items as unknown[]).push(keyData);
      }
      this.skipSeparationSpace(true, nodeIndent);
      ch = s.charCodeAt(this.pos);
      if (ch === 0x2c) {
        readNext = true;
        ch = s.charCodeAt(++this.pos);
      } else {
        readNext = false;
      }
    }
    throw new Fallback('unexpected end of the stream within a flow collection');
  }

  /** The loader's readBlockSequence. */
  private readBlockSequence(nodeIndent: number): boolean {
    const s = this.s;
    const start = this.pos;
    let ch = s.charCodeAt(this.pos);
    let node = -1;
    let items = undefined as unknown as unknown[];
    while (ch !== 0) {
      if (ch !== 0x2d) break;
      if (!isWsOrEol(s.charCodeAt(this.pos + 1))) break;
      if (node < 0) {
        node = this.alloc(SEQ, start, -1);
        items = [];
      }
      this.pos++;
      if (this.skipSeparationSpace(true, -1)) {
        if (this.lineIndent <= nodeIndent) {
          this.append(node, this.alloc(NULL_ITEM, -1, -1));
          items.push(null);
          ch = s.charCodeAt(this.pos);
          continue;
        }
      }
      const _line = this.line;
      if (!this.composeNode(nodeIndent, CONTEXT_BLOCK_IN, false, true)) throw new Fallback('an empty sequence entry');
      this.append(node, this.res);
      items.push(this.val);
      this.skipSeparationSpace(true, -1);
      ch = s.charCodeAt(this.pos);
      if ((this.line === _line || this.lineIndent > nodeIndent) && ch !== 0) {
        throw new Fallback('bad indentation of a sequence entry');
      } else if (this.lineIndent < nodeIndent) {
        break;
      }
    }
    if (node < 0) return false;
    this.end[node] = this.pos;
    this.res = node;
    this.val = items;
    return true;
  }

  /** The loader's readBlockMapping (scalar keys only). */
  private readBlockMapping(nodeIndent: number, flowIndent: number): boolean {
    const s = this.s;
    const start = this.pos;
    let node = -1;
    // Allocated when the mapping is detected (most calls read a scalar or a sequence item).
    let object = undefined as unknown as Record<string, unknown>;
    let order = undefined as unknown as (string | symbol)[];
    let keyNode = -1;
    let keyData: unknown = undefined;
    let atExplicitKey = false;
    let allowCompact = false;
    let ch = s.charCodeAt(this.pos);
    while (ch !== 0) {
      const following = s.charCodeAt(this.pos + 1);
      const _line = this.line;
      if ((ch === 0x3f || ch === 0x3a) && isWsOrEol(following)) {
        if (ch === 0x3f) {
          if (atExplicitKey) {
            this.storeMappingPair(node, object, order, keyNode, keyData, -1, null);
            keyNode = -1;
          }
          if (node < 0) {
            node = this.alloc(MAP, start, -1);
            object = {};
            order = [this.ORDER_KEY];
          }
          atExplicitKey = true;
          allowCompact = true;
        } else if (atExplicitKey) {
          atExplicitKey = false;
          allowCompact = true;
        } else {
          throw new Fallback('incomplete explicit mapping pair; a key node is missed');
        }
        this.pos += 1;
        ch = following;
      } else if (this.composeKey(flowIndent)) {
        if (this.line === _line) {
          ch = s.charCodeAt(this.pos);
          while (ch === 0x20) ch = s.charCodeAt(++this.pos);
          if (ch === 0x3a) {
            ch = s.charCodeAt(++this.pos);
            if (!isWsOrEol(ch)) throw new Fallback('a whitespace character is expected after the key-value separator within a block mapping');
            if (atExplicitKey) {
              this.storeMappingPair(node, object, order, keyNode, keyData, -1, null);
              keyNode = -1;
            }
            if (node < 0) {
              node = this.alloc(MAP, start, -1);
              object = {};
              order = [this.ORDER_KEY];
            }
            atExplicitKey = false;
            allowCompact = false;
            keyNode = this.res;
            keyData = this.val;
          } else if (node >= 0) {
            throw new Fallback('can not read an implicit mapping pair; a colon is missed');
          } else {
            return true;
          }
        } else if (node >= 0) {
          throw new Fallback('can not read a block mapping entry; a multiline key may not be an implicit key');
        } else {
          return true;
        }
      } else {
        break;
      }
      if (this.line === _line || this.lineIndent > nodeIndent) {
        let valueNode = -1;
        let valueData: unknown = null;
        if (this.composeNode(nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
          if (atExplicitKey) {
            keyNode = this.res;
            keyData = this.val;
          } else {
            valueNode = this.res;
            valueData = this.val;
          }
        }
        if (!atExplicitKey) {
          this.storeMappingPair(node, object, order, keyNode, keyData, valueNode, valueData);
          keyNode = -1;
        }
        this.skipSeparationSpace(true, -1);
        ch = s.charCodeAt(this.pos);
      }
      if (this.lineIndent > nodeIndent && ch !== 0) {
        throw new Fallback('bad indentation of a mapping entry');
      } else if (this.lineIndent < nodeIndent) {
        break;
      }
    }
    if (atExplicitKey) this.storeMappingPair(node, object, order, keyNode, keyData, -1, null);
    if (node < 0) return false;
    this.res = node;
    this.val = ordered(object, order);
    return true;
  }

  /** The loader's storeMappingPair, and what walkAST does with the pair (in JSON mode, without merge keys). */
  private storeMappingPair(
    node: number,
    object: Record<string, unknown>,
    order: (string | symbol)[],
    keyNode: number,
    keyData: unknown,
    valueNode: number,
    valueData: unknown,
  ): void {
    if (keyNode < 0) throw new Fallback('a mapping pair without a key');
    if (this.kind[keyNode] !== SCALAR) throw new Fallback('a key that is not a scalar');
    if (typeof keyData !== 'string') throw new Fallback('a key that is not a string');
    if (keyData === '__proto__') throw new Fallback('a __proto__ key');
    if (keyData === '<<') throw new Fallback('a << (merge) key');
    // Duplicates: a scan of the keys so far for small mappings (most of them), a lookup beyond.
    const count = order.length;
    if (count <= 8) {
      for (let i = 1; i < count; i++) if (order[i] === keyData) throw new Fallback('duplicate keys');
    } else if (hasOwn.call(object, keyData)) {
      throw new Fallback('duplicate keys');
    }
    object[keyData] = valueData;
    order.push(keyData);
    this.kind[keyNode] = PAIR;
    this.pairValue[keyNode] = valueNode;
    this.keys[keyNode] = keyData;
    this.append(node, keyNode);
  }

  /** The loader's loadDocuments + readDocument, for one document without directives or markers. */
  parseDocument(): { root: number; data: unknown } {
    const s = this.s;
    while (s.charCodeAt(this.pos) === 0x20) {
      this.lineIndent++;
      this.pos++;
    }
    this.skipSeparationSpace(true, -1);
    if (this.lineIndent === 0 && s.charCodeAt(this.pos) === 0x25) throw new Fallback('a directive');
    this.composeNode(this.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
    const root = this.res;
    const data = this.val;
    this.skipSeparationSpace(true, -1);
    if (this.pos < s.length - 2) throw new Fallback('end of the stream or a document separator is expected');
    if (root < 0 || (this.kind[root] !== MAP && this.kind[root] !== SEQ)) throw new Fallback('the top-level value is not a mapping or a sequence');
    return { root, data };
  }
}

// -----------------------------------------------------------------------------------------
// Locations
// -----------------------------------------------------------------------------------------

/** A parsed text: the recorded nodes, and @stoplight/yaml's getLocationForJsonPath over them. */
class YamlText {
  private lines: number[] | undefined;
  private yamlResult: Result | undefined;
  private readonly byKey = new Map<number, Map<string, number>>();
  private readonly items = new Map<number, number[]>();

  constructor(
    readonly input: string,
    readonly root: number,
    readonly kind: Uint8Array,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly pairValue: Int32Array,
    readonly first: Int32Array,
    readonly last: Int32Array,
    readonly next: Int32Array,
    readonly keys: string[],
  ) {
    // The loader: the (last) document ends at the input's length, and starts no later.
    this.rootStart = Math.min(start[root], input.length);
  }

  private readonly rootStart: number;

  lineMap(): number[] {
    this.lines ??= computeLineMap(this.input);
    return this.lines;
  }

  yaml(): Result {
    this.yamlResult ??= Parsers.Yaml.parse(this.input);
    return this.yamlResult;
  }

  /** The node's own end position (the root's is the input's length). */
  private ownEnd(node: number): number {
    return node === this.root ? this.input.length : this.end[node];
  }

  /** @stoplight/yaml's getEndPosition. */
  private endOf(node: number): number {
    for (;;) {
      switch (this.kind[node]) {
        case SEQ: {
          const last = this.last[node];
          if (last >= 0 && this.kind[last] !== NULL_ITEM) {
            node = last;
            continue;
          }
          return this.ownEnd(node);
        }
        case MAP: {
          const last = this.last[node];
          if (last < 0) return this.ownEnd(node);
          const value = this.pairValue[last];
          if (value < 0) return this.end[last] + 1;
          node = value;
          continue;
        }
        case PAIR:
          // A key whose value is null: the pair's end.
          return this.end[node] + 1;
        default:
          return this.end[node];
      }
    }
  }

  /** @stoplight/yaml's getLocationForJsonPath(result, path) (findNodeAtPath without `closest`). */
  locate(path: readonly unknown[]): Location | undefined {
    let node = this.root;
    /** The pair whose value `node` is (or whose key, for a null value), or -1. */
    let pair = -1;
    for (const segment of path) {
      const kind = this.kind[node];
      if (kind === MAP) {
        let map = this.byKey.get(node);
        if (map === undefined) {
          map = new Map();
          for (let c = this.first[node]; c >= 0; c = this.next[c]) map.set(this.keys[c], c);
          this.byKey.set(node, map);
        }
        const found = typeof segment === 'string' ? map.get(segment) : undefined;
        if (found === undefined) return undefined;
        pair = found;
        const value = this.pairValue[found];
        node = value < 0 ? found : value;
      } else if (kind === SEQ) {
        let items = this.items.get(node);
        if (items === undefined) {
          items = [];
          for (let c = this.first[node]; c >= 0; c = this.next[c]) items.push(c);
          this.items.set(node, items);
        }
        const index = Number(segment);
        if (!(Number.isInteger(index) && index >= 0 && index < items.length)) return undefined;
        const item = items[index];
        if (this.kind[item] === NULL_ITEM) return undefined;
        node = item;
        pair = -1;
      } else {
        // A scalar, or the key of a null value.
        return undefined;
      }
    }
    const lineMap = this.lineMap();
    let start: number;
    if (pair >= 0 && node === pair) {
      start = this.end[pair] + 1;
    } else if (pair >= 0 && this.kind[node] !== SCALAR) {
      start = this.end[pair] + 1;
    } else if (node === this.root) {
      start = (lineMap.length > 0 ? lineMap[0] : 0) - this.rootStart === 0 ? 0 : this.rootStart;
    } else {
      start = this.start[node];
    }
    return getLoc(lineMap, start, this.endOf(node));
  }
}

// -----------------------------------------------------------------------------------------
// Parsing
// -----------------------------------------------------------------------------------------

/** The probe of the self-test (parser-common's selfTest): `{"b": 1, "10": {"x": [1, {"2": 2, "1": 1}]}, "a": {}}`. */
const PROBE = 'b: 1\n"10":\n  x:\n    - 1\n    - "2": 2\n      "1": 1\na: {}\n';

function ready(): boolean {
  return selfTest('FastYaml', PROBE, (probe) => attempt(probe, true).result?.data);
}

/** Texts indexed by the results FastYaml made itself. */
const texts = new WeakMap<object, YamlText>();

type Attempt = { result: Result; reason?: undefined } | { result?: undefined; reason: string };

/** Why FastYaml hands the text to Parsers.Yaml before parsing it, or undefined. */
function precheck(input: string): string | undefined {
  if (input.length === 0) return 'an empty text';
  // One pass over the text for the characters FastYaml never accepts (and surrogates).
  if (PATTERN_UNUSUAL.test(input)) {
    if (input.indexOf('\t') !== -1) return 'a tab';
    if (input.indexOf('\r') !== -1) return 'a carriage return';
    if (input.indexOf('\uFEFF') !== -1) return 'a byte-order mark';
    if (PATTERN_NON_PRINTABLE.test(input)) return 'non-printable characters';
  }
  if (PATTERN_DOCUMENT_MARKER.test(input)) return 'a document marker';
  return undefined;
}

function attempt(input: string, testing = false): Attempt {
  try {
    if (!testing && !ready()) return { reason: "the self-test failed: FastYaml's objects would differ from Parsers.Yaml's" };
    const early = precheck(input);
    if (early !== undefined) return { reason: early };
    const parser = new YamlParser(input);
    const { root, data } = parser.parseDocument();
    const text = new YamlText(input, root, parser.kind, parser.start, parser.end, parser.pairValue, parser.first, parser.last, parser.next, parser.keys);
    const result = makeResult(data, [], () => text.yaml().ast, () => text.lineMap());
    texts.set(result, text);
    registerLocator(result, text);
    return { result };
  } catch (error) {
    return { reason: error instanceof Fallback ? error.reason : `internal error: ${String(error)}` };
  }
}

/**
 * Why FastYaml would hand this input to Parsers.Yaml, or undefined when it parses it itself
 * (for tests and diagnostics; parses the input).
 */
export function fastYamlFallbackReason(input: string): string | undefined {
  return typeof input === 'string' ? attempt(input).reason : 'not a string';
}

/** Whether a parser result was made by FastYaml's fast path (rather than by Parsers.Yaml). */
export function isFastYamlResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && texts.has(result);
}

/**
 * FastYaml's own parse of a text, or undefined when it would hand the text to Parsers.Yaml.
 * A result means the text has no anchors, aliases, tags or diagnostics; pass it on with
 * `parserWithResult` instead of parsing twice.
 */
export function parseFastYaml(input: string): Result | undefined {
  return typeof input === 'string' ? attempt(input).result : undefined;
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
 * Spectral parser for YAML documents, observably identical to `Parsers.Yaml` (see above);
 * use it wherever `Parsers.Yaml` is used: `new Document(content, FastYaml, file)`.
 */
export const FastYaml: IParser<Result> = {
  parse,
  getLocationForJsonPath: getLocationForJsonPath as IParser<Result>['getLocationForJsonPath'],
  trapAccess: Parsers.Yaml.trapAccess,
};
