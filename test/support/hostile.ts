/**
 * The bad-input table (docs/reliability.md): hostile, broken and huge documents, generated at
 * test time (the big ones into os.tmpdir(), never committed), each with the user-facing outcome
 * expected from `spectral lint` with our ruleset and from the bundled action.
 *
 * Every case is linted next to NORMAL_DOCUMENT, whose findings must survive whatever the hostile
 * file does (one file's failure never loses another file's results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A small valid OpenAPI document with known findings of our ruleset (rest-no-verbs-in-path at /getUsers). */
export const NORMAL_FILE = 'normal.yaml';
export const NORMAL_DOCUMENT = [
  'openapi: 3.0.3',
  'info:',
  '  title: Normal',
  '  version: 1.0.0',
  'paths:',
  '  /getUsers:',
  '    get:',
  '      operationId: listUsers',
  '      summary: List users',
  "      security: []",
  '      responses:',
  "        '200':",
  '          description: ok',
  '',
].join('\n');
/** A finding of NORMAL_DOCUMENT that must be reported in every run. */
export const NORMAL_FINDING = { rule: 'rest-no-verbs-in-path', path: ['paths', '/getUsers'] };

const HEADER = 'openapi: 3.0.3\ninfo:\n  title: Hostile\n  version: 1.0.0\n';

/** Billion laughs: 9 levels of 10 aliases (10^9 leaves once expanded). */
export function aliasBomb(levels = 9, fanout = 10): string {
  const lines = [HEADER.trimEnd(), 'paths: {}', 'x-bomb:', '  l0: &l0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: fanout }, () => `*l${i - 1}`).join(', ')}]`);
  lines.push(`  all: *l${levels}`);
  return lines.join('\n') + '\n';
}

/** A JSON document with `depth` levels of nested objects and arrays under x-deep. */
export function deeplyNested(depth = 10_000): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    if (i % 2 === 0) {
      open.push('{"a":');
      close.push('}');
    } else {
      open.push('[');
      close.push(']');
    }
  }
  return `{"openapi":"3.0.3","info":{"title":"Deep","version":"1.0.0"},"paths":{},"x-deep":${open.join('')}1${close.reverse().join('')}}\n`;
}

/**
 * A valid OpenAPI document of at least `bytes` bytes: `paths` operations with real findings,
 * then a long description (cheap to parse, so the size is what is tested, not the node count).
 */
export function hugeDocument(bytes = 50 * 1024 * 1024, paths = 200): string {
  const lines = [HEADER.trimEnd(), 'paths:'];
  for (let i = 0; i < paths; i++) {
    lines.push(`  /items${i}:`, '    get:', `      operationId: getItems${i}`, '      responses:', "        '200':", '          description: ok');
  }
  const head = lines.join('\n') + '\n';
  const filler = Math.max(0, bytes - head.length - 64);
  return `${head}x-padding: "${'lorem ipsum '.repeat(Math.ceil(filler / 12)).slice(0, filler)}"\n`;
}

/** Bytes of a PNG-like binary file (NUL bytes, invalid UTF-8). */
export function binaryBytes(): Buffer {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(bytes);
  return bytes;
}

/** Text that becomes workflow commands if a report prints it unescaped. */
export const INJECTION = '\n::error file=pwned.yaml,line=1::INJECTED\n::add-mask::secret\n::stop-commands::pwn\n';

export interface HostileFile {
  /** Path relative to the linted folder. */
  file: string;
  content: string | Buffer;
}

export interface HostileCase {
  id: string;
  title: string;
  files: HostileFile[];
  /** The file the outcome is about (relative). */
  subject: string;
  /** Outcome with `spectral lint` and our ruleset (Spectral's own behaviour; our ruleset must not crash it). */
  cli: string;
  /** Outcome with the action (what we control). */
  action: string;
  /** Excluded from the quick table run (generated big inputs). */
  big?: boolean;
}

/** Every document case of the table (ruleset and input cases live in the tests themselves). */
export function hostileCases(options: { remoteUrl: string; outsideFile: string }): HostileCase[] {
  const invalidUtf8 = Buffer.concat([
    Buffer.from(HEADER.replace('Hostile', 'Caf')),
    Buffer.from('paths:\n  /caf'),
    Buffer.from([0xe9, 0xff, 0xfe]),
    Buffer.from(':\n    get:\n      responses:\n        "200": {description: ok}\n'),
  ]);
  return [
    { id: 'empty', title: 'empty file', files: [{ file: 'empty.yaml', content: '' }], subject: 'empty.yaml',
      cli: 'unrecognized-format warning for the file, exit status unchanged', action: 'load failure: "is empty"; step fails' },
    { id: 'whitespace', title: 'whitespace only', files: [{ file: 'whitespace.yaml', content: ' \n\t\n   \n' }], subject: 'whitespace.yaml',
      cli: 'unrecognized-format warning', action: 'load failure: "is empty"; step fails' },
    { id: 'invalid-utf8', title: 'invalid UTF-8', files: [{ file: 'invalid-utf8.yaml', content: invalidUtf8 }], subject: 'invalid-utf8.yaml',
      cli: 'linted with U+FFFD replacement characters, no warning', action: 'load failure: "is not valid UTF-8 (first invalid byte at line L, column C)"; not linted' },
    { id: 'syntax', title: 'YAML syntax error', files: [{ file: 'syntax-error.yaml', content: `${HEADER}paths:\n  /a: {get: [unclosed\n  /b:\n   - : :\n` }], subject: 'syntax-error.yaml',
      cli: 'parser error result(s) with line and column; exit 1', action: 'load failure: "cannot be parsed: … (line L, column C)"; the rest of the file linted' },
    { id: 'duplicate-keys', title: 'duplicate keys', files: [{ file: 'duplicate-keys.yaml', content: `${HEADER}paths:\n  /users:\n    get: {responses: {"200": {description: a}}}\n  /users:\n    get: {responses: {"200": {description: b}}}\n` }], subject: 'duplicate-keys.yaml',
      cli: 'parser error "Duplicate key: /users"; exit 1', action: 'load failure: "cannot be parsed: Duplicate key: /users (line 8, column 3)"' },
    { id: 'alias-bomb', title: 'YAML alias bomb (billion laughs, 10^9 nodes)', files: [{ file: 'alias-bomb.yaml', content: aliasBomb() }], subject: 'alias-bomb.yaml',
      cli: 'linted quickly: Spectral keeps aliases as references', action: 'linted quickly; within document-timeout either way' },
    { id: 'deep', title: 'deeply nested (10,000 levels)', files: [{ file: 'deep.json', content: deeplyNested(10_000) }], subject: 'deep.json',
      cli: 'linted or reported by Spectral, no crash', action: 'linted, or a load failure "nested too deeply"' },
    { id: 'huge', title: '50 MB document', files: [{ file: 'huge.yaml', content: hugeDocument() }], subject: 'huge.yaml', big: true,
      cli: 'linted (slowly); findings reported', action: 'load failure: "skipped: larger than max-document-size (30 MB); raise max-document-size"' },
    { id: 'circular', title: 'circular $refs (local and between files)', subject: 'circular.yaml', files: [
      { file: 'circular.yaml', content: `${HEADER}paths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\n        "201": {$ref: './circular-b.yaml#/R'}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}\n    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}, self: {$ref: '#/components/schemas/B'}}}\n` },
      { file: 'circular-b.yaml', content: "R:\n  description: loop\n  content:\n    application/json:\n      schema: {$ref: './circular.yaml#/components/schemas/A'}\nS: {$ref: '#/S'}\n" },
    ], cli: 'linted; no hang', action: 'linted; no hang' },
    { id: 'missing-ref', title: '$ref to a missing file', files: [{ file: 'missing-ref.yaml', content: `${HEADER}paths:\n  /a:\n    get:\n      responses:\n        "200": {$ref: './does-not-exist.yaml#/R'}\n` }], subject: 'missing-ref.yaml',
      cli: 'invalid-ref error naming the missing file', action: 'invalid-ref finding (error) at the $ref' },
    { id: 'outside-ref', title: '$ref to a file outside the workspace', files: [{ file: 'outside-ref.yaml', content: `${HEADER}paths:\n  /a:\n    get:\n      responses:\n        "200": {$ref: '${options.outsideFile}#/R'}\n` }], subject: 'outside-ref.yaml',
      cli: 'read (Spectral does not confine file $refs)', action: 'invalid-ref finding: "Refused to read …: it is outside the workspace"; the file is not read' },
    { id: 'remote-ref', title: '$ref to http://127.0.0.1:<port>', files: [{ file: 'remote-ref.yaml', content: `${HEADER}paths:\n  /a:\n    get:\n      responses:\n        "200": {$ref: '${options.remoteUrl}/response.yaml#/R'}\n` }], subject: 'remote-ref.yaml',
      cli: 'fetched by Spectral (its default resolver follows http $refs)', action: 'invalid-ref finding: "Refused to fetch …: remote $refs are disabled"; no request (fetched only with allow-remote-refs: true)' },
    { id: 'binary', title: 'binary file matching the glob', files: [{ file: 'logo.yaml', content: binaryBytes() }], subject: 'logo.yaml',
      cli: 'parser errors / unrecognized-format for the file', action: 'load failure: "is a binary file (it contains NUL bytes)"; not linted' },
    { id: 'name-space', title: 'file name with spaces', files: [{ file: 'with space/my api.yaml', content: NORMAL_DOCUMENT }], subject: 'with space/my api.yaml',
      cli: 'linted; findings name the file', action: 'linted; annotations name the file (escaped)' },
    { id: 'name-unicode', title: 'file name with unicode', files: [{ file: 'ünïcødé-日本語.yaml', content: NORMAL_DOCUMENT }], subject: 'ünïcødé-日本語.yaml',
      cli: 'linted; findings name the file', action: 'linted; annotations name the file' },
    { id: 'name-injection', title: 'file name with %0A::error:: sequences', files: [{ file: 'evil%0A::error::pwned.yaml', content: NORMAL_DOCUMENT }], subject: 'evil%0A::error::pwned.yaml',
      cli: 'linted; findings name the file', action: 'linted; the name is escaped in every workflow command (no injected command)' },
    { id: 'name-newline', title: 'file name with a real newline and ::error::', files: [{ file: 'evil\n::error::newline.yaml', content: NORMAL_DOCUMENT }], subject: 'evil\n::error::newline.yaml',
      cli: 'linted; findings name the file', action: 'linted; the newline is escaped (%0A) in every workflow command' },
    { id: 'proto-key', title: 'a __proto__ key', files: [{ file: 'proto-key.yaml', content: `${HEADER}paths: {}\nx-evil:\n  __proto__: null\n` }], subject: 'proto-key.yaml',
      cli: 'Spectral itself throws ("\'ownKeys\' on proxy: trap returned duplicate entries", in its $ref resolver), with any ruleset: exit 2, every file\'s results lost', action: 'load failure: "has a __proto__ key, which Spectral cannot process"; the other files linted' },
    { id: 'message-injection', title: 'finding messages carrying :: and newlines', subject: 'message-injection.yaml', files: [{ file: 'message-injection.yaml', content: `${HEADER}paths:\n  ${JSON.stringify('/get' + INJECTION.replace(/\n/g, '\n') + 'x')}:\n    get:\n      security: []\n      responses:\n        "200": {description: ok}\n` }],
      cli: 'findings printed with the text as is (Spectral output is not a workflow log)', action: 'findings reported; newlines escaped (%0A), no line starts with ::' },
  ];
}

/** Writes the files of the cases (and the normal document) under dir. */
export function writeCases(dir: string, cases: HostileCase[]): void {
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  write(NORMAL_FILE, NORMAL_DOCUMENT);
  for (const c of cases) for (const f of c.files) write(f.file, f.content);
}
