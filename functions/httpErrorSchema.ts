import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, isObject, type JsonObject, entriesOf } from './lib/guards';
import { operationLocation, resolvedRoot } from './lib/openapi';
import { schemaDeclares } from './lib/rate-limits';
import { deref } from './lib/schema';
import { bareMediaType, mediaTypes, responsesOf, schemaPropertyNames, statusClass } from './lib/rest';

export interface HttpErrorSchemaOptions {
  /** seed: `{code, message}`; problem-json: RFC 9457 `application/problem+json`; either: one or the other. */
  format: 'seed' | 'problem-json' | 'either';
}

const SEED_FIELDS = ['code', 'message'];
const PROBLEM_FIELDS = ['type', 'title', 'status'];
const PROBLEM_JSON = 'application/problem+json';

function missing(names: Set<string>, wanted: readonly string[]): string[] {
  return wanted.filter((w) => !names.has(w));
}

/**
 * Property names of a schema through `$ref` and `allOf`, plus the `wanted` ones every
 * `oneOf`/`anyOf` alternative declares (an error that is one of several shapes, each with
 * `code` and `message`, has both).
 */
function declaredNames(schema: unknown, root: unknown, wanted: readonly string[]): Set<string> {
  const names = schemaPropertyNames(schema, root);
  for (const field of wanted) if (!names.has(field) && schemaDeclares(schema, field, root) === true) names.add(field);
  return names;
}

/**
 * Fields of the seed error schema missing from a body schema. Wrappers count: an `error`
 * object, or an `errors` array whose items have `code` and `message`.
 */
function seedMissing(schema: unknown, root: unknown): string[] {
  // Error schemas are shared (one resolved component behind hundreds of responses): remember
  // the answer per resolved document and schema object.
  if (!isObject(schema) || !isObject(root)) return computeSeedMissing(schema, root);
  let perRoot = seedCache.get(root);
  if (!perRoot) seedCache.set(root, (perRoot = new WeakMap()));
  let gap = perRoot.get(schema);
  if (!gap) perRoot.set(schema, (gap = computeSeedMissing(schema, root)));
  return gap;
}

const seedCache = new WeakMap<object, WeakMap<object, string[]>>();

function computeSeedMissing(schema: unknown, root: unknown): string[] {
  const direct = missing(declaredNames(schema, root, SEED_FIELDS), SEED_FIELDS);
  if (direct.length === 0) return direct;
  const wrappers = [findProperty(schema, 'error', root), deref(get(findProperty(schema, 'errors', root), 'items'), root)];
  for (const wrapper of wrappers) {
    if (wrapper === undefined) continue;
    if (missing(declaredNames(wrapper, root, SEED_FIELDS), SEED_FIELDS).length === 0) return [];
  }
  return direct;
}

function findProperty(schema: unknown, name: string, root: unknown): unknown {
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number): unknown => {
    const s = deref(node, root);
    if (!isObject(s) || seen.has(s) || depth > 32) return undefined;
    seen.add(s);
    const direct = get(s, 'properties', name);
    if (direct !== undefined) return deref(direct, root);
    const allOf = get(s, 'allOf');
    if (Array.isArray(allOf)) {
      for (const m of allOf) {
        const found = visit(m, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return visit(schema, 0);
}

/**
 * `http-error-schema`: every 4xx/5xx response (codes and `4XX`/`5XX` ranges; `default` is not
 * judged, nor are HEAD operations, whose responses have no body) has content with a schema:
 * seed: a schema with `code` and `message` properties (directly, in an `error` object or
 * in the items of an `errors` array);
 * problem-json: an `application/problem+json` media type whose schema has `type`, `title`
 * and `status`; either: one of the two. Properties are read through `allOf` and `$ref`.
 * Given: the operations under `paths`; results at the response.
 */
export const httpErrorSchema = defineFunction<unknown, HttpErrorSchemaOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        format: { enum: ['seed', 'problem-json', 'either'] },
      },
    },
  },
  function httpErrorSchema(operation, options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location || location.method === 'head') return [];
    const responses = responsesOf(operation);
    if (!responses) return [];
    const format = options?.format ?? 'seed';
    const root = resolvedRoot(context);
    const wantSeed = format === 'seed' || format === 'either';
    const wantProblem = format === 'problem-json' || format === 'either';
    const expected =
      format === 'seed'
        ? 'an error schema with `code` and `message` properties'
        : format === 'problem-json'
          ? '`application/problem+json` content whose schema has `type`, `title` and `status` (RFC 9457)'
          : 'an error schema with `code` and `message`, or `application/problem+json` with `type`, `title` and `status`';
    const results: IFunctionResult[] = [];
    for (const [key, response] of entriesOf(responses)) {
      const cls = statusClass(key);
      if (cls !== 4 && cls !== 5) continue;
      if (!isObject(response)) continue;
      const withSchema = mediaTypes(response).filter(
        (entry): entry is [string, JsonObject] => isObject(entry[1].schema) || typeof entry[1].schema === 'boolean',
      );
      const path = [...context.path, 'responses', key];
      if (withSchema.length === 0) {
        results.push({
          message: `Error response has no body schema; add ${expected}.`,
          path,
        });
        continue;
      }
      let seedGap: string[] | undefined;
      let problemGap: string[] | undefined;
      let ok = false;
      for (const [mediaType, media] of withSchema) {
        if (wantSeed) {
          const gap = seedMissing(media.schema, root);
          if (gap.length === 0) ok = true;
          else if (!seedGap || gap.length < seedGap.length) seedGap = gap;
        }
        if (wantProblem && bareMediaType(mediaType) === PROBLEM_JSON) {
          const gap = missing(declaredNames(media.schema, root, PROBLEM_FIELDS), PROBLEM_FIELDS);
          if (gap.length === 0) ok = true;
          else if (!problemGap || gap.length < problemGap.length) problemGap = gap;
        }
      }
      if (ok) continue;
      const details: string[] = [];
      if (wantSeed && seedGap) details.push(`its error schema lacks ${seedGap.map((f) => `\`${f}\``).join(' and ')}`);
      if (wantProblem) {
        details.push(
          problemGap
            ? `its problem+json schema lacks ${problemGap.map((f) => `\`${f}\``).join(', ')}`
            : 'it has no `application/problem+json` content',
        );
      }
      results.push({
        message: `Error response does not follow the error format: ${details.join('; ')}. Use ${expected}.`,
        path,
      });
    }
    return results;
  },
);

export default httpErrorSchema;
