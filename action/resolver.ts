/**
 * The $ref resolver the action gives Spectral: @stoplight/spectral-ref-resolver's Resolver
 * (the same class `spectral lint` uses) with our readers:
 *  - file: confined to the workspace (lexically and after following symlinks); reads are
 *    cached for the whole run, so a schema file shared by many documents is read once;
 *  - http/https: refused unless allow-remote-refs, then fetched like Spectral does (cached).
 * A refused $ref becomes Spectral's usual `invalid-ref` result at the $ref, with a message
 * that says why and what to do. Errors of reads that are allowed are Spectral's own (same
 * text as its default resolver), so results are identical on documents that stay inside.
 *
 * Per-document context (ctx): `root` (the confinement root, so one resolver can serve the
 * head checkout and the base worktree) and `deps` (every file read while resolving that
 * document, so the action knows which documents a changed file can affect).
 */
import { createResolveHttp } from '@stoplight/json-ref-readers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { DEFAULT_REQUEST_OPTIONS } from '@stoplight/spectral-runtime';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { limitMessages } from './limits';

export interface ResolveContext {
  /** Absolute directory no file $ref may leave (unless allowOutside). */
  root: string;
  /** Collects the absolute paths / URLs read while resolving one document. */
  deps?: Set<string>;
}

interface URILike {
  href(): string;
  toString(): string;
}

export interface ConfinedResolverOptions {
  /** Default root when a resolve() call passes none. */
  root: string;
  /** How a user allows what was refused (default: the action's input). */
  allowHint?: string;
  /** allow-remote-refs: http(s) refs are fetched, and file refs may leave the root. */
  allowRemote: boolean;
  /** max-document-size: larger files are not read through $refs either (0 = no limit). */
  maxBytes?: number;
}

export class RefRefusedError extends Error {
  constructor(message: string) {
    super(message);
    // Spectral shows String(error) minus a leading "Error: ": keep the message clean.
    this.name = 'Error';
  }
}

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Cache of file contents (and of realpaths) for one run of the action. */
class ReadCache {
  private readonly contents = new Map<string, Promise<string>>();
  private readonly realpaths = new Map<string, Promise<string>>();

  constructor(private readonly maxBytes = 0) {}

  read(file: string): Promise<string> {
    let p = this.contents.get(file);
    if (p === undefined) {
      const max = this.maxBytes;
      p =
        max > 0
          ? fsp
              .stat(file)
              .then(
                (st) => {
                  if (st.isFile() && st.size > max) throw new RefRefusedError(limitMessages.refTooLarge(file, st.size, max));
                },
                // Unreadable: readFile gives Spectral's usual error text (ENOENT … open '…').
                () => undefined,
              )
              .then(() => fsp.readFile(file, 'utf8'))
          : fsp.readFile(file, 'utf8');
      this.contents.set(file, p);
    }
    return p;
  }

  realpath(file: string): Promise<string> {
    let p = this.realpaths.get(file);
    if (p === undefined) {
      p = fsp.realpath(file);
      this.realpaths.set(file, p);
    }
    return p;
  }
}

export class ConfinedResolver extends Resolver {
  readonly options: ConfinedResolverOptions;

  constructor(options: ConfinedResolverOptions) {
    const cache = new ReadCache(options.maxBytes ?? 0);
    const realRoots = new Map<string, Promise<string>>();
    const realRoot = (root: string) => {
      let p = realRoots.get(root);
      if (p === undefined) {
        p = fsp.realpath(root).catch(() => root);
        realRoots.set(root, p);
      }
      return p;
    };
    const allow = options.allowHint ?? 'set allow-remote-refs: true';
    const httpCache = new Map<string, Promise<unknown>>();
    const fetchHttp = createResolveHttp({ ...DEFAULT_REQUEST_OPTIONS });

    const resolveFile = async (ref: URILike, ctx: ResolveContext | undefined): Promise<string> => {
      const file = path.resolve(ref.href());
      const root = ctx?.root ?? options.root;
      if (!options.allowRemote && !inside(root, file)) {
        throw new RefRefusedError(
          `Refused to read "${file}": it is outside the workspace (${root}). Move the file into the repository, or ${allow} to allow $refs outside it.`,
        );
      }
      const content = await cache.read(file);
      if (!options.allowRemote) {
        // A symlink inside the workspace must not lead outside it either.
        const real = await cache.realpath(file);
        if (!inside(await realRoot(root), real)) {
          throw new RefRefusedError(
            `Refused to read "${file}": it is a symbolic link to "${real}", outside the workspace (${root}). Replace the link with the file, or ${allow}.`,
          );
        }
      }
      ctx?.deps?.add(file);
      return content;
    };

    const resolveHttp = async (ref: URILike, ctx: ResolveContext | undefined): Promise<unknown> => {
      const url = ref.href();
      if (!options.allowRemote) {
        throw new RefRefusedError(
          `Refused to fetch "${url}": remote $refs are disabled. Vendor the referenced file into the repository, or ${allow}.`,
        );
      }
      let p = httpCache.get(url);
      if (p === undefined) {
        p = fetchHttp(ref as never);
        httpCache.set(url, p);
      }
      ctx?.deps?.add(url);
      return p;
    };

    super({
      resolvers: {
        file: { resolve: resolveFile as never },
        http: { resolve: resolveHttp as never },
        https: { resolve: resolveHttp as never },
      },
    });
    this.options = options;
  }

  /** Spectral calls resolve() once per document; `withContext` sets that document's ctx. */
  private nextContext: ResolveContext | undefined;

  withContext<T>(ctx: ResolveContext, fn: () => Promise<T>): Promise<T> {
    this.nextContext = ctx;
    return fn().finally(() => {
      this.nextContext = undefined;
      // Spectral keeps every resolved document in this cache; drop them between documents.
      (this as unknown as { uriCache?: { purge(): void } }).uriCache?.purge();
    });
  }

  override resolve(source: unknown, opts: Record<string, unknown> = {}): ReturnType<Resolver['resolve']> {
    const ctx = { ...((opts.ctx as object) ?? {}), ...(this.nextContext ?? {}) };
    return super.resolve(source, { ...opts, ctx } as never);
  }
}
