import { defineFunction } from './lib/define';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { get, has, isObject } from './lib/guards';
import { operationLocation, resolvedRoot } from './lib/openapi';

/**
 * `rest-security-declared`: every operation has an effective security requirement (its own
 * `security`, else the root's); an explicit `security: []` (operation or root) declares a
 * public operation and passes. Given: the operations under `paths`; results at the operation.
 */
export const restSecurityDeclared = defineFunction<unknown, null>(
  { input: null, options: null },
  function restSecurityDeclared(operation, _options, context): IFunctionResult[] {
    if (!isObject(operation)) return [];
    const location = operationLocation(context.path);
    if (!location) return [];
    if (has(operation, 'security')) return [];
    const root = resolvedRoot(context);
    if (has(root, 'security') && get(root, 'security') !== null) return [];
    return [
      {
        message: `${location.method.toUpperCase()} ${location.pathKey} declares no security requirement and the document has no root \`security\`; add \`security\` (e.g. \`- bearerAuth: []\`) or \`security: []\` if the operation is public on purpose.`,
        path: [...context.path],
      },
    ];
  },
);

export default restSecurityDeclared;
