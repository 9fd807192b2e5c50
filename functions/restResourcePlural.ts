import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject, keysOf } from './lib/guards';
import {
  compileRegexes,
  hasParamChild,
  headWord,
  isParticiple,
  isPluralWord,
  matchesAny,
  pluralizeSegment,
  restSegments,
  segmentWords,
  wordSet,
} from './lib/rest';

export interface RestResourcePluralOptions {
  /** Words (or whole segments) accepted in singular form: singletons and mass nouns. */
  singular: string[];
  /** Regexes of segments that are not resources (version and `api` prefixes). */
  ignore: string[];
}

/**
 * `rest-resource-plural`: a static segment followed by a `{param}` segment, or a last static
 * segment with a sibling `<path>/{param}`, names a collection and must be a plural noun (its
 * last word, by the `inflection` library). Given: `$.paths`; results at the path key.
 */
export const restResourcePlural = defineFunction<unknown, RestResourcePluralOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        singular: { type: 'array', items: { type: 'string' } },
        ignore: { type: 'array', items: { type: 'string', format: 'regex' } },
      },
    },
  },
  function restResourcePlural(paths, options): IFunctionResult[] {
    if (!isObject(paths)) return [];
    const singular = wordSet(options?.singular);
    const ignore = compileRegexes(options?.ignore);
    const keys = keysOf(paths);
    const results: IFunctionResult[] = [];
    for (const pathKey of keys) {
      const segments = restSegments(pathKey);
      const reported = new Set<string>();
      segments.forEach((segment, i) => {
        if (segment.isParam || segment.exempt || reported.has(segment.value)) return;
        const next = segments[i + 1];
        const isCollection = next ? next.isParam : hasParamChild(pathKey, keys);
        if (!isCollection) return;
        if (matchesAny(segment.value, ignore) || matchesAny(segment.name, ignore)) return;
        const words = segmentWords(segment.name);
        const last = headWord(words);
        if (!last) return;
        if (singular.has(last) || singular.has(segment.name.toLowerCase())) return;
        if (isPluralWord(last) || isParticiple(last)) return;
        reported.add(segment.value);
        const plural = pluralizeSegment(segment.name);
        results.push({
          message: `Path segment "${segment.value}" names a collection; use the plural "${plural}" (or add "${last}" to the rule's \`singular\` option if it is a singleton or mass noun).`,
          path: ['paths', pathKey],
        });
      });
    }
    return results;
  },
);

export default restResourcePlural;
