/**
 * Reads a document from disk: YAML/JSON syntax (with line numbers for JSON Pointers), kind
 * and version detection, and local / relative-file `$ref` resolution for raw documents.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import type { DocumentKind, InputProblem, SourceLocation } from './types';

export class InputError extends Error {
  constructor(readonly problem: InputProblem) {
    super(`${problem.file}: ${problem.message}`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** JSON Pointer (RFC 6901) from path segments. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Parsed {
  data: unknown;
  locate(path: string[]): number | undefined;
}

function parseText(text: string, file: string, display: string): Parsed {
  const isJson = /\.json$/i.test(file) || /^\s*[{[]/.test(text);
  const parser = isJson ? Json : Yaml;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parsed: any = parser.parse(text);
  const syntax = (parsed.diagnostics ?? []).filter((d: { severity: number }) => d.severity === 0);
  if (syntax.length > 0) {
    const d = syntax[0];
    throw new InputError({
      file: display,
      kind: 'unparsable',
      message: `not valid ${isJson ? 'JSON' : 'YAML'}: line ${d.range.start.line + 1}: ${d.message} (fix the syntax and run again)`,
    });
  }
  return {
    data: parsed.data,
    locate(path) {
      try {
        const loc = parser.getLocationForJsonPath(parsed, path, true);
        return loc ? loc.range.start.line + 1 : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** A loaded document: raw data, where it came from, and helpers to follow `$ref`s and locate pointers. */
export class LoadedDocument {
  readonly kind: DocumentKind;
  readonly specVersion: string;
  private readonly externals = new Map<string, Parsed | null>();

  constructor(
    readonly absPath: string,
    readonly file: string,
    readonly text: string,
    private readonly parsed: Parsed,
  ) {
    const data = parsed.data;
    if (!isObject(data)) {
      throw new InputError({ file, kind: 'unsupported', message: 'not an OpenAPI or AsyncAPI document (the top level is not a mapping)' });
    }
    if (data.asyncapi !== undefined) {
      this.kind = 'asyncapi';
      this.specVersion = String(data.asyncapi);
      if (!/^[23]\./.test(this.specVersion)) {
        throw new InputError({
          file,
          kind: 'unsupported',
          message: `AsyncAPI ${this.specVersion} is not supported: only AsyncAPI 2.x and 3.x are read (convert the document, e.g. with \`asyncapi convert\`)`,
        });
      }
    } else if (data.openapi !== undefined) {
      this.kind = 'openapi';
      this.specVersion = String(data.openapi);
      if (!/^3\./.test(this.specVersion)) {
        throw new InputError({ file, kind: 'unsupported', message: `OpenAPI ${this.specVersion} is not supported: only OpenAPI 3.x is read` });
      }
    } else if (data.swagger !== undefined) {
      throw new InputError({ file, kind: 'unsupported', message: `Swagger ${String(data.swagger)} is not supported: convert the document to OpenAPI 3.x` });
    } else {
      throw new InputError({ file, kind: 'unsupported', message: 'not an OpenAPI or AsyncAPI document (no `openapi` or `asyncapi` field)' });
    }
  }

  get data(): Record<string, unknown> {
    return this.parsed.data as Record<string, unknown>;
  }

  /** Source location of a JSON Pointer into this document. */
  at(pointer: string): SourceLocation {
    const line = this.parsed.locate(fromPointer(pointer));
    return line === undefined ? { file: this.file, pointer } : { file: this.file, pointer, line };
  }

  /** The raw value at a pointer of this document. */
  get(pointer: string): unknown {
    let node: unknown = this.data;
    for (const seg of fromPointer(pointer)) {
      if (Array.isArray(node)) node = node[Number(seg)];
      else if (isObject(node)) node = node[seg];
      else return undefined;
    }
    return node;
  }

  /**
   * Follows `$ref` chains (local `#/...` and relative files) from a node. Returns the target
   * and, for a local target, its pointer; `unresolved` names a ref that could not be followed.
   */
  deref(node: unknown, pointer?: string): { node: unknown; pointer?: string; unresolved?: string } {
    let current = node;
    let at = pointer;
    for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
      const ref = current.$ref;
      const [filePart, fragment = ''] = ref.split('#');
      if (filePart === '') {
        at = fragment;
        current = this.get(fragment);
        if (current === undefined) return { node: undefined, unresolved: ref };
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) return { node: undefined, unresolved: ref };
      const target = resolve(dirname(this.absPath), filePart);
      let ext = this.externals.get(target);
      if (ext === undefined) {
        try {
          ext = parseText(readFileSync(target, 'utf8'), target, target);
        } catch {
          ext = null;
        }
        this.externals.set(target, ext);
      }
      if (!ext) return { node: undefined, unresolved: ref };
      let value: unknown = ext.data;
      for (const seg of fromPointer(fragment)) value = isObject(value) ? value[seg] : Array.isArray(value) ? value[Number(seg)] : undefined;
      if (value === undefined) return { node: undefined, unresolved: ref };
      // Refs inside an external file are not followed further (they are relative to it).
      return { node: value, pointer: undefined };
    }
    return { node: current, pointer: at };
  }
}

export function displayPath(absPath: string, cwd: string): string {
  const rel = relative(cwd, absPath);
  return (rel.startsWith('..') ? absPath : rel).split(sep).join('/');
}

/** Reads and parses one file; throws InputError for expected problems. */
export function loadDocument(path: string, cwd: string = process.cwd()): LoadedDocument {
  const absPath = resolve(cwd, path);
  const file = displayPath(absPath, cwd);
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file (check the path)' : code === 'EISDIR' ? 'is a directory (pass the document files)' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new InputError({ file, kind: 'unreadable', message: `cannot read the file: ${why}` });
  }
  return new LoadedDocument(absPath, file, text, parseText(text, absPath, file));
}
