import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { isObject, keysOf } from './lib/guards';
import { CASE_PATTERNS, compileRegexes, matchesAny, restSegments, toCase, type PathCase } from './lib/rest';

export interface RestPathKebabCaseOptions {
  /** The case every static segment follows. */
  case: PathCase;
  /** Regexes of segments exempt from the check. */
  ignore: string[];
}

const CASE_NAMES: Record<PathCase, string> = { kebab: 'kebab-case', snake: 'snake_case', camel: 'camelCase' };

/**
 * `rest-path-kebab-case`: every static path segment matches the chosen case (kebab by
 * default; version segments included). A format extension (`.json`) is not part of the
 * segment's name and `.well-known` is exempt. Given: `$.paths`; one result per offending
 * segment value per path key.
 */
export const restPathKebabCase = defineFunction<unknown, RestPathKebabCaseOptions>(
  {
    input: null,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        case: { enum: ['kebab', 'snake', 'camel'] },
        ignore: { type: 'array', items: { type: 'string', format: 'regex' } },
      },
    },
  },
  function restPathKebabCase(paths, options): IFunctionResult[] {
    if (!isObject(paths)) return [];
    const wanted: PathCase = options?.case && options.case in CASE_PATTERNS ? options.case : 'kebab';
    const pattern = CASE_PATTERNS[wanted];
    const ignore = compileRegexes(options?.ignore);
    const results: IFunctionResult[] = [];
    for (const pathKey of keysOf(paths)) {
      const reported = new Set<string>();
      for (const segment of restSegments(pathKey)) {
        if (segment.isParam || segment.exempt || reported.has(segment.value)) continue;
        if (matchesAny(segment.value, ignore)) continue;
        if (pattern.test(segment.name)) continue;
        reported.add(segment.value);
        const suggestion = toCase(segment.name, wanted);
        results.push({
          message: `Path segment "${segment.value}" is not ${CASE_NAMES[wanted]}; rename it to "${suggestion}".`,
          path: ['paths', pathKey],
        });
      }
    }
    return results;
  },
);

export default restPathKebabCase;
