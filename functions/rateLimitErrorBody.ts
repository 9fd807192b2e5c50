import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isObject, keysOf, entriesOf } from './lib/guards';
import {
  baseMediaType,
  isJsonMediaType,
  isRateLimitExempt,
  isRefNode,
  operationTarget,
  PROBLEM_JSON,
  responseEntries,
  schemaDeclares,
  type Path,
} from './lib/rate-limits';
import { getSchemaProperty } from './lib/schema';

export type ErrorFormat = 'seed' | 'problem-json' | 'either';

export interface RateLimitErrorBodyOptions {
  format: ErrorFormat;
}

/** Seed convention: `{code, message, retry_after}`. */
export const SEED_429_FIELDS = ['code', 'message', 'retry_after'] as const;
/** RFC 9457 problem details members every problem+json error schema declares. */
export const PROBLEM_FIELDS = ['type', 'title', 'status'] as const;

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * Names accepted for each seed field: the catalog's name first (used in messages), then
 * common spellings of the same member (`error` as the code, camelCase `retryAfter`).
 */
const SEED_ALIASES: Record<string, readonly string[]> = {
  code: ['code', 'error_code', 'errorCode', 'error'],
  message: ['message', 'error_description', 'error_message'],
  retry_after: ['retry_after', 'retryAfter'],
};

/**
 * Properties of `fields` the schema does not declare; undefined when the schema is opaque.
 * With `nested`, a field also counts when an `error` object property declares it
 * (`{error: {code, message}}` envelopes), and the aliases above count.
 */
function missingFields(schema: unknown, fields: readonly string[], root: unknown, nested: boolean): string[] | undefined {
  const missing: string[] = [];
  const errorObject = nested ? getSchemaProperty(schema, 'error', root) : undefined;
  for (const field of fields) {
    const names = nested ? (SEED_ALIASES[field] ?? [field]) : [field];
    let found = false;
    for (const name of names) {
      const declared = schemaDeclares(schema, name, root);
      if (declared === undefined) return undefined;
      if (declared || (isObject(errorObject) && schemaDeclares(errorObject, name, root) === true)) {
        found = true;
        break;
      }
    }
    if (!found) missing.push(field);
  }
  return missing;
}

interface Check {
  /** true: compliant; otherwise the result to report. */
  ok: boolean;
  /** Undetermined (opaque schema): report nothing. */
  unknown?: boolean;
  message?: string;
  path?: Path;
}

function checkSeed(content: Record<string, unknown>, responsePath: Path, root: unknown): Check {
  const json = entriesOf(content).filter(([mediaType]) => isJsonMediaType(mediaType) && baseMediaType(mediaType) !== PROBLEM_JSON);
  const withSchema = json.filter(([, media]) => has(media, 'schema'));
  if (withSchema.length === 0) {
    return {
      ok: false,
      message: `The 429 response has no JSON error body schema: add \`content: {application/json: {schema: ...}}\` with ${list(SEED_429_FIELDS)}.`,
      path: json.length ? [...responsePath, 'content', json[0][0]] : responsePath,
    };
  }
  let first: Check | undefined;
  for (const [mediaType, media] of withSchema) {
    const schema = get(media, 'schema');
    const missing = missingFields(schema, SEED_429_FIELDS, root, true);
    if (missing === undefined) return { ok: true, unknown: true };
    if (missing.length === 0) return { ok: true };
    first ??= {
      ok: false,
      message: `The 429 error body does not declare ${list(missing)}: the body carries an error \`code\`, a \`message\` and \`retry_after\` (seconds until the client may retry).`,
      path: [...responsePath, 'content', mediaType, 'schema'],
    };
  }
  return first ?? { ok: true };
}

function checkProblem(content: Record<string, unknown>, responsePath: Path, root: unknown): Check {
  const problem = entriesOf(content).find(([mediaType]) => baseMediaType(mediaType) === PROBLEM_JSON);
  if (!problem) {
    return {
      ok: false,
      message: `The 429 response is not ${PROBLEM_JSON}: describe the error as RFC 9457 problem details (\`content: {application/problem+json: {schema: ...}}\` with ${list(PROBLEM_FIELDS)}).`,
      path: keysOf(content).length ? [...responsePath, 'content'] : responsePath,
    };
  }
  const [mediaType, media] = problem;
  if (!has(media, 'schema')) {
    return {
      ok: false,
      message: `The 429 ${PROBLEM_JSON} body has no schema: add one with ${list(PROBLEM_FIELDS)}.`,
      path: [...responsePath, 'content', mediaType],
    };
  }
  const missing = missingFields(get(media, 'schema'), PROBLEM_FIELDS, root, false);
  if (missing === undefined) return { ok: true, unknown: true };
  if (missing.length === 0) return { ok: true };
  return {
    ok: false,
    message: `The 429 ${PROBLEM_JSON} schema does not declare ${list(missing)}: problem details have \`type\`, \`title\` and \`status\`.`,
    path: [...responsePath, 'content', mediaType, 'schema'],
  };
}

/**
 * `rate-limit-error-body`: a 429 response body is the error format of the convention:
 * seed `{code, message, retry_after}`, problem-json RFC 9457 `application/problem+json`
 * with `type`, `title`, `status`, or either. Given: operations under `paths`; results at the
 * response (no body), the media type, or the schema (missing properties). A schema that is a
 * `$ref` (typically the shared error schema, right for other errors) is reported at its media
 * type: the 429's choice of schema is what must change, not the shared component.
 */
export const rateLimitErrorBody = defineFunction<unknown, RateLimitErrorBodyOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { format: { enum: ['seed', 'problem-json', 'either'] } },
      required: ['format'],
      additionalProperties: false,
    },
  },
  function rateLimitErrorBody(targetVal, options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target || isRateLimitExempt(target)) return [];
    const format: ErrorFormat = options?.format ?? 'seed';
    const results: IFunctionResult[] = [];
    for (const [code, response] of responseEntries(target.operation)) {
      if (code !== '429') continue;
      const responsePath: Path = [...target.path, 'responses', code];
      const content = response.content;
      if (!isObject(content) || keysOf(content).length === 0) {
        const what =
          format === 'seed'
            ? `a JSON body with ${list(SEED_429_FIELDS)}`
            : format === 'problem-json'
              ? `an ${PROBLEM_JSON} body with ${list(PROBLEM_FIELDS)}`
              : `a JSON body with ${list(SEED_429_FIELDS)} or an ${PROBLEM_JSON} body`;
        results.push({ message: `The 429 response has no body: add ${what}.`, path: responsePath });
        continue;
      }
      const root = target.root;
      if (format === 'seed') {
        const check = checkSeed(content, responsePath, root);
        if (!check.ok) results.push({ message: check.message!, path: check.path! });
      } else if (format === 'problem-json') {
        const check = checkProblem(content, responsePath, root);
        if (!check.ok) results.push({ message: check.message!, path: check.path! });
      } else {
        const problem = checkProblem(content, responsePath, root);
        if (problem.ok) continue;
        const seed = checkSeed(content, responsePath, root);
        if (seed.ok) continue;
        const hasProblemMedia = keysOf(content).some((m) => baseMediaType(m) === PROBLEM_JSON);
        const chosen = hasProblemMedia ? problem : seed;
        results.push({
          message: `${chosen.message!.replace(/\.$/, '')} (or use the other accepted error format: ${hasProblemMedia ? `a JSON body with ${list(SEED_429_FIELDS)}` : `${PROBLEM_JSON} with ${list(PROBLEM_FIELDS)}`}).`,
          path: chosen.path!,
        });
      }
    }
    return results.map((result) => {
      const path = result.path ?? [];
      return path[path.length - 1] === 'schema' && isRefNode(context, path) ? { ...result, path: path.slice(0, -1) } : result;
    });
  },
);

export default rateLimitErrorBody;
