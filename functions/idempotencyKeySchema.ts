import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isInteger, isObject, type JsonObject, textOf } from './lib/guards';
import { IDEMPOTENCY_KEY, parameterPath, parametersNamed } from './lib/idempotency';
import { declaredTypes, operationTarget } from './lib/rate-limits';
import { deref, flattenSchema } from './lib/schema';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The parameter's schema: `schema`, else the schema of its `content` media type. */
function parameterSchema(parameter: JsonObject): unknown {
  if (has(parameter, 'schema')) return parameter.schema;
  if (isObject(parameter.content)) {
    for (const media of Object.values(parameter.content)) if (has(media, 'schema')) return get(media, 'schema');
  }
  return undefined;
}

/** The smallest `maxLength` declared on the schema or its allOf members. */
function maxLengthOf(schema: unknown, root: unknown): { value: unknown } | undefined {
  let found: { value: unknown } | undefined;
  for (const member of flattenSchema(schema, root).members) {
    if (!has(member, 'maxLength')) continue;
    const value = member.maxLength;
    if (!found || (isInteger(value) && (!isInteger(found.value) || value < found.value))) found = { value };
  }
  return found;
}

/**
 * `idempotency-key-schema`: a parameter named `Idempotency-Key` (any location, case-insensitive)
 * is `in: header`, with a `type: string` schema and a `maxLength` ≤ 255. One result per
 * parameter (at the parameter: operation-level, path-level or the component it references),
 * naming every problem. Given: operations under `paths`.
 */
export const idempotencyKeySchema = defineFunction<unknown, null>(
  { input: null, options: null },
  function idempotencyKeySchema(targetVal, _options, context): IFunctionResult[] {
    const target = operationTarget(targetVal, context);
    if (!target) return [];
    const results: IFunctionResult[] = [];
    for (const found of parametersNamed(target, IDEMPOTENCY_KEY)) {
      const { parameter } = found;
      const problems: string[] = [];
      if (parameter.in !== 'header') problems.push(`it is \`in: ${textOf(parameter.in)}\`: declare it \`in: header\``);
      const schema = deref(parameterSchema(parameter), target.root);
      if (!isObject(schema)) {
        problems.push('it has no schema: declare `schema: {type: string, maxLength: 255}`');
      } else if (typeof schema.$ref !== 'string') {
        // (a reference that could not be resolved is left alone: nothing to read)
        const types = declaredTypes(schema, target.root);
        if (!types) problems.push('its schema declares no type: add `type: string`');
        else if (!types.has('string')) problems.push(`its schema is ${[...types].join('/')}: use \`type: string\``);
        const maxLength = maxLengthOf(schema, target.root);
        if (!maxLength) problems.push(`its schema has no maxLength: add \`maxLength: ${MAX_IDEMPOTENCY_KEY_LENGTH}\` (or less) so keys can be stored and indexed`);
        else if (!isInteger(maxLength.value) || maxLength.value > MAX_IDEMPOTENCY_KEY_LENGTH) {
          problems.push(`its maxLength ${JSON.stringify(maxLength.value)} is above ${MAX_IDEMPOTENCY_KEY_LENGTH}: use at most ${MAX_IDEMPOTENCY_KEY_LENGTH} (a UUID is 36 characters)`);
        }
      }
      if (problems.length === 0) continue;
      const name = typeof parameter.name === 'string' ? parameter.name : IDEMPOTENCY_KEY;
      results.push({ message: `The ${name} parameter is not a bounded string header: ${problems.join('; ')}.`, path: parameterPath(target, found) });
    }
    return results;
  },
);

export default idempotencyKeySchema;
