/**
 * Helpers of the REST contract and HTTP semantics functions only (rest-* and http-* rules):
 * path segments as those rules see them, plural nouns, word cases, action verbs, and
 * response lookups. Everything here is total: wrong input types give "nothing to say".
 */
import { pluralize, singularize } from 'inflection';
import { get, isArray, isObject, isString, type JsonObject, keysOf, entriesOf } from './guards';
import { flattenSchema } from './schema';
import { splitWords } from './openapi';

/** The catalog's default `ignore` patterns for path-naming rules (version and `api` prefixes). */
export const DEFAULT_IGNORE = ['^v[0-9]+$', '^api$'];

/**
 * Default `singular` allow-list of rest-resource-plural: singletons and mass nouns that name a
 * resource without being a collection, and words the inflection library does not know as
 * uncountable.
 */
export const DEFAULT_SINGULAR = [
  'me',
  'self',
  'health',
  'status',
  'search',
  'login',
  'logout',
  'auth',
  'oauth',
  'info',
  'metadata',
  'config',
  'current',
  'latest',
  'billing',
  'pricing',
  'shipping',
  'inventory',
  'content',
  'software',
  'hardware',
  'firmware',
  'staff',
  'history',
];

/**
 * Default `allowActions` of http-post-create-201: last path segments that name an action (a
 * POST there is not a creation), beyond singular words, which never name a collection.
 */
export const DEFAULT_ALLOW_ACTIONS = [
  'search',
  'query',
  'batch',
  'bulk',
  'import',
  'export',
  'login',
  'logout',
  'token',
  'refresh',
  'verify',
  'validate',
  'cancel',
  'send',
  'preview',
  'calculate',
  'estimate',
  'graphql',
  'rpc',
];

/**
 * Verbs that must not start a path segment (rest-no-verbs-in-path). CRUD verbs that duplicate
 * the HTTP method and generic "do something" verbs. Words that are also common resource nouns
 * in APIs (post, patch, change, read, send, check, run, ...) are left out on purpose.
 */
export const ACTION_VERBS = [
  'get',
  'create',
  'update',
  'delete',
  'remove',
  'add',
  'set',
  'fetch',
  'list',
  'make',
  'do',
  'execute',
  'retrieve',
  'insert',
  'modify',
  'edit',
  'find',
  'destroy',
  'erase',
  'upsert',
  'put',
];

/** Compound nouns that start with a verb word (`add-ons`, `AddOnResults`, `setup`): not verbs in paths. */
const VERB_NOUN_COMPOUNDS: Record<string, readonly string[]> = {
  add: ['on', 'ons'],
  set: ['up', 'ups'],
  make: ['over', 'overs'],
  get: ['away', 'aways'],
};

/** Format extensions stripped from a static segment before naming checks (`Calls.json`). */
const EXTENSION = /\.(json|xml|ya?ml|csv|txt|html?|pdf|zip|ndjson|jsonl)$/i;

/** Segments the naming rules never judge (RFC 8615 well-known URIs). */
const EXEMPT_SEGMENT = /^\.well-known$/i;

export interface RestSegment {
  /** The raw segment, as written in the path key. */
  value: string;
  /** The segment without a format extension (`Calls.json` → `Calls`). */
  name: string;
  /** True when the segment holds a template expression (`{id}`, `{id}.json`, `files:{name}`). */
  isParam: boolean;
  /** True for `.well-known` and other segments naming rules must not judge. */
  exempt: boolean;
  index: number;
}

/**
 * The segments of a path key; a segment with any `{...}` counts as a parameter. Five rules ask
 * for the segments of every path: the answer is kept (bounded), frozen.
 */
export function restSegments(pathKey: string): readonly Readonly<RestSegment>[] {
  let segments = segmentCache.get(pathKey);
  if (segments === undefined) {
    segments = Object.freeze(
      pathKey
        .split('?')[0]
        .split('/')
        .filter((s) => s.length > 0)
        .map((value, index) =>
          Object.freeze({
            value,
            name: value.replace(EXTENSION, ''),
            isParam: /\{[^}]*\}/.test(value),
            exempt: EXEMPT_SEGMENT.test(value),
            index,
          }),
        ),
    );
    if (segmentCache.size >= 20_000) segmentCache.clear();
    segmentCache.set(pathKey, segments);
  }
  return segments;
}

const segmentCache = new Map<string, readonly Readonly<RestSegment>[]>();

/** Normalized path key (no trailing slash, no query) used to compare path keys. */
export function normalizePathKey(pathKey: string): string {
  const p = pathKey.split('?')[0].replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/** Normalized path keys that have a `<key>/{param}` child, per key list (computed once). */
const paramParentsCache = new WeakMap<readonly string[], Set<string>>();

function paramParents(allKeys: readonly string[]): Set<string> {
  let parents = paramParentsCache.get(allKeys);
  if (!parents) {
    parents = new Set<string>();
    for (const key of allKeys) {
      const k = normalizePathKey(key);
      const slash = k.lastIndexOf('/');
      if (slash < 0) continue;
      const last = k.slice(slash + 1);
      if (last.length > 0 && /\{[^}]*\}/.test(last)) parents.add(slash === 0 ? '/' : k.slice(0, slash));
    }
    paramParentsCache.set(allKeys, parents);
  }
  return parents;
}

/**
 * True when some other path key is `<pathKey>/{param}` (one template segment more). The key
 * list is indexed once per array (pass `keysOf(paths)`: the same array for the same object).
 */
export function hasParamChild(pathKey: string, allKeys: readonly string[]): boolean {
  return paramParents(allKeys).has(normalizePathKey(pathKey));
}


/** Compiles pattern strings case-sensitively (as regex normally do); invalid ones are dropped. */
export function compileRegexes(patterns: unknown): RegExp[] {
  const out: RegExp[] = [];
  if (!isArray(patterns)) return out;
  for (const p of patterns) {
    if (!isString(p)) continue;
    try {
      out.push(new RegExp(p));
    } catch {
      // invalid pattern: rejected by the option schema's `format: regex`
    }
  }
  return out;
}

export function matchesAny(value: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => re.test(value));
}

/** Lower-case string set of an option list. */
export function wordSet(values: unknown): Set<string> {
  const out = new Set<string>();
  if (isArray(values)) for (const v of values) if (isString(v)) out.add(v.toLowerCase());
  return out;
}

/** The words of a segment (`-`, `_`, `.`, camel humps), lower-cased. */
export function segmentWords(segment: string): string[] {
  return splitWords(segment);
}

/**
 * True when the word is a plural noun (or uncountable): singularizing changes it, or it is
 * its own plural (`data`, `news`, `health`, `series`). Words without letters count as plural
 * (nothing to say about `2010-04-01`).
 */
export function isPluralWord(word: string): boolean {
  const w = word.toLowerCase();
  let plural = pluralWords.get(w);
  if (plural === undefined) {
    if (!/[a-z]/.test(w)) plural = true;
    else {
      try {
        plural = singularize(w) !== w || pluralize(w) === w;
      } catch {
        plural = true;
      }
    }
    // inflection's rules are ~100 regexes per call: remember the answer (bounded)
    if (pluralWords.size >= 20_000) pluralWords.clear();
    pluralWords.set(w, plural);
  }
  return plural;
}

const pluralWords = new Map<string, boolean>();

/** The plural of a word, in the word's letter case (`user` → `users`, `Account` → `Accounts`). */
export function pluralOf(word: string): string {
  let plural = word;
  try {
    plural = pluralize(word.toLowerCase());
  } catch {
    plural = `${word}s`;
  }
  if (word === word.toUpperCase() && /[A-Z]/.test(word)) return plural.toUpperCase();
  if (/^[A-Z]/.test(word)) return plural.charAt(0).toUpperCase() + plural.slice(1);
  return plural;
}

/**
 * Replaces the last word of a segment (matched case-insensitively at its end) by its plural:
 * `order-item` → `order-items`, `orderItem` → `orderItems`.
 */
export function pluralizeSegment(segment: string): string {
  const words = splitWords(segment);
  const last = headWord(words);
  if (!last) return segment;
  const at = segment.toLowerCase().lastIndexOf(last);
  if (at < 0) return `${segment}s`;
  const original = segment.slice(at, at + last.length);
  return segment.slice(0, at) + pluralOf(original) + segment.slice(at + last.length);
}

export type PathCase = 'kebab' | 'snake' | 'camel';

export const CASE_PATTERNS: Record<PathCase, RegExp> = {
  kebab: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  snake: /^[a-z0-9]+(_[a-z0-9]+)*$/,
  camel: /^[a-z][a-zA-Z0-9]*$/,
};

/** The segment rewritten in the chosen case (`userProfiles` → `user-profiles`). */
export function toCase(segment: string, wanted: PathCase): string {
  const words = splitWords(segment)
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) return segment.toLowerCase();
  if (wanted === 'kebab') return words.join('-');
  if (wanted === 'snake') return words.join('_');
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** True for a compound noun that starts with a verb word (`add-ons`, `AddOnResults`). */
export function isVerbNounCompound(words: readonly string[]): boolean {
  const second = VERB_NOUN_COMPOUNDS[words[0] ?? ''];
  return second !== undefined && words[1] !== undefined && second.includes(words[1]);
}

const HEAD_BREAKERS = new Set(['of', 'for', 'per', 'by', 'with']);

/**
 * The word of a segment that carries its number: the last word, or the word before a
 * preposition (`codes_of_conduct` → `codes`, `usersByEmail` → `users`).
 */
export function headWord(words: readonly string[]): string | undefined {
  const breaker = words.findIndex((w, i) => i > 0 && HEAD_BREAKERS.has(w));
  return breaker > 0 ? words[breaker - 1] : words[words.length - 1];
}

/**
 * True for words that are not nouns to pluralize: past participles used as filters or
 * states (`starred`, `archived`; not `feed`, `speed`).
 */
export function isParticiple(word: string): boolean {
  return word.length >= 5 && /[^e]ed$/.test(word);
}

// ---------------------------------------------------------------------------------------
// Responses

/** Response keys of an operation's responses map (object only). */
export function responsesOf(operation: unknown): JsonObject | undefined {
  const responses = get(operation, 'responses');
  return isObject(responses) ? responses : undefined;
}

/** Is the response key a status code (`404`) or a range (`4XX`)? Returns its class digit. */
export function statusClass(key: string): number | undefined {
  const m = /^([1-5])(?:[0-9]{2}|XX)$/i.exec(key.trim());
  return m ? Number(m[1]) : undefined;
}

export function isRangeKey(key: string): boolean {
  return /^[1-5]XX$/i.test(key.trim());
}

/**
 * True when the responses document the status: the exact code, or (when `ranges`) its range
 * key (`4XX` documents 401 generically).
 */
export function documentsStatus(responses: JsonObject | undefined, code: string, ranges = true): boolean {
  if (!responses) return false;
  for (const key of keysOf(responses)) {
    const k = key.trim().toUpperCase();
    if (k === code) return true;
    if (ranges && k === `${code.charAt(0)}XX`) return true;
  }
  return false;
}

/** Media type entries of a response/request body `content` map whose value is an object. */
export function mediaTypes(holder: unknown): [string, JsonObject][] {
  const content = get(holder, 'content');
  if (!isObject(content)) return [];
  return entriesOf(content).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/** Bare, lower-cased media type (`Application/Problem+JSON; charset=utf-8` → `application/problem+json`). */
export function bareMediaType(mediaType: string): string {
  return mediaType.split(';')[0].trim().toLowerCase();
}

/** Property names of a schema, through allOf and `$ref` (root for leftover circular refs). */
export function schemaPropertyNames(schema: unknown, root: unknown): Set<string> {
  if (!isObject(schema)) return new Set();
  return new Set(flattenSchema(schema, root).properties.keys());
}

/** Does a security requirement list carry scopes, or use an oauth2/openIdConnect scheme? */
export function requirementNeedsAuthorization(requirements: unknown[], root: unknown): boolean {
  const schemes = get(root, 'components', 'securitySchemes');
  for (const req of requirements) {
    if (!isObject(req)) continue;
    for (const [name, scopes] of entriesOf(req)) {
      if (isArray(scopes) && scopes.some((s) => isString(s) && s.length > 0)) return true;
      const type = get(schemes, name, 'type');
      if (isString(type) && /^(oauth2|openidconnect)$/i.test(type)) return true;
    }
  }
  return false;
}


/**
 * True when, in the document as written (before `$ref` resolution), the node at `path` is a
 * `$ref` or sits behind one. Spectral reports a result whose path crosses a `$ref` at the
 * referenced node; rules use this to point at the referencing operation instead when the
 * problem is the reference itself (a requestBody that must go, a status key that must change).
 */
export function isBehindRef(context: { document: unknown }, path: readonly (string | number)[]): boolean {
  let current: unknown;
  try {
    // `data` is a getter of Spectral's Document class, not an own property.
    current = (context.document as { data?: unknown } | null | undefined)?.data;
  } catch {
    return false;
  }
  for (const step of path) {
    if (isObject(current) && isString(current.$ref)) return true;
    if (isObject(current)) current = Object.prototype.hasOwnProperty.call(current, step) ? current[step as string] : undefined;
    else if (isArray(current) && typeof step === 'number') current = current[step];
    else return false;
  }
  return isObject(current) && isString(current.$ref);
}
