/**
 * Per-document safety limits of the action, and the checks that run before Spectral sees a
 * document: size, emptiness, binary content, UTF-8 validity and YAML alias expansion ("billion
 * laughs"). Each refusal is one load failure whose message names the limit and how to change it.
 * Time and memory are enforced by the lint pool (worker threads, lint.ts).
 */
import { isUtf8 } from 'node:buffer';
import { Kind, load, type YAMLNode } from '@stoplight/yaml-ast-parser';
import { DEFAULT_MAX_MEMORY_MB } from './worker-protocol';

export interface Limits {
  /** Wall-clock time one document may take to lint (ms); 0 = no limit. */
  timeoutMs: number;
  /** Largest document linted (bytes); 0 = no limit. Also caps files read through $refs. */
  maxBytes: number;
  /** JavaScript heap of each lint worker (MiB); 0 = Node's default. */
  maxMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 60_000, maxBytes: 30 * 1024 * 1024, maxMemoryMb: DEFAULT_MAX_MEMORY_MB };

/** A YAML document whose aliases expand to more nodes than this (and 100x what is written) is refused. */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/**
 * Heap a document needs per byte of YAML, at least (text, parsed data, AST, resolved copy).
 * Documents that would need more than max-memory are refused before they are read: a worker
 * whose heap limit is hit by one huge allocation can take the whole process down with it
 * (V8's fatal out-of-memory), while a gradual one is stopped cleanly.
 */
export const MEMORY_PER_BYTE = 10;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024 && bytes % (1024 * 1024 * 1024) === 0) return `${bytes / 1024 / 1024 / 1024} GB`;
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** 1-based line and column (in characters) of a byte offset of UTF-8-ish bytes. */
function lineColumn(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Count characters, not bytes: skip UTF-8 continuation bytes.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return { line, column };
}

/** Offset of the first byte that makes `bytes` invalid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Buffer): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Why the bytes of a document cannot be linted (a sentence naming what to do), or undefined.
 * Runs before parsing: empty, binary, not UTF-8.
 */
export function contentProblem(bytes: Buffer): string | undefined {
  if (isBlank(bytes)) {
    return 'the file is empty (or only whitespace): there is no document to lint. Write the OpenAPI/AsyncAPI document, or exclude the file from the files input.';
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    return 'the file is binary (it contains NUL bytes), not a YAML or JSON document; it was not linted. Exclude it from the files input (e.g. !**/logo.yaml).';
  }
  // isUtf8 (native) answers for valid texts, ~40x faster; firstInvalidUtf8 finds the offset.
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    const { line, column } = lineColumn(bytes, invalid);
    return `the file is not valid UTF-8 (byte 0x${bytes[invalid].toString(16).padStart(2, '0')} at line ${line}, column ${column}); it was not linted. Save it as UTF-8 (YAML and JSON documents must be UTF-8).`;
  }
  return undefined;
}

function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) {
      // A UTF-8 byte order mark alone is blank too.
      if (i === 0 && b === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        i += 2;
        continue;
      }
      return false;
    }
  }
  return true;
}

/** YAML alias (`*name`) somewhere in the text, with an anchor (`&name`). */
const ALIAS = /(?:^|[\s[{,])\*[^\s[\]{},]/m;
const ANCHOR = /(?:^|[\s[{,:-])&[^\s[\]{},]/m;

/**
 * Nodes the YAML text has once its aliases are expanded (what Spectral's parser builds), and
 * nodes as written; undefined when the text has no alias or does not parse (Spectral reports that).
 * Counting stops at `cap`.
 */
export function aliasExpansion(text: string, cap = MAX_ALIAS_EXPANSION * 10): { expanded: number; written: number } | undefined {
  if (!ALIAS.test(text) || !ANCHOR.test(text)) return undefined;
  // Valid JSON has no anchors or aliases (`&`/`*` can only be inside its strings): a JSON
  // document (Kubernetes' 4 MB one mentions `*` and `&` in descriptions) is cleared by
  // JSON.parse in ~20 ms instead of a ~150 ms YAML parse.
  if (isValidJson(text)) return undefined;
  let root: YAMLNode;
  try {
    root = load(text);
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const children = (node: YAMLNode): YAMLNode[] => {
    switch (node.kind) {
      case Kind.MAP:
        return (node.mappings ?? []).filter(Boolean) as YAMLNode[];
      case Kind.MAPPING:
        return [node.key, node.value].filter(Boolean) as YAMLNode[];
      case Kind.SEQ:
        return ((node as unknown as { items?: YAMLNode[] }).items ?? []).filter(Boolean);
      case Kind.ANCHOR_REF:
        return node.value ? [node.value] : [];
      default:
        return [];
    }
  };
  // Post-order, iterative (documents may be deeply nested), memoized per node: an alias
  // counts its anchor's subtree again each time it is used.
  const size = new Map<YAMLNode, number>();
  let written = 0;
  const stack: { node: YAMLNode; expanded: boolean }[] = [{ node: root, expanded: false }];
  const onStack = new Set<YAMLNode>();
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (size.has(top.node)) {
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      onStack.add(top.node);
      written++;
      for (const c of children(top.node)) if (!size.has(c) && !onStack.has(c)) stack.push({ node: c, expanded: false });
      continue;
    }
    stack.pop();
    onStack.delete(top.node);
    let total = top.node.kind === Kind.ANCHOR_REF ? 0 : 1;
    for (const c of children(top.node)) total = Math.min(cap, total + (size.get(c) ?? 0));
    size.set(top.node, total);
  }
  return { expanded: size.get(root) ?? 0, written };
}

/**
 * Content whose first character, after a byte-order mark and JSON whitespace, is `{` or `[`.
 * (Here rather than in fast-json.ts: lib/resolver.js bundles this module, and must not bundle
 * Spectral's parsers.)
 */
export function looksLikeJson(content: string): boolean {
  return /^\uFEFF?[ \t\r\n]*[{[]/.test(content);
}

/** True for a text that JSON.parse accepts (only tried when it starts like JSON). */
export function isValidJson(text: string): boolean {
  if (!looksLikeJson(text)) return false;
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

/** Why a YAML text is refused as an alias bomb, or undefined. */
export function aliasBombProblem(text: string): string | undefined {
  const counts = aliasExpansion(text);
  if (!counts || counts.expanded <= MAX_ALIAS_EXPANSION || counts.expanded <= counts.written * 100) return undefined;
  return (
    `its YAML aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes from ${counts.written.toLocaleString('en-US')} written ones ` +
    '(an alias bomb, "billion laughs"); it was not linted. Write the repeated values out, or use $refs instead of nested aliases.'
  );
}

/** Messages for limit violations, naming the limit and how to raise it. */
export const limitMessages = {
  tooLarge: (size: number, maxBytes: number) =>
    `skipped: the file is ${formatBytes(size)}, larger than max-document-size (${formatBytes(maxBytes)}). Raise max-document-size (e.g. max-document-size: ${formatBytes(Math.ceil((size * 1.5) / 1024 / 1024) * 1024 * 1024).replace(' ', '')}) or split the document.`,
  refTooLarge: (file: string, size: number, maxBytes: number) =>
    `Refused to read "${file}": it is ${formatBytes(size)}, larger than max-document-size (${formatBytes(maxBytes)}). Raise max-document-size or split the file.`,
  timeout: (timeoutMs: number) =>
    `stopped: linting it took longer than document-timeout (${timeoutMs / 1000} s). Raise document-timeout (in seconds), or split the document; a YAML alias bomb or a pathological document can cause this.`,
  memory: (maxMemoryMb: number) =>
    `stopped: linting it needed more memory than max-memory (${maxMemoryMb} MB of JavaScript heap per lint worker). Raise max-memory (in MB; the runner must have it), or split the document.`,
  memoryForSize: (size: number, maxMemoryMb: number) =>
    `skipped: the file is ${formatBytes(size)}, and linting it needs about ${Math.ceil((size * MEMORY_PER_BYTE) / 1024 / 1024)} MB of heap, more than max-memory (${maxMemoryMb} MB per lint worker). Raise max-memory (in MB; the runner must have it), or split the document.`,
  protoKey: (detail: string) =>
    `Spectral cannot process this document: it has a "__proto__" key, which makes Spectral's $ref resolver throw (${detail}); it was not linted. Rename the key.`,
  tooDeep: () =>
    'the document is nested too deeply for the YAML/JSON parser (maximum call stack size exceeded); it was not linted. Flatten it (use $refs to components).',
};

/** Spectral's $ref resolver (immer) on a document with a `__proto__` key. */
export function isProtoKeyCrash(error: unknown, text: string): boolean {
  return error instanceof TypeError && /on proxy: trap returned/.test(error.message) && text.includes('__proto__');
}

/** A stack overflow (RangeError: Maximum call stack size exceeded). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
