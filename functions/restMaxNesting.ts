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
  restSegments,
  segmentWords,
  type RestSegment,
} from './lib/rest';

/** Does a path's last (static) segment name a collection: a plural head word, or a `<path>/{param}` sibling? */
function namesCollection(segment: RestSegment | undefined, pathKey: string, keys: readonly string[]): boolean {
  if (!segment) return true;
  const head = headWord(segmentWords(segment.name));
  if (!head) return true;
  return isPluralWord(head) || isParticiple(head) || hasParamChild(pathKey, keys);
}

export interface RestMaxNestingOptions {
  /** Most resource levels a path may have. */
  max: number;
  /** Regexes of leading segments that are not resource levels (version and `api` prefixes). */
  ignore: string[];
}

/**
 * `rest-max-nesting`: a path has at most `max` resource levels. A level is a run of static
 * segments ended by a `{param}` or by the end of the path (`/users/{id}/orders` = 2;
 * `/admin/users/{id}` = 1, a namespace is not a level of its own; a trailing run counts only
 * when it names a collection: plural last word or a sibling `<path>/{param}`, so
 * `/repos/{repo}/lock` = 1); leading segments matching
 * `ignore` (`v1`, `api`) or without letters (date versions such as `2010-04-01`) do not count. Given: `$.paths`; one result per path key.
 */
export const restMaxNesting = defineFunction<unknown, RestMaxNestingOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        max: { type: 'integer', minimum: 1 },
        ignore: { type: 'array', items: { type: 'string', format: 'regex' } },
      },
    },
  },
  function restMaxNesting(paths, options): IFunctionResult[] {
    if (!isObject(paths)) return [];
    const max = typeof options?.max === 'number' ? options.max : 3;
    const ignore = compileRegexes(options?.ignore);
    const results: IFunctionResult[] = [];
    const keys = keysOf(paths);
    for (const pathKey of keys) {
      const segments = restSegments(pathKey);
      let start = 0;
      while (
        start < segments.length &&
        !segments[start].isParam &&
        (matchesAny(segments[start].value, ignore) || !/[a-z]/i.test(segments[start].value))
      ) {
        start++;
      }
      const levels: string[] = [];
      let inRun = false;
      for (const segment of segments.slice(start)) {
        if (segment.isParam) {
          inRun = false;
          continue;
        }
        if (inRun) levels[levels.length - 1] = segment.value;
        else levels.push(segment.value);
        inRun = true;
      }
      // A trailing run (not followed by a `{param}`) is a resource level only when it names a
      // collection: its last word is plural, or a sibling `<path>/{param}` exists. A trailing
      // action or singleton (`/repos/{repo}/lock`, `/versions/{id}/restore`, `/users/{id}/profile`)
      // is not a collection segment and does not count.
      if (inRun && levels.length > 0 && !namesCollection(segments[segments.length - 1], pathKey, keys)) levels.pop();
      if (levels.length <= max) continue;
      results.push({
        message: `Path "${pathKey}" nests ${levels.length} resource levels (${levels.join(' → ')}); at most ${max} are allowed. Expose the nested resource at a shorter path (e.g. "/${levels[levels.length - 2]}/{id}/${levels[levels.length - 1]}" or a top-level "/${levels[levels.length - 1]}").`,
        path: ['paths', pathKey],
      });
    }
    return results;
  },
);

export default restMaxNesting;
