import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, isObject, keysOf } from './lib/guards';
import { findHeader } from './lib/headers';
import { operationLocation, resolvedRoot } from './lib/openapi';
import {
  compileRegexes,
  DEFAULT_IGNORE,
  hasParamChild,
  isPluralWord,
  matchesAny,
  responsesOf,
  restSegments,
  segmentWords,
  wordSet,
} from './lib/rest';

export interface HttpPostCreate201Options {
  /** Last path segments that name an action, where a POST is not a creation. */
  allowActions: string[];
}

const IGNORE = compileRegexes(DEFAULT_IGNORE);

/**
 * `http-post-create-201`: a POST on a collection path answers 201 Created (or 202 Accepted
 * for asynchronous creation), and the 201 declares a `Location` header. A collection path ends
 * in a static segment that is not an allowed action and names a collection: its last word is
 * plural, or a sibling `<path>/{param}` exists. Singular last segments (`/orders/{id}/cancel`,
 * `/auth/token`) name actions or singletons, not collections.
 * Given: `$.paths[*].post`; results at the operation (no 201/202) or at the 201 response.
 */
export const httpPostCreate201 = defineFunction<unknown, HttpPostCreate201Options>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowActions: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  function httpPostCreate201(operation, options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location || location.method !== 'post') return [];
    const segments = restSegments(location.pathKey);
    const last = segments[segments.length - 1];
    if (!last || last.isParam || last.exempt || matchesAny(last.value, IGNORE)) return [];
    const actions = wordSet(options?.allowActions);
    const words = segmentWords(last.name);
    const lastWord = words[words.length - 1];
    if (!lastWord) return [];
    if (actions.has(last.name.toLowerCase()) || actions.has(lastWord) || (words[0] !== undefined && actions.has(words[0]))) {
      return [];
    }
    const root = resolvedRoot(context);
    const paths = get(root, 'paths');
    const siblings = isObject(paths) ? keysOf(paths) : [];
    if (!isPluralWord(lastWord) && !hasParamChild(location.pathKey, siblings)) return [];

    const responses = responsesOf(operation);
    if (!responses) return [];
    const keys = keysOf(responses).map((k) => k.trim().toUpperCase());
    const has201 = keys.includes('201');
    if (!has201) {
      // 202: asynchronous creation; 204: the POST creates nothing it could point at.
      if (keys.includes('202') || keys.includes('2XX') || keys.includes('204')) return [];
      return [
        {
          message: `POST ${location.pathKey} creates a resource in a collection but documents no 201 Created response; add a 201 with a Location header (or 202 Accepted if creation is asynchronous).`,
          path: [...context.path],
        },
      ];
    }
    const key201 = keysOf(responses).find((k) => k.trim() === '201') ?? '201';
    const response = responses[key201];
    if (!isObject(response)) return [];
    if (findHeader(get(response, 'headers'), 'Location')) return [];
    return [
      {
        message: `201 Created response declares no Location header; add \`headers: { Location: { schema: { type: string, format: uri } } }\` pointing at the created resource.`,
        path: [...context.path, 'responses', key201],
      },
    ];
  },
);

export default httpPostCreate201;
