import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject, keysOf } from './lib/guards';
import { ACTION_VERBS, isVerbNounCompound, restSegments, segmentWords, wordSet } from './lib/rest';

export interface RestNoVerbsInPathOptions {
  /** Verbs accepted at the start of a segment anyway (e.g. `["list"]`). */
  allow: string[];
}

const VERBS = new Set(ACTION_VERBS);

/**
 * `rest-no-verbs-in-path`: no static path segment starts with an action verb (`getUsers`,
 * `create-order`, `users/delete`); whole words only, so `settings` and `addresses` pass.
 * Given: `$.paths`; one result per offending segment per path key.
 */
export const restNoVerbsInPath = defineFunction<unknown, RestNoVerbsInPathOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  function restNoVerbsInPath(paths, options): IFunctionResult[] {
    if (!isObject(paths)) return [];
    const allow = wordSet(options?.allow);
    const results: IFunctionResult[] = [];
    for (const pathKey of keysOf(paths)) {
      const reported = new Set<string>();
      for (const segment of restSegments(pathKey)) {
        if (segment.isParam || segment.exempt || reported.has(segment.value)) continue;
        const words = segmentWords(segment.name);
        if (isVerbNounCompound(words)) continue;
        const verb = words[0];
        if (!verb || !VERBS.has(verb) || allow.has(verb)) continue;
        reported.add(segment.value);
        const rest = words.slice(1);
        const hint =
          rest.length > 0
            ? `name the resource ("${rest.join('-')}") and let the HTTP method say what happens`
            : 'remove it and let the HTTP method say what happens';
        results.push({
          message: `Path segment "${segment.value}" starts with the verb "${verb}"; ${hint}.`,
          path: ['paths', pathKey],
        });
      }
    }
    return results;
  },
);

export default restNoVerbsInPath;
