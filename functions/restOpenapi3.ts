import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { has, isObject, textOf } from './lib/guards';

/**
 * `rest-openapi-3`: a Swagger 2.0 document gets one result at its `swagger` key.
 * Given: the document root.
 */
export const restOpenapi3 = defineFunction<unknown, null>(
  { input: null, options: null },
  function restOpenapi3(targetVal): IFunctionResult[] {
    if (!isObject(targetVal) || !has(targetVal, 'swagger')) return [];
    return [
      {
        message: `The document is Swagger ${textOf(targetVal.swagger)}; describe the API in OpenAPI 3.x (convert it with swagger2openapi or your editor's converter and replace "swagger" with "openapi: 3.1.0").`,
        path: ['swagger'],
      },
    ];
  },
);

export default restOpenapi3;
